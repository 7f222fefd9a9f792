"""HEAD works wherever GET does, with GET's headers and no body, through the real WSGI handler."""

import io
from wsgiref.util import setup_testing_defaults

import pytest
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from config.wsgi import application

pytestmark = pytest.mark.django_db

PATHS = [
    "/careers/",
    "/careers/?team=global-affairs",
    "/careers/european-ai-safety-policy-lead-technical/",
    "/privacy/",
    "/privacy/2025-01/",
    "/robots.txt",
    "/careers/feed/rss/",
    "/sitemap.xml",
    "/accommodations/",
]
SAME_HEADERS = ("Content-Type", "Content-Length", "ETag", "Last-Modified", "Cache-Control", "Vary",
                "Content-Security-Policy")


@pytest.fixture
def demo():
    call_command("load_demo", stdout=open("/dev/null", "w"))


@pytest.fixture
def wsgi():
    """Call the WSGI application as gunicorn does (the test client would hide a HEAD body)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)

    def call(method, path_and_query):
        path, _, query = path_and_query.partition("?")
        environ = {"REQUEST_METHOD": method, "PATH_INFO": path, "QUERY_STRING": query,
                   "HTTP_HOST": "testserver", "wsgi.input": io.BytesIO()}
        setup_testing_defaults(environ)
        started = {}

        def start_response(status, headers, exc_info=None):
            started["status"] = int(status.split()[0])
            started["headers"] = dict(headers)

        chunks = application(environ, start_response)
        body = b"".join(chunks)
        if hasattr(chunks, "close"):
            chunks.close()
        return started["status"], started["headers"], body

    yield call
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.parametrize("path", PATHS)
def test_head_answers_like_get_without_a_body(demo, wsgi, path):
    get_status, get_headers, get_body = wsgi("GET", path)
    head_status, head_headers, head_body = wsgi("HEAD", path)
    assert get_status == 200 and get_body
    assert head_status == 200, path
    assert head_body == b"", path
    for name in SAME_HEADERS:
        if name == "Content-Security-Policy":
            continue  # its nonce differs per response
        assert head_headers.get(name) == get_headers.get(name), (path, name)


def test_other_methods_are_still_refused(client, demo):
    response = client.post("/careers/")
    assert response.status_code == 405
    assert set(response["Allow"].split(", ")) == {"GET", "HEAD"}
