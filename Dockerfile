# Observatory production image: gunicorn for web, the same image for Celery worker and beat.
FROM python:3.11-slim-bookworm

ENV PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    UV_PROJECT_ENVIRONMENT=/venv \
    UV_PYTHON_DOWNLOADS=never \
    PATH=/venv/bin:$PATH \
    DJANGO_SETTINGS_MODULE=observatory.settings.production

RUN apt-get update \
    && apt-get install --yes --no-install-recommends libjpeg62-turbo libwebp7 zlib1g curl \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --create-home --uid 1000 observatory

WORKDIR /app
RUN pip install --no-cache-dir uv==0.13.9
COPY pyproject.toml uv.lock ./
RUN uv sync --frozen --no-dev --no-install-project

COPY --chown=observatory:observatory . .
RUN for po in locale/*/LC_MESSAGES/django.po; do pybabel compile -i "$po" -o "${po%.po}.mo"; done \
    && SECRET_KEY=build-only-not-secret python manage.py collectstatic --noinput \
    && mkdir -p /app/var/media /app/var/beat && chown -R observatory:observatory /app/var

USER observatory
EXPOSE 8000
ENTRYPOINT ["/app/docker/entrypoint.sh"]
CMD ["gunicorn", "observatory.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
