"""Certificate of attendance: the PDF for a member who came to a past event
(the page that serves it is ``network.views.certificates``)."""

from django.utils import dateformat, timezone
from django.utils.translation import gettext as _
from fpdf import FPDF

from .models import Registration

PROGRAMME = "Leernetwerk Lokaal & Integraal Werken aan Participatie"
BLUE = (21, 66, 115)
GREY = (74, 74, 74)


def _text(value: str) -> str:
    """The core fonts speak Windows-1252 (é, ë, ï, the en dash, quotes);
    anything beyond that becomes a question mark rather than an error."""
    return value.encode("cp1252", errors="replace").decode("cp1252")


def certificate_pdf(*, registration: Registration) -> bytes:
    event = registration.event
    member = registration.member
    name = member.get_full_name().strip() or member.email
    starts = timezone.localtime(event.starts_at)
    ends = timezone.localtime(event.ends_at)
    when = _("%(date)s, van %(start)s tot %(end)s uur") % {
        "date": dateformat.format(starts, "l j F Y"),
        "start": dateformat.format(starts, "H:i"),
        "end": dateformat.format(ends, "H:i"),
    }
    where = event.location or _("online")

    pdf = FPDF(orientation="landscape", format="A4")
    pdf.core_fonts_encoding = "windows-1252"
    pdf.set_title(_text(_("Bewijs van deelname: %(title)s") % {"title": event.title}))
    pdf.set_author(_text(PROGRAMME))
    pdf.set_lang("nl-NL")
    pdf.set_auto_page_break(auto=False)
    pdf.add_page()
    pdf.set_draw_color(*BLUE)
    pdf.set_line_width(1.2)
    pdf.rect(10, 10, pdf.w - 20, pdf.h - 20)

    width = pdf.w - 60
    pdf.set_xy(30, 30)
    pdf.set_text_color(*BLUE)
    pdf.set_font("Helvetica", "B", 30)
    pdf.cell(width, 16, _text(_("Bewijs van deelname")), align="C")
    pdf.ln(26)

    pdf.set_text_color(0, 0, 0)
    pdf.set_font("Helvetica", "", 14)
    pdf.set_x(30)
    pdf.cell(width, 8, _text(_("Hierbij verklaren wij dat")), align="C")
    pdf.ln(14)
    pdf.set_font("Helvetica", "B", 24)
    pdf.set_x(30)
    pdf.multi_cell(width, 12, _text(name), align="C")
    pdf.ln(4)
    pdf.set_font("Helvetica", "", 14)
    pdf.set_x(30)
    pdf.cell(
        width,
        8,
        _text(
            _("heeft deelgenomen aan de %(kind)s")
            % {"kind": event.get_kind_display().lower()}
        ),
        align="C",
    )
    pdf.ln(12)
    pdf.set_font("Helvetica", "B", 18)
    pdf.set_x(30)
    pdf.multi_cell(width, 10, _text(event.title), align="C")
    pdf.ln(4)
    pdf.set_font("Helvetica", "", 14)
    pdf.set_x(30)
    pdf.multi_cell(width, 8, _text(f"{when}, {where}"), align="C")

    bouwopgaven = [
        link.get_bouwopgave_display() for link in event.bouwopgave_links.all()
    ]
    if bouwopgaven:
        pdf.ln(6)
        pdf.set_font("Helvetica", "", 11)
        pdf.set_text_color(*GREY)
        pdf.set_x(30)
        pdf.multi_cell(
            width,
            6,
            _text(
                _("Over de bouwopgaven: %(list)s") % {"list": "; ".join(bouwopgaven)}
            ),
            align="C",
        )

    pdf.set_xy(30, pdf.h - 42)
    pdf.set_text_color(*BLUE)
    pdf.set_font("Helvetica", "B", 12)
    pdf.cell(width, 6, _text(PROGRAMME), align="C")
    pdf.ln(7)
    pdf.set_text_color(*GREY)
    pdf.set_font("Helvetica", "", 10)
    pdf.set_x(30)
    pdf.cell(
        width,
        5,
        _text(
            _("Uitgegeven op %(date)s")
            % {"date": dateformat.format(timezone.localtime(), "j F Y")}
        ),
        align="C",
    )
    return bytes(pdf.output())
