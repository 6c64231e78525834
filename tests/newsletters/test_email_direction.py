"""Emails in the reader's direction: Arabic runs right to left and aligns right, in the
newsletter (MJML) and in the site's other emails; untranslated text keeps its own."""

import re

from django.core import mail

from wagtail.models import Page

import pytest

from newsletters.factories import NewsletterIndexPageFactory, NewsletterPageFactory
from newsletters.rendering import render_newsletter
from tests.newsletters.builders import subscribe

pytestmark = pytest.mark.django_db

BODY = [
    ("heading", {"text": "ستة عشر يومًا", "level": "h2"}),
    ("paragraph", "<p>تستعد المدن لليوم الدولي للعيش معًا في سلام.</p>"),
    ("quote", {"quote": "المدن في الخط الأمامي.", "attribution": "إعلان دوسلدورف"}),
    (
        "call_to_action",
        {
            "title": "سجّلوا فعاليتكم",
            "text": "",
            "button_label": "تسجيل",
            "page": None,
            "url": "https://example.org/events",
        },
    ),
]


@pytest.fixture
def newsletter(home_page):
    index = NewsletterIndexPageFactory(parent=home_page)
    return NewsletterPageFactory(parent=index, title="May letter", slug="may-letter")


def translated(page, locale, **fields):
    """A published translation of ``page`` (its parents too), not an alias."""
    translation = page.copy_for_translation(locale, copy_parents=True)
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    for ancestor in translation.get_ancestors().specific():
        if not ancestor.live:
            ancestor.save_revision().publish()
    return Page.objects.get(pk=translation.pk).specific


def text_blocks(html):
    """The style of every text block MJML wrote (the divs of <mj-text>)."""
    return re.findall(r'<div style="(font-family:[^"]*)">', html)


def test_arabic_newsletter_runs_right_to_left_and_aligns_right(newsletter, locales):
    arabic = translated(newsletter, locales["ar"], title="رسالة أيار/مايو", body=BODY)
    html = render_newsletter(arabic).html
    assert re.search(r'<html lang="ar" dir="rtl"', html)
    blocks = text_blocks(html)
    # The title, the heading, the paragraph, the quote and the call to action's title,
    # between the centred header and footer.
    assert len(blocks) == 7
    assert all("text-align:center" in style for style in (blocks[0], blocks[-1]))
    assert all("text-align:right" in style for style in blocks[1:-1]), blocks
    assert 'lang="ar" dir="rtl">رسالة أيار/مايو</div>' in html
    assert "direction:ltr" not in html
    # The button sits on the right too.
    assert re.search(
        r'<td align="right"[^>]*>\s*<table[^>]*>\s*<tbody>\s*<tr>\s*<td[^>]*'
        r'bgcolor="#0b5cad"',
        html,
    )


def test_untranslated_newsletter_in_arabic_keeps_its_english_text_left_to_right(
    newsletter, locales
):
    # An alias repeats the English text: the whole email is English, left to right, and
    # says so (core.i18n.written_in), rather than English words in an Arabic frame.
    alias = newsletter.get_translation_or_none(locales["ar"]) or newsletter.copy_for_translation(
        locales["ar"], copy_parents=True, alias=True
    )
    html = render_newsletter(alias.specific).html
    assert re.search(r'<html lang="en" dir="ltr"', html)
    assert 'dir="rtl"' not in html
    blocks = text_blocks(html)
    assert blocks and all("text-align:left" in style for style in blocks[1:-1]), blocks


def test_site_emails_in_arabic_run_right_to_left_and_align_right(
    home_page, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        subscribe(client, "ar", language="ar", email="qari@example.org")
    [message] = mail.outbox
    html = message.alternatives[0][0]
    assert '<html lang="ar" dir="rtl">' in html
    assert re.search(r'<div lang="ar" dir="rtl" style="[^"]*text-align:right;', html)
    # The confirmation address reads left to right inside the Arabic text.
    assert re.search(r'<p dir="ltr"[^>]*>http://testserver/ar/newsletters/confirm/', html)
