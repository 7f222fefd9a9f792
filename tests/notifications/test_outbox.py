"""The outbox's write and delivery rules, and every email of the accounts going through it."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.db import transaction
from django.utils import timezone

from accounts import services as account_services
from accounts.models import User
from notifications import services
from notifications.models import OutgoingEmail
from notifications.services import RETRY_DELAYS, email_queue
from tests.factories import ApplicationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_retries_span_more_than_three_days():
    assert sum(RETRY_DELAYS, timedelta()) >= timedelta(days=3)
    assert services.MAX_EMAIL_ATTEMPTS == len(RETRY_DELAYS) + 1


def test_the_same_email_is_never_queued_twice(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = email_queue(key="test:1", to=["a@example.com"], subject="Hi", body="One")
        again = email_queue(key="test:1", to=["a@example.com"], subject="Hi", body="Two")
    assert first is not None and again is None
    assert OutgoingEmail.objects.count() == 1 and [m.body for m in mail.outbox] == ["One"]


def test_a_duplicate_key_leaves_the_callers_transaction_usable():
    with transaction.atomic():
        email_queue(key="test:2", to=["a@example.com"], subject="Hi", body="x")
        email_queue(key="test:2", to=["a@example.com"], subject="Hi", body="x")
        UserFactory(email="still-works@example.com")
    assert User.objects.filter(email="still-works@example.com").exists()


def test_an_email_without_recipient_is_recorded_as_failed_not_dropped(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        email = email_queue(key="test:3", to=[""], subject="Nobody", body="x")
    assert email.status == "failed" and email.last_error == "no recipient configured" and mail.outbox == []


def test_delivery_checks_status_under_the_lock_and_sends_once(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        email = email_queue(key="test:4", to=["a@example.com"], subject="Hi", body="x")
    assert services.email_deliver(email.pk) == "sent"
    assert services.email_deliver(email.pk) == "sent"  # already sent: nothing happens
    assert len(mail.outbox) == 1


def test_a_retry_waits_for_its_time(settings, django_capture_on_commit_callbacks):
    settings.MAILERS = {"default": {"BACKEND": "tests.applications.test_apply_kept.BrokenMailBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        email = email_queue(key="test:5", to=["a@example.com"], subject="Hi", body="x")
    email.refresh_from_db()
    assert email.attempts == 1 and email.status == "pending"
    assert email.next_attempt_at - timezone.now() > timedelta(seconds=50)
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    assert services.email_deliver(email.pk) == "not due"
    assert services.outbox_sweep() == 0
    with time_machine.travel(email.next_attempt_at + timedelta(seconds=1)):
        assert services.outbox_sweep() == 1
    assert len(mail.outbox) == 1


def test_health_counts_failed_and_overdue(client):
    OutgoingEmail.objects.create(key="a", to=["a@example.com"], status="failed")
    OutgoingEmail.objects.create(key="b", to=["a@example.com"], next_attempt_at=timezone.now() - timedelta(hours=1))
    OutgoingEmail.objects.create(key="c", to=["a@example.com"])  # just queued: not overdue
    body = client.get("/healthz").json()
    assert body["status"] == "ok" and body["outbox"] == {"status": "attention", "failed": 1, "overdue": 1}


# --- accounts: every email goes through the outbox, in the transaction of its change -----------


def test_signup_without_its_verification_email_creates_no_account(client, monkeypatch):
    def outbox_down(**kwargs):
        raise RuntimeError("outbox unavailable")

    monkeypatch.setattr(account_services, "email_queue", outbox_down)
    with pytest.raises(RuntimeError):
        client.post("/accounts/signup/", {"email": "new@example.com", "password": "a long passphrase 42"})
    assert not User.objects.filter(email="new@example.com").exists()


def test_signup_queues_one_email_either_way(client):
    UserFactory(email="taken@example.com")
    for address in ("taken@example.com", "new@example.com"):
        client.post("/accounts/signup/", {"email": address, "password": "a long passphrase 42"})
    assert sorted(OutgoingEmail.objects.values_list("to", "kind")) == [
        (["new@example.com"], "verify_email"), (["taken@example.com"], "account_exists"),
    ]


def test_password_reset_queues_one_email_either_way(client):
    user = UserFactory(email="has@example.com")
    user.set_password("a long passphrase 42")
    user.save()
    for address in ("has@example.com", "none@example.com"):
        assert client.post("/accounts/password/reset/", {"email": address}).status_code == 302
    assert sorted(OutgoingEmail.objects.values_list("to", "kind")) == [
        (["has@example.com"], "password_reset"), (["none@example.com"], "password_reset_no_account"),
    ]
    assert "/accounts/password/reset/" in OutgoingEmail.objects.get(kind="password_reset").body


def test_the_erasure_notice_is_queued_with_the_erasure_and_outlives_the_account(django_capture_on_commit_callbacks):
    user = UserFactory(email="alice@example.com", email_verified_at=timezone.now())
    application = ApplicationFactory(email="alice@example.com")
    with django_capture_on_commit_callbacks(execute=False):
        account_services.candidate_erase(user)
    assert not User.objects.filter(pk=user.pk).exists()
    assert not OutgoingEmail.objects.filter(application_id=application.pk).exists()  # erased with the application
    notice = OutgoingEmail.objects.get(kind="account_deleted")
    assert notice.to == ["alice@example.com"] and notice.status == "pending"


def test_erasure_leaves_no_account_email_holding_the_address(django_capture_on_commit_callbacks):
    user = UserFactory(email="alice@example.com", email_verified_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        account_services.send_verification(user)
        account_services.password_reset_no_account("alice@example.com")
    assert [m.subject for m in mail.outbox] == ["Confirm your email address", "About your password reset request"]
    OutgoingEmail.objects.filter(kind="password_reset_no_account").update(  # as if it had failed for good
        status="failed", sent_at=None, to=["alice@example.com"], body="link"
    )
    with django_capture_on_commit_callbacks(execute=True):
        account_services.candidate_erase(user)
    assert mail.outbox[-1].subject == "Your account and data were deleted"
    assert not OutgoingEmail.objects.failed().exists()  # the given-up one is erased with the account
    assert list(OutgoingEmail.objects.values_list("status", "to", "body")) == [("sent", [], "")] * 2


def test_staff_invitation_and_reset_link_are_queued(client):
    user = UserFactory(email="staff@example.com", is_staff=True)
    account_services.send_password_reset(user, invitation=True)
    account_services.send_password_reset(user)
    assert sorted(OutgoingEmail.objects.values_list("kind", flat=True)) == [
        "account_invitation", "password_reset_by_staff",
    ]


def test_notifications_import_no_app_that_uses_them():
    import ast
    from pathlib import Path

    root = Path(services.__file__).parent
    for path in root.rglob("*.py"):
        if "migrations" in path.parts:
            continue  # 0002 renders rows queued before it with the apps' builders, once
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module:
                assert node.module.split(".")[0] not in {"applications", "accommodations", "accounts"}, path


def test_messages_carry_auto_submitted_a_site_message_id_and_the_reply_to(settings, django_capture_on_commit_callbacks):
    """RFC 3834 and the site's own host in Message-ID (not the machine's); the same id on every attempt."""
    settings.SITE_URL = "https://careers.example.com"
    settings.EMAIL_REPLY_TO = "recruiting@example.com"
    with django_capture_on_commit_callbacks(execute=True):
        email = email_queue(key="test:headers", to=["a@example.com"], subject="Hi", body="Hello")
    [message] = mail.outbox
    sent = message.message()
    assert sent["Auto-Submitted"] == "auto-generated"
    assert sent["Message-ID"].endswith("@careers.example.com>") and sent["Message-ID"].startswith(f"<{email.pk}.")
    assert sent["Reply-To"] == "recruiting@example.com"
    assert services._message(email).message()["Message-ID"] == services._message(email).message()["Message-ID"]


def test_no_reply_to_unless_configured(settings, django_capture_on_commit_callbacks):
    settings.EMAIL_REPLY_TO = ""
    with django_capture_on_commit_callbacks(execute=True):
        email_queue(key="test:no-reply-to", to=["a@example.com"], subject="Hi", body="Hello")
    assert "Reply-To" not in mail.outbox[0].message()
