"""What every page type of the portal shares in how it is read and served.

Wagtail asks the database more often than a page needs: ``public()`` reads
every view restriction first and then filters on them (two queries where a
subquery does it in one), and serving a page looks up its ancestors once to
check their view restrictions and again for the breadcrumbs. The page types
of the portal and the kennisbank use these instead.

With the fragment cache on (``portal.fragment_cache``), the page at an
address is read once per content generation, with its ancestors, and then
taken from the cache.
"""

from functools import cached_property
from typing import Any

from django.db.models import Exists, OuterRef
from django.db.models.functions import Coalesce, Length, Substr
from wagtail.models import Page, PageManager, PageViewRestriction
from wagtail.query import PageQuerySet

from . import fragment_cache


def _restricted_section() -> Exists:
    """True for a page in a private section: a view restriction sits on the
    page itself or on one of its ancestors (a path that starts the page's)."""
    return Exists(
        PageViewRestriction.objects.filter(
            page__path=Substr(OuterRef("path"), 1, Length("page__path"))
        )
    )


class PortalPageQuerySet(PageQuerySet):
    def public(self) -> "PortalPageQuerySet":
        """Pages outside every private section, as Wagtail's ``public()``
        but in the same query (a subquery, not a query of its own)."""
        return self.filter(~_restricted_section())

    def not_public(self) -> "PortalPageQuerySet":
        return self.filter(_restricted_section())

    private = not_public


PortalPageManager = PageManager.from_queryset(PortalPageQuerySet)


class ServedPageMixin:
    """A page type that is served to visitors: its ancestors are read once,
    with whether each is restricted, for the view-restriction check that
    Wagtail makes before serving and for the breadcrumbs."""

    @cached_property
    def breadcrumb_ancestors(self) -> list[Page]:
        """The ancestors of the page, root first."""
        return self._lineage[:-1]

    @cached_property
    def _lineage(self) -> list[Any]:
        """The ancestors and the page itself, each annotated ``restricted``
        when a view restriction applies to it (to its original, for an alias)."""
        if not getattr(self, "path", ""):  # a preview of a page not yet made
            return [self]
        return list(
            Page.objects.ancestor_of(self, inclusive=True)
            .annotate(
                restricted=Exists(
                    PageViewRestriction.objects.filter(
                        page_id=Coalesce(OuterRef("alias_of_id"), OuterRef("pk"))
                    )
                )
            )
            .order_by("path")
        )

    def get_view_restrictions(self) -> Any:
        """Wagtail's view restrictions of the page and its ancestors; without
        a query of their own when none of them is restricted (nearly always)."""
        if not any(page.restricted for page in self._lineage):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()  # type: ignore[misc]


def page_at_url_path(*, url_path: str, slug: str, request: Any = None) -> Any:
    """The page (as its own page type) whose ``url_path`` is ``url_path``,
    live or not; ``None`` when there is none. With the fragment cache on, a
    live page that is served (``ServedPageMixin``) is kept with its ancestors,
    so a page from the cache needs no query to check its view restrictions
    or show its breadcrumbs."""

    def read() -> Any:
        # The slug narrows the search to its index; url_path decides.
        page = Page.objects.filter(slug=slug, url_path=url_path).specific().first()
        served = page is not None and page.live and isinstance(page, ServedPageMixin)
        if served and fragment_cache.enabled():
            page._lineage  # noqa: B018 - read now, kept with the page
        return page

    return fragment_cache.remembered("page-at", url_path, read=read, request=request)
