"""Runtime tasks: the outbox, the bridge from django-tasks and wagtail-localize, a round trip."""

import socket

from django.core.cache import cache
from django.utils.module_loading import import_string

from celery import shared_task

from . import outbox
from .task_arguments import decode_arguments


@shared_task(acks_late=True)
def run_outbox_message(message_id):
    """Run one outbox message once (observatory.outbox.deliver)."""
    outbox.deliver(message_id)


@shared_task
def sweep_outbox():
    """Hand to the broker every outbox message still owed (beat, every minute)."""
    return outbox.sweep()


@shared_task
def run_django_task(module_path, args, kwargs):
    """Run a django-tasks task (Wagtail's index updates) on a worker."""
    task = import_string(module_path)
    return task.call(*decode_arguments(args), **decode_arguments(kwargs))


@shared_task
def run_callable(module_path, args, kwargs):
    """Run a wagtail-localize background job on a worker."""
    func = import_string(module_path)
    func(*decode_arguments(args), **decode_arguments(kwargs))


ROUNDTRIP_KEY = "observatory:roundtrip:{token}"


@shared_task
def record_roundtrip(token):
    """Write down which worker ran this task: proof that the queue delivers."""
    cache.set(ROUNDTRIP_KEY.format(token=token), socket.gethostname(), timeout=3600)
