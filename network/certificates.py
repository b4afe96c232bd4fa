"""Certificate of attendance: the PDF for a member who came to a past event
(the page that serves it is ``network.views.certificates``).

Made with fpdf2. The PDF embeds DejaVu Sans (``network/fonts/``, with its
licence), so every name prints as written, and is made for assistive
technology along the lines of PDF/UA-1: a structure tree with a heading and
paragraphs, the decorative frame marked as an artifact, the language nl-NL,
a title the viewer shows instead of the file name, and XMP metadata.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.utils import dateformat, timezone
from django.utils.html import escape
from django.utils.translation import gettext as _
from fpdf import FPDF, ViewerPreferences

from .dates import datetime_range
from .models import Registration

PROGRAMME = "Leernetwerk Lokaal & Integraal Werken aan Participatie"
BLUE = (21, 66, 115)
GREY = (74, 74, 74)
LANGUAGE = "nl-NL"

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT = "DejaVuSans"


@contextmanager
def _tagged(pdf: FPDF, role: str) -> Iterator[None]:
    """Mark what is drawn inside as one structure element (``H1``, ``P``),
    so a screen reader reads it, in order.

    fpdf2 2.8 has no public API for tagging text; it tags image alt texts and
    the outline with this structure-tree builder, which we use the same way.
    """
    mcid = pdf.struct_builder.next_mcid_for_page(pdf.page)
    pdf._add_marked_content(struct_type=f"/{role}", mcid=mcid)
    pdf._out(f"/{role} <</MCID {mcid}>> BDC")
    yield
    pdf._out("EMC")


@contextmanager
def _artifact(pdf: FPDF) -> Iterator[None]:
    """Mark decoration that a screen reader skips."""
    pdf._out("/Artifact BMC")
    yield
    pdf._out("EMC")


def _xmp(*, title: str, author: str, subject: str) -> str:
    """XMP metadata: title, language, author, and the PDF/UA-1 claim."""
    return f"""<x:xmpmeta xmlns:x="adobe:ns:meta/">
  <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
    <rdf:Description rdf:about=""
        xmlns:dc="http://purl.org/dc/elements/1.1/"
        xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
      <pdfuaid:part>1</pdfuaid:part>
      <dc:format>application/pdf</dc:format>
      <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(title)}</rdf:li></rdf:Alt></dc:title>
      <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{escape(subject)}</rdf:li></rdf:Alt></dc:description>
      <dc:creator><rdf:Seq><rdf:li>{escape(author)}</rdf:li></rdf:Seq></dc:creator>
      <dc:language><rdf:Bag><rdf:li>{LANGUAGE}</rdf:li></rdf:Bag></dc:language>
    </rdf:Description>
  </rdf:RDF>
</x:xmpmeta>"""  # noqa: E501


def _document(*, title: str, subject: str) -> FPDF:
    pdf = FPDF(orientation="landscape", format="A4")
    pdf.add_font(FONT, "", FONT_DIR / "DejaVuSans.ttf")
    pdf.add_font(FONT, "B", FONT_DIR / "DejaVuSans-Bold.ttf")
    pdf.set_title(title)
    pdf.set_subject(subject)
    pdf.set_author(PROGRAMME)
    pdf.set_lang(LANGUAGE)
    pdf.set_xmp_metadata(_xmp(title=title, author=PROGRAMME, subject=subject))
    pdf.viewer_preferences = ViewerPreferences(display_doc_title=True)
    pdf.set_auto_page_break(auto=False)
    return pdf


def certificate_pdf(*, registration: Registration) -> bytes:
    event = registration.event
    member = registration.member
    name = member.get_full_name().strip() or member.email
    when = datetime_range(starts_at=event.starts_at, ends_at=event.ends_at)
    where = event.location or _("online")
    heading = _("Bewijs van deelname")

    pdf = _document(
        title=_("Bewijs van deelname: %(title)s") % {"title": event.title},
        subject=_("%(name)s heeft deelgenomen aan %(title)s")
        % {"name": name, "title": event.title},
    )
    pdf.add_page()
    with _artifact(pdf):
        pdf.set_draw_color(*BLUE)
        pdf.set_line_width(1.2)
        pdf.rect(10, 10, pdf.w - 20, pdf.h - 20)

    width = pdf.w - 60
    pdf.set_xy(30, 30)
    pdf.set_text_color(*BLUE)
    pdf.set_font(FONT, "B", 30)
    with _tagged(pdf, "H1"):
        pdf.cell(width, 16, heading, align="C")
    pdf.ln(26)

    pdf.set_text_color(0, 0, 0)
    pdf.set_font(FONT, "", 14)
    pdf.set_x(30)
    with _tagged(pdf, "P"):
        pdf.cell(width, 8, _("Hierbij verklaren wij dat"), align="C")
    pdf.ln(14)
    pdf.set_font(FONT, "B", 24)
    pdf.set_x(30)
    with _tagged(pdf, "P"):
        pdf.multi_cell(width, 12, name, align="C")
    pdf.ln(4)
    pdf.set_font(FONT, "", 14)
    pdf.set_x(30)
    with _tagged(pdf, "P"):
        pdf.cell(
            width,
            8,
            _("heeft deelgenomen aan de %(kind)s")
            % {"kind": event.get_kind_display().lower()},
            align="C",
        )
    pdf.ln(12)
    pdf.set_font(FONT, "B", 18)
    pdf.set_x(30)
    with _tagged(pdf, "P"):
        pdf.multi_cell(width, 10, event.title, align="C")
    pdf.ln(4)
    pdf.set_font(FONT, "", 14)
    pdf.set_x(30)
    with _tagged(pdf, "P"):
        pdf.multi_cell(width, 8, when, align="C")
    pdf.set_x(30)
    with _tagged(pdf, "P"):
        pdf.multi_cell(width, 8, where, align="C")

    bouwopgaven = [
        link.get_bouwopgave_display() for link in event.bouwopgave_links.all()
    ]
    if bouwopgaven:
        pdf.ln(6)
        pdf.set_font(FONT, "", 11)
        pdf.set_text_color(*GREY)
        pdf.set_x(30)
        with _tagged(pdf, "P"):
            pdf.multi_cell(
                width,
                6,
                _("Over de bouwopgaven: %(list)s") % {"list": "; ".join(bouwopgaven)},
                align="C",
            )

    pdf.set_xy(30, pdf.h - 42)
    pdf.set_text_color(*BLUE)
    pdf.set_font(FONT, "B", 12)
    with _tagged(pdf, "P"):
        pdf.cell(width, 6, PROGRAMME, align="C")
    pdf.ln(7)
    pdf.set_text_color(*GREY)
    pdf.set_font(FONT, "", 10)
    pdf.set_x(30)
    with _tagged(pdf, "P"):
        pdf.cell(
            width,
            5,
            _("Uitgegeven op %(date)s")
            % {"date": dateformat.format(timezone.localtime(), "j F Y")},
            align="C",
        )
    return bytes(pdf.output())
