"""The shared cache on a real Redis: pages and limits use it, and a stopped Redis degrades to uncached
pages, never 500s (config/cache.py)."""

import socket
import subprocess
import time

import pytest
from django.core.cache import cache
from django.test import Client

from tests.conftest import free_port, require_tool
from tests.factories import PostingFactory, UserFactory

pytestmark = pytest.mark.django_db
REDIS = "/usr/bin/redis-server"


class RedisServer:
    """A throwaway redis-server on a free loopback port, which the test can stop and start again."""

    def __init__(self):
        self.port = free_port()
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [REDIS, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)


@pytest.fixture
def redis_cache(settings):
    require_tool(REDIS, "Redis (Debian package 'redis-server')")
    server = RedisServer()
    server.start()
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "config.cache.ResilientRedisCache", "LOCATION": f"redis://127.0.0.1:{server.port}/0",
                    "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}},
    }
    from careers import versioning

    versioning._local.update(version=None, read_at=0.0)
    yield server
    if server.process.poll() is None:
        server.stop()


def test_pages_and_limits_use_redis_and_a_stopped_redis_degrades_to_uncached_pages(redis_cache, settings):
    settings.LOGIN_FAILURES_PER_ACCOUNT_AND_IP = "2/h"
    posting = PostingFactory(title="Still served without Redis")
    client = Client()
    assert client.get("/careers/").status_code == 200
    assert cache.get("careers:content-version") is not None  # the shared version lives in Redis
    UserFactory(email="ada@example.com")
    for _ in range(2):
        client.post("/accounts/login/", {"username": "ada@example.com", "password": "wrong-wrong"})
    assert client.post("/accounts/login/", {"username": "ada@example.com",
                                             "password": "correct horse battery staple"}).status_code == 429

    redis_cache.stop()
    started = time.monotonic()
    for path in ("/careers/", posting.get_absolute_url(), "/healthz", "/api/v1/postings/"):
        response = Client().get(path)
        assert response.status_code == 200, path
    assert "Still served without Redis" in Client().get("/careers/").content.decode()
    # Nothing is cached while no process can learn of edits made elsewhere: an edit shows at once.
    Client().get(posting.get_absolute_url())
    posting.title = "Edited during the outage"
    posting.save()
    assert "Edited during the outage" in Client().get("/careers/").content.decode()
    assert "Edited during the outage" in Client().get(posting.get_absolute_url()).content.decode()
    # Limits count nothing while Redis is away (a brake, not a lock): sign-in still answers.
    response = Client().post("/accounts/login/", {"username": "ada@example.com",
                                                  "password": "correct horse battery staple"})
    assert response.status_code == 302
    assert time.monotonic() - started < 10  # short socket timeouts: a dead Redis does not hold requests

    redis_cache.start()  # back: the cache is used again, no restart needed
    time.sleep(settings.PAGE_CACHE_VERSION_TTL + 0.1)  # each process re-reads the shared version this often
    assert Client().get("/careers/").status_code == 200
    assert cache.get("careers:content-version") is not None
