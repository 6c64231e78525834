"""/healthz names the state of the database, broker and workers (in-process mode here)."""

from django.db import connections

from observatory import health
from observatory.celery import app


def test_healthz_ok_in_process_mode(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"]["status"] == "ok"
    assert body["broker"] == {"status": "ok", "mode": "in-process"}
    assert body["workers"]["mode"] == "in-process"
    assert response["Cache-Control"].startswith("max-age=0")


class UnreachableDatabase:
    vendor = "postgresql"

    def cursor(self):
        raise connections["default"].Database.OperationalError("connection refused")


def test_healthz_503_when_database_is_down(client, db, monkeypatch):
    monkeypatch.setattr(health, "connections", {"default": UnreachableDatabase()})
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"]["status"] == "down"


def test_healthz_503_when_broker_unreachable(client, db, monkeypatch):
    # A real connection attempt to a port where nothing listens.
    monkeypatch.setitem(app.conf, "task_always_eager", False)
    monkeypatch.setitem(app.conf, "broker_url", "redis://127.0.0.1:1/0")
    monkeypatch.setattr(health, "BROKER_TIMEOUT", 0.5)
    app.pool.force_close_all()
    try:
        response = client.get("/healthz")
    finally:
        # Closed, the pool refuses every later task: start the next test with a new one.
        from kombu import pools

        app.pool.force_close_all()
        pools.reset()  # kombu keeps producer pools per connection, the closed one too
        app._pool = None
        app.amqp._producer_pool = None
    assert response.status_code == 503
    body = response.json()
    assert body["broker"]["status"] == "down"
    assert body["workers"]["status"] == "unknown"
