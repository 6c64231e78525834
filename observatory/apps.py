from django.apps import AppConfig


class ObservatoryConfig(AppConfig):
    """The project's runtime: settings, Celery and its outbox, health, the rate-limit table."""

    name = "observatory"
    verbose_name = "Observatory"
