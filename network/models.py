"""Organisations and municipalities of the leernetwerk.

Members, events and registrations follow in later migrations.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


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
