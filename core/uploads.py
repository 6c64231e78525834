"""Uploads: checked by their content, never by their name or the browser's word, then saved.

``validate_document(file)`` accepts a PDF or an office document (Word, Excel,
PowerPoint, OpenDocument, legacy OLE .doc/.xls/.ppt) of at most 20 MB;
``validate_image(file)`` a JPEG, PNG or WebP image of at most 10 MB and 40
megapixels. Both raise ``django.core.exceptions.ValidationError`` with a message
in the reader's language, and leave the file at its start.

``save_image(upload, …)`` and ``save_document(upload, …)`` store a checked
upload as a Wagtail image or document in a collection (a city team's private
one, so that the team and the editors find it and nobody else; the root
collection when there is none). The stored file's name holds 128 random bits:
a private file cannot be found by guessing its address under MEDIA_URL
(``/media/original_images/<name>`` or the renditions made from it), whatever
serves that folder.
"""

import posixpath
import re
import secrets
import warnings
import zipfile

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

MB = 1024 * 1024
DOCUMENT_MAX_BYTES = 20 * MB
IMAGE_MAX_BYTES = 10 * MB
IMAGE_MAX_PIXELS = 40_000_000
UNGUESSABLE = re.compile(r"(^|/)[0-9a-f]{32}[_/]")

PDF_MAGIC = b"%PDF-"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
ODF_MIMETYPE = b"application/vnd.oasis.opendocument."

# What each kind of content may be called.
DOCUMENT_EXTENSIONS = {
    "pdf": {"pdf"},
    "ooxml": {"docx", "xlsx", "pptx", "docm", "xlsm", "pptm"},
    "opendocument": {"odt", "ods", "odp", "odg"},
    "ole": {"doc", "xls", "ppt"},
}
IMAGE_FORMATS = {"JPEG": {"jpg", "jpeg"}, "PNG": {"png"}, "WEBP": {"webp"}}

DOCUMENT_MESSAGES = {
    "empty": _("The file is empty."),
    "too_large": _("The file is larger than %(max)d MB. Please send a smaller file."),
    "not_document": _(
        "This file is not a PDF or an office document (Word, Excel, PowerPoint, "
        "OpenDocument). Please send the document as a PDF."
    ),
    "damaged": _("This file seems damaged: it could not be read. Please send it again."),
    "extension": _(
        "The file's name does not match its content: it is a %(kind)s, named “%(name)s”. "
        "Please rename it or export it again."
    ),
}
IMAGE_MESSAGES = {
    "empty": _("The image is empty."),
    "too_large": _("The image is larger than %(max)d MB. Please send a smaller image."),
    "svg": _("SVG drawings are not accepted. Please send a JPEG, PNG or WebP image."),
    "gif": _("GIF images are not accepted. Please send a JPEG, PNG or WebP image."),
    "format": _("This %(format)s image is not accepted. Please send a JPEG, PNG or WebP image."),
    "not_image": _("This file is not an image. Please send a JPEG, PNG or WebP image."),
    "damaged": _("This image seems damaged: it could not be read. Please send it again."),
    "too_many_pixels": ngettext_lazy(
        "The image is too big: %(width)d × %(height)d pixels. Please send an image of at "
        "most %(max)d megapixel.",
        "The image is too big: %(width)d × %(height)d pixels. Please send an image of at "
        "most %(max)d megapixels.",
        "max",
    ),
    "bomb": ngettext_lazy(
        "The image is too big. Please send an image of at most %(max)d megapixel.",
        "The image is too big. Please send an image of at most %(max)d megapixels.",
        "max",
    ),
    "extension": _(
        "The file's name does not match its content: it is a %(kind)s image, named "
        "“%(name)s”. Please rename it."
    ),
}
KIND_NAMES = {
    "pdf": _("PDF document"),
    "ooxml": _("Microsoft Office document"),
    "opendocument": _("OpenDocument file"),
    "ole": _("Microsoft Office 97–2003 document"),
}


def _size(file):
    size = getattr(file, "size", None)
    if size is None:
        position = file.tell()
        file.seek(0, 2)
        size = file.tell()
        file.seek(position)
    return size


def _head(file, count):
    file.seek(0)
    head = file.read(count)
    file.seek(0)
    return head or b""


def _extension(file):
    name = getattr(file, "name", "") or ""
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def _zip_kind(file):
    """'ooxml', 'opendocument' or None for a zip archive; raises BadZipFile when damaged."""
    file.seek(0)
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
            if "[Content_Types].xml" in names:
                return "ooxml"
            if "mimetype" in names:
                # Read a few bytes only, whatever the entry claims to hold.
                with archive.open("mimetype") as entry:
                    if entry.read(len(ODF_MIMETYPE) + 64).startswith(ODF_MIMETYPE):
                        return "opendocument"
            return None
    finally:
        file.seek(0)


def document_kind(file):
    """The kind of document ``file`` holds by its content ('pdf', 'ooxml', …), or None."""
    head = _head(file, 8)
    if head.startswith(PDF_MAGIC):
        return "pdf"
    if head.startswith(OLE_MAGIC):
        return "ole"
    if head.startswith(ZIP_MAGIC):
        return _zip_kind(file)
    return None


def validate_document(file):
    """A PDF or office document of at most 20 MB, by content. Returns its kind ('pdf', …)."""
    size = _size(file)
    if size == 0:
        raise ValidationError(DOCUMENT_MESSAGES["empty"], code="empty")
    if size > DOCUMENT_MAX_BYTES:
        raise ValidationError(
            DOCUMENT_MESSAGES["too_large"],
            code="too_large",
            params={"max": DOCUMENT_MAX_BYTES // MB},
        )
    try:
        kind = document_kind(file)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, RuntimeError):
        raise ValidationError(DOCUMENT_MESSAGES["damaged"], code="damaged") from None
    if kind is None:
        raise ValidationError(DOCUMENT_MESSAGES["not_document"], code="not_document")
    extension = _extension(file)
    if extension and extension not in DOCUMENT_EXTENSIONS[kind]:
        raise ValidationError(
            DOCUMENT_MESSAGES["extension"],
            code="extension",
            params={"kind": KIND_NAMES[kind], "name": getattr(file, "name", "")[-80:]},
        )
    return kind


def validate_image(file):
    """A JPEG, PNG or WebP image of at most 10 MB and 40 megapixels. Returns Pillow's format."""
    from PIL import Image

    size = _size(file)
    if size == 0:
        raise ValidationError(IMAGE_MESSAGES["empty"], code="empty")
    if size > IMAGE_MAX_BYTES:
        raise ValidationError(
            IMAGE_MESSAGES["too_large"], code="too_large", params={"max": IMAGE_MAX_BYTES // MB}
        )
    head = _head(file, 512).lstrip()
    if head.startswith((b"<?xml", b"<svg", b"<!DOCTYPE svg")) or b"<svg" in head:
        raise ValidationError(IMAGE_MESSAGES["svg"], code="svg")
    try:
        with warnings.catch_warnings():
            # Pillow warns of a possible decompression bomb; the pixel limit below decides.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            file.seek(0)
            with Image.open(file) as image:
                image_format = image.format
                width, height = image.size
                if image_format == "GIF":
                    raise ValidationError(IMAGE_MESSAGES["gif"], code="gif")
                if image_format not in IMAGE_FORMATS:
                    raise ValidationError(
                        IMAGE_MESSAGES["format"],
                        code="format",
                        params={"format": image_format or "?"},
                    )
                if width * height > IMAGE_MAX_PIXELS:
                    raise ValidationError(
                        IMAGE_MESSAGES["too_many_pixels"],
                        code="too_many_pixels",
                        params={
                            "width": width,
                            "height": height,
                            "max": IMAGE_MAX_PIXELS // 1_000_000,
                        },
                    )
                image.verify()
    except Image.DecompressionBombError:
        raise ValidationError(
            IMAGE_MESSAGES["bomb"],
            code="too_many_pixels",
            params={"max": IMAGE_MAX_PIXELS // 1_000_000},
        ) from None
    except Image.UnidentifiedImageError:
        raise ValidationError(IMAGE_MESSAGES["not_image"], code="not_image") from None
    except ValidationError:
        raise
    except Exception:  # Pillow raises many kinds of errors on broken files
        raise ValidationError(IMAGE_MESSAGES["damaged"], code="damaged") from None
    finally:
        file.seek(0)
    extension = _extension(file)
    if extension and extension not in IMAGE_FORMATS[image_format]:
        raise ValidationError(
            IMAGE_MESSAGES["extension"],
            code="extension",
            params={"kind": image_format, "name": getattr(file, "name", "")[-80:]},
        )
    return image_format


# Saving ------------------------------------------------------------------------------


def _base_name(upload):
    return posixpath.basename((upload.name or "upload").replace("\\", "/")) or "upload"


def _collection_or_root(collection):
    return collection or Collection.get_first_root_node()


def _token():
    return secrets.token_hex(16)


def _image_name(base):
    # In the name itself: Wagtail names renditions after the original's file name.
    return f"{_token()}_{base}"


def _document_name(storage, base):
    # A folder of its own, so the name people download stays the one they gave.
    return posixpath.join("documents", _token(), storage.get_valid_name(base))


def has_unguessable_name(media):
    """Whether the stored file of ``media`` (an image or a document) has a random part."""
    return bool(UNGUESSABLE.search(media.file.name))


def give_unguessable_name(media):
    """Store the file of ``media`` again under a name with 128 random bits; drop the old one.

    For files saved before names had them. Returns whether it moved the file.
    """
    if has_unguessable_name(media):
        return False
    storage = media.file.storage
    old = media.file.name
    base = posixpath.basename(old)
    is_image = hasattr(media, "renditions")
    if is_image:
        stem, extension = posixpath.splitext(storage.get_valid_name(base))
        new = posixpath.join("original_images", _image_name(stem[:40] + extension))
    else:
        new = _document_name(storage, base)
    with storage.open(old, "rb") as content:
        media.file.name = storage.save(new, content, max_length=media.file.field.max_length)
    media.save(update_fields=["file"])
    if is_image:
        media.renditions.all().delete()  # named after the old file: guessable too
    storage.delete(old)
    return True


def save_image(upload, *, title, description="", collection=None, user=None):
    """``upload`` (checked by ``validate_image``) as a Wagtail image in ``collection``.

    ``description`` is the image's alternative text; ``title`` is cut to the
    255 characters a title may have.
    """
    upload.seek(0)
    image = get_image_model()(
        title=title[:255],
        description=description,
        collection=_collection_or_root(collection),
        uploaded_by_user=user,
    )
    image.file.save(_image_name(_base_name(upload)), upload, save=False)
    # Size and hash now, as the admin's own upload does: duplicates are found by the hash.
    image._set_image_file_metadata()
    image.save()
    return image


def save_document(upload, *, title, collection=None, user=None):
    """``upload`` (checked by ``validate_document``) as a Wagtail document in ``collection``."""
    upload.seek(0)
    document = get_document_model()(
        title=title[:255],
        collection=_collection_or_root(collection),
        uploaded_by_user=user,
    )
    storage = document.file.storage
    document.file = storage.save(
        _document_name(storage, _base_name(upload)),
        upload,
        max_length=document.file.field.max_length,
    )
    document._set_document_file_metadata()
    document.save()
    return document
