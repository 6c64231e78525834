"""The admin's main menu, grouped by what editors do.

Each group is a Wagtail ``ViewSetGroup`` with a submenu hook of its own: an app's
viewset joins a group by setting ``menu_hook`` to one of the names below (and a
plain menu item by being registered with ``hooks.register(NAME)``). The groups
live here, below every app that fills them, so nobody imports upwards; a group
whose items the user may not see is not shown at all.

Orders: the groups sit between Wagtail's own Pages/Images/Documents/Snippets
(100–400 and below) and Reports (9000), in the order an editor's year runs.
"""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.viewsets.base import ViewSetGroup

NETWORK_MENU = "register_network_menu_item"
INTERNATIONAL_DAY_MENU = "register_international_day_menu_item"
EMAIL_MENU = "register_email_menu_item"
CAPITAL_MENU = "register_capital_menu_item"


class NetworkMenu(ViewSetGroup):
    """Member cities and the Declaration: invitations, themes, signatures."""

    menu_label = _("Network")
    menu_name = "network"
    menu_icon = "site"
    menu_order = 500
    submenu_hook = NETWORK_MENU


class InternationalDayMenu(ViewSetGroup):
    """16 May: the cities' events and the reminders before the day."""

    menu_label = _("16 May")
    menu_name = "international-day"
    menu_icon = "date"
    menu_order = 510
    submenu_hook = INTERNATIONAL_DAY_MENU


class EmailMenu(ViewSetGroup):
    """Who gets the Observatory's emails, and the campaigns that send them."""

    menu_label = _("Email")
    menu_name = "email"
    menu_icon = "mail"
    menu_order = 520
    submenu_hook = EMAIL_MENU


class CapitalMenu(ViewSetGroup):
    """The Capital of Living Together: the yearly call and the jury."""

    menu_label = _("Capital")
    menu_name = "capital"
    menu_icon = "crosshairs"
    menu_order = 530
    submenu_hook = CAPITAL_MENU


MENU_GROUPS = (NetworkMenu, InternationalDayMenu, EmailMenu, CapitalMenu)
