"""Real services for integration tests: PostgreSQL, Redis and a Celery worker process."""

import asyncio
import email
import email.policy
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

from django.conf import settings
from django.db import connection

import pytest

from observatory.celery import app
from tests.conftest import missing_service

ROOT = Path(__file__).resolve().parents[2]
WORKER_START_TIMEOUT = 60


def redis_answers():
    import redis

    if not settings.REDIS_URL:
        return False
    try:
        return redis.Redis.from_url(settings.REDIS_URL, socket_timeout=2).ping()
    except redis.RedisError:
        return False


@pytest.fixture(scope="session")
def real_services(django_db_setup, django_db_blocker):
    """PostgreSQL as the test database and a Redis that answers, or a clear reason why not."""
    with django_db_blocker.unblock():
        vendor = connection.vendor
    if vendor != "postgresql":
        missing_service(
            "integration tests need PostgreSQL: set DATABASE_URL=postgres://… (make test does)"
        )
    if not redis_answers():
        missing_service("integration tests need Redis: set REDIS_URL=redis://… (make test does)")
    return True


@pytest.fixture
def broker(real_services, monkeypatch):
    """Send tasks through Redis instead of running them in-process."""
    monkeypatch.setitem(app.conf, "task_always_eager", False)
    yield app


def database_url():
    db = connection.settings_dict
    user = db.get("USER") or "postgres"
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or 5432
    return f"postgres://{user}@{host}:{port}/{db['NAME']}"


class WorkerProcess:
    """A `celery worker` subprocess with its own node name."""

    def __init__(self, env=None, concurrency=1, control=None):
        self.extra_env = env or {}
        self.concurrency = concurrency
        # The app that asks it whether it is ready: another broker's when env names one.
        self.control = control or app.control
        self.name = f"itest-{uuid.uuid4().hex[:8]}@{os.uname().nodename}"
        self.log_path = ROOT / "var" / "test-logs" / f"{self.name.split('@')[0]}.log"
        self.process = None

    def start(self):
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "observatory.settings.test",
            "DATABASE_URL": database_url(),
            "DATABASE_CONN_MAX_AGE": "0",
            "REDIS_URL": settings.REDIS_URL,
            "OBSERVATORY_EAGER_TASKS": "0",
            **self.extra_env,
        }
        command = [
            sys.executable, "-m", "celery", "-A", "observatory", "worker",
            f"--concurrency={self.concurrency}", "--pool=prefork", "-n", self.name,
            "--without-gossip", "--without-mingle", "--loglevel=INFO",
        ]  # fmt: skip
        self.log = self.log_path.open("w")
        # Its own session: kill() reaches the pool's children too.
        self.process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + WORKER_START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"worker exited early:\n{self.log_path.read_text()}")
            if self.control.ping(destination=[self.name], timeout=0.5):
                return self
        raise RuntimeError(f"worker did not answer:\n{self.log_path.read_text()}")

    def peak_memory_kib(self):
        """Peak resident memory (VmHWM) of the worker and of its largest pool process."""
        pids = [self.process.pid]
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        if children.exists():
            pids += [int(pid) for pid in children.read_text().split()]
        peaks = []
        for pid in pids:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peaks.append(int(line.split()[1]))
        return max(peaks)

    def kill(self):
        """SIGKILL to the worker and its pool, as an out-of-memory killer or a crash would."""
        os.killpg(os.getpgid(self.process.pid), signal.SIGKILL)
        self.process.wait()
        self.log.close()

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


@pytest.fixture
def celery_worker_process(broker):
    worker = WorkerProcess().start()
    yield worker
    worker.stop()


def wait_for(predicate, timeout=30, interval=0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    return None


class SMTPSink:
    """A real SMTP server on localhost that keeps every message it receives."""

    def __init__(self, delay=0.0):
        from aiosmtpd.controller import Controller

        self.messages = []
        sink = self

        class Handler:
            async def handle_DATA(self, server, session, envelope):
                if delay:  # a slower service: lets a test stop a worker mid-campaign
                    await asyncio.sleep(delay)
                message = email.message_from_bytes(envelope.content, policy=email.policy.default)
                sink.messages.append(message)
                return "250 OK"

        # aiosmtpd needs a fixed port: take a free one from the system.
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port)

    def start(self):
        self.controller.start()
        return self

    def stop(self):
        self.controller.stop()

    @property
    def env(self):
        """What a worker process needs to send its email here."""
        return {
            "OBSERVATORY_TEST_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(self.port),
            "EMAIL_USE_TLS": "0",
        }

    def to(self, address):
        return [m for m in self.messages if address in str(m.get("To", ""))]

    def wait_for(self, address, count=1, timeout=30):
        """The messages to ``address`` once there are ``count`` of them (or fail)."""
        found = wait_for(lambda: len(self.to(address)) >= count, timeout=timeout)
        assert found, f"{count} message(s) to {address} expected; sink has {self.summary()}"
        return self.to(address)

    def summary(self):
        return [(str(m["To"]), str(m["Subject"])) for m in self.messages]


@pytest.fixture
def smtp_sink():
    sink = SMTPSink().start()
    yield sink
    sink.stop()


@pytest.fixture
def mail_worker(broker, smtp_sink):
    """A real worker whose email goes to ``smtp_sink``."""
    worker = WorkerProcess(env=smtp_sink.env).start()
    yield worker
    worker.stop()


def message_text(message):
    """The plain-text part of an email message."""
    part = message.get_body(preferencelist=("plain",))
    return part.get_content() if part else ""
