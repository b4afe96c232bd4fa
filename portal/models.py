"""Core models: the user, and the site-wide pages (home, plain content)."""

from typing import Any

from django.contrib.auth.models import AbstractUser
from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Lower
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from .managers import UserManager
from .pages import ServedPageMixin, page_at_url_path
from .roles import Role


class User(AbstractUser):
    """A person with an account. The e-mail address is the login."""

    username = None  # type: ignore[assignment]
    email = models.EmailField(_("e-mailadres"), unique=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()  # type: ignore[assignment, misc]

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        ordering = ["email"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_ci_unique"),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    def has_role(self, role: Role) -> bool:
        """True when the user is in the group of ``role`` (superusers: always)."""
        if self.is_superuser:
            return True
        return any(group.name == role for group in self.groups.all())


# --- Pages ------------------------------------------------------------------


class AreaBlock(blocks.StructBlock):
    """A teaser that leads to one of the programme's four areas."""

    title = blocks.CharBlock(label=_("titel"), max_length=80)
    text = blocks.TextBlock(label=_("tekst"), max_length=300)
    url = blocks.CharBlock(
        label=_("link"),
        max_length=200,
        help_text=_("Een adres op deze site (/agenda/) of een https-adres."),
        validators=[
            RegexValidator(
                r"^(/(?!/)|https://)",
                _("Begin de link met / (deze site) of met https://."),
            )
        ],
    )

    class Meta:
        template = "blocks/area_block.html"
        icon = "link"
        label = _("onderdeel")


class HomePage(ServedPageMixin, Page):
    """The front door: what the programme is and where to go next.

    As the site's root it also finds the page at an address: one lookup by
    the page's full path, where Wagtail would query each level of the tree
    in turn (two queries instead of one per level, however deep the page).
    That is the same answer because no page type adds routes of its own below
    its address (Wagtail's RoutablePageMixin); tests/portal/test_routing.py
    fails as soon as one does. With the fragment cache on, the page at an
    address is kept until content changes (``portal.pages.page_at_url_path``).
    """

    intro = models.TextField(_("introductie"), max_length=600)
    body = RichTextField(
        _("tekst"),
        blank=True,
        features=["h2", "h3", "bold", "italic", "ol", "ul", "link"],
    )
    areas = StreamField(
        [("area", AreaBlock())], verbose_name=_("onderdelen"), blank=True
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("areas"),
        FieldPanel("body"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("homepagina")

    def route(self, request: Any, path_components: list[str]) -> Any:
        if path_components:
            page = page_at_url_path(
                url_path=f"{self.url_path}{'/'.join(path_components)}/",
                slug=path_components[-1],
                request=request,
            )
            if page is None:
                raise Http404
            # Serves it when live, raises 404 when not, as the walk does.
            return page.route(request, [])
        return super().route(request, path_components)


class ContentPage(ServedPageMixin, Page):
    """A plain page: privacy statement, accessibility statement, about us."""

    intro = models.TextField(_("introductie"), blank=True, max_length=600)
    body = RichTextField(
        _("tekst"),
        features=[
            "h2",
            "h3",
            "h4",
            "bold",
            "italic",
            "ol",
            "ul",
            "link",
            "document-link",
        ],
    )
    last_reviewed = models.DateField(_("laatst gecontroleerd"), null=True, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("last_reviewed"),
    ]

    parent_page_types = ["portal.HomePage", "portal.ContentPage"]
    subpage_types = ["portal.ContentPage"]

    class Meta:
        verbose_name = _("inhoudspagina")


# --- Audit log --------------------------------------------------------------


class AuditEntry(models.Model):
    """Who did what to which object, and when. Written by the services, never
    changed afterwards; coordinators read it in the back office."""

    created_at = models.DateTimeField(_("moment"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        "portal.User",
        verbose_name=_("door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("handeling"), max_length=64, db_index=True)
    target_type = models.ForeignKey(
        "contenttypes.ContentType",
        verbose_name=_("soort object"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    target_id = models.CharField(_("object-id"), max_length=64)
    target_repr = models.CharField(_("object"), max_length=255)
    summary = models.CharField(_("omschrijving"), max_length=500, blank=True)
    data = models.JSONField(_("gegevens"), default=dict, blank=True)

    class Meta:
        verbose_name = _("logregel")
        verbose_name_plural = _("logboek")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.target_repr}"


class WaitingJob(models.Model):
    """A task that could not be handed to the broker because it was
    unreachable (``portal.jobs.enqueue``). ``portal.jobs.jobs_requeue``
    hands it over once the broker answers again, and deletes the row."""

    created_at = models.DateTimeField(_("moment"), auto_now_add=True)
    task_name = models.CharField(_("taak"), max_length=200)
    args = models.JSONField(_("argumenten"), default=list, blank=True)

    class Meta:
        verbose_name = _("wachtende taak")
        verbose_name_plural = _("wachtende taken")
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.task_name}{tuple(self.args)!r}"
