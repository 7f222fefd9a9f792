"""Bulk "reject and email" (with a delay) and the automatic rejection when a posting closes."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.db import IntegrityError
from django.utils import timezone

from applications.models import Application, StageChange
from candidate_emails.models import CandidateEmail, PostingAutoRejection
from notifications.models import OutgoingEmail
from notifications.services import outbox_sweep
from tests.factories import (
    ApplicationFactory,
    PostingFactory,
    StaffFactory,
    WithdrawnApplicationFactory,
    staff_in_role,
)

from .conftest import client_for

pytestmark = pytest.mark.django_db

LIST = "/admin/applications/application/"


def bulk(client, applications, step=None, **data):
    form = {"action": "reject_and_email", "_selected_action": [a.pk for a in applications], **data}
    if step:
        form["step"] = step
    return client.post(LIST, form)


def reject_and_email(client, applications, template, delay="0"):
    first = bulk(client, applications)
    assert first.status_code == 200
    token = str(first.context["form"]["token"].value())
    preview = bulk(client, applications, "preview", template=template.pk, delay=delay, token=token)
    assert preview.status_code == 200
    return preview, bulk(client, applications, "confirm", template=template.pk, delay=delay, token=token)


def test_bulk_reject_previews_then_moves_and_queues_one_email_each(world, admin_client, admin_user, rejection):
    posting = world["ours"].posting
    live = [world["ours"], *(ApplicationFactory(posting=posting, first_name=f"Cand{i}") for i in range(2))]
    withdrawn = WithdrawnApplicationFactory(posting=posting, first_name="Gone")
    preview, done = reject_and_email(admin_client, [*live, withdrawn], rejection)
    html = preview.content.decode()
    assert "Preview for" in html and "Dear Zebediah" in html and "Gone" in html and "withdrawn" in html
    assert done.status_code == 302
    messages = [str(m) for m in client_messages(admin_client)]
    assert any("Moved 3 application(s)" in m for m in messages) and any("1 application(s) withdrawn" in m for m in messages)

    assert set(Application.objects.filter(stage="rejected").values_list("pk", flat=True)) == {a.pk for a in live}
    assert StageChange.objects.filter(to_stage="rejected", by=admin_user, by_system=False).count() == 3
    assert CandidateEmail.objects.count() == 3 and OutgoingEmail.objects.filter(kind="message:rejection").count() == 3
    assert sorted(m.to[0] for m in mail.outbox if m.subject.startswith("Your application")) == sorted(
        a.email for a in live)
    assert Application.objects.get(pk=withdrawn.pk).stage == "withdrawn"

    # Confirming again (a resubmitted form) moves nothing and queues nothing.
    bulk(admin_client, live, "confirm", template=rejection.pk, delay="0", token=str(preview.context["form"]["token"].value()))
    assert CandidateEmail.objects.count() == 3


def client_messages(client):
    return list(client.get(LIST).context["messages"])


def test_a_delayed_rejection_waits_for_its_time(world, admin_client, rejection):
    application = world["ours"]
    _, done = reject_and_email(admin_client, [application], rejection, delay="1d")
    assert done.status_code == 302
    application.refresh_from_db()
    assert application.stage == "rejected"  # moved now
    email = OutgoingEmail.objects.get(kind="message:rejection")
    assert email.status == "pending" and email.next_attempt_at > timezone.now() + datetime.timedelta(hours=23)
    assert not [m for m in mail.outbox if m.to == [application.email] and "Your application" in m.subject]
    with time_machine.travel(timezone.now() + datetime.timedelta(days=1, minutes=1), tick=False):
        outbox_sweep()
    email.refresh_from_db()
    assert email.status == "sent"
    assert len([m for m in mail.outbox if m.to == [application.email] and "Your application" in m.subject]) == 1


def test_the_bulk_action_only_reaches_the_managers_own_team(world, rejection):
    client = client_for(world["manager"])
    _, done = reject_and_email(client, [world["ours"], world["theirs"]], rejection)
    assert done.status_code == 302
    assert Application.objects.get(pk=world["theirs"].pk).stage == "new"
    assert list(CandidateEmail.objects.values_list("application", flat=True)) == [world["ours"].pk]


def posting_with_candidates(enabled=True, template=None):
    posting = PostingFactory(title="Closing Role")
    if template is not None:
        PostingAutoRejection.objects.create(posting=posting, enabled=enabled, template=template)
    stages = ["new", "reviewing", "interviewing", "offer", "hired", "rejected"]
    applications = {stage: ApplicationFactory(posting=posting, stage=stage, first_name=stage.title()) for stage in stages}
    applications["withdrawn"] = WithdrawnApplicationFactory(posting=posting)
    return posting, applications


def test_closing_a_posting_rejects_and_emails_its_open_candidates_once(rejection, django_capture_on_commit_callbacks):
    posting, applications = posting_with_candidates(template=rejection)
    with django_capture_on_commit_callbacks(execute=True):
        posting.close()
    stages = {stage: Application.objects.get(pk=a.pk).stage for stage, a in applications.items()}
    assert stages == {"new": "rejected", "reviewing": "rejected", "interviewing": "rejected", "offer": "offer",
                      "hired": "hired", "rejected": "rejected", "withdrawn": "withdrawn"}
    changes = StageChange.objects.filter(application__posting=posting)
    assert changes.count() == 3 and all(c.by is None and c.by_system and c.who == "the system" for c in changes)
    messages = CandidateEmail.objects.filter(application__posting=posting)
    assert messages.count() == 3 and all(m.by_system and m.sent_by is None for m in messages)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(applications[s].email for s in ("new", "reviewing", "interviewing"))
    assert mail.outbox[0].body.startswith("Dear ")

    # Closing again changes nothing; re-opening and closing rejects only who is open by then.
    posting.close()
    posting.publish()
    late = ApplicationFactory(posting=posting, first_name="Late")
    with django_capture_on_commit_callbacks(execute=True):
        posting.close()
    assert CandidateEmail.objects.filter(application__posting=posting).count() == 4
    assert Application.objects.get(pk=late.pk).stage == "rejected"


def test_closing_from_the_admin_action_triggers_it_too(admin_client, rejection):
    posting, _ = posting_with_candidates(template=rejection)
    response = admin_client.post("/admin/careers/posting/", {"action": "close", "_selected_action": [posting.pk]})
    assert response.status_code == 302
    assert CandidateEmail.objects.filter(application__posting=posting).count() == 3


def test_off_by_default_and_when_disabled(rejection):
    for posting, _ in (posting_with_candidates(), posting_with_candidates(enabled=False, template=rejection)):
        posting.close()
        assert not Application.objects.filter(posting=posting, stage="rejected").exclude(first_name="Rejected").exists()
    assert not CandidateEmail.objects.exists()


def test_the_setting_is_edited_on_the_posting_form_by_recruiters(admin_client, rejection):
    posting = PostingFactory()
    html = admin_client.get(f"/admin/careers/posting/{posting.pk}/change/").content.decode()
    assert "reject open candidates when the posting closes" in html.lower()


def test_a_system_change_names_no_user():
    application = ApplicationFactory()
    with pytest.raises(IntegrityError):
        StageChange.objects.create(application=application, from_stage="new", to_stage="rejected",
                                   by=StaffFactory(), by_system=True)
    with pytest.raises(ValueError):
        Application.objects.filter(pk=application.pk).move_to("rejected", by=None)


def test_a_recruiter_turns_it_on_in_the_posting_form_and_closing_there_rejects(rejection):
    """The inline on the posting form, then closing through the same form's status (the admin form path)."""
    from tests.helpers.admin_forms import form_data

    posting, _ = posting_with_candidates()
    client = client_for(staff_in_role("Recruiter"))
    url = f"/admin/careers/posting/{posting.pk}/change/"
    data = form_data(client.get(url))
    data.update({"auto_rejection-TOTAL_FORMS": "1", "auto_rejection-0-enabled": "on",
                 "auto_rejection-0-template": rejection.pk})
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert PostingAutoRejection.objects.get(posting=posting).enabled

    data = form_data(client.get(url))
    data["status"] = "closed"
    assert client.post(url, data).status_code == 302
    posting.refresh_from_db()
    assert posting.status == "closed"
    assert CandidateEmail.objects.filter(application__posting=posting, by_system=True).count() == 3


def close_in_one_submit(posting, **auto_rejection):
    """Edit the auto-rejection inline and set status Closed in the same submit of the posting form."""
    from tests.helpers.admin_forms import form_data

    client = client_for(staff_in_role("Recruiter"))
    url = f"/admin/careers/posting/{posting.pk}/change/"
    data = form_data(client.get(url))
    data.update(auto_rejection)
    data["status"] = "closed"
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    posting.refresh_from_db()
    assert posting.status == "closed"


def open_stages(applications):
    return {s: Application.objects.get(pk=applications[s].pk).stage for s in ("new", "reviewing", "interviewing")}


def test_ticking_reject_and_closing_in_one_submit_rejects_the_open_candidates(rejection):
    posting, applications = posting_with_candidates()
    close_in_one_submit(posting, **{"auto_rejection-TOTAL_FORMS": "1", "auto_rejection-0-enabled": "on",
                                    "auto_rejection-0-template": rejection.pk})
    assert open_stages(applications) == {"new": "rejected", "reviewing": "rejected", "interviewing": "rejected"}
    assert CandidateEmail.objects.filter(application__posting=posting, by_system=True).count() == 3


def test_unticking_reject_and_closing_in_one_submit_rejects_nobody(rejection):
    posting, applications = posting_with_candidates(template=rejection)
    close_in_one_submit(posting, **{"auto_rejection-0-enabled": ""})
    assert not PostingAutoRejection.objects.get(posting=posting).enabled
    assert open_stages(applications) == {"new": "new", "reviewing": "reviewing", "interviewing": "interviewing"}
    assert not CandidateEmail.objects.filter(application__posting=posting).exists()
