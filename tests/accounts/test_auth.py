"""Sign-up with email verification, sign-in throttling, password reset and change."""

import re

import pytest
from django.core import signing
from django.test import Client

from accounts.models import User
from accounts.services import VERIFY_SALT
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


def link_in(message):
    return re.search(r"https?://[^\s]+", message.body).group(0).split("testserver", 1)[-1].replace(
        "http://127.0.0.1:8000", "")


def test_signup_sends_verification_and_verifying_marks_the_account(client, mailoutbox):
    response = client.post("/accounts/signup/", {"email": "Ada@Example.com", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/accounts/signup/done/"
    user = User.objects.get()
    assert user.email == "ada@example.com" and user.email_verified_at is None
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["ada@example.com"]
    response = client.get(link_in(mailoutbox[0]))
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.email_verified_at is not None


def test_signup_with_existing_email_reveals_nothing(client, mailoutbox):
    UserFactory(email="ada@example.com")
    new = client.post("/accounts/signup/", {"email": "grace@example.com", "password": PASSWORD})
    existing = client.post("/accounts/signup/", {"email": "ADA@example.com", "password": PASSWORD})
    assert new.status_code == existing.status_code == 302 and new["Location"] == existing["Location"]
    assert User.objects.count() == 2
    assert "already has one" in mailoutbox[-1].body and mailoutbox[-1].to == ["ada@example.com"]


def test_signup_enforces_password_validators(client):
    response = client.post("/accounts/signup/", {"email": "ada@example.com", "password": "ada@example.com"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "too similar" in html or "too short" in html or "too common" in html
    assert not User.objects.exists()


@pytest.mark.parametrize("token", ["garbage", signing.dumps({"user": 999, "email": "x@example.com"}, salt=VERIFY_SALT),
                                   signing.dumps({"user": 1, "email": "x@example.com"}, salt="wrong-salt")])
def test_bad_verification_links_are_refused(client, token):
    UserFactory(email="x@example.com")
    response = client.get(f"/accounts/verify/{token}/")
    assert response.status_code == 400
    assert not User.objects.filter(email_verified_at__isnull=False).exists()


def test_expired_verification_link_is_refused(client):
    from datetime import timedelta

    import time_machine
    from django.utils import timezone

    user = UserFactory()
    from accounts.services import verification_link

    path = verification_link(user).split("8000", 1)[-1]
    with time_machine.travel(timezone.now() + timedelta(days=4)):
        assert client.get(path).status_code == 400


def test_login_error_never_reveals_whether_the_email_exists(client):
    UserFactory(email="ada@example.com")
    wrong_password = client.post("/accounts/login/", {"username": "ada@example.com", "password": "nope-nope-nope"})
    no_account = client.post("/accounts/login/", {"username": "nobody@example.com", "password": "nope-nope-nope"})
    message = "That email and password don’t match an account."
    assert message in wrong_password.content.decode() and message in no_account.content.decode()
    assert wrong_password.status_code == no_account.status_code == 200


def test_repeated_failed_logins_are_throttled_with_a_clear_message(client, settings):
    settings.LOGIN_FAILURES_PER_ACCOUNT_AND_IP = "3/15m"
    UserFactory(email="ada@example.com")
    for _ in range(3):
        client.post("/accounts/login/", {"username": "ada@example.com", "password": "wrong-password-1"})
    # Even the right password is refused while throttled: the attacker learns nothing.
    response = client.post("/accounts/login/", {"username": "ada@example.com", "password": PASSWORD})
    assert response.status_code == 429
    assert "Too many failed sign-in attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # Another address from another network is unaffected.
    UserFactory(email="grace@example.com")
    other = Client(REMOTE_ADDR="10.9.9.9")
    assert other.post("/accounts/login/", {"username": "grace@example.com", "password": PASSWORD}).status_code == 302


def test_successful_logins_do_not_count_towards_the_limit(client, settings):
    settings.LOGIN_FAILURES_PER_ACCOUNT_AND_IP = "2/15m"
    UserFactory(email="ada@example.com")
    for _ in range(4):
        assert client.post("/accounts/login/", {"username": "ada@example.com", "password": PASSWORD}).status_code == 302
        client.post("/accounts/logout/")


def test_per_ip_throttle(settings):
    settings.LOGIN_FAILURES_PER_IP = "3/h"
    client = Client(REMOTE_ADDR="10.1.1.1")
    for i in range(3):
        client.post("/accounts/login/", {"username": f"guess{i}@example.com", "password": "x-x-x-x-x-x"})
    assert client.post("/accounts/login/", {"username": "new@example.com", "password": "x"}).status_code == 429


def test_password_reset_by_email(client, mailoutbox):
    UserFactory(email="ada@example.com")
    response = client.post("/accounts/password/reset/", {"email": "ada@example.com"})
    assert response.status_code == 302
    unknown = client.post("/accounts/password/reset/", {"email": "nobody@example.com"})
    assert unknown.status_code == 302 and unknown["Location"] == response["Location"]
    assert [m.to for m in mailoutbox] == [["ada@example.com"], ["nobody@example.com"]]
    path = re.search(r"https?://[^/]+(/accounts/password/reset/[^\s]+)", mailoutbox[0].body).group(1)
    form_page = client.get(path, follow=True)
    assert form_page.status_code == 200 and "Choose a new password" in form_page.content.decode()
    done = client.post(form_page.redirect_chain[-1][0], {"new_password1": "a brand new passphrase 42",
                                                         "new_password2": "a brand new passphrase 42"})
    assert done.status_code == 302
    assert User.objects.get().check_password("a brand new passphrase 42")


def test_change_password(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post("/accounts/password/change/", {
        "old_password": PASSWORD, "new_password1": "another good passphrase 7", "new_password2": "another good passphrase 7",
    })
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("another good passphrase 7")


def test_logout_is_a_post(client):
    client.force_login(UserFactory())
    assert client.get("/accounts/logout/").status_code == 405
    assert client.post("/accounts/logout/").status_code == 302
    assert "_auth_user_id" not in client.session


def test_staff_log_in_to_admin_with_email():
    from tests.factories import StaffFactory

    StaffFactory(email="staff@example.com")
    client = Client()
    response = client.post("/admin/login/?next=/admin/", {"username": "staff@example.com", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/admin/"


def test_unverified_user_can_ask_for_a_new_link(client, mailoutbox):
    user = UserFactory(email="late@example.com")
    client.force_login(user)
    response = client.post("/accounts/verify-again/")
    assert response.status_code == 302
    assert mailoutbox[-1].to == ["late@example.com"] and "/accounts/verify/" in mailoutbox[-1].body
    path = re.search(r"https?://[^/]+(/accounts/verify/\S+)", mailoutbox[-1].body).group(1)
    client.get(path)
    user.refresh_from_db()
    assert user.email_verified_at is not None


def test_first_use_of_the_verification_link_signs_the_person_in(client, mailoutbox):
    client.post("/accounts/signup/", {"email": "ada@example.com", "password": PASSWORD})
    link = link_in(mailoutbox[0])
    response = client.get(link, follow=True)
    assert response.redirect_chain[-1][0] == "/accounts/applications/"
    assert "confirmed and you are signed in" in response.content.decode()
    assert response.context["user"].email == "ada@example.com"
    # A second use (a leaked or forwarded link) signs nobody in and says why.
    stranger = Client()
    again = stranger.get(link, follow=True)
    assert again.redirect_chain[-1][0].startswith("/accounts/login/")
    assert "already confirmed" in again.content.decode()
    assert not again.context["user"].is_authenticated


def test_verification_link_of_another_account_keeps_the_signed_in_person(client, mailoutbox):
    client.post("/accounts/signup/", {"email": "ada@example.com", "password": PASSWORD})
    link = link_in(mailoutbox[0])
    grace = UserFactory(email="grace@example.com")
    other = Client()
    other.force_login(grace)
    response = other.get(link, follow=True)
    assert response.context["user"].email == "grace@example.com"
    assert "another account" in response.content.decode()


def test_account_navigation_marks_the_current_page(client):
    from django.utils import timezone

    client.force_login(UserFactory(email_verified_at=timezone.now()))
    html = client.get("/accounts/data/").content.decode()
    assert 'class="nav-link active" href="/accounts/data/" aria-current="page"' in html
    assert 'class="nav-link" href="/accounts/applications/"' in html
