"""A page's image as responsive renditions: WebP with a JPEG fallback, sized, lazy or first."""

import re

from django.core.files.base import ContentFile
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext

from wagtail.images import get_image_model

import pytest

from core.illustrations import draw_illustration
from core.images import PICTURES, generate_renditions, picture_specs

pytestmark = pytest.mark.django_db


@pytest.fixture
def image():
    data = draw_illustration("t", size=(1280, 720))
    picture = get_image_model()(
        title="Montréal", description="The image's own description", file=ContentFile(data, "m.jpg")
    )
    picture._set_image_file_metadata()
    picture.save()
    return picture


def render(source, **context):
    return Template("{% load observatory_images %}" + source).render(Context(context))


def test_a_hero_is_webp_with_a_jpeg_fallback_sized_and_loaded_first(image):
    html = render('{% picture_of image "hero" alt=alt eager=True %}', image=image, alt="Linked")
    assert html.startswith("<picture>")
    source = re.search(r"<source[^>]*>", html).group(0)
    assert 'type="image/webp"' in source
    assert source.count(".webp") == 3 and "480w" in source and "1280w" in source
    assert 'sizes="(min-width: 72rem) 72rem, 100vw"' in source
    img = re.search(r"<img[^>]*>", html).group(0)
    assert re.search(r'src="[^"]+\.jpg"', img)
    assert 'width="480"' in img and 'height="270"' in img
    assert 'alt="Linked"' in img
    assert 'loading="eager"' in img and 'fetchpriority="high"' in img


def test_other_pictures_load_lazily_and_may_be_decorative(image):
    html = render('{% picture_of image "card" %}', image=image)
    img = re.search(r"<img[^>]*>", html).group(0)
    assert 'alt=""' in img and 'loading="lazy"' in img and "fetchpriority" not in img


def test_no_image_renders_nothing():
    assert render('{% picture_of None "hero" %}') == ""


def test_renditions_made_ahead_are_the_ones_the_tag_uses(image):
    generate_renditions(image, ["card"])
    assert set(image.renditions.values_list("filter_spec", flat=True)) == set(picture_specs("card"))
    # Every rendition exists: rendering finds them and makes none.
    fresh = get_image_model().objects.get(pk=image.pk)
    with CaptureQueriesContext(connection) as queries:
        html = render('{% picture_of image "card" %}', image=fresh)
    assert html.count(".webp") == 2
    assert not [query for query in queries if "INSERT" in query["sql"]]
    assert image.renditions.count() == len(picture_specs("card"))


def test_every_picture_has_webp_and_jpeg_at_each_size():
    for name in PICTURES:
        specs = picture_specs(name)
        webp = [spec for spec in specs if spec.endswith("format-webp")]
        jpeg = [spec for spec in specs if spec.endswith("format-jpeg")]
        assert len(webp) == len(jpeg) >= 2, name
