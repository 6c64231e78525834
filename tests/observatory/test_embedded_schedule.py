"""The embedded default runs the schedule: `make run` starts celery beat beside the web server.

Without REDIS_URL there is no worker: beat runs each due task in its own process
(tasks are eager), on the same SQLite file as the web server. The test starts the
very command `make run` starts, on a file database holding a due campaign and a
reminder due today, and waits for both to be sent.
"""

import os
import re
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def embedded_beat_command():
    """The scheduler command of `make run` without REDIS_URL, as make would run it."""
    dry_run = subprocess.run(
        ["make", "-n", "run", "REDIS_URL="],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    [line] = [line for line in dry_run.splitlines() if " beat " in line]
    command = re.search(r"(\S*celery -A observatory beat [^>&]*?)\s*[>&]", line).group(1)
    return command.split()


def test_make_run_starts_the_schedule_only_without_a_broker():
    command = embedded_beat_command()
    assert command[command.index("--scheduler") + 1] == "observatory.schedule:CatchUpScheduler"
    dry_run = subprocess.run(
        ["make", "-n", "run"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    assert 'if [ -n "$REDIS_URL" ]; then exec' in dry_run  # a worker and beat run apart


def rows(path, sql):
    with sqlite3.connect(path, timeout=20) as db:
        return db.execute(sql).fetchall()


@pytest.mark.timeout(240)
def test_beat_of_make_run_sends_due_campaigns_and_reminders(sqlite_file, tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"REDIS_URL", "DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(
        DATABASE_URL=f"sqlite:///{sqlite_file}",
        OBSERVATORY_VAR_DIR=str(tmp_path),
        EMAIL_FILE_PATH=str(tmp_path / "mail"),
    )
    subprocess.run(
        [sys.executable, "-m", "tests.observatory.embedded_world"],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "observatory.settings.test"},
        check=True,
        timeout=120,
    )
    # As `make setup` does before `make run`: the database cache's table.
    subprocess.run(
        [sys.executable, "manage.py", "createcachetable"],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "observatory.settings.dev"},
        check=True,
        timeout=120,
    )
    command = embedded_beat_command()
    command[0] = str(Path(sys.executable).with_name("celery"))
    command[command.index("--schedule") + 1] = str(tmp_path / "celerybeat-schedule")
    log = (tmp_path / "beat.log").open("w")
    # `make run`'s settings: observatory.settings.dev, as manage.py's default.
    beat = subprocess.Popen(
        command,
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "observatory.settings.dev"},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 180
        campaign, reminders = [], []
        while time.monotonic() < deadline and beat.poll() is None:
            campaign = rows(sqlite_file, "select status from newsletters_campaign")
            reminders = rows(sqlite_file, "select status from newsletters_remindersent")
            # Each reminder row is written "sending", then "sent": wait for the last state.
            if campaign == [("done",)] and reminders == [("sent",)] * 3:
                break
            time.sleep(0.5)
        assert campaign == [("done",)], (tmp_path / "beat.log").read_text()[-3000:]
        assert reminders == [("sent",)] * 3
        assert rows(sqlite_file, "select status from newsletters_delivery") == [("sent",)] * 3
    finally:
        beat.terminate()
        beat.wait(timeout=30)
        log.close()
    # Both emails of each reader, written where a person can read them (var/mail/).
    mail = "".join(path.read_text() for path in (tmp_path / "mail").iterdir())
    for n in range(3):
        assert mail.count(f"To: reader{n}@example.org") == 2
