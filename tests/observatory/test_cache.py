"""The default cache with Redis unreachable: every read is a miss, every write a no-op, at once."""

import asyncio
import logging
import time

import pytest

from observatory.cache import TolerantRedisCache

# Nothing listens on port 1: every call fails as with Redis stopped.
PARAMS = {"OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}}


@pytest.fixture
def cache():
    TolerantRedisCache._last_warning = 0.0
    return TolerantRedisCache("redis://127.0.0.1:1/0", PARAMS)


def test_reads_miss_and_writes_do_nothing_when_redis_is_down(cache, caplog):
    started = time.monotonic()
    with caplog.at_level(logging.WARNING, logger="observatory.cache"):
        assert cache.get("page", "default") == "default"
        assert cache.get_many(["a", "b"]) == {}
        assert cache.has_key("page") is False
        assert cache.get_or_set("page", "fresh") == "fresh"  # computed, not stored
        assert cache.add("page", 1) is False
        assert cache.set("page", "html") is None
        assert cache.set_many({"a": 1, "b": 2}) == ["a", "b"]
        assert cache.touch("page") is False
        assert cache.delete("page") is False
        assert cache.delete_many(["a", "b"]) is None
        assert cache.clear() is False
        with pytest.raises(ValueError):  # as for a key that is not there
            cache.incr("counter")
    assert time.monotonic() - started < 5
    # One warning, not one per call: an outage must not flood the log.
    warnings = [r for r in caplog.records if r.name == "observatory.cache"]
    assert len(warnings) == 1 and "serving without the cache" in warnings[0].getMessage()


def test_the_async_api_misses_too(cache):
    async def use():
        return await cache.aget("page"), await cache.aset("page", "html")

    assert asyncio.run(use()) == (None, None)
