from django.apps import AppConfig


class ObservatoryConfig(AppConfig):
    name = "observatory"
    verbose_name = "Observatory"

    def ready(self):
        # Runs after wagtail.admin's ready(), which connects the handlers replaced here.
        from initiatives.moderation import connect_signals

        connect_signals()
