"""Issue 12, "nothing lost": mail outages, a hung mail server, a killed worker, a lost enqueue, stale keys.

Each test talks to a real SMTP server (aiosmtpd on loopback, ``mail_server``)
and delivers with django-tasks-db's own worker (``db_worker``), as production does.
"""

import signal
import subprocess
import uuid
from collections import Counter
from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.db import OperationalError
from django.test import Client
from django.utils import timezone

from accounts.models import User
from notifications.models import OutgoingEmail
from notifications.services import MAX_EMAIL_ATTEMPTS
from tests.factories import UserFactory, staff_in_role

from .helpers import ROOT, apply, manage, open_posting, run_worker, sweep, timed, worker_env

pytestmark = pytest.mark.usefixtures("task_worker_backend")

FAST = 1.0  # seconds: generous; without the mail server in the request each answer takes milliseconds


def test_a_hung_mail_server_never_slows_a_request_and_loses_nothing(client, transactional_db, mail_server):
    mail_server.mode = "hang"
    posting = open_posting()
    response, applying = timed(lambda: apply(client, posting))
    assert response.status_code == 302

    response, signing_up = timed(lambda: client.post("/accounts/signup/", {"email": "new@example.com",
                                                                           "password": "a long passphrase 42"}))
    assert response.status_code == 302 and User.objects.filter(email="new@example.com").exists()

    response, resetting = timed(lambda: client.post("/accounts/password/reset/", {"email": "new@example.com"}))
    assert response.status_code == 302
    response, resetting_nobody = timed(lambda: client.post("/accounts/password/reset/",
                                                           {"email": "nobody@example.com"}))
    assert response.status_code == 302

    staff = Client()
    staff.force_login(staff_in_role("Site administrator", email="admin@example.com"))
    response, inviting = timed(lambda: staff.post("/admin/accounts/user/add/", {"email": "newhire@example.com"}))
    assert response.status_code == 302, response.content.decode()[:2000]
    new = User.objects.get(email="new@example.com")
    response, staff_resetting = timed(lambda: staff.post("/admin/accounts/user/", {
        "action": "send_password_reset", "_selected_action": [new.pk],
    }))
    assert response.status_code == 302

    alice = UserFactory(email="alice@example.com", email_verified_at=timezone.now())
    alice.set_password("alices passphrase 42")
    alice.save()
    client.force_login(alice)
    response, exporting = timed(lambda: client.post("/accounts/data/export/"))
    assert response.status_code == 200
    response.close()
    response, erasing = timed(lambda: client.post("/accounts/data/delete/", {"password": "alices passphrase 42",
                                                                        "confirm": "on"}))
    assert response.status_code == 302 and not User.objects.filter(email="alice@example.com").exists()

    timings = {"apply": applying, "signup": signing_up, "reset": resetting, "reset, no account": resetting_nobody,
               "admin invitation": inviting, "admin reset link": staff_resetting, "export": exporting,
               "erase": erasing}
    print("response times with a hung mail server:", {k: f"{v * 1000:.0f} ms" for k, v in timings.items()})
    assert all(seconds < FAST for seconds in timings.values()), timings
    assert OutgoingEmail.objects.pending().count() == 9
    assert not mail_server.hung.is_set()  # no request even connected to it

    mail_server.mode = "accept"
    run_worker()
    assert Counter(mail_server.to()) == Counter({
        "ada@example.com": 1, "hiring@example.com": 1,  # confirmation, team notice
        "new@example.com": 3,  # verification, reset link, the admin's reset link
        "nobody@example.com": 1, "newhire@example.com": 1,  # "no account", invitation
        "alice@example.com": 2,  # export and erasure notices
    })
    assert not OutgoingEmail.objects.pending().exists()


def _retry_until(traveller, limit):
    """Let time pass from one scheduled retry to the next, running the worker each time, until ``limit``."""
    while True:
        due = OutgoingEmail.objects.pending().order_by("next_attempt_at").values_list("next_attempt_at", flat=True)
        if not due or due[0] > limit:
            return
        traveller.move_to(due[0] + timedelta(seconds=1))
        run_worker()


def test_an_outage_of_three_days_loses_nothing_and_sends_each_email_once(client, transactional_db, mail_server):
    mail_server.mode = "refuse"  # 451: the mail server is there but will not take mail
    posting = open_posting()
    start = timezone.now()
    with time_machine.travel(start, tick=True) as traveller:
        for who in ("ada", "grace", "edsger"):
            assert apply(client, posting, email=f"{who}@example.com").status_code == 302
        run_worker()
        assert set(OutgoingEmail.objects.values_list("status", "attempts")) == {("pending", 1)}

        _retry_until(traveller, start + timedelta(days=3) - timedelta(hours=1))
        emails = OutgoingEmail.objects.all()
        assert {e.status for e in emails} == {"pending"}  # three days on, still owed
        assert {e.attempts for e in emails} == {MAX_EMAIL_ATTEMPTS - 1}
        assert all("451" in e.last_error for e in emails)
        assert mail_server.messages == []

        mail_server.mode = "accept"  # the server is back
        _retry_until(traveller, start + timedelta(days=5))
        sweep()
        run_worker()
    assert Counter(mail_server.to()) == Counter({"ada@example.com": 1, "grace@example.com": 1,
                                                 "edsger@example.com": 1, "hiring@example.com": 3})
    assert {e.status for e in OutgoingEmail.objects.all()} == {"sent"}


def test_after_the_last_attempt_it_is_failed_visible_counted_and_resent_once(
    client, transactional_db, mail_server, caplog
):
    mail_server.mode = "reject"
    posting = open_posting()
    start = timezone.now()
    with time_machine.travel(start, tick=True) as traveller:
        assert apply(client, posting).status_code == 302
        run_worker()
        _retry_until(traveller, start + timedelta(days=30))
    confirmation = OutgoingEmail.objects.get(kind="candidate_confirmation")
    assert confirmation.status == "failed" and confirmation.attempts == MAX_EMAIL_ATTEMPTS
    assert any(r.levelname == "ERROR" and "failed for good" in r.getMessage() for r in caplog.records)

    health = client.get("/healthz")
    assert health.status_code == 200  # a mail outage does not take the site out of the load balancer
    assert health.json()["outbox"] == {"status": "attention", "failed": 2, "overdue": 0}
    with pytest.raises(SystemExit) as exit_code:
        call_command("check_outbox", stdout=open("/dev/null", "w"))
    assert exit_code.value.code == 1

    recruiter = staff_in_role("Recruiter", email="recruiter@example.com")
    client.force_login(recruiter)
    listing = client.get("/admin/notifications/outgoingemail/?status__exact=failed").content.decode()
    assert "We received your application: Policy Lead" in listing and "Failed (gave up)" in listing

    mail_server.mode = "accept"
    response = client.post("/admin/notifications/outgoingemail/", {
        "action": "resend", "_selected_action": [confirmation.pk],
    })
    assert response.status_code == 302
    run_worker()
    sweep()
    run_worker()
    assert mail_server.to() == ["ada@example.com"]  # exactly once; the team notice was not selected
    confirmation.refresh_from_db()
    assert confirmation.status == "sent" and confirmation.attempts == 1
    client.post("/admin/notifications/outgoingemail/", {"action": "resend", "_selected_action": [confirmation.pk]})
    run_worker()
    assert mail_server.to() == ["ada@example.com"]  # resending a sent email does nothing


def test_a_worker_killed_mid_send_leaves_the_email_to_be_sent_once(
    client, require_postgres, transactional_db, mail_server, tmp_path
):
    mail_server.mode = "hang"
    posting = open_posting()
    posting.team.notification_email = ""
    posting.team.save()
    assert apply(client, posting).status_code == 302
    env = worker_env(tmp_path, mail_server)
    worker = subprocess.Popen(manage("db_worker", "--no-startup-delay", "--interval", "0.1"), cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        assert mail_server.hung.wait(30), "the worker never reached the mail server"
        worker.send_signal(signal.SIGKILL)  # kill -9 while it waits on the mail server, its row locked
        worker.wait(10)
    finally:
        if worker.poll() is None:
            worker.kill()
    email = OutgoingEmail.objects.get()
    assert email.status == "pending" and email.attempts == 0  # the dead worker's transaction rolled back

    mail_server.mode = "accept"
    mail_server.release()
    restarted = subprocess.run(manage("send_pending_emails"), cwd=ROOT, env=env, capture_output=True, timeout=60)
    assert restarted.returncode == 0, restarted.stderr.decode()
    restarted = subprocess.run(manage("db_worker", "--batch", "--no-startup-delay"), cwd=ROOT, env=env,
                               capture_output=True, timeout=60)
    assert restarted.returncode == 0, restarted.stderr.decode()
    assert mail_server.to() == ["ada@example.com"]
    email.refresh_from_db()
    assert email.status == "sent" and email.attempts == 1


def test_an_enqueue_lost_after_commit_fails_nothing_and_the_sweep_delivers(
    client, transactional_db, mail_server, monkeypatch, private_files
):
    from django_tasks_db.backend import DatabaseBackend

    def database_gone(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    posting = open_posting()
    with monkeypatch.context() as patch:
        patch.setattr(DatabaseBackend, "enqueue", database_gone)
        response = apply(client, posting)
    assert response.status_code == 302  # the application is saved; the request does not fail
    assert len(private_files()) == 1  # and its résumé kept: the failure after commit reached no cleanup
    assert set(OutgoingEmail.objects.values_list("status", flat=True)) == {"pending"}
    run_worker()
    assert mail_server.messages == []  # nothing was enqueued

    sweep()
    run_worker()
    sweep()
    run_worker()
    assert sorted(mail_server.to()) == ["ada@example.com", "hiring@example.com"]


def test_a_worker_with_a_stale_key_list_still_delivers_accommodation_emails(
    client, transactional_db, mail_server, settings
):
    from cryptography.fernet import Fernet

    coordinator = staff_in_role("Accommodations coordinator", email="coordinator@example.com")
    assert coordinator
    secret = "I have dyslexia and need 25% extra time."
    response = client.post("/accommodations/", {
        "submission_token": str(uuid.uuid4()),
        "name": "Ada", "email": "ada@example.com", "posting": "", "stage": "assessment",
        "description": secret, "contact_method": "email", "contact_details": "",
    })
    assert response.status_code == 302
    settings.FIELD_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]  # a process not redeployed after rotation
    run_worker()
    assert sorted(mail_server.to()) == ["ada@example.com", "coordinator@example.com"]
    notice = next(m for m in mail_server.messages if m["To"] == "coordinator@example.com")
    assert "dyslexia" not in notice.get_content() and "dyslexia" not in notice["Subject"]
    assert set(OutgoingEmail.objects.values_list("status", flat=True)) == {"sent"}


def test_the_sweep_leaves_emails_whose_delivery_is_already_waiting(db, django_capture_on_commit_callbacks):
    from django_tasks_db.models import DBTaskResult

    from notifications.services import email_queue

    with django_capture_on_commit_callbacks(execute=True):
        email_queue(key="test:waiting", to=["a@example.com"], subject="Hi", body="x")
    sweep()
    sweep()
    assert DBTaskResult.objects.filter(task_path="notifications.tasks.deliver_email").count() == 1
    assert DBTaskResult.objects.filter(task_path="notifications.tasks.sweep_outbox").count() == 1  # the minute sweep


def test_a_failing_sweep_still_schedules_the_next_one(db, monkeypatch):
    from django_tasks_db.models import DBTaskResult

    from notifications import services, tasks

    def database_gone(**kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(services, "outbox_sweep", database_gone)
    with pytest.raises(OperationalError):
        tasks.sweep_outbox.call()
    scheduled = DBTaskResult.objects.get(task_path="notifications.tasks.sweep_outbox", status="READY")
    assert scheduled.run_after > timezone.now()
