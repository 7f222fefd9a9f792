"""Security headers on every public page, error pages, request logging."""

import logging

import pytest
from django.core.management import call_command
from django.test import Client

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = [
    ("/careers/", 200),
    ("/careers/?q=policy", 200),
    ("/careers/european-ai-safety-policy-lead-technical/", 200),
    ("/careers/policy-communications-manager-france/", 410),
    ("/careers/european-ai-safety-policy-lead-technical/apply/", 200),
    ("/careers/no-such-posting/", 404),
    ("/privacy/", 200),
    ("/privacy/2025-01/", 200),
    ("/accommodations/", 200),
    ("/accounts/login/", 200),
    ("/accounts/signup/", 200),
    ("/accounts/password/reset/", 200),
    ("/healthz", 200),
    ("/careers/feed/rss/", 200),
    ("/careers/feed/atom/", 200),
    ("/sitemap.xml", 200),
    ("/robots.txt", 200),
    ("/api/v1/postings/", 200),
    ("/api/v1/postings/european-ai-safety-policy-lead-technical/", 200),
    ("/api/v1/openapi.json", 200),
]


@pytest.fixture
def demo():
    call_command("load_demo", stdout=open("/dev/null", "w"))


def production_like(settings):
    settings.DEBUG = False
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True


@pytest.mark.parametrize("url, status", PUBLIC_PAGES)
def test_security_headers_on_every_public_page(demo, settings, url, status):
    production_like(settings)
    response = Client().get(url, secure=True)
    assert response.status_code == status
    csp = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";") if part.strip())
    assert directives["default-src"] == "'self'"
    # A nonce is only added when a page actually has inline code; ours have none.
    assert directives["script-src"] in ("'self'",) or directives["script-src"].startswith("'self' 'nonce-")
    assert directives["style-src"] in ("'self'",) or directives["style-src"].startswith("'self' 'nonce-")
    assert directives["frame-ancestors"] == "'none'" and directives["object-src"] == "'none'"
    for unsafe in ("unsafe-inline", "unsafe-eval", "*", "http:", "https:"):
        assert unsafe not in csp.replace("'self'", "")
    assert "Content-Security-Policy-Report-Only" not in response
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"] and "geolocation=()" in response["Permissions-Policy"]
    assert len(response["X-Request-ID"]) >= 8


def test_cookies_are_secure_httponly_samesite_in_production(demo, settings):
    production_like(settings)
    client = Client()
    client.get("/careers/european-ai-safety-policy-lead-technical/apply/", secure=True)
    csrf = client.cookies["csrftoken"]
    assert csrf["secure"] and csrf["samesite"] == "Lax"
    from tests.factories import UserFactory

    UserFactory(email="ada@example.com")
    client.post("/accounts/login/", {"username": "ada@example.com", "password": "correct horse battery staple"}, secure=True)
    session = client.cookies["sessionid"]
    assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"


@pytest.mark.parametrize(
    "url, status, text",
    [
        ("/careers/nope/", 404, "We can’t find that page"),
        ("/careers/policy-communications-manager-france/", 410, "no longer accepting applications"),
        ("/admin/accommodations/accommodationrequest/", 404, "We can’t find that page"),
    ],
)
def test_error_pages_are_styled(demo, settings, url, status, text):
    settings.DEBUG = False
    response = Client().get(url)
    html = response.content.decode()
    assert response.status_code == status and text in html and "/static/vendor/bootstrap/" in html
    assert "Traceback" not in html


def test_400_403_429_500_pages_leak_nothing(settings, rf):
    from config import views

    settings.DEBUG = False
    for response, text in [
        (views.bad_request(rf.get("/"), Exception("secret detail")), "We couldn’t process that request"),
        (views.permission_denied(rf.get("/"), Exception("secret detail")), "You don’t have access"),
        (views.server_error(rf.get("/")), "Something went wrong on our side"),
    ]:
        html = response.content.decode()
        assert text in html and "secret detail" not in html and "Traceback" not in html


def test_database_errors_become_a_friendly_503(settings, rf):
    from django.db import OperationalError

    from config import views

    try:
        raise OperationalError("could not connect to server: Connection refused")
    except OperationalError:
        response = views.server_error(rf.get("/careers/"))
    html = response.content.decode()
    assert response.status_code == 503 and response["Retry-After"] == "30"
    assert "We’ll be back in a moment" in html and "Connection refused" not in html


def test_one_log_line_per_request_with_request_id_and_no_personal_data(client, caplog, demo):
    caplog.set_level(logging.INFO, logger="careers.access")
    client.get("/careers/?q=ada.lovelace@example.com", HTTP_X_REQUEST_ID="req-12345678")
    token = "MQ-secret-reset-token"
    client.get(f"/accounts/password/reset/MQ/{token}/")
    lines = [r.getMessage() for r in caplog.records if r.name == "careers.access"]
    assert len(lines) == 2
    assert lines[0].startswith("request_id=req-12345678 method=GET route=/careers/ status=200")
    assert "route=/accounts/password/reset/<uidb64>/<token>/" in lines[1]
    joined = "\n".join(lines)
    assert "ada.lovelace" not in joined and token not in joined


def test_bad_request_ids_are_replaced(client, caplog):
    caplog.set_level(logging.INFO, logger="careers.access")
    response = client.get("/healthz", HTTP_X_REQUEST_ID="bad id\nwith newline")
    assert response["X-Request-ID"] != "bad id\nwith newline" and len(response["X-Request-ID"]) == 32
