"""The email service's webhooks (django-anymail's views), refused while no secret is set."""

from django.urls import URLPattern

from anymail import urls as anymail_urls

from .webhooks import secret_required

app_name = anymail_urls.app_name

urlpatterns = [
    URLPattern(
        pattern.pattern, secret_required(pattern.callback), pattern.default_args, pattern.name
    )
    for pattern in anymail_urls.urlpatterns
]
