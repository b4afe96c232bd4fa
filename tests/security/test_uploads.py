"""Uploads in the back office: bad files are refused with a Dutch message,
never a server error, in bounded memory; documents download as attachments.

Every upload goes through the real Wagtail views as an editor: the add view,
the multiple uploader (AJAX) and the upload tab of the chooser, for images
and for documents. The request bodies are written out by hand, so a file name
reaches the portal exactly as a browser (or an attacker) sends it. The files
are made here (Pillow, zip, raw bytes); nothing binary is committed.
"""

import functools
import html
import io
import json
import random
import re
import struct
import tracemalloc
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import UploadedFile

from demo.knowledge import pdf_of_page, simple_pdf
from knowledge.models import DocumentText
from portal.roles import Role
from tests.knowledge.factories import (
    home_page_create,
    knowledge_index_create,
    publication_create,
)

pytestmark = [
    pytest.mark.django_db,
    # The bombs below make Pillow warn while the portal refuses them.
    pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning"),
]

VIEWS = ("add", "multiple", "chooser")
MB = 1024 * 1024
# A generous bound on what one bad upload may allocate; the bombs below
# would take 96 MB (image) and 128 MB (PDF) and more when decoded.
MEMORY_BOUND = 50 * MB


# --- Files -------------------------------------------------------------------


def _noise(width: int, height: int, seed: int = 1) -> PILImage.Image:
    """An RGB image that does not compress, so a cut really loses pixels."""
    data = random.Random(seed).randbytes(width * height * 3)
    return PILImage.frombytes("RGB", (width, height), data)


def png(width: int = 120, height: int = 90) -> bytes:
    out = io.BytesIO()
    _noise(width, height).save(out, "PNG")
    return out.getvalue()


def jpeg(width: int = 120, height: int = 90) -> bytes:
    out = io.BytesIO()
    _noise(width, height).save(out, "JPEG", quality=90)
    return out.getvalue()


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    crc = zlib.crc32(kind + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


@functools.cache
def png_bomb(width: int, height: int, *, complete: bool = True) -> bytes:
    """A grey PNG of ``width`` x ``height`` black pixels: about 100 KB for
    96 megapixels. Without ``complete`` only the start of the pixel data is
    there (the header alone claims the size)."""
    compressor = zlib.compressobj(9)
    row = b"\0" * (1 + width)  # a filter byte and the row's pixels
    rows_per_part = max(1, MB // len(row))
    parts = []
    left = height if complete else 1
    while left > 0:
        count = min(rows_per_part, left)
        parts.append(compressor.compress(row * count))
        left -= count
    parts.append(compressor.flush())
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", b"".join(parts))
        + _png_chunk(b"IEND", b"")
    )


SVG_WITH_SCRIPT = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>alert(document.cookie)</script></svg>"
)
HTML_WITH_SCRIPT = b"<html><body><script>alert(document.cookie)</script></body></html>"
EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\0" * 64


def zip_of(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def ooxml(folder: str, part: str) -> bytes:
    """The bare bones of a .docx, .xlsx or .pptx."""
    return zip_of(
        {
            "[Content_Types].xml": b'<?xml version="1.0"?><Types/>',
            "_rels/.rels": b'<?xml version="1.0"?><Relationships/>',
            f"{folder}/{part}": b'<?xml version="1.0"?><root/>',
        }
    )


def opendocument(kind: str) -> bytes:
    return zip_of(
        {
            "mimetype": f"application/vnd.oasis.opendocument.{kind}".encode(),
            "content.xml": b'<?xml version="1.0"?><office:document-content/>',
        }
    )


@functools.cache
def pdf_bomb() -> bytes:
    """About 250 KB that inflate to 128 MB of text operators."""
    compressor = zlib.compressobj(9)
    part = b"BT /F1 12 Tf (bom) Tj ET\n" * (MB // 25)
    stream = b"".join(compressor.compress(part) for _ in range(128))
    return pdf_of_page(stream + compressor.flush())


# --- Requests ----------------------------------------------------------------

BOUNDARY = "grens-7b1f0c"


def multipart(fields: dict[str, str], files: dict[str, tuple[str, bytes]]) -> bytes:
    """A form body with file names exactly as given (Django's test client
    would keep only the last part of a name with a path)."""
    parts = []
    for name, value in fields.items():
        parts.append(
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"'
            f"\r\n\r\n{value}\r\n".encode()
        )
    for name, (filename, data) in files.items():
        parts.append(
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n".encode()
            + data
            + b"\r\n"
        )
    parts.append(f"--{BOUNDARY}--\r\n".encode())
    return b"".join(parts)


UPLOAD_FORMS = {
    # kind: view -> (address, title field, file field)
    "image": {
        "add": ("/beheer/images/add/", "title", "file"),
        "multiple": ("/beheer/images/multiple/add/", "title", "files[]"),
        "chooser": (
            "/beheer/images/chooser/create/",
            "image-chooser-upload-title",
            "image-chooser-upload-file",
        ),
    },
    "document": {
        "add": ("/beheer/documents/add/", "title", "file"),
        "multiple": ("/beheer/documents/multiple/add/", "title", "files[]"),
        "chooser": (
            "/beheer/documents/chooser/create/",
            "document-chooser-upload-title",
            "document-chooser-upload-file",
        ),
    },
}


def upload(client, kind: str, view: str, filename: str, data: bytes, title=None):
    """Upload one file as the admin's page would (the multiple uploader
    sends the file name without its extension as the title)."""
    address, title_field, file_field = UPLOAD_FORMS[kind][view]
    if title is None:
        title = filename.rsplit(".", 1)[0]
    return client.generic(
        "POST",
        address,
        multipart({title_field: title}, {file_field: (filename, data)}),
        content_type=f"multipart/form-data; boundary={BOUNDARY}",
        headers={"x-requested-with": "XMLHttpRequest"},
    )


def shown(response) -> str:
    """The text an editor sees: the page, or what the admin's script shows
    of a JSON answer (an error message, or a form in HTML)."""
    text = response.content.decode()
    if response["Content-Type"].startswith("application/json"):
        data = json.loads(text)
        text = " ".join(
            str(data[key])
            for key in ("error_message", "form", "htmlFragment")
            if key in data
        )
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    return " ".join(text.split())


def stored_files(folder: str = "") -> set[str]:
    directories, files = default_storage.listdir(folder)
    names = {f"{folder}/{name}".lstrip("/") for name in files}
    for directory in directories:
        names |= stored_files(f"{folder}/{directory}".lstrip("/"))
    return names


@pytest.fixture
def editor(client, make_user):
    client.force_login(make_user(Role.EDITOR))
    client.raise_request_exception = False
    return client


@pytest.fixture
def media_on_disk(settings, tmp_path):
    """Media on the file system, as in production (the test settings keep
    files in memory, which Wagtail's download view cannot send)."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media")},
        },
    }
    return tmp_path / "media"


@contextmanager
def allocations() -> Iterator[dict[str, int]]:
    """The most memory allocated at once inside the block: Python's own
    (tracemalloc), plus the pixel memory Pillow takes outside Python's
    allocator, counted in Pillow's blocks (which tracemalloc does not see)."""
    result: dict[str, int] = {}
    block_size = PILImage.core.get_block_size()
    before = PILImage.core.get_stats()
    tracemalloc.start()
    try:
        yield result
    finally:
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        after = PILImage.core.get_stats()
        blocks = (after["allocated_blocks"] - before["allocated_blocks"]) + (
            after["reused_blocks"] - before["reused_blocks"]
        )
        result["python"] = peak
        result["pixels"] = blocks * block_size
        result["total"] = peak + blocks * block_size


# --- Images ------------------------------------------------------------------

BAD_IMAGES: dict[str, tuple[str, Callable[[], bytes], str]] = {
    # case: (file name, content, what the editor is told)
    "empty": ("leeg.png", lambda: b"", "Dit bestand is leeg"),
    "truncated png": (
        "kapot.png",
        lambda: png(300, 200)[:60_000],
        "Deze afbeelding is beschadigd of niet helemaal opgeslagen",
    ),
    "truncated jpeg": (
        "kapot.jpg",
        lambda: jpeg(300, 200)[:15_000],
        "Deze afbeelding is beschadigd of niet helemaal opgeslagen",
    ),
    "png named jpg": (
        "foto.jpg",
        png,
        "De extensie van dit bestand (.jpg) past niet bij wat erin zit (PNG)",
    ),
    "pdf named png": (
        "foto.png",
        lambda: simple_pdf(["Geen foto"]),
        "Dit bestand is geen afbeelding die de portal kan tonen",
    ),
    "svg with script": (
        "logo.svg",
        lambda: SVG_WITH_SCRIPT,
        "SVG kan niet: daarin kunnen scripts zitten",
    ),
    "svg named png": (
        "logo.png",
        lambda: SVG_WITH_SCRIPT,
        "De extensie van dit bestand (.png) past niet bij wat erin zit (SVG)",
    ),
    "html named jpg": (
        "foto.jpg",
        lambda: HTML_WITH_SCRIPT,
        "past niet bij wat erin zit",
    ),
    "bomb of 96 megapixels": (
        "bom.png",
        lambda: png_bomb(12_000, 8_000),
        "Deze afbeelding heeft te veel beeldpunten. Het maximum is 50 megapixel",
    ),
    "bomb of 1.6 gigapixels": (
        "bom.png",
        lambda: png_bomb(40_000, 40_000, complete=False),
        "Deze afbeelding heeft te veel beeldpunten. Het maximum is 50 megapixel",
    ),
    "over 10 MB": (
        "groot.png",
        lambda: png() + b"\0" * (10 * MB),
        "Een afbeelding mag hoogstens 10,0 MB zijn",
    ),
}


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("case", BAD_IMAGES)
def test_bad_image_is_refused_with_a_dutch_message(editor, view, case):
    filename, content, message = BAD_IMAGES[case]
    files_before = stored_files()

    response = upload(editor, "image", view, filename, content())

    assert response.status_code == 200
    assert message in shown(response)
    assert not Image.objects.exists()
    assert not UploadedFile.objects.exists()
    assert stored_files() == files_before


@pytest.mark.parametrize("view", VIEWS)
def test_image_bomb_is_refused_before_its_pixels_are_decoded(editor, view):
    bomb = png_bomb(12_000, 8_000)  # 93 KB; 96 MB once decoded
    upload(editor, "image", view, "leeg.png", b"")  # loads code and templates

    with allocations() as memory:
        response = upload(editor, "image", view, "bom.png", bomb)

    assert "te veel beeldpunten" in shown(response)
    assert memory["total"] < MEMORY_BOUND, memory


BROKEN_ORIGINALS = {
    "truncated png": (lambda: png(300, 200)[:60_000], 300, 200),
    "truncated jpeg": (lambda: jpeg(300, 200)[:15_000], 300, 200),
    "bomb": (lambda: png_bomb(40_000, 40_000, complete=False), 40_000, 40_000),
}


@pytest.mark.parametrize("case", BROKEN_ORIGINALS)
def test_image_that_got_in_earlier_does_not_break_pages(client, make_user, case):
    """An image stored before these rules (or by a script) whose file cannot
    be decoded shows as a missing image; the page itself still works."""
    content, width, height = BROKEN_ORIGINALS[case]
    name = default_storage.save("original_images/oud.png", ContentFile(content()))
    broken = Image.objects.create(title="Oud", file=name, width=width, height=height)
    client.force_login(make_user(Role.EDITOR))
    client.raise_request_exception = False
    upload(client, "image", "add", "nieuw.jpg", jpeg(), title="Nieuw")
    page = publication_create(
        index=knowledge_index_create(home=home_page_create()),
        body=[("image", {"image": broken, "alt": "Een oud plaatje", "caption": ""})],
    )

    for address in (
        page.url,
        "/beheer/images/",
        f"/beheer/images/{broken.pk}/",
        f"/beheer/pages/{page.pk}/edit/",
    ):
        assert client.get(address).status_code == 200, address
    # The broken image is an empty space; a good one is still shown.
    public = client.get(page.url).content.decode()
    assert re.search(r'<img alt="Een oud plaatje"[^>]*src="/media/not-found"', public)
    listing = client.get("/beheer/images/").content.decode()
    assert 'src="/media/not-found"' in listing
    assert re.search(r'src="/media/images/nieuw[^"]*\.max-165x165\.jpg"', listing)


# --- Documents ---------------------------------------------------------------

BAD_DOCUMENTS: dict[str, tuple[str, Callable[[], bytes], str]] = {
    "empty": ("leeg.pdf", lambda: b"", "Dit bestand is leeg"),
    "program named pdf": (
        "rapport.pdf",
        lambda: EXECUTABLE,
        "Dit is geen echt PDF-bestand",
    ),
    "web page named docx": (
        "verslag.docx",
        lambda: HTML_WITH_SCRIPT,
        "Dit is geen echt Word-bestand",
    ),
    "word file named xlsx": (
        "begroting.xlsx",
        lambda: ooxml("word", "document.xml"),
        "Dit is geen echt Excel-bestand",
    ),
    "spreadsheet named odt": (
        "notulen.odt",
        lambda: opendocument("spreadsheet"),
        "Dit is geen echt OpenDocument-tekst-bestand",
    ),
    "program named csv": (
        "deelnemers.csv",
        lambda: EXECUTABLE,
        "Dit is geen echt CSV-bestand",
    ),
    "over 20 MB": (
        "groot.pdf",
        lambda: b"%PDF-1.4\n" + b"0" * (20 * MB),
        "Een document mag hoogstens 20,0 MB zijn",
    ),
}


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("case", BAD_DOCUMENTS)
def test_bad_document_is_refused_with_one_dutch_message(editor, view, case):
    filename, content, message = BAD_DOCUMENTS[case]
    files_before = stored_files()

    response = upload(editor, "document", view, filename, content())

    assert response.status_code == 200
    text = shown(response)
    assert message in text
    # Not also a second message about an extension '' that nobody chose.
    assert "Bestandsextensie" not in text
    assert not Document.objects.exists()
    assert not UploadedFile.objects.exists()
    assert stored_files() == files_before


def test_the_document_types_the_programme_uses_and_no_others(editor):
    files = {
        "rapport.pdf": simple_pdf(["Rapport"]),
        "verslag.docx": ooxml("word", "document.xml"),
        "begroting.xlsx": ooxml("xl", "workbook.xml"),
        "presentatie.pptx": ooxml("ppt", "presentation.xml"),
        "notulen.odt": opendocument("text"),
        "planning.ods": opendocument("spreadsheet"),
        "dia.odp": opendocument("presentation"),
        "deelnemers.csv": b"naam;gemeente\nAnne;Houten\n",
        "leesmij.txt": b"Zie het verslag.\n",
        "pagina.html": HTML_WITH_SCRIPT,
        "pagina.htm": HTML_WITH_SCRIPT,
        "logo.svg": SVG_WITH_SCRIPT,
        "script.js": b"alert(document.cookie)",
        "setup.exe": EXECUTABLE,
        "oud.doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512,
    }
    accepted = {}
    for filename, content in files.items():
        before = Document.objects.count()
        upload(editor, "document", "add", filename, content)
        accepted[filename] = Document.objects.count() > before

    assert [name for name, ok in accepted.items() if ok] == [
        "rapport.pdf",
        "verslag.docx",
        "begroting.xlsx",
        "presentatie.pptx",
        "notulen.odt",
        "planning.ods",
        "dia.odp",
        "deelnemers.csv",
        "leesmij.txt",
    ]


@pytest.mark.parametrize(
    ("filename", "content"),
    [
        ("rapport.pdf", simple_pdf(["Rapport"])),
        ("deelnemers.csv", b"naam;gemeente\nAnne;Houten\n"),
        ("leesmij.txt", b"<script>alert(1)</script>\n"),
    ],
)
def test_document_downloads_as_an_attachment_that_is_not_sniffed(
    editor, media_on_disk, filename, content
):
    upload(editor, "document", "add", filename, content, title="Bijlage")
    document = Document.objects.get()

    response = editor.get(document.url)

    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert b"".join(response.streaming_content) == content


# --- File names --------------------------------------------------------------


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize(
    "sent_name", ["../../etc/passwd.pdf", "..\\..\\Windows\\passwd.pdf"]
)
def test_path_in_a_file_name_is_dropped(editor, media_on_disk, view, sent_name):
    """Only the last part of the name is kept: the file lands in the media
    folder and downloads under that name."""
    response = upload(
        editor, "document", view, sent_name, simple_pdf(["x"]), title="Bijlage"
    )

    assert response.status_code in (200, 302)
    document = Document.objects.get()
    assert document.filename.startswith("passwd")
    assert document.filename.endswith(".pdf")
    stored = (media_on_disk / document.file.name).resolve()
    assert stored.is_file()
    assert stored.is_relative_to(media_on_disk.resolve() / "documents")
    download = editor.get(document.url)
    assert download["Content-Disposition"].startswith("attachment;")
    assert 'filename="passwd' in download["Content-Disposition"]


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("length", [95, 300])
def test_long_file_name_is_shortened_to_fit_and_keeps_its_extension(
    editor, view, length
):
    """A numbered name like '3.2 Verslag ...', uploaded twice: the stored
    names (with the suffix storage adds the second time) must fit the 100
    characters of Wagtail's file column. Django cuts what the browser sends
    to 255 characters; storage could not cut such a name any further."""
    start = "3.2 Verslag van de kennisateliers "
    filename = start + "x" * (length - len(start) - 4) + ".pdf"

    for _ in range(2):
        response = upload(
            editor, "document", view, filename, simple_pdf(["x"]), title="Verslag"
        )
        assert response.status_code in (200, 302)

    names = [document.file.name for document in Document.objects.all()]
    assert len(names) == 2
    for name in names:
        assert len(name) <= 100
        assert name.startswith("documents/3")
        assert "Verslag_van_de_kennisateliers_xxx" in name
        assert name.endswith(".pdf")


HIDDEN_CHARACTERS = {
    "right-to-left override": "\u202e",
    "right-to-left isolate": "\u2067",
    "right-to-left mark": "\u200f",
    "escape": "\x1b",
}


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("character", HIDDEN_CHARACTERS)
@pytest.mark.parametrize(
    ("kind", "content"),
    [("image", png), ("document", lambda: simple_pdf(["x"]))],
)
def test_title_with_hidden_characters_is_refused(
    editor, view, character, kind, content
):
    """'factuur<U+202E>fdp.exe' reads as 'factuurexe.pdf'. The title is what
    visitors see; the multiple uploader fills it in from the file name."""
    title = f"factuur{HIDDEN_CHARACTERS[character]}fdp.exe"
    filename = "factuur.png" if kind == "image" else "factuur.pdf"

    response = upload(editor, kind, view, filename, content(), title=title)

    assert response.status_code == 200
    if view == "multiple":
        # The uploader keeps the file and asks for the details again, in a
        # form that offers the file's own (clean) name as the title ...
        data = json.loads(response.content)
        assert data["success"]
        assert "uploaded_file_id" in data
        assert HIDDEN_CHARACTERS[character] not in data["form"]
        # ... and refuses the title if the editor sends it once more.
        upload_id = data["uploaded_file_id"]
        prefix = f"uploaded-{kind}-{upload_id}"
        response = editor.post(
            f"/beheer/{kind}s/multiple/create_from_uploaded_{kind}/{upload_id}/",
            {f"{prefix}-title": title},
            headers={"x-requested-with": "XMLHttpRequest"},
        )
        assert response.status_code == 200
    assert "De titel bevat onzichtbare tekens" in shown(response)
    assert not Image.objects.exists()
    assert not Document.objects.exists()


# --- Text of PDFs ------------------------------------------------------------


def test_pdf_bomb_is_read_within_bounds_and_the_upload_succeeds(
    editor, django_capture_on_commit_callbacks
):
    """The text of an uploaded PDF is read for search right after the upload
    (in the tests the task runs at once). A PDF of 250 KB whose page inflates
    to 128 MB is kept, searchable as far as it can be read, and reading it
    stays within bounds."""
    bomb = pdf_bomb()

    with allocations() as memory, django_capture_on_commit_callbacks(execute=True):
        response = upload(editor, "document", "add", "bom.pdf", bomb, title="Bom")

    assert response.status_code == 302
    document = Document.objects.get()
    assert DocumentText.objects.get(document=document).text == ""
    assert memory["total"] < MEMORY_BOUND, memory


@pytest.mark.parametrize(
    ("kind", "filename", "content"),
    [
        ("image", "factuur.png", png),
        ("document", "factuur.pdf", lambda: simple_pdf(["x"])),
    ],
)
def test_multiple_uploader_keeps_the_file_until_the_title_is_fixed(
    editor, kind, filename, content
):
    response = upload(editor, kind, "multiple", filename, content(), "factuur\u202e")
    upload_id = json.loads(response.content)["uploaded_file_id"]

    prefix = f"uploaded-{kind}-{upload_id}"
    response = editor.post(
        f"/beheer/{kind}s/multiple/create_from_uploaded_{kind}/{upload_id}/",
        {f"{prefix}-title": "Factuur"},
        headers={"x-requested-with": "XMLHttpRequest"},
    )

    assert response.status_code == 200
    assert json.loads(response.content)["success"]
    model = Image if kind == "image" else Document
    assert model.objects.get().title == "Factuur"
    assert not UploadedFile.objects.exists()


def odt_with_lying_size(inflated: int) -> bytes:
    """An .odt whose ``mimetype`` entry says it is 39 bytes but inflates to
    ``inflated`` bytes (a zip bomb in the one entry the check reads)."""
    mimetype = b"application/vnd.oasis.opendocument.text"
    data = bytearray(
        zip_of(
            {
                "mimetype": mimetype + bytes(inflated),
                "content.xml": b'<?xml version="1.0"?><office:document-content/>',
            }
        )
    )
    # The uncompressed size in the local header (offset 22) and in the
    # central directory entry (offset 24) of the first entry.
    struct.pack_into("<I", data, 22, len(mimetype))
    central = data.index(b"PK\x01\x02")
    struct.pack_into("<I", data, central + 24, len(mimetype))
    return bytes(data)


@pytest.mark.parametrize("view", VIEWS)
def test_an_opendocument_whose_entry_lies_about_its_size_is_read_in_bounds(
    editor, view
):
    bomb = odt_with_lying_size(200 * MB)  # about 200 KB as a file
    upload(editor, "document", view, "leeg.odt", b"")  # loads code and templates

    with allocations() as memory:
        response = upload(editor, "document", view, "bom.odt", bomb, title="Bom")

    assert response.status_code in (200, 302)
    assert memory["total"] < MEMORY_BOUND, memory


@pytest.mark.parametrize("view", VIEWS)
def test_an_animated_gif_counts_the_pixels_of_one_frame(editor, view):
    """A short animation (200 frames of 640 x 480, about 60 megapixels in
    all) is an ordinary upload: a page shows its first frame."""
    frames = [PILImage.new("P", (640, 480), color=n % 256) for n in range(200)]
    out = io.BytesIO()
    frames[0].save(out, "GIF", save_all=True, append_images=frames[1:], duration=40)

    response = upload(editor, "image", view, "animatie.gif", out.getvalue())

    assert "te veel beeldpunten" not in shown(response)
    assert Image.objects.count() == 1
