"""The Capital cycle in the admin: the calls, the jury's menu and pages, the ranking, the panel."""

from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet

from .admin_views import CapitalCyclePanel, jury_application, jury_index, ranking
from .cycle import is_juror
from .models import CapitalCall


class CapitalCallViewSet(ModelViewSet):
    model = CapitalCall
    icon = "crosshairs"
    menu_label = gettext_lazy("Capital calls")
    menu_order = 330
    add_to_admin_menu = True
    list_display = ["year", "deadline", "designated"]
    inspect_view_enabled = False
    panels = CapitalCall.panels


@hooks.register("register_admin_viewset")
def register_calls():
    return CapitalCallViewSet("capital_calls")


@hooks.register("register_admin_urls")
def cycle_urls():
    return [
        path("capital-jury/", jury_index, name="capital_jury"),
        path("capital-jury/<int:pk>/", jury_application, name="capital_jury_application"),
        path("capital-ranking/<int:pk>/", ranking, name="capital_ranking"),
    ]


@hooks.register("register_admin_menu_item")
def jury_menu_item():

    class JuryMenuItem(MenuItem):
        def is_shown(self, request):
            return is_juror(request.user)

    return JuryMenuItem(_("Capital jury"), reverse("capital_jury"), icon_name="pick", order=331)


@hooks.register("construct_homepage_panels")
def add_cycle_panel(request, panels):
    if request.user.has_perm("capitals.change_capitalcall") or is_juror(request.user):
        panels.append(CapitalCyclePanel())
