from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewslettersConfig(AppConfig):
    name = "newsletters"
    verbose_name = _("Newsletters")

    def ready(self):
        from django.contrib.auth import get_user_model
        from django.db.models.signals import m2m_changed, post_save

        from . import sections, webhooks  # noqa: F401
        from .contacts import on_groups_changed, on_user_saved

        User = get_user_model()
        # Member-city contacts follow the city teams (a team is a Wagtail group).
        m2m_changed.connect(
            on_groups_changed, sender=User.groups.through, dispatch_uid="newsletters.groups"
        )
        post_save.connect(on_user_saved, sender=User, dispatch_uid="newsletters.user_saved")
        # The email service's tracking webhook (django-anymail).
        webhooks.connect()
