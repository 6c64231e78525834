"""The initiative index: every initiative of every city, with filters and facets."""

from django.core.paginator import Paginator
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from ..filters import decorate, search_initiatives


class InitiativeIndexPage(Page):
    """Every initiative of every city, filtered by theme, country, city, kind and year."""

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel(
            "introduction",
            help_text=_("A sentence or two above the initiatives and their filters."),
        ),
    ]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    template = "pages/initiative_index_page.html"
    per_page = 12

    class Meta:
        verbose_name = _("initiative index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        search = search_initiatives(self.locale, request.GET)
        paginator = Paginator(search.initiatives, self.per_page)
        paginator.count = search.total  # known from the facets: no COUNT query
        page_obj = paginator.get_page(request.GET.get("page"))
        page_obj.object_list = decorate(list(page_obj.object_list), search)
        context.update(
            search=search,
            facets=search.facets,
            selected=search.selected,
            paginator=paginator,
            page_obj=page_obj,
            initiatives=page_obj.object_list,
        )
        return context
