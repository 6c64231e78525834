"""Admin: the main menu's groups (see ``admin_menus``)."""

from wagtail import hooks

from .admin_menus import MENU_GROUPS


@hooks.register("register_admin_viewset")
def register_menu_groups():
    return [group() for group in MENU_GROUPS]
