"""Cached anonymous pages against a static file on the same gunicorn (2 workers, concurrency 8).

On PostgreSQL and Redis (`make bench` runs it with TEST_DATABASE_URL and
TEST_REDIS_URL). The figure is a ratio from one run, interleaved, so that a busy
machine changes both sides alike: requests per second of a cached page ÷ those
of a static file served by WhiteNoise.
"""

import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

from django.conf import settings
from django.db import connection

import pytest

from tests.conftest import missing_service

ROOT = Path(__file__).resolve().parents[2]
CONCURRENCY = 8
SECONDS = 4
ROUNDS = 3
STATIC = "/static/css/observatory.css"
PAGE = "/en/"

pytestmark = pytest.mark.django_db(transaction=True)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(port, path):
    """One request on a new connection (gunicorn's sync workers close each one)."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        request = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        sock.sendall(request.encode())
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def requests_per_second(port, path):
    done = [0] * CONCURRENCY
    errors = []
    deadline = time.perf_counter() + SECONDS

    def client(number):
        while time.perf_counter() < deadline:
            answer = fetch(port, path)
            if not answer.startswith(b"HTTP/1.1 200"):
                errors.append(answer[:200])
                return
            done[number] += 1

    started = time.perf_counter()
    threads = [threading.Thread(target=client, args=(n,)) for n in range(CONCURRENCY)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors[0]
    return sum(done) / (time.perf_counter() - started)


@pytest.fixture
def server(home_page):
    if connection.vendor != "postgresql":
        missing_service("the page cache benchmark needs PostgreSQL: make bench's second pass")
    if not settings.REDIS_URL:
        missing_service("the page cache benchmark needs Redis (REDIS_URL)")
    database = connection.settings_dict
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "observatory.settings.test",
        "DATABASE_URL": (
            f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}"
        ),
        "REDIS_URL": settings.REDIS_URL,
        "OBSERVATORY_TEST_PAGE_CACHE_SECONDS": "600",
        # As deployed: each worker remembers the generation for a second.
        "OBSERVATORY_TEST_PAGE_CACHE_MEMORY_SECONDS": "1",
        # WhiteNoise serves the static files straight from the source folder.
        "STATIC_ROOT": str(ROOT / "static"),
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "observatory.wsgi:application",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        for _ in range(100):
            try:
                fetch(port, "/healthz")
                break
            except OSError:
                time.sleep(0.1)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_page_cache_throughput(server, record_result):
    port = server
    for _ in range(4):  # both workers have it, from the cache
        fetch(port, PAGE)
    answer = fetch(port, PAGE)
    assert b"X-Page-Cache: hit" in answer, answer[:600]
    assert b"Set-Cookie" not in answer.split(b"\r\n\r\n", 1)[0]
    static, page = [], []
    for _ in range(ROUNDS):
        static.append(requests_per_second(port, STATIC))
        page.append(requests_per_second(port, PAGE))
    static_rps, page_rps = sum(static) / ROUNDS, sum(page) / ROUNDS
    record_result("page_cache.static_file.postgresql", round(static_rps, 1), "requests/s")
    record_result("page_cache.cached_page.postgresql", round(page_rps, 1), "requests/s")
    ratio = round(page_rps / static_rps, 3)
    record_result("page_cache.cached_page_per_static_file.postgresql", ratio, "ratio")
    assert ratio >= 0.5
