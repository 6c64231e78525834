"""Background-job backends that hand Wagtail's and wagtail-localize's work to Celery."""

from django_tasks import TaskResult, TaskResultStatus
from django_tasks.backends.base import BaseTaskBackend
from django_tasks.utils import get_module_path, get_random_id

from . import outbox
from .task_arguments import encode_arguments
from .tasks import run_callable, run_django_task


class CeleryBackend(BaseTaskBackend):
    """django-tasks backend: each task goes to the outbox, then to Celery after the commit.

    Wagtail 8 queues its search-index and reference-index updates through
    django-tasks; with this backend they run on the Celery workers (or in-process
    when there is no broker, as Celery runs eagerly then).
    """

    def enqueue(self, task, args, kwargs):
        self.validate_task(task)
        result = TaskResult(
            task=task,
            id=get_random_id(),
            status=TaskResultStatus.READY,
            enqueued_at=None,
            started_at=None,
            last_attempted_at=None,
            finished_at=None,
            args=args,
            kwargs=kwargs,
            backend=self.alias,
            errors=[],
            worker_ids=[],
        )
        # Through the outbox: the page saved now gets its index update even if Redis is down.
        outbox.enqueue(
            run_django_task,
            task.module_path,
            encode_arguments(list(args)),
            encode_arguments(kwargs),
        )
        return result


class LocalizeJobBackend:
    """wagtail-localize job backend (WAGTAILLOCALIZE_JOBS): tree synchronisation on Celery."""

    def __init__(self, options):
        self.options = options

    def enqueue(self, func, args, kwargs):
        outbox.enqueue(
            run_callable,
            get_module_path(func),
            encode_arguments(list(args)),
            encode_arguments(kwargs),
        )
