"""Decoupled reactions: clear cached reads when their data changes."""

from typing import Any

from django.core.cache import cache

from .selectors.organisations import PARTNERS_CACHE_KEY


def clear_partner_cache(**kwargs: Any) -> None:
    cache.delete(PARTNERS_CACHE_KEY)
