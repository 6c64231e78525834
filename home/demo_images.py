"""The demo's pictures: illustrations the project draws (core.illustrations), credited, in
a collection of their own, with their alternative text in every language.

``demo_image(key, …)`` returns the Wagtail image of one illustration, drawing it the
first time and making every rendition the site shows (``core.images.PICTURES``) at
once, so that no visitor waits for one. ``with_image_text(fill, kind)`` wraps a
demo page's ``fill(copy, code)`` so that each language gets the image's alternative
text and credit in its own words (wagtail-localize translates them with the page).
"""

from django.core.files.base import ContentFile

from wagtail.images import get_image_model
from wagtail.models import Collection

from core.illustrations import PALETTES, draw_illustration
from core.images import generate_renditions

COLLECTION = "Demo illustrations"

CREDIT = {
    "en": "Illustration: Observatory demo, drawn by the project (CC0)",
    "fr": "Illustration : démo de l'Observatoire, dessinée par le projet (CC0)",
    "de": "Illustration: Demo der Beobachtungsstelle, vom Projekt gezeichnet (CC0)",
    "es": "Ilustración: demostración del Observatorio, dibujada por el proyecto (CC0)",
    "ar": "رسم توضيحي: عرض تجريبي للمرصد، رسمه المشروع (CC0)",
}

# What each kind of picture shows, with the page's title in the reader's language.
ALT = {
    "city": {
        "en": "Abstract illustration of {name}: a city skyline under circles linked by lines",
        "fr": "Illustration abstraite de {name} : la silhouette d'une ville sous des cercles "
        "reliés par des lignes",
        "de": "Abstrakte Illustration von {name}: eine Stadtsilhouette unter durch Linien "
        "verbundenen Kreisen",
        "es": "Ilustración abstracta de {name}: el perfil de una ciudad bajo círculos unidos "
        "por líneas",
        "ar": "رسم تجريدي لـ{name}: أفق مدينة تحت دوائر تربط بينها خطوط",
    },
    "initiative": {
        "en": "Abstract illustration for “{name}”: coloured circles, people, linked by lines",
        "fr": "Illustration abstraite pour « {name} » : des cercles de couleur, des personnes, "
        "reliés par des lignes",
        "de": "Abstrakte Illustration zu „{name}“: farbige Kreise, Menschen, durch Linien "
        "verbunden",
        "es": "Ilustración abstracta para «{name}»: círculos de colores, personas, unidos por "
        "líneas",
        "ar": "رسم تجريدي لـ«{name}»: دوائر ملونة، أشخاص، تربط بينها خطوط",
    },
    "event": {
        "en": "Abstract illustration for {name}: a city skyline and circles linked together, "
        "mayors meeting",
        "fr": "Illustration abstraite pour {name} : la silhouette d'une ville et des cercles "
        "reliés entre eux, des maires qui se rencontrent",
        "de": "Abstrakte Illustration – {name}: eine Stadtsilhouette und miteinander "
        "verbundene Kreise, Bürgermeister, die sich treffen",
        "es": "Ilustración abstracta para {name}: el perfil de una ciudad y círculos unidos "
        "entre sí, alcaldes que se reúnen",
        "ar": "رسم تجريدي لـ{name}: أفق مدينة ودوائر متصلة ببعضها، رؤساء بلديات يلتقون",
    },
    "day": {
        "en": "Abstract illustration for the {name}: circles of many colours linked together",
        "fr": "Illustration abstraite pour la {name} : des cercles de toutes les couleurs "
        "reliés entre eux",
        "de": "Abstrakte Illustration – {name}: Kreise in vielen Farben, miteinander verbunden",
        "es": "Ilustración abstracta para el {name}: círculos de muchos colores unidos entre sí",
        "ar": "رسم تجريدي لـ{name}: دوائر بألوان كثيرة متصلة ببعضها",
    },
    "news": {
        "en": "Abstract illustration for the newsletter “{name}”: circles linked by lines",
        "fr": "Illustration abstraite pour la lettre « {name} » : des cercles reliés par des "
        "lignes",
        "de": "Abstrakte Illustration zum Newsletter „{name}“: durch Linien verbundene Kreise",
        "es": "Ilustración abstracta para el boletín «{name}»: círculos unidos por líneas",
        "ar": "رسم تجريدي للنشرة «{name}»: دوائر تربط بينها خطوط",
    },
}


def image_alt(kind, code, name):
    texts = ALT[kind]
    return texts.get(code, texts["en"]).format(name=name)


def demo_collection():
    collection = Collection.objects.filter(name=COLLECTION).first()
    if collection is None:
        collection = Collection.get_first_root_node().add_child(name=COLLECTION)
    return collection


def demo_image(key, pictures, *, palette=None, skyline=False, description=""):
    """The illustration ``key`` as a Wagtail image with the renditions of ``pictures``.

    ``pictures`` names the ``core.images.PICTURES`` the page type shows (created once).
    """
    Image = get_image_model()
    title = f"Demo illustration: {key}"
    image = Image.objects.filter(title=title).first()
    if image is None:
        data = draw_illustration(
            key, PALETTES[palette] if palette else None, skyline=skyline, size=(1280, 720)
        )
        image = Image(
            title=title,
            description=description,
            collection=demo_collection(),
            file=ContentFile(data, f"demo-{key}.jpg"),
        )
        # Size and hash, as Wagtail's own upload sets them.
        image._set_image_file_metadata()
        image.save()
    generate_renditions(image, pictures)
    return image


def set_image_text(page, kind, code):
    """The alternative text and credit of ``page``'s image, in language ``code``."""
    page.image_alt = image_alt(kind, code, page.title)
    page.image_credit = CREDIT.get(code, CREDIT["en"])


def with_image_text(fill, kind):
    """``fill`` that also writes the image's alternative text and credit in each language."""

    def fill_with_image(copy, code):
        fill(copy, code)
        set_image_text(copy, kind, code)

    return fill_with_image


def image_block(image, kind, code, name):
    """A ``CaptionedImageBlock`` value: the illustration, described and credited in ``code``."""
    return {
        "image": image,
        "alt_text": image_alt(kind, code, name),
        "decorative": False,
        "caption": "",
        "credit": CREDIT.get(code, CREDIT["en"]),
    }
