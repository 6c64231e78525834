#!/bin/sh
# Waits for PostgreSQL, migrates (web only), then runs the container's command.
set -eu

python - <<'PY'
import os, sys, time
import psycopg
import dj_database_url

url = os.environ.get("DATABASE_URL")
if not url:
    sys.exit(0)
config = dj_database_url.parse(url)
deadline = time.monotonic() + int(os.environ.get("DATABASE_WAIT_SECONDS", "60"))
while True:
    try:
        psycopg.connect(
            dbname=config["NAME"], user=config["USER"], password=config["PASSWORD"],
            host=config["HOST"], port=config["PORT"] or 5432, connect_timeout=3,
        ).close()
        break
    except psycopg.OperationalError as error:
        if time.monotonic() > deadline:
            sys.exit(f"database not reachable: {error}")
        print("waiting for the database…", flush=True)
        time.sleep(1)
PY

if [ "${RUN_MIGRATIONS:-0}" = "1" ]; then
    python manage.py migrate --noinput
    python manage.py createcachetable
fi

exec "$@"
