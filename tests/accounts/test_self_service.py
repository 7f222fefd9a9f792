"""Candidates see, withdraw and download only their own applications, export and erase their data."""

import io
import json
import zipfile

import pytest
from django.test import Client
from django.utils import timezone

from accommodations.models import AccommodationRequest
from accommodations.services import accommodation_request_submit
from accounts.models import User
from applications.models import Answer, Application, ConsentRecord, ErasedApplication
from notifications.models import OutgoingEmail
from tests.factories import ApplicationFactory, UserFactory
from tests.helpers import documents as d

pytestmark = pytest.mark.django_db


def verified(email):
    return UserFactory(email=email, email_verified_at=timezone.now())


@pytest.fixture
def alice_and_bob(client):
    alice, bob = verified("alice@example.com"), verified("bob@example.com")
    return alice, bob, ApplicationFactory(email="Alice@Example.com"), ApplicationFactory(email="bob@example.com")


def test_account_lists_applications_made_with_its_verified_email(client, alice_and_bob):
    alice, _, alices, bobs = alice_and_bob
    client.force_login(alice)
    html = client.get("/accounts/applications/").content.decode()
    assert alices.reference in html and bobs.reference not in html
    assert "Received" in html
    later = ApplicationFactory(email="alice@example.com")  # future applications appear too
    assert later.reference in client.get("/accounts/applications/").content.decode()


def test_candidate_status_hides_internal_stages(client, alice_and_bob):
    alice, _, application, _ = alice_and_bob
    client.force_login(alice)
    for stage, shown in [("reviewing", "Under review"), ("interviewing", "Under review"), ("offer", "Under review"),
                         ("rejected", "Closed"), ("hired", "Closed")]:
        Application.objects.filter(pk=application.pk).update(stage=stage)
        html = client.get("/accounts/applications/").content.decode()
        assert shown in html
        assert stage.capitalize() not in html.replace("Under review", "")


def test_unverified_account_sees_no_applications(client):
    user = UserFactory(email="carol@example.com")
    application = ApplicationFactory(email="carol@example.com")
    client.force_login(user)
    html = client.get("/accounts/applications/").content.decode()
    assert application.reference not in html and "Confirm your email address" in html
    assert client.get(f"/accounts/applications/{application.reference}/resume/").status_code == 404
    assert client.post(f"/accounts/applications/{application.reference}/withdraw/").status_code == 404


def test_b_cannot_see_withdraw_or_download_a(client, alice_and_bob):
    _, bob, alices, _ = alice_and_bob
    client.force_login(bob)
    for attempt in (alices.reference, alices.reference.lower(), str(alices.pk), "../" + alices.reference, "%2e%2e"):
        assert client.get(f"/accounts/applications/{attempt}/resume/").status_code == 404
        assert client.get(f"/accounts/applications/{attempt}/withdraw/").status_code == 404
        assert client.post(f"/accounts/applications/{attempt}/withdraw/").status_code == 404
    alices.refresh_from_db()
    assert alices.stage == "new"


def test_anonymous_is_sent_to_sign_in(client, alice_and_bob):
    _, _, alices, _ = alice_and_bob
    for url in ("/accounts/applications/", f"/accounts/applications/{alices.reference}/resume/", "/accounts/data/"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_withdraw_with_confirmation(client, alice_and_bob):
    alice, _, application, _ = alice_and_bob
    client.force_login(alice)
    confirm = client.get(f"/accounts/applications/{application.reference}/withdraw/")
    assert confirm.status_code == 200 and "Withdraw your application?" in confirm.content.decode()
    application.refresh_from_db()
    assert application.stage == "new"  # a GET changes nothing
    response = client.post(f"/accounts/applications/{application.reference}/withdraw/")
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.stage == "withdrawn"
    assert "Withdrawn by you" in client.get("/accounts/applications/").content.decode()


def test_download_own_resume(client, alice_and_bob):
    alice, _, application, _ = alice_and_bob
    client.force_login(alice)
    response = client.get(f"/accounts/applications/{application.reference}/resume/")
    assert response.status_code == 200 and b"".join(response.streaming_content) == d.pdf()
    assert response["Content-Disposition"].startswith("attachment") and response["X-Content-Type-Options"] == "nosniff"


def test_data_export_zip_holds_everything(client, alice_and_bob, mailoutbox):
    alice, _, application, _ = alice_and_bob
    Answer.objects.create(application=application, question_label="Visa?", value="No")
    accommodation_request_submit(name="Alice", email="alice@example.com", posting=None, stage="interview",
                                 description="Step-free access", contact_method="email")
    client.force_login(alice)
    response = client.post("/accounts/data/export/")
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    document = json.loads(archive.read("data.json"))
    assert document["account"]["email"] == "alice@example.com"
    [exported] = document["applications"]
    assert exported["reference"] == application.reference
    assert exported["consent"]["privacy_policy_version"] == application.consent.policy_version
    assert exported["answers"] == [{"question": "Visa?", "answer": "No"}]
    assert document["accommodation_requests"][0]["accommodation_needed"] == "Step-free access"
    assert archive.read(exported["resume_file"]) == d.pdf()
    assert any("downloaded" in m.body for m in mailoutbox if m.to == ["alice@example.com"])
    assert client.get("/accounts/data/export/").status_code == 405


def test_delete_account_erases_everything_and_keeps_anonymous_counts(
    client, alice_and_bob, private_files, mailoutbox, django_capture_on_commit_callbacks
):
    alice, _, application, bobs = alice_and_bob
    accommodation_request_submit(name="Alice", email="alice@example.com", posting=None, stage="interview",
                                 description="Step-free access", contact_method="email")
    client.force_login(alice)
    wrong = client.post("/accounts/data/delete/", {"password": "nope", "confirm": "on"})
    assert wrong.status_code == 400 and User.objects.filter(pk=alice.pk).exists()
    with django_capture_on_commit_callbacks(execute=True):
        with_commit = client.post("/accounts/data/delete/", {"password": "correct horse battery staple", "confirm": "on"})
    assert with_commit.status_code == 302 and with_commit["Location"] == "/accounts/deleted/"
    assert not User.objects.filter(email__iexact="alice@example.com").exists()
    assert not Application.objects.filter(email__iexact="alice@example.com").exists()
    assert not AccommodationRequest.objects.filter(email__iexact="alice@example.com").exists()
    assert not ConsentRecord.objects.filter(application_id=application.pk).exists()
    assert not OutgoingEmail.objects.filter(application_id=application.pk).exists()
    assert private_files() == [bobs.resume.name]  # only Bob's file remains
    assert ErasedApplication.objects.get().posting == application.posting
    assert Application.objects.get() == bobs
    assert "_auth_user_id" not in client.session
    assert mailoutbox[-1].to == ["alice@example.com"] and "deleted" in mailoutbox[-1].body


def test_delete_needs_confirmation_box(client):
    user = verified("dan@example.com")
    client.force_login(user)
    response = client.post("/accounts/data/delete/", {"password": "correct horse battery staple"})
    assert response.status_code == 400 and User.objects.filter(pk=user.pk).exists()


def test_erasure_leaves_no_trace_of_the_person_in_the_admin_history(client, django_capture_on_commit_callbacks):
    from django.contrib.admin.models import LogEntry
    from django.test import Client

    from tests.factories import SuperuserFactory, staff_in_role
    from tests.helpers.admin_forms import form_data

    alice = verified("alice@example.com")
    application = ApplicationFactory(email="alice@example.com", first_name="Alicia", last_name="Zebrowska")
    recruiter = Client()
    recruiter.force_login(staff_in_role("Recruiter", email="recruiter@example.com"))
    url = f"/admin/applications/application/{application.pk}/change/"
    assert recruiter.post(url, {**form_data(recruiter.get(url)), "stage": "reviewing"}).status_code == 302
    root = Client()
    root.force_login(SuperuserFactory(email="root@example.com"))
    url = f"/admin/accounts/user/{alice.pk}/change/"
    assert root.post(url, {**form_data(root.get(url)), "first_name": "Alicia"}).status_code == 302

    def traces():
        return [e for e in LogEntry.objects.all()
                if "Zebrowska" in e.object_repr + e.change_message or "alice@example.com" in e.object_repr + e.change_message
                or "Alicia" in e.object_repr + e.change_message]

    assert len(traces()) == 2  # the recruiter's and the superuser's edits name her
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/data/delete/", {"password": "correct horse battery staple", "confirm": "on"})
    assert not User.objects.filter(pk=alice.pk).exists()
    assert traces() == []
    assert LogEntry.objects.count() == 2  # who did what, and when, stays


def test_candidate_withdraws_talent_pool_consent_from_the_account(client):
    import datetime

    import time_machine

    from careers.retention import purge_expired_data
    from tests.factories import PostingFactory

    alice = verified("alice@example.com")
    posting = PostingFactory()
    application = ApplicationFactory(email="alice@example.com", posting=posting, consent__talent_pool=True,
                                     consent__talent_pool_wording="Keep my application for future roles.")
    client.force_login(alice)
    page = client.get("/accounts/data/").content.decode()
    assert "Future opportunities" in page and "one application" in page
    response = client.post("/accounts/data/talent-pool/withdraw/", follow=True)
    assert "no longer keep your applications for future roles" in response.content.decode()
    consent = ConsentRecord.objects.get(application=application)
    assert not consent.talent_pool and consent.talent_pool_withdrawn_at is not None
    assert consent.talent_pool_wording  # the proof of what was agreed stays
    assert "Future opportunities" not in client.get("/accounts/data/").content.decode()
    assert client.get("/accounts/data/talent-pool/withdraw/").status_code == 405
    # From now on the application is kept only as long as anyone's: 181 days after the posting closed.
    posting.close()
    with time_machine.travel(timezone.now() + datetime.timedelta(days=181), tick=False):
        assert purge_expired_data()["applications"] == 1
    assert not Application.objects.filter(pk=application.pk).exists()


def test_talent_pool_withdrawal_touches_only_the_candidates_own_applications(client):
    alice = verified("alice@example.com")
    bobs = ApplicationFactory(email="bob@example.com", consent__talent_pool=True)
    client.force_login(alice)
    client.post("/accounts/data/talent-pool/withdraw/")
    assert ConsentRecord.objects.get(application=bobs).talent_pool


def test_withdrawing_is_confirmed_by_email_exactly_once(client, mailoutbox):
    alice = verified("alice@example.com")
    application = ApplicationFactory(email="alice@example.com", first_name="Alice")
    client.force_login(alice)
    mailoutbox.clear()
    response = client.post(f"/accounts/applications/{application.reference}/withdraw/")
    assert response.status_code == 302
    [message] = mailoutbox
    assert message.to == ["alice@example.com"] and "You withdrew your application" in message.subject
    assert application.reference in message.body and application.posting.get_apply_url() in message.body
    client.post(f"/accounts/applications/{application.reference}/withdraw/")  # again: nothing more
    assert len(mailoutbox) == 1


def test_apply_form_is_prefilled_for_a_signed_in_candidate(client):
    from tests.factories import PostingFactory, PrivacyPolicyFactory

    PrivacyPolicyFactory()
    posting = PostingFactory()
    alice = verified("alice@example.com")
    type(alice).objects.filter(pk=alice.pk).update(first_name="Alice", last_name="Liddell")
    client.force_login(alice)
    html = client.get(posting.get_apply_url()).content.decode()
    assert 'value="alice@example.com"' in html and 'value="Alice"' in html and 'value="Liddell"' in html
    # An unverified address is not offered: it would match nobody's account.
    unverified = UserFactory(email="bob@example.com")
    other = Client()
    other.force_login(unverified)
    assert 'value="bob@example.com"' not in other.get(posting.get_apply_url()).content.decode()
