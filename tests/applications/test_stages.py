"""Stage changes: one method each, every change recorded, the candidate's withdrawal never undone by staff."""

import pytest
from django.db import IntegrityError

from applications.models import Application, StageChange
from tests.factories import ApplicationFactory, UserFactory, WithdrawnApplicationFactory
from tests.helpers.admin_forms import form_data

pytestmark = pytest.mark.django_db


def change_url(application):
    return f"/admin/applications/application/{application.pk}/change/"


def post_change_form(admin_client, application, **changes):
    data = form_data(admin_client.get(change_url(application)))
    data.update(changes)
    return admin_client.post(change_url(application), data)


def test_change_form_records_the_stage_change(admin_client, admin_user):
    application = ApplicationFactory()
    response = post_change_form(admin_client, application, stage="reviewing")
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.stage == "reviewing"
    change = StageChange.objects.get()
    assert (change.application, change.from_stage, change.to_stage, change.by) == (
        application, "new", "reviewing", admin_user,
    )
    post_change_form(admin_client, application, stage="interviewing")
    page = admin_client.get(change_url(application))
    # The history is in the timeline panel (candidate_emails), newest first, read-only.
    stages = [entry.title for entry in page.context["application_timeline"] if entry.kind == "stage"]
    assert stages == ["Reviewing \u2192 Interviewing", "New \u2192 Reviewing"]
    html = page.content.decode()
    assert "timeline" in html.lower() and admin_user.email in html
    assert 'name="stage_changes-0-to_stage"' not in html


def test_staff_cannot_undo_a_withdrawal_through_the_change_form(admin_client):
    application = WithdrawnApplicationFactory(email="ada@example.com")
    again = ApplicationFactory(posting=application.posting, email="ada@example.com")  # the candidate re-applied
    page = admin_client.get(change_url(application)).content.decode()
    assert '<select name="stage"' not in page and "Withdrawn" in page  # shown, not editable

    response = admin_client.post(change_url(application), {"stage": "new"})  # a hand-made POST
    assert response.status_code in (200, 302)
    application.refresh_from_db()
    assert application.stage == "withdrawn" and StageChange.objects.count() == 0
    assert again.stage == "new"


def test_bulk_move_skips_withdrawn_says_so_and_records_each_change(admin_client, admin_user):
    live = [ApplicationFactory() for _ in range(3)]
    withdrawn = WithdrawnApplicationFactory()
    response = admin_client.post(
        "/admin/applications/application/",
        {"action": "move_to_rejected", "_selected_action": [a.pk for a in [*live, withdrawn]]},
        follow=True,
    )
    html = response.content.decode()
    assert "Moved 3 application(s) to “Rejected”" in html
    assert "1 application(s) withdrawn by the candidate were left as they are" in html
    withdrawn.refresh_from_db()
    assert withdrawn.stage == "withdrawn"
    assert sorted(StageChange.objects.values_list("application_id", "from_stage", "to_stage", "by")) == sorted(
        (a.pk, "new", "rejected", admin_user.pk) for a in live
    )


def test_bulk_move_costs_the_same_queries_for_many_applications(admin_user, django_assert_max_num_queries):
    applications = [ApplicationFactory() for _ in range(25)]
    with django_assert_max_num_queries(5):
        moved, skipped = Application.objects.filter(pk__in=[a.pk for a in applications]).move_to(
            Application.Stage.REVIEWING, by=admin_user
        )
    assert (moved, skipped) == (25, 0)
    assert StageChange.objects.filter(to_stage="reviewing").count() == 25


def test_model_methods_refuse_what_the_rules_forbid(admin_user):
    application = ApplicationFactory()
    with pytest.raises(ValueError):
        application.move_to(Application.Stage.WITHDRAWN, by=admin_user)  # withdrawn is the candidate's
    application.move_to(Application.Stage.HIRED, by=admin_user)
    with pytest.raises(ValueError):
        application.withdraw(by=UserFactory(email=application.email))  # hired: too late to withdraw
    withdrawn = WithdrawnApplicationFactory()
    with pytest.raises(ValueError):
        withdrawn.move_to(Application.Stage.NEW, by=admin_user)
    assert list(StageChange.objects.values_list("from_stage", "to_stage")) == [("new", "hired")]


def test_candidate_withdrawal_is_recorded_as_the_candidates(client):
    from django.utils import timezone

    candidate = UserFactory(email="ada@example.com", email_verified_at=timezone.now())
    application = ApplicationFactory(email="ada@example.com")
    client.force_login(candidate)
    assert client.post(f"/accounts/applications/{application.reference}/withdraw/").status_code == 302
    change = StageChange.objects.get()
    assert (change.from_stage, change.to_stage, change.by) == ("new", "withdrawn", None)


def test_database_refuses_a_stage_that_is_not_a_choice():
    application = ApplicationFactory()
    with pytest.raises(IntegrityError):
        Application.objects.filter(pk=application.pk).update(stage="archived")
