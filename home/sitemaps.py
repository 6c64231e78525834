"""sitemap.xml: every language's pages, each with its translations as alternates."""

from collections import defaultdict

from django.conf import settings

from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class MultilingualSitemap(Sitemap):
    """Wagtail's sitemap covers the default language's tree; this one covers all five.

    Each <url> lists every translation of its page (hreflang) plus x-default, the
    page in the default language.
    """

    def items(self):
        site = self.get_wagtail_site()
        roots = site.root_page.get_translations(inclusive=True)
        pages = Page.objects.none()
        for root in roots:
            pages |= Page.objects.descendant_of(root, inclusive=True)
        return pages.live().public().select_related("locale").order_by("path").defer_streamfields()

    def _urls(self, page, protocol, domain):
        items = list(self.paginator.page(page).object_list)
        translations = defaultdict(list)
        keys = {item.translation_key for item in items}
        # One query for every translation of the pages on this sitemap page.
        for translated in (
            Page.objects.live().public().filter(translation_key__in=keys).select_related("locale")
        ):
            url = translated.get_full_url(self.request)
            if url:
                translations[translated.translation_key].append(
                    (translated.locale.language_code, url)
                )
        default_language = settings.LANGUAGE_CODE
        urls = []
        for item in items:
            location = item.get_full_url(self.request)
            if not location:
                continue
            alternates = [
                {"lang_code": code, "location": url}
                for code, url in sorted(translations[item.translation_key])
            ]
            default = dict(translations[item.translation_key]).get(default_language)
            if default:
                alternates.append({"lang_code": "x-default", "location": default})
            urls.append(
                {
                    "item": item,
                    "location": location,
                    "lastmod": item.last_published_at or item.latest_revision_created_at,
                    "alternates": alternates,
                }
            )
        lastmods = [url["lastmod"] for url in urls]
        if lastmods and None not in lastmods:
            self.latest_lastmod = max(lastmods)
        return urls
