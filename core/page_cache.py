"""The full-page cache for anonymous visitors, and its purge when content changes.

``PageCacheMiddleware`` keeps the public pages (every URL under ``/<language>/``
but the portal and the accounts) that an anonymous visitor gets, in Django's
cache (``OBSERVATORY_PAGE_CACHE_ALIAS``: the database or local memory by
default, Redis when ``REDIS_URL`` is set). It sits right after WhiteNoise: a hit
is answered before sessions, CSRF, authentication, the locale or Wagtail run.

What is never kept: a request that carries a session or messages cookie (signed
in, a message waiting), anything but GET and HEAD, previews, answers that set a
cookie or depend on one (``Vary: Cookie``), answers that say ``private``,
``no-cache`` or ``no-store``, anything but 200.

Purge. Every key holds a *generation*, a number kept in the same cache: any
published, unpublished, moved or deleted page, and any change of the content
that pages list (``watch``), bumps it once the transaction commits, and every
page in every language — the page, its index, the city, the home page, search
results, the sitemap, feeds, open data — is a miss from then on. The old entries
expire by themselves. A CDN or proxy in front (``wagtail.contrib.frontend_cache``,
``WAGTAILFRONTENDCACHE``) gets explicit URL purges: ``purge_urls``.

Anonymous answers carry ``Cache-Control: public`` with ``max-age`` for browsers
and ``s-maxage`` for shared caches, an ``ETag`` and a ``Last-Modified``: a
conditional GET gets 304 without a rendering.
"""

import hashlib
import logging
import threading
import time
from collections import OrderedDict
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, parse_http_date_safe, quote_etag
from django.utils.translation import override

from wagtail import hooks
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move, pre_page_move

from .sections import DATASETS, PAGE_LISTERS, section_items

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"
HIT_HEADER = "X-Page-Cache"
# Headers a stored answer keeps; the outer middlewares add their own on every answer.
NOT_STORED = {"set-cookie", "x-page-cache"}


def cache_seconds():
    """Seconds the site keeps a page (0 turns the page cache off)."""
    return getattr(settings, "OBSERVATORY_PAGE_CACHE_SECONDS", 0)


def page_cache():
    return caches[getattr(settings, "OBSERVATORY_PAGE_CACHE_ALIAS", "default")]


def current_generation(cache, known=None):
    """The generation pages are kept under now; started from the clock the first time."""
    generation = known if known is not None else cache.get(GENERATION_KEY)
    if generation is None:
        generation = int(time.time() * 1000)
        # add(): two processes starting at once agree on one value.
        if not cache.add(GENERATION_KEY, generation, timeout=None):
            generation = cache.get(GENERATION_KEY, generation)
    _remember_generation(generation)
    return generation


class _Memory:
    """What this process remembers: the generation for a moment, and the latest pages.

    A hit then costs no round trip to the cache at all. Another process's purge is
    seen within ``OBSERVATORY_PAGE_CACHE_MEMORY_SECONDS``; this process's at once.
    """

    def __init__(self):
        self.lock = threading.Lock()
        self.generation = None
        self.generation_at = 0.0
        self.pages = OrderedDict()  # key -> (generation, expires, stored)


_memory = _Memory()


def _memory_seconds():
    return getattr(settings, "OBSERVATORY_PAGE_CACHE_MEMORY_SECONDS", 0)


def _remember_generation(generation):
    with _memory.lock:
        _memory.generation = generation
        _memory.generation_at = time.monotonic()


def _known_generation():
    seconds = _memory_seconds()
    with _memory.lock:
        if seconds and time.monotonic() - _memory.generation_at < seconds:
            return _memory.generation
    return None


def _remembered_page(key, generation):
    with _memory.lock:
        entry = _memory.pages.get(key)
        if entry is None or entry[0] != generation or entry[1] < time.monotonic():
            return None
        _memory.pages.move_to_end(key)
        return entry[2]


def _remember_page(key, generation, seconds, stored):
    if not _memory_seconds():
        return
    limit = getattr(settings, "OBSERVATORY_PAGE_CACHE_MEMORY_ENTRIES", 200)
    with _memory.lock:
        _memory.pages[key] = (generation, time.monotonic() + seconds, stored)
        _memory.pages.move_to_end(key)
        while len(_memory.pages) > limit:
            _memory.pages.popitem(last=False)


def bump_generation():
    """Make every kept page a miss (all languages, all listings)."""
    if not cache_seconds():
        return
    cache = page_cache()
    try:
        try:
            generation = cache.incr(GENERATION_KEY)
        except ValueError:  # no generation yet: start one
            generation = int(time.time() * 1000)
            cache.set(GENERATION_KEY, generation, timeout=None)
        _remember_generation(generation)
    except Exception:  # the cache is down: nothing is served from it either
        logger.warning("page cache: could not bump the generation")
        _remember_generation(None)


def content_changed():
    """Call when content that public pages show has changed (after the commit)."""
    transaction.on_commit(bump_generation)


def _language_prefixes():
    return tuple(f"/{code}/" for code, _name in settings.LANGUAGES)


def _excluded_paths():
    """Paths under a language that are never kept: the portal and the accounts."""
    return tuple(
        f"/{code}/{section}/"
        for code, _name in settings.LANGUAGES
        for section in getattr(settings, "OBSERVATORY_PAGE_CACHE_EXCLUDE", ())
    )


def is_public_path(path):
    return path.startswith(_language_prefixes()) and not path.startswith(_excluded_paths())


def carries_visitor_state(request):
    """A session (signed in, a page password) or a waiting message: this visitor's own page."""
    cookies = request.COOKIES
    return (
        settings.SESSION_COOKIE_NAME in cookies
        or getattr(settings, "MESSAGES_COOKIE_NAME", "messages") in cookies
    )


def cache_key(request):
    scheme = "https" if request.is_secure() else "http"
    address = f"{scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(address.encode()).hexdigest()
    # The date too: the countdown to 16 May changes at midnight even when nothing else does.
    return f"pagecache:{time.strftime('%Y%m%d', time.gmtime())}:{digest}"


def lookup(cache, key):
    """(generation, the kept page or None): from this process's memory, else one round trip."""
    generation = _known_generation()
    if generation is not None:
        stored = _remembered_page(key, generation)
        if stored is not None:
            return generation, stored
    values = cache.get_many([GENERATION_KEY, key])
    generation = current_generation(cache, values.get(GENERATION_KEY))
    entry = values.get(key)
    # A page kept under an older generation was purged since.
    if entry is None or entry[0] != generation:
        return generation, None
    _remember_page(key, generation, cache_seconds(), entry[1])
    return generation, entry[1]


def public_cache_control(response):
    patch_cache_control(
        response,
        public=True,
        max_age=getattr(settings, "OBSERVATORY_PAGE_BROWSER_MAX_AGE", 0),
        s_maxage=getattr(settings, "OBSERVATORY_PAGE_SHARED_MAX_AGE", 300),
    )


def _storable(request, response):
    if response.status_code != 200 or response.streaming:
        return False
    if response.cookies or getattr(request, "is_preview", False):
        return False
    vary = {part.strip().lower() for part in response.get("Vary", "").split(",") if part.strip()}
    if vary - {"accept-encoding"}:
        return False
    control = response.get("Cache-Control", "").lower()
    if any(word in control for word in ("private", "no-cache", "no-store")):
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    queued = getattr(getattr(request, "_messages", None), "_queued_messages", None)
    return not queued


class PageCacheMiddleware:
    """Serve and keep the anonymous public pages. Goes right after WhiteNoise."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD") or not is_public_path(request.path_info):
            return self.get_response(request)
        if carries_visitor_state(request):
            response = self.get_response(request)
            if "Cache-Control" not in response:
                # A shared cache must never keep a signed-in visitor's page.
                patch_cache_control(response, private=True, no_cache=True)
            return response

        seconds = cache_seconds()
        cache = page_cache() if seconds else None
        key = stored = generation = None
        if cache is not None:
            try:
                key = cache_key(request)
                generation, stored = lookup(cache, key)
            except Exception:  # a cache outage is a miss
                key = None
                logger.warning("page cache: the cache did not answer", exc_info=True)
        if stored is not None:
            return self._from_store(request, stored)

        response = self.get_response(request)
        if not _storable(request, response):
            return response
        # Anonymous and the same for everyone: browsers and proxies may keep it too
        # (a view that chose its own, a feed for an hour, keeps it).
        if not response.has_header("Cache-Control"):
            public_cache_control(response)
        digest = hashlib.md5(response.content, usedforsecurity=False).hexdigest()
        response["ETag"] = quote_etag(digest)
        response["Last-Modified"] = http_date()
        if key is not None:
            headers = [
                (name, value) for name, value in response.items() if name.lower() not in NOT_STORED
            ]
            stored = (response.status_code, headers, response.content)
            try:
                # Under the generation read before rendering: if a purge came meanwhile,
                # this page is already a miss.
                cache.set(key, (generation, stored), seconds)
                _remember_page(key, generation, seconds, stored)
            except Exception:
                logger.warning("page cache: could not keep a page", exc_info=True)
            response[HIT_HEADER] = "miss"
        return self._conditional(request, response)

    def _from_store(self, request, stored):
        status, headers, content = stored
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        response[HIT_HEADER] = "hit"
        return self._conditional(request, response)

    @staticmethod
    def _conditional(request, response):
        """304 when the visitor's copy is still this one."""
        last_modified = parse_http_date_safe(response["Last-Modified"])
        conditional = get_conditional_response(
            request, etag=response["ETag"], last_modified=last_modified, response=response
        )
        if conditional is not response and HIT_HEADER in response:
            conditional[HIT_HEADER] = response[HIT_HEADER]
        return conditional


# Purge -------------------------------------------------------------------------


def _full_url(path):
    return settings.BASE_URL + path


def lister_pages(page):
    """The page, in every language, and every page that lists it: ancestors and others."""
    pages = [page, *page.get_ancestors().filter(depth__gt=1)]
    pages += section_items(PAGE_LISTERS, page.specific_deferred)
    keys = {listed.translation_key for listed in pages}
    # Not only live ones: an unpublished page is purged too.
    return Page.objects.filter(translation_key__in=keys)


class _SiteRequest(HttpRequest):
    """A request for the public address (BASE_URL), for hooks that build absolute URLs."""

    def _get_scheme(self):
        return urlsplit(settings.BASE_URL).scheme

    def get_host(self):
        return urlsplit(settings.BASE_URL).netloc


def lister_urls(page):
    """The pages that list ``page`` in every language, plus the site's listings."""
    urls = set()
    for listed in lister_pages(page):
        url = listed.get_full_url()
        if url:
            urls.add(url)
    urls.add(_full_url("/sitemap.xml"))
    for code, _name in settings.LANGUAGES:
        with override(code):
            urls.add(_full_url(reverse("search")))
            urls.add(_full_url(reverse("open_data")))
            for dataset in section_items(DATASETS, _SiteRequest()):
                url = str(dataset.url)
                urls.add(url if "://" in url else _full_url(url))
    return urls


def purge_urls(urls):
    """Send the URLs to the frontend cache (CDN, proxy), if one is configured."""
    if urls and getattr(settings, "WAGTAILFRONTENDCACHE", None):
        PurgeBatch(urls).purge()


def _purge_after_commit(urls):
    def purge():
        bump_generation()
        purge_urls(urls)

    transaction.on_commit(purge)


def page_changed(sender, instance, **kwargs):
    """published, unpublished: this page and its listers, everywhere."""
    try:
        urls = lister_urls(instance) if getattr(settings, "WAGTAILFRONTENDCACHE", None) else set()
    except Exception:  # the purge must never break the publish
        logger.exception("page cache: could not list the URLs to purge")
        urls = set()
    _purge_after_commit(urls)


_MOVES = {}


def page_moving(sender, instance, **kwargs):
    """Before a move: the URLs it leaves."""
    if getattr(settings, "WAGTAILFRONTENDCACHE", None):
        _MOVES[instance.pk] = lister_urls(instance)


def page_moved(sender, instance, **kwargs):
    urls = _MOVES.pop(instance.pk, set())
    if getattr(settings, "WAGTAILFRONTENDCACHE", None):
        urls |= lister_urls(instance)
    _purge_after_commit(urls)


def page_deleting(sender, instance, **kwargs):
    if isinstance(instance, Page) and instance.live:
        page_changed(sender, instance)


_SHOWN_WHEN = {}


def model_changed(sender, instance=None, **kwargs):
    shown = _SHOWN_WHEN.get(sender)
    if shown is None or instance is None or shown(instance):
        content_changed()


def watch(*models, when=None):
    """Pages show these models: a save or delete of one makes every kept page a miss.

    ``when(instance)`` limits the saves that count to those pages show (a signature
    once confirmed); a delete always counts.
    """
    for model in models:
        if when is not None:
            _SHOWN_WHEN[model] = when
        post_save.connect(model_changed, sender=model, dispatch_uid=f"pagecache:{model._meta}")
        post_delete.connect(
            content_deleted, sender=model, dispatch_uid=f"pagecache-d:{model._meta}"
        )


def content_deleted(sender, **kwargs):
    content_changed()


def connect_signals():
    page_published.connect(page_changed, dispatch_uid="pagecache:published")
    page_unpublished.connect(page_changed, dispatch_uid="pagecache:unpublished")
    pre_page_move.connect(page_moving, dispatch_uid="pagecache:moving")
    post_page_move.connect(page_moved, dispatch_uid="pagecache:moved")
    pre_delete.connect(page_deleting, dispatch_uid="pagecache:deleting")
    # Wagtail's own models that pages show: images (renditions, alt text), site settings.
    from wagtail.images import get_image_model

    watch(get_image_model())


@hooks.register("after_edit_snippet")
@hooks.register("after_create_snippet")
@hooks.register("after_delete_snippet")
def snippet_changed(request, instance, *args, **kwargs):
    """Snippets (themes, reminder messages…) are shown on pages."""
    content_changed()
