"""The cache on Redis, which shares its database with the Celery broker.

``REDIS_URL`` holds both the cache and the queue of tasks waiting for the
worker. Django's ``RedisCache.clear()`` empties the whole Redis database
(``FLUSHDB``): clearing the cache would throw away the waiting tasks (a
coordinator's message, a confirmation) and nothing would send them again.
This cache clears only its own keys, those under its ``KEY_PREFIX``.
(It also keeps one Redis client instead of making one per operation.)

The cache is also an aid, not a dependency: when Redis cannot be reached, a
read finds nothing and a write is dropped (with a warning in the log), so
pages are rendered from the database instead of failing. It behaves as an
empty cache that forgets every write. What must not go on
without the cache asks for it explicitly with ``cache_reachable()``: the
login refuses, since its rate limit on wrong passwords lives in the cache.
"""

import logging
import re
from functools import wraps
from typing import Any

from django.core.cache import cache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

CACHE_ERRORS = (RedisError, OSError)

DELETE_BATCH = 500


def _glob_escape(text: str) -> str:
    """``text`` as a literal in a Redis ``MATCH`` pattern."""
    return re.sub(r"([\\*?\[\]])", r"\\\1", text)


def _soft(default: Any):
    """Run the cache operation; when Redis is unreachable, log it and return
    ``default`` instead of raising."""

    def decorate(method):
        @wraps(method)
        def wrapper(self, *args, **kwargs):
            try:
                return method(self, *args, **kwargs)
            except CACHE_ERRORS as error:
                logger.warning("cache unreachable (%s): %s", method.__name__, error)
                return default(*args, **kwargs) if callable(default) else default

        return wrapper

    return decorate


def _get_default(key: Any, default: Any = None, *args: Any, **kwargs: Any) -> Any:
    return default


def _nothing_found(*args: Any, **kwargs: Any) -> dict:
    return {}


def _none_stored(data: Any, *args: Any, **kwargs: Any) -> list:
    return list(data)  # every key failed


def _incr_default(key: Any, *args: Any, **kwargs: Any) -> Any:
    raise ValueError(f"Key '{key}' not found (cache unreachable)")


def cache_reachable() -> bool:
    """Whether the cache answers now (``False`` when Redis is down)."""
    try:
        client = cache._cache.get_client(write=True)  # type: ignore[attr-defined]
    except AttributeError:  # not Redis: the local-memory cache always answers
        return True
    try:
        return bool(client.ping())
    except CACHE_ERRORS:
        return False


class _ClientPerPool(RedisCacheClient):
    """Django's client makes a new ``redis.Redis`` for every cache operation,
    which costs about as much as the read itself on the same machine. A
    ``redis.Redis`` is safe to share between threads and takes a connection
    from its pool for each command, so one per pool is kept instead."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, Any] = {}

    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        pool = self._get_connection_pool(write)  # type: ignore[attr-defined]
        client = self._clients.get(id(pool))
        if client is None:
            new = self._client(connection_pool=pool)  # type: ignore[attr-defined]
            client = self._clients[id(pool)] = new
        return client


class PrefixedRedisCache(RedisCache):
    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = _ClientPerPool

    get = _soft(_get_default)(RedisCache.get)
    get_many = _soft(_nothing_found)(RedisCache.get_many)
    has_key = _soft(False)(RedisCache.has_key)
    set = _soft(None)(RedisCache.set)
    set_many = _soft(_none_stored)(RedisCache.set_many)
    add = _soft(True)(RedisCache.add)  # an empty cache takes any new key
    touch = _soft(False)(RedisCache.touch)
    delete = _soft(False)(RedisCache.delete)
    delete_many = _soft(None)(RedisCache.delete_many)
    incr = _soft(_incr_default)(RedisCache.incr)

    def clear(self) -> None:
        """Delete every key of this cache, and nothing else in the database."""
        client = self._cache.get_client(write=True)
        # Keys are "<KEY_PREFIX>:<version>:<key>" (Django's default key function).
        pattern = f"{_glob_escape(self.key_prefix)}:*"
        batch = []
        for key in client.scan_iter(match=pattern, count=DELETE_BATCH):
            batch.append(key)
            if len(batch) == DELETE_BATCH:
                client.unlink(*batch)
                batch = []
        if batch:
            client.unlink(*batch)
