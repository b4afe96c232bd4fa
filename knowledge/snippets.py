"""The kennisbank's taxonomy: snippets that editors manage in the back office.

Bouwopgaven, vensters and the domains of the Participatiewiel are fixed sets
from the research; legal frameworks, doelgroepen and authors grow with the
content. Organisations come from the network app.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel


class NumberedTerm(models.Model):
    """A term with a fixed place in a short, ordered list."""

    number = models.PositiveSmallIntegerField(_("nummer"), unique=True)
    name = models.CharField(_("naam"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    description = models.TextField(_("toelichting"), blank=True)

    panels = [
        FieldPanel("number"),
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
    ]

    class Meta:
        abstract = True
        ordering = ["number"]

    def __str__(self) -> str:
        return self.name


class Bouwopgave(NumberedTerm):
    """One of the five building tasks of integrated working."""

    class Meta(NumberedTerm.Meta):
        verbose_name = _("bouwopgave")
        verbose_name_plural = _("bouwopgaven")


class Venster(NumberedTerm):
    """One of the four windows on integrated work (inwoner, professional, ...)."""

    class Meta(NumberedTerm.Meta):
        verbose_name = _("venster")
        verbose_name_plural = _("vensters")


class ParticipatiewielDomain(NumberedTerm):
    """A domain of Movisie's Participatiewiel (zelfstandig functioneren, ...)."""

    class Meta(NumberedTerm.Meta):
        verbose_name = _("domein van het Participatiewiel")
        verbose_name_plural = _("domeinen van het Participatiewiel")


class NamedTerm(models.Model):
    name = models.CharField(_("naam"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class LegalFramework(NamedTerm):
    """A law the content is about: Participatiewet, Wmo 2015, Jeugdwet, ..."""

    class Meta(NamedTerm.Meta):
        verbose_name = _("wettelijk kader")
        verbose_name_plural = _("wettelijke kaders")


class Doelgroep(NamedTerm):
    """Who the content is for or about: klantmanagers, wijkteams, inwoners, ..."""

    class Meta(NamedTerm.Meta):
        verbose_name = _("doelgroep")
        verbose_name_plural = _("doelgroepen")


class Author(models.Model):
    """A person who wrote a publication, optionally with their organisation."""

    name = models.CharField(_("naam"), max_length=160)
    family_name = models.CharField(
        _("achternaam voor de bronvermelding"),
        max_length=80,
        help_text=_("Bijvoorbeeld 'Binkhorst' of 'Van Oosten'."),
    )
    initials = models.CharField(_("voorletters"), max_length=20, help_text="J.")
    organisation = models.ForeignKey(
        "network.Organisation",
        verbose_name=_("organisatie"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("family_name"),
        FieldPanel("initials"),
        FieldPanel("organisation"),
    ]

    class Meta:
        verbose_name = _("auteur")
        verbose_name_plural = _("auteurs")
        ordering = ["family_name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["name"], name="knowledge_author_unique")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def citation_name(self) -> str:
        """The name as APA writes it: 'Binkhorst, J.'."""
        return f"{self.family_name}, {self.initials}"
