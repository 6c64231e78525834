"""The frame of every public page, cached per language (core.caching): site, home, menu.

Also the page router: Wagtail walks the tree one query (and one ``specific``
query) per URL segment; ``route_for_request`` finds every page of the path in one
query by ``url_path``, then reads the page's own row, and leaves Wagtail's serve
view to do the rest (hooks, view restrictions, ``serve``).
"""

from django.db.models import Q
from django.http import Http404
from django.http.request import split_domain_port
from django.utils import translation

from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page, PageViewRestriction, Site

from core.caching import cached, cached_entry
from core.i18n import locale_by_id
from core.restrictions import restricted_sections

MAX_SEGMENTS = 12


def _sites():
    return list(Site.objects.select_related("root_page"))


def _matching_site(sites, hostname, port):
    """The site for a host and port: what ``wagtail.models.sites.get_site_for_hostname`` picks."""
    ranked = []
    for site in sites:
        if site.hostname == hostname and site.port == port:
            ranked.append((0, site))
        elif site.hostname == hostname and site.is_default_site:
            ranked.append((1, site))
        elif site.is_default_site:
            ranked.append((2, site))
        elif site.hostname == hostname:
            ranked.append((3, site))
    ranked.sort(key=lambda item: item[0])
    if not ranked:
        return None
    if len(ranked) == 1 or ranked[0][0] in (0, 1):
        return ranked[0][1]
    if ranked[0][0] == 2:
        return ranked[len(ranked) == 2][1]
    return None


def site_for_request(request):
    """``Site.find_for_request`` without a query; Wagtail then finds it on the request.

    The sites' root paths too, which every page URL reads (``Page.get_url_parts``):
    Wagtail keeps them in the shared cache, read once per request (and once more for
    each page whose ``url`` or ``full_url`` is read without the request).
    """
    if request is None:
        return None
    if not hasattr(request, "_wagtail_site"):
        hostname = split_domain_port(request._get_raw_host())[0]
        request._wagtail_site = _matching_site(
            cached("sites", _sites), hostname, request.get_port()
        )
    if not hasattr(request, "_wagtail_cached_site_root_paths"):
        request._wagtail_cached_site_root_paths = site_root_paths()
    return request._wagtail_site


def site_root_paths():
    """``Site.get_site_root_paths()`` from memory (core.caching)."""
    return cached("site_root_paths", Site.get_site_root_paths)


def _homes(root):
    def build():
        translations = (
            root.get_translations(inclusive=True).live().select_related("locale").specific()
        )
        return {home.locale.language_code: home for home in translations}

    return build


def site_home(site, code):
    """The site's live home page in the language ``code`` (specific), or None."""
    if site is None:
        return None
    return cached_entry(f"homes:{site.pk}", _homes(site.root_page), code)


def locale_home(request, language=None):
    """The home page of the active language (else the site's root page), or None."""
    site = site_for_request(request)
    if site is None:
        return None
    try:
        code = get_supported_content_language_variant(language or translation.get_language())
    except LookupError:
        code = None
    home = site_home(site, code)
    return home if home is not None else site.root_page


def _menu(home):
    def build():
        return list(home.get_children().live().public().in_menu())

    return build


def menu_items(home):
    """The home page's live, public children marked "show in menus", in tree order."""
    if home is None:
        return []
    return cached(f"menu:{home.pk}", _menu(home))


def route_for_request(request, path):
    """Route ``path`` as ``Page.route_for_request`` does, in two queries; cached on the request.

    Pages below one that routes its own way (``RoutablePageMixin``…) are left to
    that page's ``route``, as Wagtail would.
    """
    if hasattr(request, "_wagtail_route_for_request"):
        return
    site = site_for_request(request)
    if site is None:
        return  # Wagtail answers as it would
    home = locale_home(request)
    components = [component for component in path.split("/") if component]
    if len(components) > MAX_SEGMENTS:
        return  # deeper than any page: Wagtail walks it (and stops at the first miss)
    try:
        request._wagtail_route_for_request = _route(request, home, components)
    except Http404:
        request._wagtail_route_for_request = None


def view_restrictions_of(page, ancestors):
    """What ``page.get_view_restrictions()`` returns, without a query where none applies.

    ``ancestors`` are the pages above it (the route's chain): an alias among them takes
    its original's restrictions, which Wagtail's own method finds.
    """
    if page.alias_of_id or any(ancestor.alias_of_id for ancestor in ancestors):
        return page.get_view_restrictions()
    covering = [pk for pk, path in restricted_sections() if page.path.startswith(path)]
    if not covering:
        return PageViewRestriction.objects.none()
    return PageViewRestriction.objects.filter(pk__in=covering)


def _specific(page, page_class):
    """``page.specific`` with its image in the same query and its locale from memory."""
    if page_class is None or isinstance(page, page_class):
        specific = page
    else:
        image = page_class._meta.get_field("image") if hasattr(page_class, "image_id") else None
        pages = page_class._default_manager.all()
        if image is not None and image.many_to_one:
            pages = pages.select_related("image")
        specific = pages.get(pk=page.pk)
    locale = locale_by_id(specific.locale_id)
    if locale is not None:
        specific.locale = locale
    return specific


def _routes_like_routable_page(page_class):
    """Whether ``page_class`` routes as ``RoutablePageMixin`` does, then as ``Page`` does."""
    if page_class is None or page_class.route is not RoutablePageMixin.route:
        return False
    mro = page_class.__mro__
    after = mro[mro.index(RoutablePageMixin) + 1 :]
    return next(cls.__dict__["route"] for cls in after if "route" in cls.__dict__) is Page.route


def _passes_to_child(page, page_class, components):
    """Whether a routable page hands ``components`` to its child page, as Wagtail decides:
    none of its own routes matches them (``RoutablePageMixin.route``), or it is not live."""
    if not _routes_like_routable_page(page_class):
        return False
    if not page.live:
        return True
    try:
        page.specific_deferred.resolve_subpage("/" + "/".join(components) + "/")
    except Http404:
        return True
    return False


def _route(request, home, components):
    chain = [home]
    if components:
        # Each segment's page by slug and depth (indexed columns), below this home.
        wanted = Q()
        for level, slug in enumerate(components, 1):
            wanted |= Q(depth=home.depth + level, slug=slug)
        candidates = Page.objects.filter(wanted, path__startswith=home.path).order_by("path")
        by_level = {}
        for page in candidates:
            by_level.setdefault(page.depth - home.depth, []).append(page)
        for level, slug in enumerate(components, 1):
            parent = chain[-1]
            page = next(
                (
                    page
                    for page in by_level.get(level, ())
                    if page.slug == slug and page.path.startswith(parent.path)
                ),
                None,
            )
            if page is None:
                break
            page._cached_parent_obj = parent
            chain.append(page)
    for position, page in enumerate(chain):
        page_class = page.specific_class
        last = position == len(chain) - 1
        if last or page_class is None or page_class.route is not Page.route:
            if not last and _passes_to_child(page, page_class, components[position:]):
                continue
            specific = _specific(page, page_class)
            # Its own url and full_url (structured data, feeds) without reading the cache.
            specific._wagtail_cached_site_root_paths = site_root_paths()
            if position:
                specific._cached_parent_obj = chain[position - 1]
            # Wagtail's check reads the ancestors, then their restrictions: both are known.
            restrictions = view_restrictions_of(specific, chain[:position])
            specific.get_view_restrictions = lambda found=restrictions: found
            return specific.route(request, components[position:])
    return None  # not reached: the last page always routes
