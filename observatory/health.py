"""/healthz: the state of the database, the broker and the workers."""

from django.conf import settings
from django.db import connections
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .celery import app

BROKER_TIMEOUT = 2.0
WORKER_PING_TIMEOUT = 1.0


def check_database():
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # any failure means the site cannot serve
        return {"status": "down", "error": error.__class__.__name__}
    return {"status": "ok", "vendor": connections["default"].vendor}


def check_broker():
    if app.conf.task_always_eager:
        return {"status": "ok", "mode": "in-process"}
    try:
        with app.connection_for_write() as connection:
            connection.ensure_connection(max_retries=1, timeout=BROKER_TIMEOUT)
    except Exception as error:
        return {"status": "down", "error": error.__class__.__name__}
    return {"status": "ok", "mode": "redis"}


def check_workers(broker):
    if app.conf.task_always_eager:
        return {"status": "ok", "mode": "in-process", "count": 0}
    if broker["status"] != "ok":
        return {"status": "unknown", "count": 0}
    try:
        replies = app.control.ping(timeout=WORKER_PING_TIMEOUT) or []
    except Exception as error:
        return {"status": "down", "count": 0, "error": error.__class__.__name__}
    names = sorted(name for reply in replies for name in reply)
    return {"status": "ok" if names else "down", "count": len(names), "workers": names}


@never_cache
@require_GET
def healthz(request):
    database = check_database()
    broker = check_broker()
    workers = check_workers(broker)
    healthy = all(part["status"] == "ok" for part in (database, broker, workers))
    body = {
        "status": "ok" if healthy else "down",
        "version": settings.OBSERVATORY_VERSION,
        "database": database,
        "broker": broker,
        "workers": workers,
    }
    return JsonResponse(body, status=200 if healthy else 503)
