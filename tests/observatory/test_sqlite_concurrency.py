"""The embedded SQLite under concurrent requests: drafts saved while pages are published.

`make run` serves with runserver's threads on one SQLite file. Two deferred
transactions that both read, then both write, fail at once with "database is
locked"; the settings make every transaction take the write lock when it begins,
wait for it, and let readers go on beside the writer (WAL).
"""

import json
import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_the_embedded_database_is_configured_for_concurrent_requests():
    options = settings.DATABASES["default"]["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] >= 10
    assert "journal_mode=WAL" in options["init_command"]


@pytest.mark.timeout(300)
def test_drafts_and_publishes_at_once_all_succeed(sqlite_file):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "observatory.settings.test",
        "DATABASE_URL": f"sqlite:///{sqlite_file}",
        "DATABASE_CONN_MAX_AGE": "0",
    }
    env.pop("REDIS_URL", None)
    run = subprocess.run(
        [sys.executable, "-m", "tests.observatory.concurrent_edits", "6", "4"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=280,
        check=False,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    result = json.loads(run.stdout.strip().splitlines()[-1])
    assert result["errors"] == []
    assert len(result["statuses"]) == 24
    # Saved drafts and publishes redirect (302); none fails, none is a form error.
    assert set(result["statuses"]) == {302}
    assert result["revisions"] >= 1 + 24
    assert result["live_introduction"].startswith("Edit ")
    assert result["journal_mode"] == "wal"
