"""Headers every answer carries: Cross-Origin-Resource-Policy, the site's CSP on the admin login.

And ``SessionlessAnonymousMiddleware``: a visitor without a session cookie is
anonymous without opening the (empty) session, so a public page never says
``Vary: Cookie`` and a shared cache can keep it.
"""

from dataclasses import asdict

from django.conf import settings
from django.contrib.auth.models import AnonymousUser

from csp.constants import HEADER
from csp.middleware import CSPMiddleware
from csp.utils import build_policy


class CrossOriginResourcePolicyMiddleware:
    """``Cross-Origin-Resource-Policy: same-origin`` unless a view chose otherwise (badges)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response


class SessionlessAnonymousMiddleware:
    """After AuthenticationMiddleware: no session cookie, an anonymous user, no session read."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            request.user = AnonymousUser()

            async def auser():
                return request.user

            request.auser = auser
        return self.get_response(request)


class SiteCSPMiddleware(CSPMiddleware):
    """django-csp, and the site's policy on the admin pages that take it (the login page).

    The rest of the admin is excluded (``EXCLUDE_URL_PREFIXES``): Wagtail's editor
    relies on inline scripts.
    """

    def process_response(self, request, response):
        paths = getattr(settings, "OBSERVATORY_ADMIN_PATHS_WITH_SITE_CSP", ())
        if request.path_info in paths and HEADER not in response:
            parts = self.get_policy_parts(request=request, response=response)
            policy = build_policy(**asdict(parts))
            if policy:
                response[HEADER] = policy
        return super().process_response(request, response)
