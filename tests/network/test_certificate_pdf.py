"""The certificate of attendance as a PDF reader sees it: every name intact
(embedded Unicode font), in Dutch, with a title, and tagged for screen readers."""

from io import BytesIO

import pytest
from django.urls import reverse
from pypdf import PdfReader
from pypdf.generic import BooleanObject, ContentStream

from tests.network.factories import (
    EventFactory,
    MemberProfileFactory,
    RegistrationFactory,
)
from tests.portal.factories import UserFactory

pytestmark = pytest.mark.django_db

NAME = "Gülşen Yıldız-Łukasiewicz"  # noqa: RUF001 (a dotless i)
TITLE = "Kennisatelier: één team rond de inwoner"

# Operators that put ink on the page: text, painted paths, images.
INK = {"Tj", "TJ", "'", '"', "S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "Do"}


@pytest.fixture
def certificate(client) -> PdfReader:
    member = UserFactory(first_name="Gülşen", last_name=NAME.split(" ")[1])
    MemberProfileFactory(user=member)
    event = EventFactory(past=True, title=TITLE)
    RegistrationFactory(event=event, member=member, attended=True)
    client.force_login(member)

    response = client.get(reverse("network:certificate", kwargs={"slug": event.slug}))

    assert response.status_code == 200
    return PdfReader(BytesIO(response.content))


def _text(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


def _struct_types(element) -> list[str]:
    """The /S of every structure element below ``element``, depth first."""
    element = element.get_object()
    types = [str(element["/S"])] if "/S" in element else []
    kids = element.get("/K", [])
    kids = kids if isinstance(kids, list) else [kids]
    for kid in kids:
        kid = kid.get_object()
        if hasattr(kid, "keys") and "/S" in kid:
            types += _struct_types(kid)
    return types


def _struct_mcids(element) -> set[int]:
    """The marked-content ids the structure tree points at."""
    element = element.get_object()
    kids = element.get("/K", [])
    kids = kids if isinstance(kids, list) else [kids]
    mcids = set()
    for kid in kids:
        kid = kid.get_object()
        if isinstance(kid, int):
            mcids.add(int(kid))
        elif hasattr(kid, "keys"):
            mcids |= _struct_mcids(kid)
    return mcids


def test_a_name_outside_latin_1_comes_out_exactly(certificate):
    text = _text(certificate)

    assert NAME in text
    assert TITLE in text
    assert "?" not in text


def test_every_font_is_embedded_and_it_is_dejavu_sans(certificate):
    fonts = [
        font.get_object()
        for page in certificate.pages
        for font in page["/Resources"]["/Font"].values()
    ]

    assert fonts
    for font in fonts:
        assert "DejaVuSans" in str(font["/BaseFont"])
        described = (
            font["/DescendantFonts"][0].get_object()
            if "/DescendantFonts" in font
            else font
        )
        descriptor = described["/FontDescriptor"].get_object()
        assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor)
    assert {"Bold" in str(font["/BaseFont"]) for font in fonts} == {True, False}


def test_the_pdf_is_in_dutch_and_shows_its_title(certificate):
    root = certificate.trailer["/Root"]
    title = f"Bewijs van deelname: {TITLE}"

    assert root["/Lang"] == "nl-NL"
    assert certificate.metadata.title == title
    assert root["/ViewerPreferences"]["/DisplayDocTitle"] == BooleanObject(True)
    xmp = certificate.xmp_metadata
    assert xmp is not None
    assert xmp.dc_title == {"x-default": title}
    assert xmp.dc_language == ["nl-NL"]
    assert xmp.get_element("", "http://www.aiim.org/pdfua/ns/id/", "part")


def test_the_pdf_is_tagged_with_a_heading_and_paragraphs(certificate):
    root = certificate.trailer["/Root"]

    assert root["/MarkInfo"]["/Marked"] == BooleanObject(True)
    tree = root["/StructTreeRoot"]
    types = _struct_types(tree)
    assert types[0] == "/Document"
    assert types.count("/H1") == 1
    assert types.count("/P") >= 5


def test_all_ink_is_tagged_content_or_an_artifact(certificate):
    """What a screen reader reads is in the structure tree; the decorative
    frame is marked as an artifact (PDF/UA: nothing untagged)."""
    page = certificate.pages[0]
    stack: list[str] = []
    mcids = set()
    untagged = []
    for operands, operator in ContentStream(
        page.get_contents(), certificate
    ).operations:
        op = operator.decode()
        if op in {"BDC", "BMC"}:
            stack.append(str(operands[0]))
            if op == "BDC" and "/MCID" in operands[1]:
                mcids.add(int(operands[1]["/MCID"]))
        elif op == "EMC":
            stack.pop()
        elif op in INK and not stack:
            untagged.append(op)

    assert untagged == []
    assert not stack
    assert mcids
    assert mcids == _struct_mcids(certificate.trailer["/Root"]["/StructTreeRoot"])
