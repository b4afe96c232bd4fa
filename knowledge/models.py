"""The kennisportal: Wagtail pages of the kennisbank and the praatplaat.

Page tree::

    HomePage
    ├── KnowledgeIndexPage (/kennisbank/, one)
    │   ├── PublicationPage, ToolPage, WerkzaamElementPage  (knowledge items)
    │   └── ThemePage (one per bouwopgave)
    └── PraatplaatPage (/praatplaat/, one)

Publications, tools and werkzame elementen share one concrete parent,
``KnowledgeItemPage``, that carries the taxonomy, so the kennisbank can filter
and count facets across all three with one query per facet.
"""

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any, ClassVar

from django import forms
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from portal import fragment_cache
from portal.pages import PortalPageManager, ServedPageMixin

from .blocks import RICH_TEXT_FEATURES, BodyBlock, RelatedLinksBlock
from .snippets import (
    Author,
    Bouwopgave,
    Doelgroep,
    LegalFramework,
    ParticipatiewielDomain,
    Venster,
)

__all__ = [
    "Author",
    "Bouwopgave",
    "DocumentText",
    "Doelgroep",
    "ItemType",
    "KnowledgeIndexPage",
    "KnowledgeItemPage",
    "LegalFramework",
    "ParticipatiewielDomain",
    "PraatplaatAnswer",
    "PraatplaatFilling",
    "PraatplaatHotspot",
    "PraatplaatPage",
    "PublicationPage",
    "ReviewReminder",
    "ThemePage",
    "ToolPage",
    "Venster",
    "WerkzaamElementPage",
]


class ItemType(models.TextChoices):
    """What a knowledge item is: the 'type' facet."""

    ONDERZOEKSRAPPORT = "onderzoeksrapport", _("onderzoeksrapport")
    EINDRAPPORT = "eindrapport", _("eindrapport")
    KENNISSYNTHESE = "kennissynthese", _("kennissynthese")
    HANDREIKING = "handreiking", _("handreiking")
    FACTSHEET = "factsheet", _("factsheet")
    METHODIEKBESCHRIJVING = "methodiekbeschrijving", _("methodiekbeschrijving")
    PRAKTIJKVERHAAL = "praktijkverhaal", _("praktijkverhaal")
    ARTIKEL = "artikel", _("artikel")
    INSTRUMENT = "instrument", _("instrument")
    WERKZAAM_ELEMENT = "werkzaam_element", _("werkzaam element")


PUBLICATION_TYPES = [
    choice
    for choice in ItemType.choices
    if choice[0] not in {"instrument", "werkzaam_element"}
]


class ReviewedPageMixin(models.Model):
    """Every kennisbank page has an owner (Wagtail's) and a 'last reviewed' date;
    owners get a yearly reminder (``knowledge.tasks.send_review_reminders``)."""

    last_reviewed = models.DateField(
        _("laatst gecontroleerd"),
        null=True,
        blank=True,
        help_text=_("De eigenaar krijgt een jaar na deze datum een herinnering."),
    )

    class Meta:
        abstract = True


# What a page shows beside its own fields (a theme's items, the kennisbank's
# facets, the praatplaat's bouwstenen) is read by the selectors, which import
# this module. So the page does not ask the selectors itself: the function that
# does, a page view in ``knowledge.views.pages``, is wired to each page type in
# ``KnowledgeConfig.ready()``, as signals are. Wagtail serves and previews pages
# through ``get_context``, so both show the same.

PageView = Callable[[HttpRequest, Any], Mapping[str, Any]]


class PageViewMixin:
    """A page whose template needs more than the page's own fields.

    A page type that looks the same to everyone (apart from the header and
    the messages) sets ``cache_fragments``: its fragments are then rendered
    once and served from the fragment cache (``portal.fragment_cache``), and
    its page view is asked only when a fragment is rendered afresh.
    """

    _page_views: ClassVar[dict[type, PageView]] = {}
    cache_fragments: ClassVar[bool] = False

    @classmethod
    def set_page_view(cls, view: PageView) -> None:
        """Use ``view(request, page)`` for the extra context of this page type."""
        PageViewMixin._page_views[cls] = view

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)  # type: ignore[misc]
        view = self._page_views.get(type(self))
        if view is None:
            raise ImproperlyConfigured(f"No page view for {type(self).__name__}")
        fragments = fragment_cache.page_fragments(
            request, self, read_context=lambda: view(request, self)
        )
        if fragments is None:
            context.update(view(request, self))
        else:
            context[fragment_cache.CONTEXT_NAME] = fragments
        return context

    def serve(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = super().serve(request, *args, **kwargs)  # type: ignore[misc]
        return fragment_cache.keep_after_render(response)


def _checkboxes() -> type[forms.CheckboxSelectMultiple]:
    return forms.CheckboxSelectMultiple


# --- Index and themes -------------------------------------------------------


class KnowledgeIndexPage(PageViewMixin, ServedPageMixin, ReviewedPageMixin, Page):  # noqa: DJ008 - Page/Orderable give __str__
    """The kennisbank: every knowledge item, filterable by the facets."""

    intro = models.TextField(_("introductie"), max_length=600)
    body = RichTextField(_("tekst"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    settings_panels = [*Page.settings_panels, FieldPanel("last_reviewed")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["portal.HomePage"]
    subpage_types = [
        "knowledge.PublicationPage",
        "knowledge.ToolPage",
        "knowledge.WerkzaamElementPage",
        "knowledge.ThemePage",
    ]
    max_count = 1

    class Meta:
        verbose_name = _("kennisbank")


class ThemePage(PageViewMixin, ServedPageMixin, ReviewedPageMixin, Page):  # noqa: DJ008 - Page/Orderable give __str__
    """A theme page per bouwopgave: what it means and what the kennisbank has."""

    bouwopgave = models.OneToOneField(
        Bouwopgave,
        verbose_name=_("bouwopgave"),
        on_delete=models.PROTECT,
        related_name="theme_page",
    )
    intro = models.TextField(_("introductie"), max_length=600)
    body = RichTextField(_("tekst"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = [
        *Page.content_panels,
        FieldPanel("bouwopgave"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    settings_panels = [*Page.settings_panels, FieldPanel("last_reviewed")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    parent_page_types = ["knowledge.KnowledgeIndexPage"]
    subpage_types: list[str] = []
    cache_fragments = True

    class Meta:
        verbose_name = _("themapagina")


# --- Knowledge items --------------------------------------------------------


class KnowledgePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "knowledge.KnowledgeItemPage",
        on_delete=models.CASCADE,
        related_name="tagged_items",
    )


class KnowledgeItemPage(ServedPageMixin, ReviewedPageMixin, Page):  # noqa: DJ008 - Page/Orderable give __str__
    """What publications, tools and werkzame elementen share: a type, a date,
    a summary and the taxonomy. Not created directly."""

    item_type = models.CharField(
        _("soort"), max_length=32, choices=ItemType.choices, db_index=True
    )
    publication_date = models.DateField(_("datum"), default=date.today, db_index=True)
    summary = models.TextField(
        _("samenvatting"),
        max_length=1200,
        help_text=_("Twee tot vijf zinnen in eenvoudige taal."),
    )
    bouwopgaven = ParentalManyToManyField(
        Bouwopgave, verbose_name=_("bouwopgaven"), blank=True, related_name="items"
    )
    vensters = ParentalManyToManyField(
        Venster, verbose_name=_("vensters"), blank=True, related_name="items"
    )
    domains = ParentalManyToManyField(
        ParticipatiewielDomain,
        verbose_name=_("domeinen van het Participatiewiel"),
        blank=True,
        related_name="items",
    )
    legal_frameworks = ParentalManyToManyField(
        LegalFramework,
        verbose_name=_("wettelijke kaders"),
        blank=True,
        related_name="items",
    )
    doelgroepen = ParentalManyToManyField(
        Doelgroep, verbose_name=_("doelgroepen"), blank=True, related_name="items"
    )
    tags = ClusterTaggableManager(
        verbose_name=_("trefwoorden"), through=KnowledgePageTag, blank=True
    )

    taxonomy_panels = [
        MultiFieldPanel(
            [
                FieldPanel("bouwopgaven", widget=_checkboxes()),
                FieldPanel("vensters", widget=_checkboxes()),
                FieldPanel("domains", widget=_checkboxes()),
                FieldPanel("legal_frameworks", widget=_checkboxes()),
                FieldPanel("doelgroepen", widget=_checkboxes()),
                FieldPanel("tags"),
            ],
            heading=_("Ordening"),
        )
    ]
    settings_panels = [*Page.settings_panels, FieldPanel("last_reviewed")]

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.FilterField("item_type"),
        index.FilterField("publication_date"),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]

    parent_page_types = ["knowledge.KnowledgeIndexPage"]
    subpage_types: list[str] = []
    is_creatable = False

    # public() in the same query; the subclasses and relations use it too.
    objects = PortalPageManager()
    fixed_item_type: str | None = None

    class Meta:
        verbose_name = _("kennisitem")

    def full_clean(self, *args, **kwargs) -> None:
        # Tools and werkzame elementen have one type; publications choose one.
        if self.fixed_item_type:
            self.item_type = self.fixed_item_type
        super().full_clean(*args, **kwargs)

    @property
    def type_label(self) -> str:
        return str(ItemType(self.item_type).label) if self.item_type else ""

    def attachment_text(self) -> str:
        """Text extracted from the attached documents (for the search index)."""
        texts = DocumentText.objects.filter(
            document__knowledge_attachments__page=self
        ).values_list("text", flat=True)
        return "\n".join(texts)


class KnowledgeAttachment(Orderable):
    """A document attached to a knowledge item (a PDF report, a worksheet)."""

    page = ParentalKey(
        KnowledgeItemPage, on_delete=models.CASCADE, related_name="attachments"
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="knowledge_attachments",
    )
    label = models.CharField(
        _("omschrijving"),
        max_length=200,
        blank=True,
        help_text=_("Leeg laten om de titel van het document te tonen."),
    )

    panels = [FieldPanel("document"), FieldPanel("label")]

    class Meta(Orderable.Meta):
        verbose_name = _("bijlage")
        verbose_name_plural = _("bijlagen")

    @property
    def title(self) -> str:
        return self.label or self.document.title


class PublicationPage(PageViewMixin, KnowledgeItemPage):  # noqa: DJ008 - Page/Orderable give __str__
    """A report, guide, factsheet, practice story or article."""

    authors = ParentalManyToManyField(
        Author, verbose_name=_("auteurs"), blank=True, related_name="publications"
    )
    organisation = models.ForeignKey(
        "network.Organisation",
        verbose_name=_("organisatie"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    publisher = models.CharField(
        _("uitgever"),
        max_length=200,
        blank=True,
        help_text=_("Voor de bronvermelding, bijvoorbeeld 'Hogeschool Utrecht'."),
    )
    body = StreamField(BodyBlock(), verbose_name=_("inhoud"), blank=True)
    related_pages = ParentalManyToManyField(
        "knowledge.KnowledgeItemPage",
        verbose_name=_("gerelateerde inhoud"),
        blank=True,
        related_name="+",
    )

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("item_type"), FieldPanel("publication_date")]),
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("authors", widget=_checkboxes()),
                FieldPanel("organisation"),
                FieldPanel("publisher"),
            ],
            heading=_("Makers"),
        ),
        FieldPanel("body"),
        InlinePanel("attachments", label=_("Bijlagen")),
        FieldPanel("related_pages"),
        *KnowledgeItemPage.taxonomy_panels,
    ]

    search_fields = [
        *KnowledgeItemPage.search_fields,
        index.SearchField("body"),
        index.SearchField("attachment_text"),
        index.RelatedFields("authors", [index.SearchField("name")]),
    ]
    template = "knowledge/publication_page.html"
    cache_fragments = True

    class Meta:
        verbose_name = _("publicatie")
        verbose_name_plural = _("publicaties")

    def clean(self) -> None:
        super().clean()
        if self.item_type not in {value for value, _label in PUBLICATION_TYPES}:
            raise ValidationError(
                {"item_type": _("Kies een soort publicatie, zoals 'eindrapport'.")}
            )

    def citation(self, *, authors: list[Author] | None = None, url: str = "") -> str:
        """The APA (7th edition) reference: Authors (year). Title. Publisher. URL"""
        if authors is None:
            authors = list(self.authors.all())
        names = [author.citation_name for author in authors]
        if not names:
            who = self.publisher or (
                self.organisation.name if self.organisation else ""
            )
        elif len(names) == 1:
            who = names[0]
        else:
            who = ", ".join(names[:-1]) + ", & " + names[-1]
        parts = [f"{who} ({self.publication_date.year}). {self.title}."]
        publisher = self.publisher or (
            self.organisation.name if self.organisation else ""
        )
        if publisher and publisher != who:
            parts.append(f"{publisher}.")
        if url:
            parts.append(url)
        return " ".join(parts)


class ToolPage(PageViewMixin, KnowledgeItemPage):  # noqa: DJ008 - Page/Orderable give __str__
    """An instrument: what it is for, for whom, how to use it, downloads."""

    purpose = RichTextField(_("waarvoor is het"), features=RICH_TEXT_FEATURES)
    audience = RichTextField(_("voor wie"), features=RICH_TEXT_FEATURES)
    usage = RichTextField(_("zo gebruikt u het"), features=RICH_TEXT_FEATURES)
    source_organisation = models.ForeignKey(
        "network.Organisation",
        verbose_name=_("ontwikkeld door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    external_url = models.URLField(_("website van het instrument"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("publication_date"),
        FieldPanel("summary"),
        FieldPanel("purpose"),
        FieldPanel("audience"),
        FieldPanel("usage"),
        FieldPanel("source_organisation"),
        FieldPanel("external_url"),
        InlinePanel("attachments", label=_("Downloads")),
        *KnowledgeItemPage.taxonomy_panels,
    ]
    search_fields = [
        *KnowledgeItemPage.search_fields,
        index.SearchField("purpose"),
        index.SearchField("audience"),
        index.SearchField("usage"),
        index.SearchField("attachment_text"),
    ]
    fixed_item_type = ItemType.INSTRUMENT
    template = "knowledge/tool_page.html"
    cache_fragments = True

    class Meta:
        verbose_name = _("instrument")
        verbose_name_plural = _("instrumenten")


class WerkzaamElementPage(PageViewMixin, KnowledgeItemPage):  # noqa: DJ008 - Page/Orderable give __str__
    """A werkzaam element: what it is, whether it works, the evidence."""

    class Verdict(models.TextChoices):
        WORKS = "werkt", _("werkt")
        MIXED = "wisselend", _("werkt soms")
        DOES_NOT_WORK = "werkt_niet", _("werkt niet")

    verdict = models.CharField(
        _("werkt het?"), max_length=16, choices=Verdict.choices, default=Verdict.WORKS
    )
    description = RichTextField(_("wat is het"), features=RICH_TEXT_FEATURES)
    evidence = RichTextField(_("onderbouwing"), features=RICH_TEXT_FEATURES)
    source_project = models.CharField(_("bronproject"), max_length=200)
    related_tools = ParentalManyToManyField(
        ToolPage,
        verbose_name=_("instrumenten die erbij helpen"),
        blank=True,
        related_name="werkzame_elementen",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("publication_date"),
        FieldPanel("summary"),
        FieldPanel("verdict"),
        FieldPanel("description"),
        FieldPanel("evidence"),
        FieldPanel("source_project"),
        FieldPanel("related_tools", widget=_checkboxes()),
        *KnowledgeItemPage.taxonomy_panels,
    ]
    search_fields = [
        *KnowledgeItemPage.search_fields,
        index.SearchField("description"),
        index.SearchField("evidence"),
        index.SearchField("source_project"),
    ]
    fixed_item_type = ItemType.WERKZAAM_ELEMENT
    template = "knowledge/werkzaam_element_page.html"
    cache_fragments = True

    class Meta:
        verbose_name = _("werkzaam element")
        verbose_name_plural = _("werkzame elementen")


# --- Praatplaat -------------------------------------------------------------


class PraatplaatPage(PageViewMixin, ServedPageMixin, ReviewedPageMixin, Page):  # noqa: DJ008 - Page/Orderable give __str__
    """The praatplaat: five bouwopgaven across four vensters, with hotspots."""

    intro = models.TextField(_("introductie"), max_length=800)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("afbeelding"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_(
            "Leeg laten voor de standaardplaat. De hotspots staan in procenten "
            "van de breedte en hoogte."
        ),
    )
    image_alt = models.CharField(
        _("korte beschrijving van de plaat"),
        max_length=250,
        help_text=_("Verplicht. De volledige tekstversie staat onder de plaat."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("image"),
        FieldPanel("image_alt"),
        InlinePanel("hotspots", label=_("Bouwstenen (hotspots)"), min_num=1),
    ]
    settings_panels = [*Page.settings_panels, FieldPanel("last_reviewed")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.RelatedFields(
            "hotspots", [index.SearchField("label"), index.SearchField("explanation")]
        ),
    ]

    parent_page_types = ["portal.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = _("praatplaat")

    @property
    def accessible_name(self) -> str:
        """The name screen readers announce for the plate: the editor's short
        description, or, when that is empty (older pages, imports), one made
        from the title, never nothing."""
        description = (self.image_alt or "").strip()
        if description:
            return description
        return _("Praatplaat: %(title)s") % {"title": self.title}


class PraatplaatHotspot(Orderable):
    """A bouwsteen on the plate: a place on the picture, a text, links."""

    page = ParentalKey(
        PraatplaatPage, on_delete=models.CASCADE, related_name="hotspots"
    )
    label = models.CharField(_("naam"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120)
    bouwopgave = models.ForeignKey(
        Bouwopgave,
        verbose_name=_("bouwopgave"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    venster = models.ForeignKey(
        Venster,
        verbose_name=_("venster"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    x = models.PositiveSmallIntegerField(
        _("positie van links (%)"), validators=[MaxValueValidator(100)]
    )
    y = models.PositiveSmallIntegerField(
        _("positie van boven (%)"), validators=[MaxValueValidator(100)]
    )
    explanation = models.TextField(_("uitleg"), max_length=1500)
    question = models.CharField(
        _("vraag voor het team"),
        max_length=250,
        blank=True,
        help_text=_(
            "De vraag die een team invult, bijvoorbeeld 'Wie is de regisseur?'"
        ),
    )
    links = StreamField(
        RelatedLinksBlock(), verbose_name=_("uitgelichte inhoud"), blank=True
    )

    panels = [
        FieldPanel("label"),
        FieldPanel("slug"),
        FieldRowPanel([FieldPanel("bouwopgave"), FieldPanel("venster")]),
        FieldRowPanel([FieldPanel("x"), FieldPanel("y")]),
        FieldPanel("explanation"),
        FieldPanel("question"),
        FieldPanel("links"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("bouwsteen")
        verbose_name_plural = _("bouwstenen")

    def __str__(self) -> str:
        return self.label


class PraatplaatFilling(models.Model):
    """A team's own praatplaat: one short answer per bouwsteen.

    The owner is the person who saved it; the leergang links a filling to a
    municipality's team later.
    """

    page = models.ForeignKey(
        PraatplaatPage, on_delete=models.CASCADE, related_name="fillings"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("eigenaar"),
        on_delete=models.CASCADE,
        related_name="praatplaat_fillings",
    )
    team_name = models.CharField(_("naam van het team"), max_length=160)
    created_at = models.DateTimeField(_("gemaakt op"), default=timezone.now)
    updated_at = models.DateTimeField(_("bijgewerkt op"), default=timezone.now)

    class Meta:
        verbose_name = _("ingevulde praatplaat")
        verbose_name_plural = _("ingevulde praatplaten")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "owner"], name="praatplaat_one_filling_per_owner"
            )
        ]

    def __str__(self) -> str:
        return self.team_name


class PraatplaatAnswer(models.Model):
    filling = models.ForeignKey(
        PraatplaatFilling, on_delete=models.CASCADE, related_name="answers"
    )
    hotspot = models.ForeignKey(
        PraatplaatHotspot, on_delete=models.CASCADE, related_name="answers"
    )
    text = models.TextField(_("antwoord"), max_length=1000, blank=True)

    class Meta:
        verbose_name = _("antwoord")
        verbose_name_plural = _("antwoorden")
        constraints = [
            models.UniqueConstraint(
                fields=["filling", "hotspot"], name="praatplaat_one_answer_per_hotspot"
            )
        ]

    def __str__(self) -> str:
        return self.text[:60]


# --- Support records --------------------------------------------------------


class DocumentText(models.Model):
    """Text extracted from an uploaded document, so search can find it."""

    document = models.OneToOneField(
        "wagtaildocs.Document", on_delete=models.CASCADE, related_name="extracted_text"
    )
    text = models.TextField(blank=True)
    file_hash = models.CharField(max_length=64, blank=True)
    extracted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("tekst uit document")
        verbose_name_plural = _("teksten uit documenten")

    def __str__(self) -> str:
        return str(self.document)


class ReviewReminder(models.Model):
    """A yearly review reminder, claimed once per page and due date."""

    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+"
    )
    due_on = models.DateField()
    sent_to = models.EmailField(blank=True)
    claimed_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("controleherinnering")
        verbose_name_plural = _("controleherinneringen")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "due_on"], name="review_reminder_once_per_due_date"
            )
        ]

    def __str__(self) -> str:
        return f"{self.page_id} {self.due_on}"


class SearchDocument(models.Model):
    """What the site search (``/zoeken/``) matches, ranks and counts: one
    narrow row per live page, with the page's search vector and its
    kennisbank facets beside it, so that a search reads one table.

    On PostgreSQL the rows are kept by database triggers (migration
    ``0005_search_documents``) from the tables they copy: Wagtail's search
    index, the pages, the kennisbank items and their taxonomy links. Every
    write to those, through the ORM or in bulk, updates them when its
    transaction commits. Nothing in Python writes here. On SQLite the table stays
    empty and search runs on Wagtail's backend."""

    # The triggers remove a deleted page's row when its transaction commits:
    # no constraint, and Django leaves the row alone (deleting it in the
    # middle of the transaction would take a lock the refresh waits for).
    page = models.OneToOneField(
        "wagtailcore.Page",
        primary_key=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    path = models.CharField(max_length=255)
    document = SearchVectorField()
    item_type = models.CharField(max_length=32, blank=True)
    year = models.SmallIntegerField(null=True)
    bouwopgaven = ArrayField(models.BigIntegerField())
    vensters = ArrayField(models.BigIntegerField())
    domains = ArrayField(models.BigIntegerField())

    class Meta:
        verbose_name = _("zoekdocument")
        verbose_name_plural = _("zoekdocumenten")

    def __str__(self) -> str:
        return str(self.page_id)
