"""The leergang: editions (one cohort of municipalities each) and the
applications of municipalities, with their teams."""

from datetime import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

DEFAULT_COHORT_SIZE = 5
TEAM_MIN = 3
TEAM_MAX = 8


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
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
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
                condition=Q(cohort_size__gte=1), name="leergang_edition_cohort_size"
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
