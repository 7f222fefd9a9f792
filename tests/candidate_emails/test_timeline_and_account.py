"""The timeline on the application page (two queries, however long), and the messages in the candidate's account."""

import datetime
import uuid

import pytest
from django.utils import timezone

from applications.models import Application, StageChange
from candidate_emails.selectors import application_timeline
from candidate_emails.services import applications_reject_and_email, candidate_email_send
from notifications.admin import emails_visible_to
from notifications.models import OutgoingEmail
from notifications.services import email_queue
from tests.factories import ApplicationFactory, UserFactory

from .conftest import client_for

pytestmark = pytest.mark.django_db


def history(application, user, events):
    """``events`` stage changes and as many emails of every kind, written in bulk."""
    now = timezone.now()
    StageChange.objects.bulk_create(
        StageChange(application=application, from_stage="new", to_stage="reviewing", by=user if i % 3 else None,
                    by_system=i % 3 == 0 and i % 2 == 0, at=now - datetime.timedelta(minutes=i))
        for i in range(events)
    )
    for i in range(events):
        candidate_email_send(application=application, subject=f"Note {i}", body="B", token=uuid.uuid4(), by=user)


@pytest.mark.parametrize("events", [10, 200])
def test_the_timeline_takes_two_queries_however_long(world, admin_user, django_assert_num_queries, events):
    application = world["ours"]
    history(application, admin_user, events)
    email_queue(key=f"application:{application.pk}:confirmation", kind="candidate_confirmation", about=application,
                to=[application.email], subject="We received your application", body="Thanks")
    # Who the user is (a coordinator?) is asked once per request, by the admin's sidebar before any
    # panel: asked here too, so that only the timeline's own reads are counted.
    emails_visible_to(admin_user)
    with django_assert_num_queries(2):
        entries = application_timeline(application, admin_user)
    assert len(entries) == 2 * events + 1
    assert [e.at for e in entries] == sorted((e.at for e in entries), reverse=True)  # newest first
    assert {e.who for e in entries} >= {admin_user.email, "the candidate", "the system", "sent automatically"}


def test_the_page_shows_single_bulk_system_and_candidate_changes_and_every_email(world, admin_client, admin_user,
                                                                                 rejection):
    application = world["ours"]
    application.move_to("reviewing", by=admin_user)
    email_queue(key=f"application:{application.pk}:confirmation", kind="candidate_confirmation", about=application,
                to=[application.email], subject="We received your application", body="Thanks")
    applications_reject_and_email(applications=Application.objects.filter(pk=application.pk), template=rejection,
                                  by=admin_user, token="bulk-1", delay=datetime.timedelta(days=3))
    other = ApplicationFactory(posting=application.posting, email="withdraws@example.com")
    other.withdraw(by=UserFactory(email="withdraws@example.com"))
    Application.objects.filter(pk=other.pk).update(stage="new")  # (re-opened by hand for the system move below)
    Application.objects.filter(pk=other.pk).move_to("rejected", by=None, system=True)

    html = admin_client.get(f"/admin/applications/application/{application.pk}/change/").content.decode()
    timeline = html.split('id="timeline"')[1]
    order = ["Rejection email", "Reviewing \u2192 Rejected", "Confirmation of the application", "New \u2192 Reviewing"]
    assert [timeline.index(title) for title in order] == sorted(timeline.index(title) for title in order)
    assert "Confirmation of the application" in timeline and "goes out" in timeline  # the 3-day delay shows
    assert admin_user.email in timeline
    other_html = admin_client.get(f"/admin/applications/application/{other.pk}/change/").content.decode()
    other_timeline = other_html.split('id="timeline"')[1]
    assert "the system" in other_timeline and "the candidate" in other_timeline


def test_a_hiring_manager_sees_the_stage_changes_but_not_the_outbox_a_recruiter_sees_both(world, admin_user):
    """The outbox's own access rule (notifications.view_outgoingemail, ``emails_visible_to``) holds in the timeline."""
    from tests.factories import staff_in_role

    application = world["ours"]
    application.move_to("reviewing", by=admin_user)
    candidate_email_send(application=application, subject="Private subject", body="Private body text",
                         token=uuid.uuid4(), by=admin_user)
    url = f"/admin/applications/application/{application.pk}/change/"
    manager_page = client_for(world["manager"]).get(url)
    assert manager_page.status_code == 200
    timeline = manager_page.content.decode().split('id="timeline"')[1]
    assert "New \u2192 Reviewing" in timeline
    assert "Private body text" not in timeline and "Private subject" not in timeline
    assert [e.kind for e in manager_page.context["application_timeline"]] == ["stage"]

    recruiter_timeline = client_for(staff_in_role("Recruiter")).get(url).content.decode().split('id="timeline"')[1]
    assert "New \u2192 Reviewing" in recruiter_timeline
    assert "Private body text" in recruiter_timeline and "Private subject" in recruiter_timeline


def test_the_old_inlines_are_gone(world, admin_client):
    html = admin_client.get(f"/admin/applications/application/{world['ours'].pk}/change/").content.decode()
    assert "stage_changes-TOTAL_FORMS" not in html and "emails-TOTAL_FORMS" not in html


def test_the_candidate_reads_their_messages_once_due_and_only_theirs(world, admin_user):
    application = world["ours"]
    now_message = candidate_email_send(application=application, subject="Hello {first_name}", body="Line one\nLine <b>two</b>",
                                       token=uuid.uuid4(), by=admin_user)
    candidate_email_send(application=application, subject="Later", body="Not yet", token=uuid.uuid4(), by=admin_user,
                         send_at=timezone.now() + datetime.timedelta(days=1))
    candidate_email_send(application=world["theirs"], subject="For Ptolemy", body="Private", token=uuid.uuid4(),
                         by=admin_user)
    candidate = UserFactory(email="zebediah@example.com", email_verified_at=timezone.now())
    html = client_for(candidate).get("/accounts/applications/").content.decode()
    assert "Messages" in html and "Hello Zebediah" in html and "Line <b>two</b>" not in html
    assert "Line one<br>Line &lt;b&gt;two&lt;/b&gt;" in html
    assert f'href="#messages-{application.reference}"' in html
    assert "Later" not in html and "For Ptolemy" not in html
    assert now_message.outgoing.to == ["zebediah@example.com"]

    unverified = UserFactory(email="ptolemy@example.com")
    assert "For Ptolemy" not in client_for(unverified).get("/accounts/applications/").content.decode()


def test_the_account_page_reads_messages_in_constant_queries(world, admin_user, django_assert_max_num_queries):
    candidate = UserFactory(email="zebediah@example.com", email_verified_at=timezone.now())
    client = client_for(candidate)
    for _ in range(3):
        ApplicationFactory(email="zebediah@example.com")
    for application in Application.objects.filter(email="zebediah@example.com"):
        for i in range(5):
            candidate_email_send(application=application, subject=f"S{i}", body="B", token=uuid.uuid4(), by=admin_user)
    with django_assert_max_num_queries(8):
        response = client.get("/accounts/applications/")
    assert response.content.decode().count('class="card mb-3"') == 20
    assert OutgoingEmail.objects.filter(kind="message:message").count() == 20


def test_the_candidates_data_export_includes_the_messages_sent_to_them(world, admin_user):
    from accounts.services import candidate_data

    candidate_email_send(application=world["ours"], subject="Hello {first_name}", body="Body", token=uuid.uuid4(),
                         by=admin_user)
    candidate = UserFactory(email="zebediah@example.com", email_verified_at=timezone.now())
    [exported] = candidate_data(candidate)["applications"]
    assert [(m["subject"], m["body"]) for m in exported["messages"]] == [("Hello Zebediah", "Body")]
