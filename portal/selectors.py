"""Reads for the core."""

from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.http.request import split_domain_port
from wagtail.models import Site
from wagtail.models.sites import SiteRootPath

from . import fragment_cache
from .audit import audit_person_filter
from .models import AuditEntry, User
from .roles import Role


def user_list_with_role(*, role: Role) -> QuerySet[User]:
    """Active users in the group of ``role``, by e-mail."""
    return User.objects.filter(groups__name=role.value, is_active=True).order_by(
        "email"
    )


def user_roles(*, user: User) -> list[str]:
    """The names of the roles of ``user``, sorted."""
    return sorted(user.groups.values_list("name", flat=True))


def audit_entries_for(*, target: Model) -> QuerySet[AuditEntry]:
    """The audit history of one object, newest first."""
    return AuditEntry.objects.filter(
        target_type=ContentType.objects.get_for_model(target, for_concrete_model=False),
        target_id=str(target.pk),
    ).select_related("actor")


def audit_entries_about_person(
    *, user: User, subjects: Iterable[Model] = ()
) -> QuerySet[AuditEntry]:
    """The entries ``user`` made or that are about them (their account, or
    one of ``subjects``: the objects that are theirs), oldest first: what
    their data download lists."""
    return (
        AuditEntry.objects.filter(audit_person_filter(user=user, subjects=subjects))
        .select_related("target_type")
        .order_by("created_at", "pk")
    )


def _sites() -> list[Site]:
    sites = list(
        Site.objects.select_related("root_page__locale", "root_page__homepage")
    )
    for site in sites:
        home = getattr(site.root_page, "homepage", None)
        if home is not None:
            site.root_page = home
    return sites


def wagtail_site_for_request(
    request: HttpRequest,
) -> tuple[Site | None, list[SiteRootPath]]:
    """Wagtail's Site for ``request`` and the root paths of every site (what
    ``Site.find_for_request`` and ``Site.get_site_root_paths`` give), read in
    one query, with each site's home page as its own page type (what serving
    a page asks for next); with the fragment cache on, the sites are read
    once per content generation (``portal.fragment_cache``).

    The site is chosen as Wagtail's ``get_site_for_hostname`` chooses it: the
    host name and port, then the host name of the default site, then the one
    other site with the host name, then the default site.
    """
    sites = fragment_cache.remembered("sites", read=_sites, request=request)
    hostname = split_domain_port(request._get_raw_host())[0]  # type: ignore[attr-defined]
    port = int(request.get_port())

    def match(site: Site) -> int:
        if site.hostname == hostname:
            if site.port == port:
                return 0
            return 1 if site.is_default_site else 3
        return 2  # the default site under another host name

    candidates = sorted(
        (s for s in sites if s.hostname == hostname or s.is_default_site), key=match
    )
    found: Site | None = None
    if candidates and (len(candidates) == 1 or match(candidates[0]) in (0, 1)):
        found = candidates[0]
    elif candidates and match(candidates[0]) == 2:
        found = candidates[len(candidates) == 2]
    by_host = sorted(sites, key=lambda s: s.hostname)
    root_paths = [
        SiteRootPath(
            s.pk, s.root_page.url_path, s.root_url, s.root_page.locale.language_code
        )
        for s in sorted(
            by_host,
            key=lambda s: (s.root_page.url_path, s.is_default_site),
            reverse=True,
        )
    ]
    return found, root_paths
