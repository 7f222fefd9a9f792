"""Throttles on sign-in (site and admin), sign-up and password reset, as an attacker meets them."""

import re

import pytest
from django.test import Client

from accounts.models import User
from tests.factories import StaffFactory, UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
REFUSED = "Too many failed sign-in attempts"


def login(ip, email, password, path="/accounts/login/"):
    return Client(REMOTE_ADDR=ip).post(path, {"username": email, "password": password})


def signed_in(response):
    return response.status_code == 302 and "_auth_user_id" in response.client.session


# --- sign-in: per address and client, per address everywhere, per client ------------------------

def test_an_attacker_cannot_lock_a_known_candidate_out():
    UserFactory(email="victim@example.com")
    for _ in range(5):
        assert login("203.0.113.66", "victim@example.com", "guess-guess-guess").status_code == 200
    attacker = login("203.0.113.66", "victim@example.com", PASSWORD)
    assert attacker.status_code == 429 and REFUSED in attacker.content.decode()
    assert not signed_in(attacker)  # even the right password: guessing on gains nothing
    assert signed_in(login("198.51.100.7", "victim@example.com", PASSWORD))


def test_failures_from_many_clients_block_the_account_everywhere(settings):
    settings.LOGIN_FAILURES_PER_ACCOUNT = "50/h"
    UserFactory(email="victim@example.com")
    for i in range(50):
        login(f"203.0.113.{i // 5}", "victim@example.com", "guess-guess-guess")
    refused = login("198.51.100.7", "victim@example.com", PASSWORD)
    assert refused.status_code == 429 and not signed_in(refused)
    # Other accounts, from those same clients, are unaffected.
    UserFactory(email="other@example.com")
    assert signed_in(login("203.0.113.0", "other@example.com", PASSWORD))


def test_a_completed_password_reset_lifts_the_account_lockouts(settings, mailoutbox):
    settings.LOGIN_FAILURES_PER_ACCOUNT = "10/h"
    UserFactory(email="victim@example.com")
    for i in range(10):
        login(f"203.0.113.{i // 5}", "victim@example.com", "guess-guess-guess")
    assert login("198.51.100.7", "victim@example.com", PASSWORD).status_code == 429
    assert login("203.0.113.0", "victim@example.com", PASSWORD).status_code == 429

    victim = Client(REMOTE_ADDR="198.51.100.7")
    victim.post("/accounts/password/reset/", {"email": "victim@example.com"})
    path = re.search(r"https?://[^/]+(/accounts/password/reset/\S+)", mailoutbox[-1].body).group(1)
    form = victim.get(path, follow=True)
    done = victim.post(form.redirect_chain[-1][0], {"new_password1": "a brand new passphrase 42",
                                                    "new_password2": "a brand new passphrase 42"})
    assert done.status_code == 302 and done["Location"] == "/accounts/password/reset/complete/"

    assert signed_in(login("198.51.100.7", "victim@example.com", "a brand new passphrase 42"))
    # The attacker's per-client budget for this account starts again too, from zero.
    for _ in range(5):
        assert login("203.0.113.0", "victim@example.com", "guess-guess-guess").status_code == 200
    assert login("203.0.113.0", "victim@example.com", "guess-guess-guess").status_code == 429


def test_an_unused_reset_link_lifts_nothing(settings, mailoutbox):
    UserFactory(email="victim@example.com")
    for _ in range(5):
        login("203.0.113.66", "victim@example.com", "guess-guess-guess")
    Client(REMOTE_ADDR="203.0.113.66").post("/accounts/password/reset/", {"email": "victim@example.com"})
    assert len(mailoutbox) == 1
    assert login("203.0.113.66", "victim@example.com", PASSWORD).status_code == 429


def test_one_client_guessing_many_addresses_is_limited(settings):
    settings.LOGIN_FAILURES_PER_IP = "30/h"
    for i in range(30):
        login("203.0.113.66", f"guess{i}@example.com", "guess-guess-guess")
    assert login("203.0.113.66", "new@example.com", "guess-guess-guess").status_code == 429
    assert login("198.51.100.7", "new@example.com", "guess-guess-guess").status_code == 200


# --- the admin's sign-in: the same policy and the same counters ----------------------------------

def test_admin_login_is_throttled():
    StaffFactory(email="staff@example.com")
    client = Client(REMOTE_ADDR="203.0.113.66")
    for _ in range(40):
        client.post("/admin/login/?next=/admin/", {"username": "staff@example.com", "password": "guess-guess-guess"})
    response = client.post("/admin/login/?next=/admin/", {"username": "staff@example.com", "password": PASSWORD})
    assert response.status_code == 429
    html = response.content.decode()
    assert REFUSED in html and 'id="login-form"' in html
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302  # still not signed in
    # The staff member, elsewhere, still can.
    assert login("198.51.100.7", "staff@example.com", PASSWORD, path="/admin/login/?next=/admin/").status_code == 302


def test_admin_and_site_sign_in_share_one_budget():
    UserFactory(email="ada@example.com")
    for path in ["/admin/login/"] * 3 + ["/accounts/login/"] * 2:
        login("203.0.113.66", "ada@example.com", "guess-guess-guess", path=path)
    assert login("203.0.113.66", "ada@example.com", PASSWORD).status_code == 429
    assert login("203.0.113.66", "ada@example.com", PASSWORD, path="/admin/login/").status_code == 429


# --- sign-up and password reset -------------------------------------------------------------------

def test_signup_is_limited_per_client(settings, mailoutbox):
    settings.SIGNUP_RATE_LIMIT = "2/h"
    client = Client(REMOTE_ADDR="203.0.113.66")
    for i in range(2):
        assert client.post("/accounts/signup/", {"email": f"a{i}@example.com", "password": PASSWORD}).status_code == 302
    refused = client.post("/accounts/signup/", {"email": "a2@example.com", "password": PASSWORD})
    assert refused.status_code == 429
    html = refused.content.decode()
    assert "Too many sign-ups from your network" in html and 'name="email"' in html
    assert User.objects.count() == 2 and len(mailoutbox) == 2
    other = Client(REMOTE_ADDR="198.51.100.7")
    assert other.post("/accounts/signup/", {"email": "a2@example.com", "password": PASSWORD}).status_code == 302


def test_password_reset_is_limited_per_client(settings, mailoutbox):
    settings.PASSWORD_RESET_RATE_LIMIT = "2/h"
    for i in range(3):
        UserFactory(email=f"a{i}@example.com")
    client = Client(REMOTE_ADDR="203.0.113.66")
    for i in range(2):
        assert client.post("/accounts/password/reset/", {"email": f"a{i}@example.com"}).status_code == 302
    refused = client.post("/accounts/password/reset/", {"email": "a2@example.com"})
    assert refused.status_code == 429 and "Too many password reset emails" in refused.content.decode()
    assert 'name="email"' in refused.content.decode()
    assert len(mailoutbox) == 2


@pytest.mark.parametrize("has_account", [True, False])
def test_password_reset_is_limited_per_target_address(settings, mailoutbox, has_account):
    settings.PASSWORD_RESET_EMAIL_RATE_LIMIT = "2/h"
    if has_account:
        UserFactory(email="victim@example.com")
    statuses = [Client(REMOTE_ADDR=f"203.0.113.{i}").post("/accounts/password/reset/", {"email": "Victim@Example.com"})
                .status_code for i in range(3)]
    assert statuses == [302, 302, 429]  # the same whether or not the address has an account
    assert len(mailoutbox) == 2
