import pytest
from django.test import Client
from django.utils import timezone

from tests.factories import ApplicationFactory, UserFactory
from tests.helpers.html import assert_valid_html

pytestmark = pytest.mark.django_db


def test_account_pages_are_valid_html(client, settings):
    settings.LOGIN_FAILURES_PER_ACCOUNT_AND_IP = "1/15m"
    settings.SIGNUP_RATE_LIMIT = settings.PASSWORD_RESET_RATE_LIMIT = "0/h"
    pages = {}
    anonymous = Client()
    for url in ("/accounts/login/", "/accounts/signup/", "/accounts/signup/done/", "/accounts/password/reset/",
                "/accounts/password/reset/sent/", "/accounts/verify/nonsense/", "/accounts/deleted/",
                "/accounts/password/reset/MQ/bad-token/"):
        response = anonymous.get(url, follow=True)
        assert response.status_code in (200, 400), url
        pages[url] = response.content.decode()
    pages["login error"] = anonymous.post("/accounts/login/", {"username": "x@example.com", "password": "y"}).content.decode()
    throttled = anonymous.post("/accounts/login/", {"username": "x@example.com", "password": "y"})
    assert throttled.status_code == 429
    pages["login throttled"] = throttled.content.decode()
    pages["signup error"] = anonymous.post("/accounts/signup/", {"email": "bad", "password": "1"}).content.decode()
    for url, data in (("/accounts/signup/", {"email": "new@example.com", "password": "a fine passphrase 12"}),
                      ("/accounts/password/reset/", {"email": "new@example.com"})):
        response = anonymous.post(url, data)
        assert response.status_code == 429, url
        pages[f"{url} throttled"] = response.content.decode()

    unverified = Client()
    unverified.force_login(UserFactory())
    pages["applications unverified"] = unverified.get("/accounts/applications/").content.decode()

    user = UserFactory(email="ada@example.com", email_verified_at=timezone.now())
    application = ApplicationFactory(email="ada@example.com")
    client.force_login(user)
    for url in ("/accounts/applications/", f"/accounts/applications/{application.reference}/withdraw/",
                "/accounts/data/", "/accounts/data/delete/", "/accounts/password/change/",
                "/accounts/password/change/done/", "/careers/"):
        response = client.get(url)
        assert response.status_code == 200, url
        pages[url] = response.content.decode()
    pages["delete error"] = client.post("/accounts/data/delete/", {"password": "wrong"}).content.decode()
    assert_valid_html(pages)
