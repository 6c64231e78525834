"""Celery beat's scheduler for the embedded default: what was never run is due at once.

`make run` (no ``REDIS_URL``) starts ``celery beat`` beside the web server with this
scheduler. Tasks are eager there (``CELERY_TASK_ALWAYS_EAGER``), so beat runs each
due task in its own process, on the same SQLite database. Celery's own scheduler
waits one full interval before an entry's first run (an hour for reminders); this
one runs a new entry at once, and an entry kept in the schedule file since a
previous run is due as soon as its interval has passed, however long beat was down.
"""

from datetime import timedelta

from celery.beat import PersistentScheduler, ScheduleEntry


class CatchUpEntry(ScheduleEntry):
    def __init__(self, name=None, task=None, last_run_at=None, *args, **kwargs):
        super().__init__(name, task, last_run_at, *args, **kwargs)
        if last_run_at is None:  # never run: as if its last run were long ago
            self.last_run_at = self.default_now() - timedelta(days=366)


class CatchUpScheduler(PersistentScheduler):
    Entry = CatchUpEntry
