"""The shared block library: validation across fields, templates and previews."""

from wagtail import blocks
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

import pytest

from core.blocks import (
    BaseStreamBlock,
    CallToActionBlock,
    CaptionedImageBlock,
    HeadingBlock,
    KeyFiguresBlock,
    QuoteBlock,
)


def test_call_to_action_needs_exactly_one_target(home_page):
    block = CallToActionBlock()
    base = {"title": "Sign", "text": "", "button_label": "Go"}
    with pytest.raises(blocks.StructBlockValidationError) as neither:
        block.clean(block.to_python({**base, "page": None, "url": ""}))
    assert set(neither.value.block_errors) == {"page", "url"}
    with pytest.raises(blocks.StructBlockValidationError):
        block.clean(block.to_python({**base, "page": home_page.pk, "url": "https://a.example/"}))
    assert block.clean(block.to_python({**base, "page": None, "url": "https://a.example/"}))


def test_image_needs_alt_text_unless_decorative(db):
    image = Image.objects.create(title="Ehrenhof", file=get_test_image_file())
    block = CaptionedImageBlock()
    value = {"image": image.pk, "alt_text": "", "decorative": False, "caption": "", "credit": ""}
    with pytest.raises(blocks.StructBlockValidationError) as error:
        block.clean(block.to_python(value))
    assert "alt_text" in error.value.block_errors
    assert block.clean(block.to_python({**value, "decorative": True}))
    html = block.render(block.to_python({**value, "alt_text": "The Ehrenhof square"}))
    assert 'alt="The Ehrenhof square"' in html


@pytest.mark.parametrize(
    ("block", "expected"),
    [
        (HeadingBlock(), "<h2>Living together in cities</h2>"),
        (QuoteBlock(), "Cities are on the frontline"),
        (KeyFiguresBlock(), "<dd>5</dd>"),
        (CallToActionBlock(), 'class="button" href="https://example.org/"'),
    ],
)
def test_blocks_render_their_preview_value(block, expected):
    assert block.is_previewable
    assert expected in block.render(block.get_preview_value())


def test_every_block_in_the_library_has_a_template_and_description():
    for name, child in BaseStreamBlock().child_blocks.items():
        assert getattr(child.meta, "template", None), name
        assert getattr(child.meta, "description", None), name
