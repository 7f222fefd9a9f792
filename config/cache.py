"""The shared cache on Redis, degrading instead of failing.

Pages, fragments, the content version and the throttles' counters live in
Redis when ``REDIS_URL`` is set. If Redis stops or hangs, a cache must not take
the site down with it: reads miss (pages are built uncached), writes are
skipped, and counters count nothing (limits are a brake, not a lock; they come
back with Redis). Short socket timeouts (settings) keep a hung Redis from
holding requests. Each outage is logged, at most once every ten seconds.
"""

import logging
import time
from functools import wraps

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)
UNAVAILABLE = (RedisConnectionError, RedisTimeoutError, OSError)
_last_warning = [0.0]


def _degrades(fallback):
    """On an outage, ``fallback(*args, **kwargs)`` is the answer instead of an exception."""

    def decorate(method):
        @wraps(method)
        def wrapper(self, *args, **kwargs):
            try:
                return method(self, *args, **kwargs)
            except UNAVAILABLE as error:
                if time.monotonic() - _last_warning[0] > 10:
                    _last_warning[0] = time.monotonic()
                    logger.warning("Redis unavailable (%s): serving without the shared cache", type(error).__name__)
                return fallback(*args, **kwargs)

        return wrapper

    return decorate


def _default(key, default=None, version=None):
    return default


class ResilientRedisCache(RedisCache):
    get = _degrades(_default)(RedisCache.get)
    get_many = _degrades(lambda keys, version=None: {})(RedisCache.get_many)
    has_key = _degrades(lambda key, version=None: False)(RedisCache.has_key)
    add = _degrades(lambda *args, **kwargs: False)(RedisCache.add)
    set = _degrades(lambda *args, **kwargs: None)(RedisCache.set)
    set_many = _degrades(lambda data, *args, **kwargs: list(data))(RedisCache.set_many)
    touch = _degrades(lambda *args, **kwargs: False)(RedisCache.touch)
    delete = _degrades(lambda *args, **kwargs: False)(RedisCache.delete)
    delete_many = _degrades(lambda *args, **kwargs: None)(RedisCache.delete_many)
    # A counter that cannot count lets the request through: the limit resumes with Redis.
    incr = _degrades(lambda key, delta=1, version=None: delta)(RedisCache.incr)


class ProcessMemoryCache(LocMemCache):
    """This process's fragments (the "pages" cache): Django's local-memory cache without the pickling.

    LocMemCache pickles every value on the way in and out so that a caller can never change
    what another reads. The values kept here are rendered HTML (immutable strings) and
    read-only copies of public content (careers/fragments.py ``derived``), read by every
    uncached page several times: unpickling them was some 7% of such a page. Keys are built
    by this project, never from raw input, so the memcached key check is skipped too.
    """

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_key(key, version=version)
        with self._lock:
            if self._has_expired(key):
                self._set(key, value, timeout)
                return True
            return False

    def get(self, key, default=None, version=None):
        key = self.make_key(key, version=version)
        with self._lock:
            if self._has_expired(key):
                self._delete(key)
                return default
            value = self._cache[key]
            self._cache.move_to_end(key, last=False)
        return value

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_key(key, version=version)
        with self._lock:
            self._set(key, value, timeout)

    def incr(self, key, delta=1, version=None):
        key = self.make_key(key, version=version)
        with self._lock:
            if self._has_expired(key):
                self._delete(key)
                raise ValueError(f"Key '{key}' not found")
            value = self._cache[key] = self._cache[key] + delta
            self._cache.move_to_end(key, last=False)
        return value
