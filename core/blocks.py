"""The shared StreamField block library: every page body is built from these."""

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("text"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("level"),
        choices=[("h2", _("Heading 2")), ("h3", _("Heading 3")), ("h4", _("Heading 4"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        template = "components/streamfield/heading_block.html"
        label = _("Heading")
        description = _("A section title.")
        preview_value = {"text": "Living together in cities", "level": "h2"}


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    alt_text = blocks.CharBlock(
        label=_("alternative text"),
        max_length=250,
        required=False,
        help_text=_("What the image shows, for people who cannot see it."),
    )
    decorative = blocks.BooleanBlock(
        label=_("decorative"),
        required=False,
        help_text=_("Tick only when the image adds nothing a screen reader should say."),
    )
    caption = blocks.CharBlock(label=_("caption"), max_length=300, required=False)
    credit = blocks.CharBlock(label=_("credit"), max_length=200, required=False)

    def clean(self, value):
        value = super().clean(value)
        if not value.get("alt_text") and not value.get("decorative"):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "alt_text": ErrorList(
                        [ValidationError(_("Describe the image, or mark it as decorative."))]
                    )
                }
            )
        return value

    class Meta:
        icon = "image"
        template = "components/streamfield/image_block.html"
        label = _("Image")
        description = _("An image with its alternative text and an optional caption.")


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("quote"))
    attribution = blocks.CharBlock(label=_("attribution"), max_length=200, required=False)
    role = blocks.CharBlock(label=_("role"), max_length=200, required=False)

    class Meta:
        icon = "openquote"
        template = "components/streamfield/quote_block.html"
        label = _("Quote")
        description = _("A quotation with who said it.")
        preview_value = {
            "quote": "Cities are on the frontline of the global issue of Living Together.",
            "attribution": "Düsseldorf Declaration",
            "role": "2019",
        }


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=200)
    text = blocks.TextBlock(label=_("text"), required=False)
    button_label = blocks.CharBlock(label=_("button label"), max_length=60)
    page = blocks.PageChooserBlock(label=_("page"), required=False)
    url = blocks.URLBlock(label=_("external link"), required=False)

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            message = _("Choose a page or enter an external link (one of the two).")
            raise blocks.StructBlockValidationError(
                block_errors={
                    "page": ErrorList([ValidationError(message)]),
                    "url": ErrorList([ValidationError(message)]),
                }
            )
        return value

    class Meta:
        icon = "pick"
        template = "components/streamfield/call_to_action_block.html"
        label = _("Call to action")
        description = _("A short message with a button to a page or a link.")
        preview_value = {
            "title": "Sign the Düsseldorf Declaration",
            "text": "Commit your city to Living Together.",
            "button_label": "Sign",
            "url": "https://example.org/",
        }


class DocumentListBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=200, required=False)
    documents = blocks.ListBlock(DocumentChooserBlock(label=_("document")), label=_("documents"))

    class Meta:
        icon = "doc-full"
        template = "components/streamfield/document_list_block.html"
        label = _("Documents")
        description = _("A list of documents to download.")


class KeyFigureBlock(blocks.StructBlock):
    figure = blocks.CharBlock(label=_("figure"), max_length=20)
    label = blocks.CharBlock(label=_("label"), max_length=120)


class KeyFiguresBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=200, required=False)
    figures = blocks.ListBlock(KeyFigureBlock(), label=_("figures"), min_num=1, max_num=6)

    class Meta:
        icon = "table"
        template = "components/streamfield/key_figures_block.html"
        label = _("Key figures")
        description = _("Up to six numbers with what they count.")
        preview_value = {
            "title": "The 2019 summit",
            "figures": [
                {"figure": "3", "label": "days in Düsseldorf"},
                {"figure": "5", "label": "themes"},
                {"figure": "20+", "label": "mayors in Montréal, 2015"},
            ],
        }


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


class BaseStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"),
        icon="pilcrow",
        template="components/streamfield/paragraph_block.html",
        features=["bold", "italic", "link", "document-link", "ol", "ul", "h3", "h4"],
        description=_("Formatted text."),
        preview_value=(
            "<p>Mayors have the responsibility to encourage unity and social cohesion.</p>"
        ),
    )
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    embed = EmbedBlock(
        label=_("Embed"),
        icon="media",
        template="components/streamfield/embed_block.html",
        description=_("A video or other media from a link."),
    )
    documents = DocumentListBlock()
    key_figures = KeyFiguresBlock()
    subscribe = SubscribeBlock()
