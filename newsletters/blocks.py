"""The subscribe form as a StreamField block (added to the shared library in home/blocks.py)."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks


class SubscribeBlock(blocks.StructBlock):
    """The subscribe form where an editor wants it; the form itself is always the site's own."""

    heading = blocks.CharBlock(
        label=_("heading"),
        max_length=120,
        required=False,
        help_text=_("Leave empty for “Get the reminders”."),
    )
    text = blocks.TextBlock(
        label=_("text"),
        max_length=400,
        required=False,
        help_text=_("Leave empty for the standard introduction."),
    )

    class Meta:
        icon = "mail"
        template = "components/streamfield/subscribe_block.html"
        label = _("Subscribe form")
        description = _("The form to subscribe to the reminders before 16 May and the newsletters.")
        preview_value = {
            "heading": "Get the reminders",
            "text": "Reminders before 16 May and our newsletters, in your language.",
        }
