"""The cache on Redis, which shares its database with the Celery broker.

``REDIS_URL`` holds both the cache and the queue of tasks waiting for the
worker. Django's ``RedisCache.clear()`` empties the whole Redis database
(``FLUSHDB``): clearing the cache would throw away the waiting tasks (a
coordinator's message, a confirmation) and nothing would send them again.
This cache clears only its own keys, those under its ``KEY_PREFIX``.
"""

import re

from django.core.cache.backends.redis import RedisCache

DELETE_BATCH = 500


def _glob_escape(text: str) -> str:
    """``text`` as a literal in a Redis ``MATCH`` pattern."""
    return re.sub(r"([\\*?\[\]])", r"\\\1", text)


class PrefixedRedisCache(RedisCache):
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
