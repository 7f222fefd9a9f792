"""The apply flow keeps what it should and nothing else: double posts, held résumés, rate limits, faults."""

import uuid

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client

from applications.models import Application, ConsentRecord
from notifications.models import OutgoingEmail
from tests.applications.test_apply import apply, form_data, post
from tests.helpers import documents as d

pytestmark = pytest.mark.django_db


# --- nothing lost, nothing doubled -----------------------------------------------------------

def test_repeated_post_with_same_token_creates_one_application(client, posting, private_files, mailoutbox):
    data = form_data(posting)
    first = post(client, "/careers/policy-lead/apply/", data)
    data["resume"] = d.upload("Ada CV.pdf", d.pdf())
    second = post(client, "/careers/policy-lead/apply/", data)
    assert first.status_code == second.status_code == 302
    assert second["Location"] == "/careers/policy-lead/apply/done/"
    assert Application.objects.count() == 1
    assert len(private_files()) == 1  # the second upload was not kept
    assert len(mailoutbox) == 2


def test_same_email_and_posting_points_to_the_existing_application(client, posting):
    apply(client, posting)
    response = apply(client, posting, email="ADA@example.com")
    assert response.status_code == 400
    assert "We already have an application for this role from this email address" in response.content.decode()
    assert Application.objects.count() == 1


def test_valid_resume_is_held_when_another_field_fails(client, posting, private_files):
    data = form_data(posting, first_name="")
    first = client.post("/careers/policy-lead/apply/", data)
    html = first.content.decode()
    assert first.status_code == 400
    assert "Your résumé <strong>“Ada CV.pdf”</strong>" in html and "is kept: you don’t need to choose it again" in html
    import re

    label = re.search(r'<label\s+for="id_resume"[^>]*>(.*?)</label>', html, re.S).group(1)
    assert "asterisk" not in label and "required" not in re.search(r'<input[^>]*id="id_resume"[^>]*>', html).group(0)
    data.pop("resume")
    data["first_name"] = "Ada"
    second = client.post("/careers/policy-lead/apply/", data)
    assert second.status_code == 302
    application = Application.objects.get()
    with application.resume.open("rb") as stored:
        assert stored.read() == d.pdf()
    assert private_files() == [application.resume.name]  # the held copy is gone


def test_held_resume_is_not_shared_with_another_session(client, posting):
    data = form_data(posting, first_name="")
    client.post("/careers/policy-lead/apply/", data)
    data.pop("resume")
    data["first_name"] = "Mallory"
    response = Client().post("/careers/policy-lead/apply/", data)  # same token, other browser
    assert response.status_code == 400
    assert "Please attach your résumé or CV." in response.content.decode()


def test_mistakes_never_count_against_the_rate_limit(client, posting, settings):
    """Offices and mobile networks share an address, and people make mistakes: only accepted applications count."""
    settings.APPLY_RATE_LIMIT = "2/h"
    for _ in range(12):
        assert apply(client, posting, first_name="").status_code == 400
    assert apply(client, posting).status_code == 302


def test_rate_limit_keeps_the_filled_in_form(client, posting, settings):
    settings.APPLY_RATE_LIMIT = "1/h"
    assert apply(client, posting, email="ada@example.com").status_code == 302
    other_posting = posting.duplicate()  # same questions
    other_posting.publish()
    response = post(client, f"/careers/{other_posting.slug}/apply/", form_data(other_posting, email="ada@example.com",
                                                                               first_name="Augusta"))
    assert response.status_code == 429
    html = response.content.decode()
    assert "Too many applications from you in a short time" in html
    assert 'value="Augusta"' in html and 'value="ada@example.com"' in html  # nothing typed is lost
    assert 'id="apply-form"' in html
    assert Application.objects.count() == 1
    # Someone else on the same network is not refused.
    assert apply(Client(), other_posting, email="grace@example.com").status_code == 302
    assert client.get("/careers/policy-lead/apply/").status_code == 200  # reading is never limited


def test_a_busy_network_has_a_ceiling_of_accepted_applications(client, posting, settings):
    settings.APPLY_CLIENT_RATE_LIMIT = "2/h"
    for i in range(2):
        assert apply(client, posting, email=f"a{i}@example.com").status_code == 302
    response = apply(client, posting, email="third@example.com")
    assert response.status_code == 429 and 'value="third@example.com"' in response.content.decode()
    assert Application.objects.count() == 2


# --- faults ----------------------------------------------------------------------------------

def test_storage_failure_leaves_no_row(client, posting, private_files, monkeypatch):
    from django.core.files.storage import FileSystemStorage

    def broken(self, name, content):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(FileSystemStorage, "_save", broken)
    response = apply(client, posting)
    assert response.status_code == 400
    assert "We couldn’t save your file just now. Nothing was submitted" in response.content.decode()
    assert Application.objects.count() == 0 and private_files() == []


def test_database_failure_after_storing_leaves_no_file(posting, policy, private_files, monkeypatch):
    from django.db import DatabaseError

    from applications import services
    from applications.uploads import KINDS

    def broken(*args, **kwargs):
        raise DatabaseError("connection lost")

    monkeypatch.setattr(ConsentRecord.objects, "create", broken)
    resume = services.Document(kind=KINDS["pdf"], display_name="cv.pdf", size=len(d.pdf()),
                               upload=d.upload("cv.pdf", d.pdf()))
    with pytest.raises(DatabaseError):
        services.application_submit(
            posting=posting, policy=policy, token=uuid.uuid4(),
            details={"first_name": "Ada", "last_name": "L", "email": "a@example.com", "country": "UK"},
            resume=resume, cover_letter_file=None, answers=[], consent_wording="I agree.",
            talent_pool=False, talent_pool_wording="",
        )
    assert Application.objects.count() == 0
    assert private_files() == []


class BrokenMailBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")


def test_mail_outage_keeps_the_application_and_retry_sends(client, posting, settings, mailoutbox):
    settings.MAILERS = {"default": {"BACKEND": "tests.applications.test_apply_kept.BrokenMailBackend"}}
    response = apply(client, posting)
    assert response.status_code == 302
    application = Application.objects.get()
    pending = OutgoingEmail.objects.filter(application=application)
    assert {e.status for e in pending} == {"pending"}
    assert all("mail server down" in e.last_error and e.attempts == 1 for e in pending)
    assert len(mailoutbox) == 0

    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    call_command("send_pending_emails", stdout=open("/dev/null", "w"))
    assert {e.status for e in pending.all()} == {"pending"}  # backing off: the first retry is a minute later
    import time_machine
    from django.utils import timezone

    with time_machine.travel(timezone.now() + timezone.timedelta(minutes=2)):
        call_command("send_pending_emails", stdout=open("/dev/null", "w"))
        assert {e.status for e in pending.all()} == {"sent"}
        assert sorted(m.to[0] for m in mail.outbox) == ["ada@example.com", "global-affairs-hiring@example.com"]
        call_command("send_pending_emails", stdout=open("/dev/null", "w"))
    assert len(mail.outbox) == 2  # never sent twice


def test_abandoned_held_resumes_are_purged(client, posting, private_files):
    from datetime import timedelta

    import time_machine
    from django.utils import timezone

    client.post("/careers/policy-lead/apply/", form_data(posting, first_name=""))
    assert len(private_files()) == 1 and private_files()[0].startswith("held/")
    call_command("purge_held_uploads", stdout=open("/dev/null", "w"))
    assert len(private_files()) == 1  # still within its day
    with time_machine.travel(timezone.now() + timedelta(hours=25)):
        call_command("purge_held_uploads", stdout=open("/dev/null", "w"))
    assert private_files() == []
