"""A newsletter as an email: responsive HTML from MJML (mrml, no Node) and a plain-text twin.

Both are built from the page's blocks in the recipient's language, with
absolute links, a link to the public archive and an unsubscribe link. The
per-recipient parts (the unsubscribe address) are filled in at send time by
plain string replacement, so a campaign renders each language once.

An email is written in one language and says so (``lang``, ``Content-Language``):
a reader whose language has no translation of its own (none, or only an alias
repeating the English text) gets the default language's, labelled as such.
"""

import html
import re
from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

import mrml

from core.emails import absolute_url, identity_context
from core.i18n import original, written_in
from core.text import html_to_text

UNSUBSCRIBE_PLACEHOLDER = "%%UNSUBSCRIBE_URL%%"


@dataclass
class RenderedNewsletter:
    language: str
    subject: str
    html: str
    text: str

    def for_recipient(self, unsubscribe_url):
        return (
            self.html.replace(UNSUBSCRIBE_PLACEHOLDER, html.escape(unsubscribe_url)),
            self.text.replace(UNSUBSCRIBE_PLACEHOLDER, unsubscribe_url),
        )


# Where a long line of markup breaks: between two attributes of a tag, where a newline
# is the same whitespace as the space it replaces.
_BETWEEN_ATTRIBUTES = re.compile(r'" (?=[A-Za-z-]+=")')
LINE_LIMIT = 900  # under SMTP's 998 octets, with room for an address or a link put in


def short_lines(markup, limit=LINE_LIMIT):
    """``markup`` with no line over ``limit`` bytes where it can break between attributes.

    MJML writes the body on one line of several kilobytes; an email part with a line
    over 998 octets must be quoted-printable, which costs its size and time to encode
    and decode for every recipient. With short lines it goes as it is (8bit).
    """
    lines = []
    for line in markup.split("\n"):
        while len(line.encode()) > limit:
            breaks = [
                match.start() + 1
                for match in _BETWEEN_ATTRIBUTES.finditer(line, 0, limit)
                if len(line[: match.start() + 1].encode()) <= limit
            ]
            if not breaks:
                break
            lines.append(line[: breaks[-1]])
            line = line[breaks[-1] + 1 :]
        lines.append(line)
    return "\n".join(lines)


def absolutize(markup):
    """Relative links and images of rich text made absolute (emails have no base URL)."""
    base = settings.BASE_URL.rstrip("/")
    return re.sub(r'(href|src)="/(?!/)', rf'\1="{base}/', markup)


def _image_url(image, spec="width-1200"):
    return absolute_url(image.get_rendition(spec).url)


def email_blocks(page):
    """The page's blocks as dicts the MJML and text templates share."""
    items = []
    for block in page.body:
        value = block.value
        kind = block.block_type
        if kind == "heading":
            items.append({"type": "heading", "text": value["text"], "level": value["level"]})
        elif kind == "paragraph":
            markup = absolutize(str(value))
            items.append({"type": "paragraph", "html": markup, "text": html_to_text(markup)})
        elif kind == "image" and value.get("image"):
            items.append(
                {
                    "type": "image",
                    "src": _image_url(value["image"]),
                    "alt": "" if value.get("decorative") else value.get("alt_text", ""),
                    "caption": value.get("caption", ""),
                }
            )
        elif kind == "quote":
            items.append(
                {
                    "type": "quote",
                    "text": value["quote"],
                    "attribution": ", ".join(
                        part for part in (value.get("attribution"), value.get("role")) if part
                    ),
                }
            )
        elif kind == "call_to_action":
            target = value.get("page")
            url = target.localized.full_url if target else value.get("url")
            items.append(
                {
                    "type": "button",
                    "title": value["title"],
                    "text": value.get("text", ""),
                    "label": value["button_label"],
                    "url": url,
                }
            )
        elif kind == "embed" and value:
            items.append({"type": "link", "url": value.url, "text": getattr(value, "title", "")})
    return items


def render_newsletter(page):
    """The email of ``page`` for every recipient of it, in the language of its text.

    An alias repeats its original's text: the email is its original's, in that
    language, so that ``lang`` and ``Content-Language`` say what the reader gets.
    """
    page = original(page.specific)
    language = page.locale.language_code
    with translation.override(language):
        archive = page.get_parent()
        context = {
            **identity_context(),
            "page": page,
            "subject": page.subject,
            "preheader": page.preheader,
            "blocks": email_blocks(page),
            # The newsletter's own picture, under its title (JPEG: every mail client shows it).
            "hero": page.image
            and {
                "src": _image_url(page.image, "fill-1200x675|format-jpeg"),
                "alt": page.image_alt_text,
            },
            "web_url": page.full_url,
            "archive_url": archive.full_url,
            "unsubscribe_url": UNSUBSCRIBE_PLACEHOLDER,
            "language": language,
            "bidi": translation.get_language_bidi(),
        }
        mjml_source = render_to_string("newsletters/email/newsletter.mjml", context)
        text = render_to_string("newsletters/email/newsletter.txt", context)
    output = mrml.to_html(mjml_source)
    return RenderedNewsletter(
        language=language,
        subject=page.subject,
        html=short_lines(output.content),
        text=text.strip() + "\n",
    )


def newsletter_in(page, language):
    """``page``'s live translation in ``language``, else in the default language (no aliases)."""
    return written_in(page.specific, language)
