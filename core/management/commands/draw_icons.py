"""Draw the favicon, touch, manifest and email icons from the logo mark into static/img/."""

from django.conf import settings
from django.core.management.base import BaseCommand

from core.illustrations import draw_mark

# name: (size, padding, background). The touch and maskable icons are opaque squares
# with room around the mark, as iOS and Android crop them.
ICONS = {
    "favicon-32.png": (32, 0.0, None),
    "apple-touch-icon.png": (180, 0.1, (255, 255, 255, 255)),
    "icon-192.png": (192, 0.0, None),
    "icon-512.png": (512, 0.0, None),
    "icon-maskable-512.png": (512, 0.18, (20, 54, 95, 255)),
    "logo-email.png": (112, 0.0, None),
}


class Command(BaseCommand):
    help = "Draw the PNG icons of the logo mark (static/img/). Run after changing the mark."

    def handle(self, *args, **options):
        folder = settings.BASE_DIR / "static" / "img"
        for name, (size, padding, background) in ICONS.items():
            image = draw_mark(size, padding=padding, background=background)
            if background:
                image = image.convert("RGB")
            image.save(folder / name, optimize=True)
            self.stdout.write(f"static/img/{name}")
        draw_mark(48).save(folder / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48)])
        self.stdout.write("static/img/favicon.ico")
