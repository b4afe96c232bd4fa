"""What the back office accepts as an upload, in one place.

Editors upload images and documents in Wagtail's admin: the add views, the
multiple uploader, the upload tab of the choosers and the edit views (a new
file for an existing image or document). All of them build their form from
``WAGTAILIMAGES_IMAGE_FORM_BASE`` and ``WAGTAILDOCS_DOCUMENT_FORM_BASE``, which
are the two forms below, so every upload passes the same rules:

- file names: Django keeps only the last part of the name the browser sends
  (``../../etc/passwd.pdf`` becomes ``passwd.pdf``), drops invisible and
  control characters, such as the right-to-left override U+202E (so
  ``verslag<U+202E>fdp.exe`` is checked as the ``.exe`` it is), and cuts a
  name to 255 characters, keeping its extension. A document's name is then
  shortened further to fit Wagtail's file column, so storage never has to
  cut it (which fails for names like ``3.2 Verslag ... .pdf``). Titles, which
  editors and the multiple uploader fill in from the file name and which
  visitors see, are refused when they hold such characters.
- images: at most ``WAGTAILIMAGES_MAX_UPLOAD_SIZE`` bytes and
  ``WAGTAILIMAGES_MAX_IMAGE_PIXELS`` pixels, read from the file's header
  before any pixel is decoded (a small file can claim gigabytes of pixels);
  then the image is decoded once, within that bound, so a truncated or
  damaged file is refused instead of breaking pages later. The content must
  match the extension; SVG is not accepted (it can carry scripts).
- documents: the extensions of ``WAGTAILDOCS_EXTENSIONS``, at most
  ``WAGTAILDOCS_MAX_UPLOAD_SIZE`` bytes, and a content that matches the
  extension where that is cheap to see (a PDF starts with ``%PDF-``, an
  Office or OpenDocument file is a zip with the right parts, a CSV or text
  file holds no binary data). Zip files are judged by their directory and,
  for OpenDocument, one small entry read up to its size limit; never
  unpacked as a whole.

Every refusal is a Dutch message on the form; nothing is stored. Images that
got in before these rules (or were put in another way) cannot break a page:
see ``rendition_guard_install``.
"""

import functools
import logging
import os
import struct
import unicodedata
import zipfile
from collections.abc import Callable
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.forms import Field
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.documents.fields import WagtailDocumentField
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

logger = logging.getLogger(__name__)

# Room kept in a stored name for the suffix that storage adds when the name
# is taken ("_" and seven characters).
_STORAGE_SUFFIX_ROOM = 8
# The bidirectional formatting characters (Unicode UAX #9): they reorder what
# is shown, so "verslag<U+202E>fdp.exe" reads as "verslagexe.pdf".
BIDI_CONTROLS = frozenset(
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
)
# A CSV or text file is refused when this much of its start holds NUL bytes
# (an executable or a zip renamed to .txt); UTF-16 text starts with a BOM.
_TEXT_SNIFF_BYTES = 64 * 1024
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
# A zip with more entries (or a larger directory) than this is not an office
# document; reading the directory of millions of entries would cost memory.
_ZIP_MAX_ENTRIES = 10_000
_ZIP_MAX_DIRECTORY_BYTES = 4 * 1024 * 1024
_ZIP_END_RECORD = b"PK\x05\x06"

MESSAGES = {
    "empty": _(
        "Dit bestand is leeg. Kies het bestand opnieuw; misschien is het niet "
        "goed opgeslagen."
    ),
    "title_hidden_characters": _(
        "De titel bevat onzichtbare tekens die de tekst omdraaien of verbergen. "
        "Typ de titel opnieuw, zonder die tekens."
    ),
    "image_not_an_image": _(
        "Dit bestand is geen afbeelding die de portal kan tonen. Kies een JPG-, "
        "PNG-, GIF-, WebP- of AVIF-bestand."
    ),
    "image_extension": _(
        "Dit soort bestand kan niet als afbeelding. Kies een JPG-, PNG-, GIF-, "
        "WebP- of AVIF-bestand. SVG kan niet: daarin kunnen scripts zitten."
    ),
    "image_mismatch": _(
        "De extensie van dit bestand (.%(extension)s) past niet bij wat erin "
        "zit (%(image_format)s). Bewaar de afbeelding opnieuw als "
        ".%(extension)s, of kies het goede bestand."
    ),
    "image_too_large": _(
        "Dit bestand is te groot (%(file_size)s). Een afbeelding mag hoogstens "
        "%(max_filesize)s zijn. Maak de afbeelding kleiner en probeer het "
        "opnieuw."
    ),
    "image_too_large_unknown_size": _(
        "Dit bestand is te groot. Een afbeelding mag hoogstens %(max_filesize)s "
        "zijn. Maak de afbeelding kleiner en probeer het opnieuw."
    ),
    "image_too_many_pixels": _(
        "Deze afbeelding heeft te veel beeldpunten. Het maximum is "
        "%(max_megapixels)s megapixel (bijvoorbeeld %(example)s beeldpunten). "
        "Maak de afbeelding kleiner en probeer het opnieuw."
    ),
    "image_damaged": _(
        "Deze afbeelding is beschadigd of niet helemaal opgeslagen. Open en "
        "bewaar haar opnieuw in een fotoprogramma, of kies een ander bestand."
    ),
    "document_too_large": _(
        "Dit bestand is te groot (%(file_size)s). Een document mag hoogstens "
        "%(max_filesize)s zijn. Maak het bestand kleiner, of zet het op in delen."
    ),
    "document_too_large_unknown_size": _(
        "Dit bestand is te groot. Een document mag hoogstens %(max_filesize)s "
        "zijn. Maak het bestand kleiner, of zet het op in delen."
    ),
    "document_mismatch": _(
        "Dit is geen echt %(kind)s-bestand: wat erin zit past niet bij de "
        "extensie .%(extension)s. Bewaar het opnieuw als %(kind)s, of kies het "
        "goede bestand."
    ),
}


# --- Names -------------------------------------------------------------------


def has_hidden_characters(text: str) -> bool:
    """Whether ``text`` holds control characters or bidirectional formatting
    characters (which make a text read differently from what it is)."""
    return any(
        char in BIDI_CONTROLS or unicodedata.category(char) == "Cc" for char in text
    )


def title_check(title: str) -> str:
    if has_hidden_characters(title):
        raise ValidationError(
            MESSAGES["title_hidden_characters"], code="title_hidden_characters"
        )
    return title


def filename_shorten(name: str, *, max_length: int) -> str:
    """``name`` cut to ``max_length`` characters, keeping its extension."""
    if len(name) <= max_length:
        return name
    root, extension = os.path.splitext(name)
    if len(extension) >= max_length:
        extension = ""
    return root[: max_length - len(extension)] + extension


def _room_for_name(model: Any) -> int | None:
    """How long an uploaded name may be so that its stored path (folder,
    name and the suffix storage adds when the name is taken) fits the
    model's file column; ``None`` when the folder is not fixed."""
    field = model._meta.get_field("file")
    if not isinstance(field.upload_to, str) or not field.max_length:
        return None
    folder = field.upload_to.rstrip("/") + "/" if field.upload_to else ""
    return int(field.max_length) - len(folder) - _STORAGE_SUFFIX_ROOM


# --- Images ------------------------------------------------------------------


def _megapixels(pixels: int) -> str:
    return f"{pixels / 1_000_000:g}"


def _example_size(pixels: int) -> str:
    """A 4:3 size in pixels that fits within ``pixels``."""
    unit = int((pixels / 12) ** 0.5)
    return f"{4 * unit} bij {3 * unit}"


def image_pixels_check(file: IO[bytes], *, max_pixels: int) -> None:
    """Refuse an image whose header claims more than ``max_pixels`` pixels
    in a frame; reads the header only, decodes nothing."""
    too_many = ValidationError(
        MESSAGES["image_too_many_pixels"],
        code="file_too_many_pixels",
        params={
            "max_megapixels": _megapixels(max_pixels),
            "example": _example_size(max_pixels),
        },
    )
    file.seek(0)
    try:
        with PILImage.open(file) as image:
            # Per frame: a page shows (and a rendition decodes) the first
            # frame only, and a photo may carry a second image (a preview).
            pixels = image.width * image.height
    except PILImage.DecompressionBombError:
        # Pillow's own limit (twice its MAX_IMAGE_PIXELS) was passed.
        raise too_many from None
    except Exception as exc:
        # Pillow cannot read the header: not an image it can show.
        raise ValidationError(
            MESSAGES["image_not_an_image"], code="invalid_image"
        ) from exc
    finally:
        file.seek(0)
    if pixels > max_pixels:
        raise too_many


def image_decode_check(file: IO[bytes]) -> None:
    """Decode the image once, so a truncated or damaged file is refused now
    rather than when a page first shows it. Call ``image_pixels_check``
    first: memory is bounded by the pixels it allows (a JPEG is decoded at
    an eighth of its size, which reads all of its data all the same)."""
    file.seek(0)
    try:
        with PILImage.open(file) as image:
            if image.format == "JPEG":
                image.draft(None, (max(1, image.width // 8), max(1, image.height // 8)))
            image.load()
    except Exception as exc:
        # Any failure of a decoder (truncated data, a broken chunk, a bad
        # table) means the file cannot be shown.
        raise ValidationError(MESSAGES["image_damaged"], code="image_damaged") from exc
    finally:
        file.seek(0)


class ImageUploadField(WagtailImageField):
    """Wagtail's image field, with the pixel count read from the header
    before anything is decoded, a full decode within that bound and Dutch
    messages.

    Wagtail's own pixel check asks Willow for the size, which decodes the
    whole image first; it is replaced here."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.error_messages.update(
            {
                "empty": MESSAGES["empty"],
                "invalid_image": MESSAGES["image_not_an_image"],
                "invalid_image_extension": MESSAGES["image_extension"],
                "file_too_large": MESSAGES["image_too_large"],
                "file_too_large_unknown_size": MESSAGES["image_too_large_unknown_size"]
                % {"max_filesize": self.max_upload_size_text},
            }
        )

    def check_image_file_format(self, f: Any) -> None:
        # As Wagtail's, but the message names the extension as the editor
        # typed it (.jpg, not .jpeg) and the format the file really has.
        extension = os.path.splitext(f.name)[1].lower().lstrip(".")
        if extension not in self.allowed_image_extensions:
            raise ValidationError(
                MESSAGES["image_extension"], code="invalid_image_extension"
            )
        expected = "jpeg" if extension == "jpg" else extension
        if expected != f.image.format_name:
            raise ValidationError(
                MESSAGES["image_mismatch"],
                code="invalid_image_known_format",
                params={
                    "extension": extension,
                    "image_format": str(f.image.format_name).upper(),
                },
            )

    def check_image_pixel_size(self, f: Any) -> None:
        max_pixels = int(self.max_image_pixels or PILImage.MAX_IMAGE_PIXELS or 0)
        image_pixels_check(f, max_pixels=max_pixels)
        image_decode_check(f)


class ImageForm(BaseImageForm):
    """The base of every image form in the admin (WAGTAILIMAGES_IMAGE_FORM_BASE)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _file_field_replace(self, ImageUploadField)

    def clean_title(self) -> str:
        return title_check(self.cleaned_data["title"])


# --- Documents ---------------------------------------------------------------


def _zip_names(file: IO[bytes]) -> list[str] | None:
    """The names in a zip file, from its directory alone; ``None`` when it
    is no zip or has more entries than an office document would."""
    file.seek(0, os.SEEK_END)
    size = file.tell()
    tail_length = min(size, 22 + 65_535)
    file.seek(size - tail_length)
    tail = file.read(tail_length)
    end = tail.rfind(_ZIP_END_RECORD)
    if end < 0 or len(tail) < end + 22:
        return None
    entries, directory_size = struct.unpack("<HI", tail[end + 10 : end + 16])
    if entries > _ZIP_MAX_ENTRIES or directory_size > _ZIP_MAX_DIRECTORY_BYTES:
        return None
    file.seek(0)
    try:
        with zipfile.ZipFile(file) as archive:
            return archive.namelist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError):
        return None


def _zip_member(file: IO[bytes], name: str, *, max_size: int) -> bytes | None:
    file.seek(0)
    try:
        with zipfile.ZipFile(file) as archive:
            info = archive.getinfo(name)
            if info.file_size > max_size:
                return None
            # Read no more than allowed, whatever the entry inflates to (its
            # declared size may lie).
            with archive.open(info) as member:
                data = member.read(max_size + 1)
            return None if len(data) > max_size else data
    except (KeyError, zipfile.BadZipFile, OSError, ValueError, RuntimeError):
        return None


def _is_pdf(file: IO[bytes]) -> bool:
    file.seek(0)
    return file.read(5) == b"%PDF-"


def _is_ooxml(folder: str) -> Callable[[IO[bytes]], bool]:
    def check(file: IO[bytes]) -> bool:
        names = _zip_names(file)
        return (
            names is not None
            and "[Content_Types].xml" in names
            and any(name.startswith(folder) for name in names)
        )

    return check


def _is_opendocument(mimetype: str) -> Callable[[IO[bytes]], bool]:
    def check(file: IO[bytes]) -> bool:
        if _zip_names(file) is None:
            return False
        return _zip_member(file, "mimetype", max_size=100) == mimetype.encode()

    return check


def _is_text(file: IO[bytes]) -> bool:
    file.seek(0)
    start = file.read(_TEXT_SNIFF_BYTES)
    return b"\x00" not in start or start.startswith(_UTF16_BOMS)


# What a document with each extension must look like inside, and what the
# format is called in a message. Extensions without an entry are not checked.
DOCUMENT_CONTENT_CHECKS: dict[str, tuple[str, Callable[[IO[bytes]], bool]]] = {
    "pdf": ("PDF", _is_pdf),
    "docx": ("Word", _is_ooxml("word/")),
    "xlsx": ("Excel", _is_ooxml("xl/")),
    "pptx": ("PowerPoint", _is_ooxml("ppt/")),
    "odt": (
        "OpenDocument-tekst",
        _is_opendocument("application/vnd.oasis.opendocument.text"),
    ),
    "ods": (
        "OpenDocument-rekenblad",
        _is_opendocument("application/vnd.oasis.opendocument.spreadsheet"),
    ),
    "odp": (
        "OpenDocument-presentatie",
        _is_opendocument("application/vnd.oasis.opendocument.presentation"),
    ),
    "csv": ("CSV", _is_text),
    "txt": ("tekst", _is_text),
}


def document_content_check(file: IO[bytes], *, name: str) -> None:
    """Refuse a document whose content does not match its extension. An
    extension that is not allowed at all is left to the model, which says
    which extensions are."""
    extension = os.path.splitext(name)[1].lower().lstrip(".")
    check = DOCUMENT_CONTENT_CHECKS.get(extension)
    if check is None:
        return
    kind, looks_right = check
    try:
        matches = looks_right(file)
    finally:
        file.seek(0)
    if not matches:
        raise ValidationError(
            MESSAGES["document_mismatch"],
            code="document_mismatch",
            params={"kind": kind, "extension": extension},
        )


class DocumentUploadField(WagtailDocumentField):
    """Wagtail's document field, with a content check and Dutch messages; a
    long name is shortened to fit the file column (Wagtail's image model
    does that itself for images)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.error_messages.update(
            {
                "empty": MESSAGES["empty"],
                "file_too_large": MESSAGES["document_too_large"],
                "file_too_large_unknown_size": MESSAGES[
                    "document_too_large_unknown_size"
                ]
                % {"max_filesize": self.max_upload_size_text},
            }
        )
        extensions = getattr(settings, "WAGTAILDOCS_EXTENSIONS", None)
        if extensions:
            self.help_text = _(
                "Toegestaan: %(extensions)s; hoogstens %(max_filesize)s."
            ) % {
                "extensions": ", ".join(extensions),
                "max_filesize": filesizeformat(self.max_upload_size),
            }

    def to_python(self, data: Any) -> Any:
        file = super().to_python(data)
        if isinstance(file, UploadedFile) and file.name:
            document_content_check(file, name=file.name)
            room = _room_for_name(get_document_model())
            if room is not None:
                file.name = filename_shorten(file.name, max_length=room)
        return file


class DocumentForm(BaseDocumentForm):
    """The base of every document form in the admin
    (WAGTAILDOCS_DOCUMENT_FORM_BASE)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _file_field_replace(self, DocumentUploadField)

    def clean_title(self) -> str:
        return title_check(self.cleaned_data["title"])

    def add_error(self, field: str | None, error: Any) -> None:
        # Wagtail's Document.clean() checks the extension of the model's file
        # again. After this form refused the upload that file is empty, and
        # the check would add a second, puzzling message about the extension
        # '' (the form's own message tells what to do). The multiple
        # uploader's form for a file it kept has no file field: the file was
        # checked when it came in and is attached after this form, and the
        # error would fail the request.
        if (
            field is None
            and isinstance(error, ValidationError)
            and hasattr(error, "error_dict")
            and "file" in error.error_dict
            and ("file" not in self.fields or self.has_error("file"))
        ):
            rest = {k: v for k, v in error.error_dict.items() if k != "file"}
            if not rest:
                return
            error = ValidationError(rest)
        super().add_error(field, error)


def _file_field_replace(form: Any, field_class: type[Field]) -> None:
    """Put ``field_class`` in the place of the form's file field (Wagtail
    makes that field itself; the forms of the multiple uploader have none)."""
    current = form.fields.get("file")
    if current is None:
        return
    form.fields["file"] = field_class(
        label=current.label,
        required=current.required,
        widget=current.widget,
        disabled=current.disabled,
    )


# --- Showing images ----------------------------------------------------------


# What Pillow raises on a file it cannot decode (truncated, a broken chunk or
# table, too many pixels); any other error is a real fault and is not hidden.
_DECODING_ERRORS = (
    OSError,
    SyntaxError,
    ValueError,
    EOFError,
    struct.error,
    PILImage.DecompressionBombError,
)


def rendition_guard_install() -> None:
    """Make a damaged or oversized original show as a missing image.

    Wagtail's image tags and admin views turn a *missing* original
    (``SourceImageIOError``) into a placeholder, but a file that cannot be
    decoded (truncated, a decompression bomb) raises from deep inside
    Pillow and the page fails. Images that came in before the upload rules,
    or by another way than the admin, would break every page that shows
    them. The guard wraps rendition generation: an image with more pixels
    than ``WAGTAILIMAGES_MAX_IMAGE_PIXELS`` (by the size stored with it) is
    not opened at all, and a failure to decode it is reported as a missing
    original. Called once from ``PortalConfig.ready()``.
    """
    from wagtail.images.models import AbstractImage, SourceImageIOError

    generate = AbstractImage.generate_rendition_file
    if getattr(generate, "_portal_guarded", False):
        return

    @functools.wraps(generate)
    def guarded(self: Any, filter: Any, *, source: Any = None) -> Any:
        max_pixels = getattr(settings, "WAGTAILIMAGES_MAX_IMAGE_PIXELS", None)
        if max_pixels and (self.width or 0) * (self.height or 0) > max_pixels:
            logger.warning("Image %s has too many pixels to show", self.pk)
            raise SourceImageIOError(f"image {self.pk} has too many pixels")
        try:
            return generate(self, filter, source=source)
        except SourceImageIOError:
            raise
        except _DECODING_ERRORS as exc:
            logger.warning("Image %s cannot be decoded", self.pk, exc_info=True)
            raise SourceImageIOError(f"image {self.pk} cannot be decoded") from exc

    guarded._portal_guarded = True  # type: ignore[attr-defined]
    AbstractImage.generate_rendition_file = guarded
