"""The facts of the accessibility statement (``/toegankelijkheid/``), in one
place.

The statement follows the model of DigiToegankelijk (digitoegankelijk.nl).
Update ``STATEMENT`` when the evidence changes: after running the browser
scans again, when the audit has been done, and at least once a year. The
template (``portal/accessibility_statement.html``) only words these facts.
"""

import datetime
from dataclasses import dataclass
from email.utils import parseaddr

from django.conf import settings
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class ComplianceStatus(models.TextChoices):
    """The compliance statuses of the model statement. A and B need an audit
    to WCAG-EM of the whole site, at most three years old; C means no such
    audit yet, but one is planned within six months of the statement; D means
    no audit and none planned. (E, "no statement", never shows on one.)"""

    A = "A", _("voldoet volledig")
    B = "B", _("voldoet gedeeltelijk")
    C = "C", _("eerste maatregelen genomen")
    D = "D", _("voldoet niet")


@dataclass(frozen=True)
class KnownProblem:
    problem: str | Promise
    measure: str | Promise
    done_by: datetime.date | None = None


@dataclass(frozen=True)
class Statement:
    organisation: str
    website: str
    status: ComplianceStatus
    # The day the statement was drawn up or last reviewed.
    drawn_up_on: datetime.date
    # The last full run of the browser tests (tests/e2e) with 0 violations.
    automated_checks_on: datetime.date
    # Status C: the audit by an independent expert, planned by this day.
    audit_planned_by: datetime.date | None
    response_working_days: int
    known_problems: tuple[KnownProblem, ...]


STATEMENT = Statement(
    organisation="Hogeschool Utrecht",
    website="Lokaal & Integraal Werken aan Participatie",
    status=ComplianceStatus.C,
    drawn_up_on=datetime.date(2026, 12, 4),
    automated_checks_on=datetime.date(2026, 12, 4),
    audit_planned_by=datetime.date(2027, 6, 1),
    response_working_days=5,
    known_problems=(
        KnownProblem(
            problem=_(
                "Een onafhankelijke deskundige heeft de website nog niet "
                "onderzocht. Automatische tests vinden niet alle problemen: "
                "ze controleren maar een deel van de eisen. Daarom weten wij "
                "nog niet zeker of de website aan alle eisen voldoet."
            ),
            measure=_(
                "Wij laten de hele website onderzoeken volgens de methode "
                "WCAG-EM, ook de pagina's waarvoor u moet inloggen. Wat uit "
                "het onderzoek komt, lossen wij op. Daarna passen wij deze "
                "verklaring aan."
            ),
            done_by=datetime.date(2027, 6, 1),
        ),
        KnownProblem(
            problem=_(
                "In de kennisbank staan pdf-bestanden en links naar "
                "publicaties van andere organisaties. Die documenten zijn "
                "misschien niet toegankelijk."
            ),
            measure=_(
                "Wij vragen de makers om een toegankelijke versie. Heeft u de "
                "inhoud van een document in een andere vorm nodig? Vraag het "
                "ons, dan sturen wij die."
            ),
        ),
        KnownProblem(
            problem=_(
                "Het beheergedeelte voor redacteuren en coördinatoren "
                "(/beheer/) controleren wij maar voor een klein deel "
                "automatisch."
            ),
            measure=_("Wij nemen het beheergedeelte mee in het onderzoek."),
            done_by=datetime.date(2027, 6, 1),
        ),
    ),
)


def accessibility_contact_address() -> str:
    """The address for reports about accessibility: the programme's own
    contact address (``MAIL_REPLY_TO``), without a display name."""
    return parseaddr(settings.MAIL_REPLY_TO)[1]


def accessibility_website_address() -> str:
    """The public address of the website the statement covers."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/"
