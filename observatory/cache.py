"""A Redis cache that may lose Redis at any moment: a failed read is a miss, a write a no-op.

Django's ``RedisCache`` raises when Redis does not answer, and every page reads the
cache (Wagtail's site root paths, fragments, the page cache): an outage of Redis
would answer 500 everywhere. This backend logs a warning instead, at most once per
``WARNING_INTERVAL`` seconds per process, and the site serves from the database.

Rate limits must know that Redis is down, to count in the database instead: they use
the ``rate_limits`` cache, a plain ``RedisCache`` on the same database (settings).
"""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient

from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

FAILURES = (RedisError, OSError)
WARNING_INTERVAL = 30.0


class SharedClientRedisCacheClient(RedisCacheClient):
    """Django's Redis cache client with one ``redis.Redis`` per connection pool.

    Django builds a ``redis.Redis`` for every operation, which sets up its response
    callbacks each time: a page reading the cache four times spent more on building
    clients than on talking to Redis. A client is safe to share between threads (each
    command takes a connection from the pool).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class TolerantRedisCache(RedisCache):
    """``RedisCache`` whose failures are misses (reads) and no-ops (writes)."""

    _last_warning = 0.0

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = SharedClientRedisCacheClient

    def _failed(self, operation, error):
        now = time.monotonic()
        if now - TolerantRedisCache._last_warning >= WARNING_INTERVAL:
            TolerantRedisCache._last_warning = now
            logger.warning(
                "cache: Redis did not answer (%s on %s); serving without the cache",
                error.__class__.__name__,
                operation,
            )

    def get(self, key, default=None, version=None):
        try:
            return super().get(key, default, version)
        except FAILURES as error:
            self._failed("get", error)
            return default

    def get_many(self, keys, version=None):
        try:
            return super().get_many(keys, version)
        except FAILURES as error:
            self._failed("get_many", error)
            return {}

    def has_key(self, key, version=None):
        try:
            return super().has_key(key, version)
        except FAILURES as error:
            self._failed("has_key", error)
            return False

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().add(key, value, timeout, version)
        except FAILURES as error:
            self._failed("add", error)
            return False

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().set(key, value, timeout, version)
        except FAILURES as error:
            self._failed("set", error)
            return None

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().set_many(data, timeout, version)
        except FAILURES as error:
            self._failed("set_many", error)
            return list(data)  # the keys that were not set

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().touch(key, timeout, version)
        except FAILURES as error:
            self._failed("touch", error)
            return False

    def incr(self, key, delta=1, version=None):
        try:
            return super().incr(key, delta, version)
        except FAILURES as error:
            self._failed("incr", error)
            raise ValueError(f"Key '{key}' not found (the cache did not answer)") from error

    def delete(self, key, version=None):
        try:
            return super().delete(key, version)
        except FAILURES as error:
            self._failed("delete", error)
            return False

    def delete_many(self, keys, version=None):
        try:
            return super().delete_many(keys, version)
        except FAILURES as error:
            self._failed("delete_many", error)
            return None

    def clear(self):
        try:
            return super().clear()
        except FAILURES as error:
            self._failed("clear", error)
            return False
