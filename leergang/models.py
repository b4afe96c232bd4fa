"""The leergang: editions (one cohort of municipalities each) and the
applications of municipalities, with their teams."""

from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable

from portal.taxonomy import Bouwopgave, Venster

DEFAULT_COHORT_SIZE = 5

# The fixed pages under /leergang/; an edition's cohort space lives at
# /leergang/<slug>/, so no edition may take one of these words as its slug.
# A test of the cohort space's access rules checks this list against
# leergang/urls.py.
RESERVED_EDITION_SLUGS = frozenset(
    {"aanmelden", "beheer", "mijn-aanmelding", "uitnodiging"}
)


def validate_edition_slug(value: str) -> None:
    """An edition's slug is the first part of its cohort address."""
    if value in RESERVED_EDITION_SLUGS:
        raise ValidationError(
            _("'%(slug)s' is al het adres van een vaste pagina. Kies een andere slug."),
            params={"slug": value},
            code="reserved",
        )


TEAM_MIN = 3
TEAM_MAX = 8

# Who reviews applications and sees every municipality's workspace: the
# coordinators (see ``Application.Meta.permissions``).
REVIEW_PERMISSION = "leergang.review_application"


class EditionQuerySet(models.QuerySet["Edition"]):
    def published(self) -> "EditionQuerySet":
        return self.filter(is_published=True)

    def open(self, *, at: datetime | None = None) -> "EditionQuerySet":
        at = at or timezone.now()
        return self.published().filter(
            applications_open_at__lte=at, applications_close_at__gt=at
        )


class Edition(models.Model):
    """One run of the leergang, for one cohort: "Innovatieleergang 2027"."""

    title = models.CharField(_("titel"), max_length=200)
    slug = models.SlugField(
        _("slug"), max_length=200, unique=True, validators=[validate_edition_slug]
    )
    description = models.TextField(_("beschrijving van het programma"))
    cohort_size = models.PositiveSmallIntegerField(
        _("aantal gemeenten"),
        default=DEFAULT_COHORT_SIZE,
        help_text=_("Zoveel gemeenten kunnen meedoen."),
    )
    applications_open_at = models.DateTimeField(_("aanmelden kan vanaf"))
    applications_close_at = models.DateTimeField(_("aanmelden kan tot"))
    is_published = models.BooleanField(_("gepubliceerd"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = EditionQuerySet.as_manager()

    class Meta:
        verbose_name = _("editie van de leergang")
        verbose_name_plural = _("edities van de leergang")
        ordering = ["-applications_open_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(applications_close_at__gt=models.F("applications_open_at")),
                name="leergang_edition_window_valid",
            ),
            models.CheckConstraint(
                condition=Q(cohort_size__gte=1), name="leergang_edition_size_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def is_open(self, *, at: datetime | None = None) -> bool:
        at = at or timezone.now()
        return (
            self.is_published
            and self.applications_open_at <= at < self.applications_close_at
        )


class Application(models.Model):
    """The application of a municipality for an edition."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Concept")
        SUBMITTED = "submitted", _("Ingediend")
        ACCEPTED = "accepted", _("Toegelaten")
        RESERVE = "reserve", _("Op de reservelijst")
        DECLINED = "declined", _("Afgewezen")
        WITHDRAWN = "withdrawn", _("Ingetrokken")

    INACTIVE_STATUSES = (Status.WITHDRAWN, Status.DECLINED)

    edition = models.ForeignKey(
        Edition,
        verbose_name=_("editie"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    municipality = models.ForeignKey(
        "network.Municipality",
        verbose_name=_("gemeente"),
        on_delete=models.PROTECT,
        related_name="leergang_applications",
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aangemeld door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="leergang_applications",
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=Status.choices,
        default=Status.DRAFT,
        db_index=True,
    )
    contact_name = models.CharField(_("naam contactpersoon"), max_length=160)
    contact_email = models.EmailField(_("e-mail contactpersoon"))
    contact_phone = models.CharField(
        _("telefoon contactpersoon"), max_length=32, blank=True
    )
    motivation = models.TextField(_("motivatie"), blank=True)
    bouwopgaven = models.JSONField(_("bouwopgaven"), default=list, blank=True)
    commitment_name = models.CharField(
        _("naam manager of wethouder"), max_length=160, blank=True
    )
    commitment_role = models.CharField(
        _("functie manager of wethouder"), max_length=160, blank=True
    )
    decision_message = models.TextField(_("toelichting bij het besluit"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("besloten door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    carried_over_from = models.ForeignKey(
        "self",
        verbose_name=_("overgenomen van"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="carried_over_to",
        help_text=_("De aanmelding op de reservelijst van een eerdere editie."),
    )
    submitted_at = models.DateTimeField(_("ingediend op"), null=True, blank=True)
    decided_at = models.DateTimeField(_("besloten op"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    place_free_notified_at = models.DateTimeField(
        _("coördinatoren gemeld dat de plaats vrij is op"), null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("aanmelding voor de leergang")
        verbose_name_plural = _("aanmeldingen voor de leergang")
        ordering = ["submitted_at", "created_at"]
        permissions = [
            ("review_application", _("Aanmeldingen voor de leergang beoordelen")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "municipality"],
                condition=~Q(status__in=["withdrawn", "declined"]),
                name="leergang_one_active_application",
                violation_error_message=_(
                    "Deze gemeente heeft zich al aangemeld voor deze editie."
                ),
            ),
        ]
        indexes = [models.Index(fields=["edition", "status"])]

    def __str__(self) -> str:
        return f"{self.municipality}, {self.edition}"

    @property
    def is_active(self) -> bool:
        return self.status not in self.INACTIVE_STATUSES

    @property
    def can_withdraw(self) -> bool:
        return self.is_active

    def get_review_url(self) -> str:
        return reverse("leergang:review_detail", args=[self.pk])


class TeamMember(models.Model):
    """A member of the municipality's team in the leergang."""

    application = models.ForeignKey(
        Application,
        verbose_name=_("aanmelding"),
        on_delete=models.CASCADE,
        related_name="team_members",
    )
    name = models.CharField(_("naam"), max_length=160)
    email = models.EmailField(_("e-mailadres"))
    function = models.CharField(_("functie"), max_length=160)
    domain = models.CharField(_("domein"), max_length=32)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="leergang_team_memberships",
        help_text=_("Het account waarmee dit teamlid de cohortruimte gebruikt."),
    )
    invited_at = models.DateTimeField(_("uitgenodigd op"), null=True, blank=True)
    joined_at = models.DateTimeField(_("aangesloten op"), null=True, blank=True)

    class Meta:
        verbose_name = _("teamlid")
        verbose_name_plural = _("teamleden")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "user"],
                name="leergang_team_member_user_once",
            ),
        ]

    def __str__(self) -> str:
        return self.name


# --- The cohort space ---------------------------------------------------------
# What an accepted municipality's team works with during the leergang:
# sessions with materials, the zelfscan, reflections, its own praatplaat notes
# and, at the end, its practice story in the kennisportal.


class Session(ClusterableModel):
    """One meeting of an edition's cohort."""

    edition = models.ForeignKey(
        Edition,
        verbose_name=_("editie"),
        on_delete=models.CASCADE,
        related_name="sessions",
    )
    title = models.CharField(_("titel"), max_length=200)
    starts_at = models.DateTimeField(_("datum en tijd"))
    bouwopgave = models.PositiveSmallIntegerField(
        _("bouwopgave"), choices=Bouwopgave.choices, null=True, blank=True
    )
    description = models.TextField(_("beschrijving"), blank=True)
    event = models.ForeignKey(
        "network.Event",
        verbose_name=_("bijeenkomst in de agenda"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="leergang_sessions",
        help_text=_("Niet verplicht: de bijeenkomst in de agenda van het netwerk."),
    )
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    panels = [
        FieldPanel("edition"),
        FieldPanel("title"),
        FieldPanel("starts_at"),
        FieldPanel("bouwopgave"),
        FieldPanel("description"),
        FieldPanel("event"),
        FieldPanel("position"),
        InlinePanel("materials", label=_("Materiaal")),
    ]

    class Meta:
        verbose_name = _("bijeenkomst van de leergang")
        verbose_name_plural = _("bijeenkomsten van de leergang")
        ordering = ["starts_at", "position", "pk"]

    def __str__(self) -> str:
        return f"{self.title} ({self.edition})"


class SessionMaterial(Orderable):
    """A document or a link that belongs to a session."""

    session = ParentalKey(Session, on_delete=models.CASCADE, related_name="materials")
    title = models.CharField(_("titel"), max_length=200)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    url = models.URLField(_("link"), blank=True)

    panels = [FieldPanel("title"), FieldPanel("document"), FieldPanel("url")]

    class Meta(Orderable.Meta):
        verbose_name = _("materiaal")
        verbose_name_plural = _("materiaal")
        constraints = [
            models.CheckConstraint(
                condition=(Q(document__isnull=False) & Q(url=""))
                | (Q(document__isnull=True) & ~Q(url="")),
                name="leergang_material_document_or_url",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        if bool(self.document_id) == bool(self.url):
            raise ValidationError(_("Kies een document óf vul een link in."))

    @property
    def href(self) -> str:
        if self.document is not None:
            return self.document.url
        return self.url


class ScanMoment(models.TextChoices):
    START = "start", _("Start")
    HALFWAY = "halfway", _("Halverwege")
    END = "end", _("Einde")


SCORE_MIN = 1
SCORE_MAX = 5
EXPLANATION_MAX = 500


class Scan(models.Model):
    """A municipality's zelfscan at one moment: 5 bouwopgaven x 4 vensters."""

    application = models.ForeignKey(
        Application,
        verbose_name=_("aanmelding"),
        on_delete=models.CASCADE,
        related_name="scans",
    )
    moment = models.CharField(_("moment"), max_length=16, choices=ScanMoment.choices)
    submitted_at = models.DateTimeField(_("ingediend op"), null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("laatst bewaard door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("bijgewerkt op"), auto_now=True)

    class Meta:
        verbose_name = _("zelfscan")
        verbose_name_plural = _("zelfscans")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "moment"], name="leergang_scan_once_per_moment"
            )
        ]

    def __str__(self) -> str:
        return f"{self.application}, {self.get_moment_display()}"

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None

    @property
    def is_editable(self) -> bool:
        """The team changes its zelfscan until it is submitted; a submitted
        scan is final (the service refuses with ``ScanAlreadySubmitted``)."""
        return not self.is_submitted


class ScanScore(models.Model):
    """One of the twenty scores of a scan, with an optional explanation."""

    scan = models.ForeignKey(
        Scan,
        verbose_name=_("zelfscan"),
        on_delete=models.CASCADE,
        related_name="scores",
    )
    bouwopgave = models.PositiveSmallIntegerField(
        _("bouwopgave"), choices=Bouwopgave.choices
    )
    venster = models.PositiveSmallIntegerField(_("venster"), choices=Venster.choices)
    # Empty only in a draft, when the team wrote an explanation but did not
    # choose a score yet; a submitted scan has all twenty (scan_save).
    score = models.PositiveSmallIntegerField(
        _("score"),
        null=True,
        blank=True,
        validators=[MinValueValidator(SCORE_MIN), MaxValueValidator(SCORE_MAX)],
    )
    explanation = models.TextField(
        _("toelichting"), max_length=EXPLANATION_MAX, blank=True
    )

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        ordering = ["bouwopgave", "venster"]
        constraints = [
            models.UniqueConstraint(
                fields=["scan", "bouwopgave", "venster"],
                name="leergang_score_once_per_cell",
            ),
            models.CheckConstraint(
                condition=Q(score__isnull=True)
                | Q(score__gte=SCORE_MIN, score__lte=SCORE_MAX),
                name="leergang_score_range",
            ),
            models.CheckConstraint(
                condition=Q(bouwopgave__in=Bouwopgave.values)
                & Q(venster__in=Venster.values),
                name="leergang_score_cell_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.scan}: {self.bouwopgave}/{self.venster} = {self.score}"


class Reflection(models.Model):
    """A team member's reflection on a session, along the three orders of
    learning (eerste, tweede en derde orde)."""

    application = models.ForeignKey(
        Application,
        verbose_name=_("aanmelding"),
        on_delete=models.CASCADE,
        related_name="reflections",
    )
    session = models.ForeignKey(
        Session,
        verbose_name=_("bijeenkomst"),
        on_delete=models.CASCADE,
        related_name="reflections",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("geschreven door"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="leergang_reflections",
    )
    first_order = models.TextField(
        _("Eerste orde: leren vanuit eigen kennis en ervaring"),
        max_length=2000,
        blank=True,
    )
    second_order = models.TextField(
        _("Tweede orde: leren door te reflecteren op handelen en bij te sturen"),
        max_length=2000,
        blank=True,
    )
    third_order = models.TextField(
        _("Derde orde: leren door aannames en werkwijzen te veranderen"),
        max_length=2000,
        blank=True,
    )
    created_at = models.DateTimeField(_("geschreven op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("bijgewerkt op"), auto_now=True)

    class Meta:
        verbose_name = _("reflectie")
        verbose_name_plural = _("reflecties")
        ordering = ["session__starts_at", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.application}, {self.session.title}"

    def clean(self) -> None:
        super().clean()
        if not (self.first_order or self.second_order or self.third_order):
            raise ValidationError(_("Schrijf bij ten minste één orde iets op."))


class PraatplaatNote(models.Model):
    """A municipality's own note at one bouwsteen of the praatplaat."""

    application = models.ForeignKey(
        Application,
        verbose_name=_("aanmelding"),
        on_delete=models.CASCADE,
        related_name="praatplaat_notes",
    )
    hotspot = models.ForeignKey(
        "knowledge.PraatplaatHotspot",
        verbose_name=_("bouwsteen"),
        on_delete=models.CASCADE,
        related_name="leergang_notes",
    )
    text = models.TextField(_("notitie"), max_length=1000, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("bijgewerkt op"), auto_now=True)

    class Meta:
        verbose_name = _("notitie bij de praatplaat")
        verbose_name_plural = _("notities bij de praatplaat")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "hotspot"],
                name="leergang_praatplaat_note_once",
            )
        ]

    def __str__(self) -> str:
        return self.text[:60]


class PracticeStory(models.Model):
    """The draft practice story in the kennisportal made from a cohort's
    work; one per application, so asking twice gives the same draft."""

    application = models.OneToOneField(
        Application,
        verbose_name=_("aanmelding"),
        on_delete=models.CASCADE,
        related_name="practice_story",
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("pagina"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("praktijkverhaal")
        verbose_name_plural = _("praktijkverhalen")

    def __str__(self) -> str:
        return str(self.application)
