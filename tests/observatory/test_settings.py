"""Production settings refuse to start unsafe and pass Django's deployment checks."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "observatory.settings.production",
    "SECRET_KEY": "x3!v9-production-like-secret-key-with-enough-entropy-0123456789abcdef",
    "ALLOWED_HOSTS": "observatory.example.org",
    "BASE_URL": "https://observatory.example.org",
    "DATABASE_URL": "sqlite:///" + str(ROOT / "var" / "deploy-check.sqlite3"),
    "REDIS_URL": "redis://127.0.0.1:6379/0",
}


def manage(*args, env):
    clean = {
        key: value
        for key, value in os.environ.items()
        if key not in PRODUCTION_ENV and key != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_secret_key():
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != "SECRET_KEY"}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set in production" in result.stderr


def test_production_passes_deploy_checks():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_security_headers():
    code = (
        "from django.conf import settings as s;"
        "print(s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE,"
        " s.SECURE_SSL_REDIRECT, s.SECURE_PROXY_SSL_HEADER[0], s.SECURE_REFERRER_POLICY)"
    )
    result = manage("shell", "--no-imports", "-c", code, env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[:6] == [
        "31536000",
        "True",
        "True",
        "True",
        "HTTP_X_FORWARDED_PROTO",
        "strict-origin-when-cross-origin",
    ]


def test_environment_selects_services(settings):
    from observatory.settings import base

    assert base.DATABASES["default"]["ENGINE"] in {
        "django.db.backends.sqlite3",
        "django.db.backends.postgresql",
    }
    assert settings.LANGUAGE_CODE == "en"
    assert [code for code, _ in settings.LANGUAGES] == ["en", "fr", "de", "es", "ar"]


def test_redis_url_database_numbers(monkeypatch):
    from observatory.settings import base

    monkeypatch.setattr(base, "REDIS_URL", "redis://redis:6379/4")
    assert base.redis_db_url(0) == "redis://redis:6379/4"
    assert base.redis_db_url(1) == "redis://redis:6379/5"
    monkeypatch.setattr(base, "REDIS_URL", "redis://redis:6379")
    assert base.redis_db_url(1) == "redis://redis:6379/1"


def test_public_pages_send_csp_and_referrer_policy(client, home_page):
    response = client.get("/en/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    script_src = next(part for part in policy.split(";") if "script-src" in part)
    assert "'self'" in script_src
    assert "unsafe-inline" not in script_src
    assert "object-src 'none'" in policy
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_production_with_an_email_service_refuses_to_start_without_the_webhook_secret():
    """Without ANYMAIL_WEBHOOK_SECRET anymail took every webhook request: now a check error."""
    env = {
        **PRODUCTION_ENV,
        "EMAIL_BACKEND": "anymail.backends.postmark.EmailBackend",
        "ANYMAIL_POSTMARK_SERVER_TOKEN": "server-token",
    }
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "newsletters.E001" in result.stderr
    secret = {**env, "ANYMAIL_WEBHOOK_SECRET": "postmark-hook:a-long-webhook-secret"}
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=secret)
    assert result.returncode == 0, result.stdout + result.stderr
