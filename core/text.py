"""Rich text and plain text: one conversion each way, for forms and plain-text emails."""

import html
import re

from django.utils.html import strip_tags


def text_to_html(text):
    """Plain paragraphs (blank-line separated) as escaped HTML paragraphs."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text or "") if p.strip()]
    return "".join("<p>{}</p>".format(html.escape(p).replace("\n", "<br/>")) for p in paragraphs)


def html_to_text(markup, *, link_addresses=True):
    """Rich text as readable plain text: paragraphs, list items, links.

    Plain-text emails keep each link's address after its text (``link_addresses``);
    a form that edits rich text as plain text (the reverse of ``text_to_html``)
    leaves them out, so that saving it back changes nothing.
    """
    markup = str(markup or "")
    if link_addresses:
        markup = re.sub(
            r'<a [^>]*href="([^"]+)"[^>]*>(.*?)</a>',
            lambda m: m.group(2) if m.group(1) in m.group(2) else f"{m.group(2)} ({m.group(1)})",
            markup,
            flags=re.S,
        )
    markup = re.sub(r"<li[^>]*>", "\n- ", markup)
    markup = re.sub(r"<br\s*/?>", "\n", markup)
    markup = re.sub(r"</(p|h\d|ul|ol|blockquote)>", "\n\n", markup)
    text = html.unescape(strip_tags(markup))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(line.strip() for line in text.splitlines())).strip()
