"""Illustrations the project draws itself: the logo mark's icons and the demo's pictures.

Nothing here is a photograph or somebody else's work: the demo's images are abstract
compositions drawn with Pillow from a seed (a page's slug) and a palette (a theme's
or a city's colours), so the project can publish them under its own licence and say
so in the credit. ``draw_mark`` draws the logo mark of ``static/img/logo-mark.svg``
(the favicon, touch and manifest icons and the email header are made from it by
``manage.py draw_icons``).
"""

import hashlib
import io
import math
import random

from PIL import Image, ImageDraw, ImageFilter

# The identity's colours (static/css/observatory.css documents them).
NAVY = (20, 54, 95)
CREAM = (246, 239, 227)
AMBER = (224, 138, 60)

# Palettes of the illustrations: background, two mid tones, one accent.
PALETTES = {
    "navy": [(20, 54, 95), (44, 95, 150), (118, 163, 205), (224, 138, 60)],
    "teal": [(14, 74, 78), (34, 123, 120), (134, 196, 180), (246, 200, 96)],
    "terracotta": [(120, 46, 30), (190, 84, 52), (238, 170, 120), (250, 226, 180)],
    "olive": [(52, 66, 34), (104, 128, 60), (186, 200, 120), (236, 120, 76)],
    "plum": [(62, 32, 72), (120, 70, 130), (206, 160, 200), (246, 204, 120)],
    "slate": [(36, 44, 58), (80, 98, 122), (170, 186, 204), (226, 104, 84)],
}
CREDIT = "Illustration: Observatory of Mayors on Living Together (CC0)"


def draw_mark(size, *, padding=0.0, background=None):
    """The logo mark as a square RGBA image of ``size`` pixels (drawn 4× and reduced)."""
    scale = 4
    full = size * scale
    image = Image.new("RGBA", (full, full), background or (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    inner = full * (1 - 2 * padding)
    unit = inner / 64
    offset = full * padding

    def point(x, y):
        return offset + x * unit, offset + y * unit

    def disc(cx, cy, r, **kwargs):
        x, y = point(cx, cy)
        draw.ellipse([x - r * unit, y - r * unit, x + r * unit, y + r * unit], **kwargs)

    disc(32, 32, 30, fill=NAVY)
    disc(32, 32, 16, outline=CREAM, width=round(3.2 * unit))
    for step in range(6):
        angle = math.radians(-90 + 60 * step)
        disc(32 + 19.5 * math.cos(angle), 32 + 19.5 * math.sin(angle), 4.6, fill=CREAM)
    disc(32, 32, 5.2, fill=AMBER)
    return image.resize((size, size), Image.Resampling.LANCZOS)


def _rng(seed):
    # A picture, not a secret: the same seed draws the same picture on every run.
    return random.Random(int(hashlib.sha256(seed.encode()).hexdigest()[:16], 16))  # noqa: S311


def palette_for(seed):
    """A palette chosen by ``seed`` (stable from one run to the next)."""
    names = sorted(PALETTES)
    return PALETTES[names[_rng(seed).randrange(len(names))]]


def draw_illustration(seed, palette=None, *, size=(1600, 900), skyline=False):
    """An abstract picture: linked circles (people, cities) over a soft gradient, as JPEG bytes.

    With ``skyline`` a row of buildings stands on the horizon (a city's picture).
    """
    rng = _rng(seed)
    palette = palette or palette_for(seed)
    width, height = size
    base, mid, light, accent = palette
    image = Image.new("RGB", size, base)
    draw = ImageDraw.Draw(image)
    # A vertical gradient from the base colour to a mid tone.
    for y in range(height):
        t = y / height
        draw.line(
            [(0, y), (width, y)],
            fill=tuple(round(b + (m - b) * t * 0.8) for b, m in zip(base, mid, strict=True)),
        )

    layer = Image.new("RGBA", size, (0, 0, 0, 0))
    shapes = ImageDraw.Draw(layer)
    nodes = []
    for _ in range(rng.randint(7, 11)):
        x, y = rng.uniform(0.08, 0.92) * width, rng.uniform(0.12, 0.78) * height
        radius = rng.uniform(0.04, 0.16) * height
        colour = rng.choice([mid, light, light, accent])
        shapes.ellipse(
            [x - radius, y - radius, x + radius, y + radius], fill=(*colour, rng.randint(110, 200))
        )
        nodes.append((x, y))
    # Lines link each circle to its nearest neighbours: a network of cities.
    for x, y in nodes:
        nearest = sorted(nodes, key=lambda node: (node[0] - x) ** 2 + (node[1] - y) ** 2)[1:3]
        for nx, ny in nearest:
            shapes.line([(x, y), (nx, ny)], fill=(*CREAM, 150), width=max(2, width // 400))
    for x, y in nodes:
        r = max(5, width // 160)
        shapes.ellipse([x - r, y - r, x + r, y + r], fill=(*CREAM, 235))
    layer = layer.filter(ImageFilter.GaussianBlur(radius=0.6))
    image.paste(layer, (0, 0), layer)

    if skyline:
        draw = ImageDraw.Draw(image)
        x = 0
        ground = int(height * 0.86)
        while x < width:
            building = rng.randint(width // 40, width // 14)
            top = ground - rng.randint(height // 14, height // 3)
            draw.rectangle(
                [x, top, x + building - 4, ground], fill=tuple(round(c * 0.55) for c in base)
            )
            x += building
        draw.rectangle([0, ground, width, height], fill=tuple(round(c * 0.45) for c in base))

    output = io.BytesIO()
    image.save(output, format="JPEG", quality=84, optimize=True, progressive=True)
    return output.getvalue()
