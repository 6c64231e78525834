"""A page's image: the fields every page type shares, and the renditions the site serves.

``PageImageMixin`` gives a page (or any model) an image, its alternative text and
its credit. The image is synchronised across languages by wagtail-localize (one
picture for every translation); the alternative text and the credit are text
fields, so translators translate them with the rest of the page.

``PICTURES`` names each way the site shows an image (a hero at the top of a page,
a card in a list…) as Wagtail filter specs: every size in WebP with a JPEG
fallback. The ``{% picture_of %}`` tag (``core/templatetags/observatory_images``)
renders one as Wagtail's ``<picture>`` with ``srcset``, ``sizes``, ``width`` and
``height``; ``generate_renditions`` makes them ahead of time (the demo does it when
it loads, so no visitor waits for a rendition to be made).
"""

from django.db import models
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.images.models import Filter

# name: (filter specs with Wagtail's brace expansion, the sizes attribute)
PICTURES = {
    "hero": (
        ["fill-{480x270,800x450,1280x720}", "format-{webp,jpeg}"],
        "(min-width: 72rem) 72rem, 100vw",
    ),
    "figure": (
        ["fill-{480x300,800x500}", "format-{webp,jpeg}"],
        "(min-width: 56rem) 28rem, 100vw",
    ),
    "content": (
        ["width-{480,800,1200}", "format-{webp,jpeg}"],
        "(min-width: 48rem) 44rem, 100vw",
    ),
    "card": (
        ["fill-{400x225,800x450}", "format-{webp,jpeg}"],
        "(min-width: 48rem) 22rem, 100vw",
    ),
}


def picture_specs(name):
    """The filter specs of the picture ``name``, one per rendition."""
    specs, _sizes = PICTURES[name]
    return Filter.expand_spec(specs)


_FILTERS = {}


def picture_filters(name):
    """The filters of the picture ``name``, built once per process.

    A Filter parses its operations (with ``inspect``) the first time it is used: built
    for each card, that cost a listing of twenty cards several milliseconds a request.
    """
    if name not in _FILTERS:
        _FILTERS[name] = [Filter(spec) for spec in picture_specs(name)]
    return _FILTERS[name]


def renditions_of(name, lookup="image__renditions"):
    """A prefetch of the renditions the picture ``name`` shows, for a listing's images.

    ``prefetch_related("image__renditions")`` reads every rendition of every image (each
    size of the hero, the figure, the content and the card): a directory of twenty
    cities built some 250 of them to show 80.
    """
    from wagtail.images import get_image_model

    renditions = get_image_model().get_rendition_model().objects
    renditions = renditions.filter(filter_spec__in=picture_specs(name))
    return Prefetch(lookup, queryset=renditions)


def generate_renditions(image, names=None):
    """Make every rendition the site shows of ``image`` (all of ``PICTURES`` by default)."""
    specs = [spec for name in names or PICTURES for spec in picture_specs(name)]
    return image.get_renditions(*specs)


class PageImageMixin(models.Model):
    """An image with its alternative text and credit, in every language."""

    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown at the top of the page and on its card in lists."),
    )
    image_alt = models.CharField(
        _("alternative text"),
        max_length=250,
        blank=True,
        help_text=_(
            "What the image shows, for people who cannot see it. Translated with the page."
        ),
    )
    image_credit = models.CharField(
        _("image credit"),
        max_length=200,
        blank=True,
        help_text=_("Who made the image, and its licence when it asks to be named."),
    )

    image_panels = [
        MultiFieldPanel(
            [FieldPanel("image"), FieldPanel("image_alt"), FieldPanel("image_credit")],
            heading=_("Image"),
        )
    ]

    class Meta:
        abstract = True

    @property
    def image_alt_text(self):
        """The page's alternative text, else the image's own description (Wagtail's alt text).

        Not enforced by ``clean()``: a page saved before it had the field must still save.
        """
        if self.image_alt.strip():
            return self.image_alt
        return getattr(self.image, "description", "") if self.image_id else ""
