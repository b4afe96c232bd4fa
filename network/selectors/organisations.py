"""Reads of the organisations and places of the leernetwerk: the programme's
partners (cached) and the municipalities."""

from django.core.cache import cache
from django.db.models import QuerySet

from ..models import Municipality, Organisation, Province

PARTNERS_CACHE_KEY = "network:partners:v1"


def partner_list() -> list[dict[str, str]]:
    """The programme's partners for the footer, cached (cleared on change)."""
    partners: list[dict[str, str]] | None = cache.get(PARTNERS_CACHE_KEY)
    if partners is None:
        partners = [
            {"name": org.name, "website": org.website}
            for org in Organisation.objects.filter(is_partner=True).order_by(
                "partner_order", "name"
            )
        ]
        cache.set(PARTNERS_CACHE_KEY, partners, timeout=60 * 60)
    return partners


def municipality_list(*, province: str | None = None) -> QuerySet[Municipality]:
    """Municipalities by name, with their regions, optionally of one province."""
    qs = Municipality.objects.prefetch_related("regions").order_by("name")
    if province:
        qs = qs.filter(province=Province(province))
    return qs
