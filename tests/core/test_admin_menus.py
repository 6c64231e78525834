"""The admin is grouped by what editors do: menus, status tags, the newsletter's header actions."""

import re

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import RequestFactory

from wagtail.admin.menu import admin_menu

import pytest

from newsletters.factories import NewsletterIndexPageFactory, NewsletterPageFactory
from summits.models import Signature, SignatureKind

pytestmark = pytest.mark.django_db

GROUPS = {
    "Network": ["City invitations", "Signatures", "Themes"],
    "16 May": ["16 May events", "Reminder rules", "Reminder messages"],
    "Email": ["Subscribers", "Campaigns"],
    "Capital": ["Capital calls", "Capital jury"],
}


def menu_for(user):
    """The main menu a user sees: [(label, order, [sub-labels])] in display order."""
    request = RequestFactory().get("/admin/")
    request.user = user
    items = []
    for item in sorted(admin_menu.menu_items_for_request(request), key=lambda i: i.order):
        submenu = getattr(item, "menu", None)
        children = (
            [child.label for child in sorted(submenu.menu_items_for_request(request),
                                             key=lambda c: c.order)]
            if submenu else []
        )  # fmt: skip
        items.append((str(item.label), item.order, [str(label) for label in children]))
    return items


@pytest.fixture
def superuser(home_page):
    return get_user_model().objects.create_superuser(
        "admin", "admin@observatory.test", "a-long-admin-password-2026"
    )


def test_a_superuser_sees_the_four_groups_and_none_of_their_items_at_the_top(superuser):
    menu = menu_for(superuser)
    top = [label for label, _order, _children in menu]
    for group, children in GROUPS.items():
        assert group in top
        assert {label: kids for label, _o, kids in menu}[group] == children
        for child in children:
            assert child not in top
    # Every top-level item has an order of its own: nothing shuffles between requests.
    orders = [order for _label, order, _children in menu]
    assert len(orders) == len(set(orders))
    assert len(top) <= 11, top


def test_a_moderator_sees_only_the_groups_of_what_they_may_do(home_page):
    moderator = get_user_model().objects.create_user("mod", "mod@observatory.test", "pw-2026-x")
    moderator.groups.add(Group.objects.get(name="Moderators"))
    menu = {label: children for label, _order, children in menu_for(moderator)}
    # Moderators review the cities' 16 May events: that group, with that item only.
    assert menu["16 May"] == ["16 May events"]
    assert not {"Network", "Email", "Capital", "Signatures", "Subscribers"} & set(menu)
    visitor = get_user_model().objects.create_user("nobody", "no@observatory.test", "pw-2026-y")
    assert not {"Network", "16 May", "Email", "Capital"} & {
        label for label, _order, _children in menu_for(visitor)
    }


def test_yes_no_columns_are_status_tags(client, superuser):
    Signature.objects.create(
        declaration_key="0d4c1c46-8c5e-4bd5-8a1a-5d1c1f2a0001",
        kind=SignatureKind.COMMIT,
        name="Hidden Person",
        hidden=True,
    )
    client.force_login(superuser)
    html = client.get("/admin/snippets/summits/signature/").content.decode()
    row = html[html.index("Hidden Person") :]
    row = row[: row.index("</tr>")]
    assert re.search(r'class="[^"]*w-status[^"]*"[^>]*>\s*Hidden\s*<', row), row
    assert ">True<" not in html and ">False<" not in html


def test_the_newsletter_edit_view_shows_send_actions_as_header_buttons(
    client, superuser, home_page
):
    index = NewsletterIndexPageFactory(parent=home_page)
    newsletter = NewsletterPageFactory(parent=index, title="May letter", slug="may-letter")
    client.force_login(superuser)
    html = client.get(f"/admin/pages/{newsletter.pk}/edit/").content.decode()
    header_buttons = re.findall(
        r'<a[^>]*class="[^"]*w-header-button[^"]*"[^>]*href="([^"]+)"', html
    )
    header_buttons += re.findall(r'<a[^>]*href="([^"]+)"[^>]*class="[^"]*w-header-button', html)
    assert f"/admin/newsletter-test/{newsletter.pk}/" in header_buttons
    assert f"/admin/campaigns/new/?newsletter={newsletter.pk}" in header_buttons
    # The "…" menu keeps "Preview the email".
    assert f"/admin/newsletter-email/{newsletter.pk}/" in html


def test_avatars_are_served_by_the_site_never_gravatar(client, superuser):
    """Offline, or under the admin's CSP, a Gravatar is a broken image (and a third party)."""
    client.force_login(superuser)
    html = client.get("/admin/").content.decode()
    assert "gravatar.com" not in html
    assert "default-user-avatar" in html
