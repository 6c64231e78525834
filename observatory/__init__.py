"""The Observatory Django project: settings, urls, the Celery app and runtime plumbing."""

from .celery import app as celery_app

__all__ = ["celery_app"]
