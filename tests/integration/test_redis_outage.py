"""Redis stops under traffic: no page or form answers 5xx, and every email owed goes out once.

Separate processes as in production, all on this test's own redis-server (broker and
cache, stopped and started by the test): a gunicorn web server, a Celery worker and
Celery beat, on PostgreSQL, with a real SMTP sink. Visitors talk HTTP to the web
server, each from an address of its own (127.0.0.x), while Redis is down for a few
seconds: page views, subscribing, signing the declaration, a city saving an initiative.
Then Redis comes back and the test counts the emails those saves owe.
"""

import http.client
import http.cookies
import os
import shutil
import socket
import subprocess
import sys
import time
import uuid
from urllib.parse import urlencode

from django.utils import timezone

import pytest
from celery import Celery

from cities.forms import LoginForm
from home.demo import ensure_home_pages, ensure_locales
from newsletters.models import Subscriber
from observatory.models import OutboxMessage
from summits.models import Signature
from tests.cities.portal import PASSWORD, member, moderator, started_long_ago, themes_everywhere
from tests.conftest import missing_service
from tests.initiatives.test_submission import form_data as initiative_data
from tests.integration.conftest import ROOT, WorkerProcess, database_url, wait_for
from tests.newsletters.builders import form_data as subscribe_data
from tests.summits.world import build_world, page_url, sign_data

pytestmark = pytest.mark.django_db(transaction=True)

OUTAGE_SECONDS = float(os.environ.get("OBSERVATORY_OUTAGE_SECONDS", "10"))
LEASE_SECONDS = 5
LOGS = ROOT / "var" / "test-logs"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class PrivateRedis:
    """A redis-server of this test alone, without persistence: a restart loses its queue."""

    def __init__(self):
        self.port = int(os.environ.get("OBSERVATORY_TEST_PRIVATE_REDIS_PORT") or free_port())
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        command = [
            shutil.which("redis-server"), "--port", str(self.port), "--bind", "127.0.0.1",
            "--save", "", "--appendonly", "no",
        ]  # fmt: skip
        self.process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        assert wait_for(self.answers, timeout=10), "the private redis-server did not start"

    def answers(self):
        import redis

        try:
            return redis.Redis.from_url(self.url, socket_timeout=0.5).ping()
        except redis.RedisError:
            return False

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


class Process:
    """A long-running command of the project, its output in var/test-logs/."""

    def __init__(self, name, command, env):
        self.log_path = LOGS / f"{name}-{uuid.uuid4().hex[:6]}.log"
        self.command, self.env = command, env
        self.process = None

    def start(self):
        LOGS.mkdir(parents=True, exist_ok=True)
        self.log = self.log_path.open("w")
        self.process = subprocess.Popen(
            self.command,
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        return self

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


class Visitor:
    """One person's browser over HTTP: its own address, its cookies, the CSRF token."""

    def __init__(self, port, address, log):
        self.port, self.address, self.log = port, address, log
        self.cookies = {}

    def request(self, method, path, data=None):
        headers = {"Host": f"127.0.0.1:{self.port}", "User-Agent": "Observatory-Outage/1.0"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            # As a browser does: its Origin on every POST (public forms on cached pages
            # rely on it, core.public_forms), and the CSRF token when a page set one.
            headers["Origin"] = f"http://127.0.0.1:{self.port}"
            data = {**data, "csrfmiddlewaretoken": self.cookies.get("csrftoken", "")}
            body = urlencode(data, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        started = time.monotonic()
        connection = http.client.HTTPConnection(
            "127.0.0.1", self.port, timeout=60, source_address=(self.address, 0)
        )
        try:
            connection.request(method, path, body, headers)
            response = connection.getresponse()
            content = response.read()
        finally:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            cookie = http.cookies.SimpleCookie(header)
            self.cookies.update({name: morsel.value for name, morsel in cookie.items()})
        self.log.append((method, path, response.status, time.monotonic() - started))
        return response.status, content

    def get(self, path):
        return self.request("GET", path)

    def post(self, path, data):
        return self.request("POST", path, data)


@pytest.fixture
def world(real_services):
    if not shutil.which("redis-server"):
        missing_service("the Redis outage test needs redis-server (apt-get install redis-server)")
    locales = ensure_locales()
    world = build_world(ensure_home_pages(locales), locales)
    world["themes"] = themes_everywhere(locales)
    world["moderator"] = moderator(email="editor@observatory.test", language="en")
    world["staff"] = member(world["duesseldorf"], "equipe@duesseldorf.test", language="fr")
    return world


@pytest.fixture
def stack(world, smtp_sink):
    """Private Redis, worker, beat (sweeping every second) and a gunicorn web server."""
    redis_server = PrivateRedis()
    redis_server.start()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "observatory.settings.test",
        "DATABASE_URL": database_url(),
        "DATABASE_CONN_MAX_AGE": "0",
        "REDIS_URL": redis_server.url,
        "OBSERVATORY_EAGER_TASKS": "0",
        "OBSERVATORY_TEST_TASK_BACKENDS": "celery",
        "OBSERVATORY_OUTBOX_LEASE_SECONDS": str(LEASE_SECONDS),
        "OBSERVATORY_OUTBOX_SWEEP_SECONDS": "1",
        **smtp_sink.env,
    }
    # Not the current app: shared tasks of later tests would publish to this broker.
    control = Celery("outage-probe", broker=redis_server.url, set_as_current=False)
    web_port = free_port()
    processes = []
    try:
        worker = WorkerProcess(env=env, control=control.control).start()
        processes.append(worker)
        beat_schedule = LOGS / f"beat-{uuid.uuid4().hex[:6]}"
        processes.append(
            Process(
                "beat",
                [sys.executable, "-m", "celery", "-A", "observatory", "beat",
                 "--schedule", str(beat_schedule), "--loglevel=INFO"],
                env,
            ).start()
        )  # fmt: skip
        web = Process(
            "web",
            [sys.executable, "-m", "gunicorn", "observatory.wsgi:application",
             "--bind", f"127.0.0.1:{web_port}", "--workers", "1", "--threads", "4",
             "--timeout", "120", "--access-logfile", "-"],
            env,
        ).start()  # fmt: skip
        processes.append(web)

        def web_answers():
            try:
                with socket.create_connection(("127.0.0.1", web_port), timeout=0.5):
                    return True
            except OSError:
                return False

        assert wait_for(web_answers, timeout=60), web.log_path.read_text()
        yield {"redis": redis_server, "port": web_port, "sink": smtp_sink, "web": web}
    finally:
        for process in reversed(processes):
            process.stop()
        redis_server.stop()
        control.close()


def pages(world):
    declaration = world["declaration"]
    city = world["duesseldorf"]
    paths = ["/en/", "/fr/", "/de/", "/es/", "/ar/", "/en/cities/", "/fr/cities/"]
    for code in ("en", "fr", "de"):
        paths.append(declaration.get_translation(world["locales"][code]).url)
        paths.append(city.get_translation(world["locales"][code]).url)
    return paths


# Five processes start and the world is built on a machine the other tests share.
@pytest.mark.timeout(600)
def test_a_redis_outage_under_traffic_shows_no_error_and_loses_no_email(world, stack):
    port, sink = stack["port"], stack["sink"]
    log = []
    visitors = iter(f"127.0.0.{n}" for n in range(10, 250))
    owed = []  # (address, subject words) of every email a successful save owes

    def visitor():
        return Visitor(port, next(visitors), log)

    def subscribe(n):
        person = visitor()
        person.get("/de/")  # the footer form: its CSRF cookie
        email = f"leserin-{n}@outage.test"
        status, _ = person.post(
            "/de/newsletters/subscribe/", {**subscribe_data(email=email), "public_form": "1"}
        )
        if status == 302:
            owed.append((email, None))
        return status

    def sign(n):
        person = visitor()
        person.get(page_url(world, "fr"))
        email = f"maire-{n}@outage.test"
        status, _ = person.post(
            page_url(world, "fr") + "sign/",
            {**sign_data(email=email, name=f"Maire {n}"), "public_form": "1"},
        )
        if status == 302:
            owed.append((email, None))
        return status

    city_staff = visitor()
    city_staff.get("/fr/accounts/login/")
    status, content = city_staff.post(
        "/fr/accounts/login/",
        {
            "username": "equipe@duesseldorf.test",
            "password": PASSWORD,
            "form_started": started_long_ago(LoginForm),
            "homepage": "",
        },
    )
    assert status == 302, content.decode()[:2000]

    def save_initiative(n):
        city_staff.get("/fr/my-city/initiatives/new/")
        title = f"Jardins partagés, quartier {n}"
        status, _ = city_staff.post(
            "/fr/my-city/initiatives/new/", initiative_data(world, title=title)
        )
        if status == 302:
            owed.append(("editor@observatory.test", title))
        return status

    # Redis up: the pages fill the cache, one subscriber gets their email.
    for path in pages(world):
        assert visitor().get(path)[0] == 200, path
    assert subscribe(0) == 302
    sink.wait_for("leserin-0@outage.test")
    warm_up = len(log)

    # Redis down: pages, forms, saves; /healthz says so.
    stack["redis"].stop()
    actions = [subscribe, sign, save_initiative]
    health = []
    deadline = time.monotonic() + OUTAGE_SECONDS
    paths = pages(world)
    n = 0
    while time.monotonic() < deadline:
        n += 1
        visitor().get(paths[n % len(paths)])
        visitor().get(paths[(n + 5) % len(paths)])
        actions[n % len(actions)](n)
        if n % 4 == 0:
            health.append(visitor().get("/healthz")[0])
    during = log[warm_up:]
    health_requests = sum(1 for _m, path, _s, _t in during if path == "/healthz")
    requests = [entry for entry in during if entry[1] != "/healthz"]
    errors = [entry for entry in requests if entry[2] >= 500]
    slowest = max(seconds for *_rest, seconds in requests)
    saves = [entry for entry in requests if entry[0] == "POST"]

    # Redis back: beat's sweep hands every owed task to the worker.
    stack["redis"].start()
    recovery_started = time.monotonic()

    def all_done():
        return not OutboxMessage.objects.exclude(status=OutboxMessage.Status.DONE).exists()

    done = wait_for(all_done, timeout=120, interval=0.5)
    recovered_in = time.monotonic() - recovery_started
    # Two more leases and sweeps: a copy that arrives late must not send again.
    time.sleep(2 * LEASE_SECONDS + 2)

    lost, duplicated = [], []
    for address, title in owed:
        received = [
            m for m in sink.to(address) if title is None or title in str(m.get("Subject", ""))
        ]
        if not received:
            lost.append((address, title))
        elif len(received) > 1:
            duplicated.append((address, title, len(received)))
    summary = (
        f"Redis down {OUTAGE_SECONDS:.0f} s: {len(errors)} of {len(requests)} requests 5xx "
        f"({len(saves)} form posts, slowest answer {slowest:.2f} s), /healthz 503 "
        f"{health.count(503)} of {health_requests}; emails owed {len(owed)}, lost "
        f"{len(lost)}, sent twice {len(duplicated)}; outbox done {recovered_in:.1f} s after "
        f"Redis came back ({OutboxMessage.objects.count()} messages)"
    )

    (LOGS / "redis-outage-figures.txt").write_text(summary + "\n")

    assert not errors, (summary, errors)
    assert health and set(health) == {503}, summary
    assert len(saves) >= 6 and all(status == 302 for _m, _p, status, _t in saves), saves
    assert done, (summary, list(OutboxMessage.objects.exclude(status="done").values()))
    assert not lost and not duplicated, (summary, lost, duplicated, sink.summary())
    # The rows were saved during the outage, and their emails went out afterwards.
    assert Subscriber.objects.filter(email__endswith="@outage.test").count() == sum(
        1 for address, _ in owed if address.startswith("leserin-")
    )
    assert Signature.objects.filter(email__endswith="@outage.test").count() == sum(
        1 for address, _ in owed if address.startswith("maire-")
    )
    # Wagtail's own tasks (search and reference index of the saved pages) ran too.
    assert OutboxMessage.objects.filter(task="observatory.tasks.run_django_task").exists()
    assert OutboxMessage.objects.filter(done_at__lte=timezone.now()).count() == (
        OutboxMessage.objects.count()
    )
    # And the site is healthy again once the worker is back on its broker.
    assert wait_for(lambda: visitor().get("/healthz")[0] == 200, timeout=60), summary
