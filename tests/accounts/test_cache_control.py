"""No page under /accounts/ may be kept by a browser or shared cache: they show personal data.

Every URL pattern of the accounts app is fetched, signed in and signed out, and
must answer ``Cache-Control: private, no-store`` (whatever its status).
"""

import pytest
from django.urls import URLResolver, get_resolver
from django.utils import timezone
from django.utils.regex_helper import normalize

from accounts.services import verification_link
from tests.factories import ApplicationFactory, UserFactory

pytestmark = pytest.mark.django_db


def accounts_paths(values):
    """Every pattern of the accounts app as a path, parameters filled in from ``values``."""
    include = next(p for p in get_resolver().url_patterns if isinstance(p, URLResolver) and p.app_name == "accounts")
    prefix = include.pattern.regex.pattern.removeprefix("^")
    for pattern in include.url_patterns:
        for template, params in normalize(prefix + pattern.pattern.regex.pattern.removeprefix("^")):
            yield "/" + template % {name: values[name] for name in params}


def assert_private_no_store(response, what):
    directives = {d.strip() for d in response.get("Cache-Control", "").split(",")}
    assert {"private", "no-store"} <= directives, f"{what}: Cache-Control {response.get('Cache-Control')!r}"


@pytest.fixture
def candidate():
    user = UserFactory(email="ada@example.com", email_verified_at=timezone.now())
    application = ApplicationFactory(email="ada@example.com")
    values = {"reference": application.reference, "token": verification_link(user).rstrip("/").rsplit("/", 1)[-1], "uidb64": "MQ"}
    return user, values


def test_every_accounts_page_is_private_and_not_stored_signed_in(client, candidate):
    user, values = candidate
    client.force_login(user)
    paths = list(accounts_paths(values))
    assert "/accounts/applications/" in paths and "/accounts/data/" in paths
    for path in paths:
        if path == "/accounts/logout/":
            continue  # signs out; fetched last below
        assert_private_no_store(client.get(path), f"GET {path}")
    assert_private_no_store(client.post("/accounts/logout/"), "POST /accounts/logout/")


def test_every_accounts_page_is_private_and_not_stored_signed_out(client, candidate):
    _, values = candidate
    for path in accounts_paths(values):
        assert_private_no_store(client.get(path), f"GET {path}")


def test_account_actions_are_private_and_not_stored(client, candidate):
    user, values = candidate
    client.force_login(user)
    reference = values["reference"]
    for response, what in [
        (client.get(f"/accounts/applications/{reference}/withdraw/"), "withdraw page"),
        (client.get(f"/accounts/applications/{reference}/resume/"), "résumé download"),
        (client.post("/accounts/data/export/"), "data export"),
        (client.post(f"/accounts/applications/{reference}/withdraw/"), "withdrawal"),
        (client.post("/accounts/data/delete/", {"password": "wrong"}), "failed deletion"),
    ]:
        assert_private_no_store(response, what)
