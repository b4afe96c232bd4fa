"""The leernetwerk: organisations, municipalities, members, events,
registrations and reminders."""

import secrets
import uuid
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.taxonomy import Bouwopgave


class Province(models.TextChoices):
    GRONINGEN = "GR", "Groningen"
    FRIESLAND = "FR", "Fryslân"
    DRENTHE = "DR", "Drenthe"
    OVERIJSSEL = "OV", "Overijssel"
    FLEVOLAND = "FL", "Flevoland"
    GELDERLAND = "GE", "Gelderland"
    UTRECHT = "UT", "Utrecht"
    NOORD_HOLLAND = "NH", "Noord-Holland"
    ZUID_HOLLAND = "ZH", "Zuid-Holland"
    ZEELAND = "ZE", "Zeeland"
    NOORD_BRABANT = "NB", "Noord-Brabant"
    LIMBURG = "LI", "Limburg"


class Region(models.Model):
    """A samenwerkingsverband: municipalities that run work and income together
    (Ferm Werk, WIL Lekstroom, RSD Kromme Rijn Heuvelrug)."""

    name = models.CharField(_("naam"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    description = models.TextField(_("beschrijving"), blank=True)

    class Meta:
        verbose_name = _("samenwerkingsverband")
        verbose_name_plural = _("samenwerkingsverbanden")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Municipality(models.Model):
    """A gemeente. In code: Municipality."""

    name = models.CharField(_("naam"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    province = models.CharField(
        _("provincie"), max_length=2, choices=Province.choices, db_index=True
    )
    regions = models.ManyToManyField(
        Region,
        verbose_name=_("samenwerkingsverbanden"),
        related_name="municipalities",
        blank=True,
    )
    note = models.CharField(
        _("toelichting"),
        max_length=200,
        blank=True,
        help_text=_("Bijvoorbeeld een herindeling: 'sinds 2019 met Vianen'."),
    )

    class Meta:
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Organisation(models.Model):
    """An organisation: a partner of the programme, an employer of members."""

    class Kind(models.TextChoices):
        KNOWLEDGE = "kennisinstelling", _("kennisinstelling")
        MUNICIPALITY = "gemeente", _("gemeente")
        SOCIAL_SERVICE = "uitvoeringsorganisatie", _("uitvoeringsorganisatie")
        WELFARE = "zorg_welzijn", _("zorg en welzijn")
        FUNDER = "financier", _("financier")
        ASSOCIATION = "vereniging", _("vereniging of platform")
        OTHER = "overig", _("overig")

    name = models.CharField(_("naam"), max_length=160, unique=True)
    slug = models.SlugField(_("slug"), max_length=160, unique=True)
    kind = models.CharField(
        _("soort"), max_length=32, choices=Kind.choices, default=Kind.OTHER
    )
    website = models.URLField(_("website"), blank=True)
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("gemeente"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="organisations",
    )
    is_partner = models.BooleanField(
        _("partner van het programma"),
        default=False,
        help_text=_("Partners staan onderaan elke pagina."),
    )
    partner_order = models.PositiveSmallIntegerField(_("volgorde"), default=100)

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["name"]
        indexes = [models.Index(fields=["is_partner", "partner_order"])]

    def __str__(self) -> str:
        return self.name


# --- Members ----------------------------------------------------------------


class MemberRole(models.TextChoices):
    PROFESSIONAL = "professional", _("Professional")
    EXPERIENCE_EXPERT = "ervaringsdeskundige", _("Ervaringsdeskundige of inwoner")
    POLICY_MAKER = "beleidsmaker", _("Beleidsmaker")
    MANAGER = "manager", _("Manager")
    ADMINISTRATOR = "bestuurder", _("Bestuurder")
    RESEARCHER = "onderzoeker", _("Onderzoeker")


class Domain(models.TextChoices):
    WMO = "wmo", _("Wmo (zorg en welzijn)")
    PARTICIPATION_ACT = "participatiewet", _("Participatiewet (werk en inkomen)")
    YOUTH = "jeugd", _("Jeugd")
    DEBT = "schuldhulp", _("Schuldhulpverlening")
    UWV = "uwv", _("UWV")
    MENTAL_HEALTH = "ggz", _("GGZ")
    EDUCATION = "onderwijs", _("Onderwijs")
    OTHER = "anders", _("Anders")


class MemberProfile(models.Model):
    """A member of the leernetwerk: the short profile after sign-up."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="member_profile",
        verbose_name=_("gebruiker"),
    )
    role = models.CharField(_("rol"), max_length=32, choices=MemberRole.choices)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisatie"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
    )
    organisation_name = models.CharField(
        _("organisatie (als die niet in de lijst staat)"), max_length=160, blank=True
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("gemeente"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
    )
    domains = models.JSONField(_("domeinen"), default=list, blank=True)
    interests = models.JSONField(
        _("interesse in bouwopgaven"), default=list, blank=True
    )
    show_in_directory = models.BooleanField(
        _("zichtbaar in de ledenlijst"), default=False
    )
    receive_newsletter = models.BooleanField(_("nieuwsbrief ontvangen"), default=False)
    created_at = models.DateTimeField(_("lid sinds"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")

    def __str__(self) -> str:
        return str(self.user)

    @property
    def organisation_display(self) -> str:
        return self.organisation.name if self.organisation else self.organisation_name


def new_feed_secret() -> str:
    return secrets.token_urlsafe(24)


class CalendarFeed(models.Model):
    """The secret in a member's private calendar link. A new secret makes
    every earlier link stop working."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="calendar_feed",
        verbose_name=_("gebruiker"),
    )
    secret = models.CharField(max_length=64, default=new_feed_secret)
    created_at = models.DateTimeField(_("gemaakt op"), default=timezone.now)

    class Meta:
        verbose_name = _("agendalink")
        verbose_name_plural = _("agendalinks")

    def __str__(self) -> str:
        return str(self.user)


# --- Events -----------------------------------------------------------------


def validate_link(value: str) -> None:
    """A web address (http or https) or a path on this site ("/kennisbank/...")."""
    message = _(
        "Vul een webadres in dat begint met https:// of http://, of een pad op "
        "deze site dat begint met /."
    )
    if any(ch.isspace() or ord(ch) < 32 for ch in value):
        raise ValidationError(message, code="invalid_link")
    if value.startswith("/"):
        if value.startswith("//") or value.startswith("/\\"):
            raise ValidationError(message, code="invalid_link")
        return
    parts = urlsplit(value)
    if parts.scheme.lower() not in {"http", "https"} or not parts.netloc:
        raise ValidationError(message, code="invalid_link")


class EventQuerySet(models.QuerySet):
    def upcoming(self) -> "EventQuerySet":
        return self.filter(ends_at__gte=timezone.now()).order_by("starts_at")

    def past(self) -> "EventQuerySet":
        return self.filter(ends_at__lt=timezone.now()).order_by("-starts_at")

    def published(self) -> "EventQuerySet":
        return self.filter(is_published=True)


class Event(models.Model):
    """A meeting of the leernetwerk: webinar, kennisatelier, and so on."""

    class Kind(models.TextChoices):
        WEBINAR = "webinar", _("Webinar")
        KENNISATELIER = "kennisatelier", _("Kennisatelier")
        INSPIRATION = "inspiratiebijeenkomst", _("Inspiratiebijeenkomst")
        CONFERENCE = "conferentie", _("Conferentie")

    class Status(models.TextChoices):
        SCHEDULED = "gepland", _("Gepland")
        CANCELLED = "geannuleerd", _("Geannuleerd")

    title = models.CharField(_("titel"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(_("soort"), max_length=32, choices=Kind.choices)
    summary = models.CharField(_("korte omschrijving"), max_length=300)
    description = models.TextField(_("beschrijving"))
    starts_at = models.DateTimeField(_("begint"), db_index=True)
    ends_at = models.DateTimeField(_("eindigt"))
    location = models.CharField(
        _("locatie"), max_length=200, blank=True,
        help_text=_("Adres of plaats. Leeg voor een online bijeenkomst."),
    )  # fmt: skip
    online_url = models.URLField(
        _("link naar de online bijeenkomst"), blank=True,
        help_text=_("Alleen zichtbaar voor deelnemers met een bevestigde plek."),
    )  # fmt: skip
    capacity = models.PositiveIntegerField(
        _("aantal plaatsen"), null=True, blank=True,
        help_text=_("Leeg voor onbeperkt."),
    )  # fmt: skip
    registration_opens_at = models.DateTimeField(
        _("aanmelden kan vanaf"), null=True, blank=True
    )
    registration_closes_at = models.DateTimeField(
        _("aanmelden kan tot"), null=True, blank=True,
        help_text=_("Leeg: tot de bijeenkomst begint."),
    )  # fmt: skip
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.SCHEDULED
    )
    is_published = models.BooleanField(_("gepubliceerd"), default=True)
    organiser = models.ForeignKey(
        Organisation, verbose_name=_("organisator"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="events",
    )  # fmt: skip
    contact_email = models.EmailField(_("e-mail van de organisator"), blank=True)
    recording_url = models.URLField(_("opname"), blank=True)
    slides = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("presentatie"),
        on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
    )  # fmt: skip
    report_url = models.CharField(
        _("verslag (link)"), max_length=300, blank=True,
        validators=[validate_link],
        help_text=_(
            "Een pagina op deze site (begint met /) of een webadres (https://...)."
        ),
    )  # fmt: skip
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("bijeenkomst")
        verbose_name_plural = _("bijeenkomsten")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="event_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("network:event_detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("Het einde moet na het begin liggen.")
        if (
            self.registration_opens_at
            and self.registration_closes_at
            and self.registration_closes_at <= self.registration_opens_at
        ):
            errors["registration_closes_at"] = _(
                "Aanmelden moet sluiten nadat het is geopend."
            )
        if (
            self.registration_closes_at
            and self.starts_at
            and self.registration_closes_at > self.starts_at
        ):
            errors["registration_closes_at"] = _(
                "Aanmelden moet sluiten voordat de bijeenkomst begint. Kies een "
                "moment vóór het begin, of laat het veld leeg."
            )
        if self.capacity == 0:
            errors["capacity"] = _("Vul minstens 1 plaats in, of laat het veld leeg.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def is_online(self) -> bool:
        return bool(self.online_url) and not self.location

    def has_started_at(self, at: datetime | None = None) -> bool:
        """True once the event has begun (at ``at``, default now)."""
        return self.starts_at <= (at or timezone.now())

    @property
    def has_started(self) -> bool:
        return self.has_started_at()

    @property
    def is_past(self) -> bool:
        return self.ends_at < timezone.now()

    @property
    def registration_deadline(self):
        return self.registration_closes_at or self.starts_at

    def registration_is_open(self, at=None) -> bool:
        now = at or timezone.now()
        if self.is_cancelled or not self.is_published:
            return False
        if self.registration_opens_at and now < self.registration_opens_at:
            return False
        return now < self.registration_deadline


class EventBouwopgave(models.Model):
    """The bouwopgaven an event is about."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="bouwopgave_links"
    )
    bouwopgave = models.PositiveSmallIntegerField(
        _("bouwopgave"), choices=Bouwopgave.choices
    )

    class Meta:
        verbose_name = _("bouwopgave van een bijeenkomst")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "bouwopgave"], name="event_bouwopgave_unique"
            )
        ]

    def __str__(self) -> str:
        return self.get_bouwopgave_display()


class Registration(models.Model):
    """A member's place at an event: confirmed, on the waitlist, or cancelled."""

    class Status(models.TextChoices):
        CONFIRMED = "bevestigd", _("Bevestigd")
        WAITLISTED = "wachtlijst", _("Op de wachtlijst")
        CANCELLED = "afgemeld", _("Afgemeld")

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="registrations",
        verbose_name=_("bijeenkomst"),
    )  # fmt: skip
    # Emptied when the member deletes their account: the registration stays
    # as an anonymous count.
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="registrations", verbose_name=_("deelnemer"),
    )  # fmt: skip
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, db_index=True
    )
    # When the member (last) asked for a place: the order of the waitlist.
    requested_at = models.DateTimeField(_("aangemeld op"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("plek bevestigd op"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("afgemeld op"), null=True, blank=True)
    attended = models.BooleanField(_("aanwezig"), null=True, blank=True)
    # Set when the member turned off the coordinator's messages about this
    # event (the link in such a message); the mails about their place still
    # come.
    messages_off_at = models.DateTimeField(
        _("geen berichten van de coördinator sinds"), null=True, blank=True
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("aanmelding")
        verbose_name_plural = _("aanmeldingen")
        ordering = ["requested_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "member"], name="registration_one_per_member"
            ),
        ]
        indexes = [models.Index(fields=["event", "status", "requested_at"])]

    def __str__(self) -> str:
        return f"{self.member}: {self.event}"

    @property
    def is_active(self) -> bool:
        """Confirmed or on the waitlist (not cancelled)."""
        return self.status != self.Status.CANCELLED

    @property
    def is_confirmed(self) -> bool:
        return self.status == self.Status.CONFIRMED

    @property
    def is_waitlisted(self) -> bool:
        return self.status == self.Status.WAITLISTED


class ReminderKind(models.TextChoices):
    WEEK = "7d", _("7 dagen vooraf")
    DAY = "1d", _("1 dag vooraf")
    HOUR = "1h", _("1 uur vooraf")


REMINDER_OFFSETS = {
    ReminderKind.WEEK: timedelta(days=7),
    ReminderKind.DAY: timedelta(days=1),
    ReminderKind.HOUR: timedelta(hours=1),
}


class Reminder(models.Model):
    """One reminder e-mail, claimed before it is sent so it goes out once.

    The row is the claim: the dispatcher run that inserts it (its
    ``claim_token``) owns the send, and hands it to the one sender that takes
    it (CLAIMED to SENDING). It is unique per registration, kind and the
    start time it was for, so a moved event gets reminders for its new time
    and nothing is sent twice for the same one.
    """

    class Status(models.TextChoices):
        CLAIMED = "geclaimd", _("Wordt verstuurd")
        # Taken by the sender of a chunk: it is going out now.
        SENDING = "bezig", _("Bezig met versturen")
        SENT = "verstuurd", _("Verstuurd")
        FAILED = "mislukt", _("Mislukt")

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="reminders"
    )
    kind = models.CharField(max_length=4, choices=ReminderKind.choices)
    event_starts_at = models.DateTimeField()
    status = models.CharField(
        max_length=16, choices=Status.choices, default=Status.CLAIMED, db_index=True
    )
    claimed_at = models.DateTimeField(default=timezone.now)
    # Who holds the claim: the dispatcher run that inserted it in bulk (a
    # conflict with another run's insert is skipped) and reads back its own
    # by this token, then the sender that took it (status SENDING).
    claim_token = models.UUIDField(null=True, blank=True, editable=False, db_index=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = _("herinnering")
        verbose_name_plural = _("herinneringen")
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "kind", "event_starts_at"],
                name="reminder_once_per_registration_kind_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.registration}"
