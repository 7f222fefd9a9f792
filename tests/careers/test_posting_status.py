"""A posting's status changes through its verbs, wherever staff change it: the retention clock
(``closed_at``) runs exactly while it is closed, so re-opened postings keep their applications."""

import datetime

import pytest
import time_machine
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.test import Client
from django.utils import timezone

from applications.models import Application
from careers.models import Posting
from careers.retention import purge_expired_data
from tests.factories import ApplicationFactory, DraftPostingFactory, PostingFactory, staff_in_role
from tests.helpers.admin_forms import form_data

pytestmark = pytest.mark.django_db

CLOSED = timezone.make_aware(datetime.datetime(2026, 1, 5, 12, 0))
REOPENED = CLOSED + datetime.timedelta(days=300)  # far past retention (180 days) of the first closing


@pytest.fixture
def recruiter():
    client = Client()
    client.force_login(staff_in_role("Recruiter"))
    return client


@pytest.fixture
def long_closed():
    """A posting closed in January with an application from before; it is re-opened in November."""
    with time_machine.travel(CLOSED - datetime.timedelta(days=10), tick=False):
        posting = PostingFactory()
        old = ApplicationFactory(posting=posting)
    posting.close(when=CLOSED)
    return posting, old


def _reopen_through_form(client, posting):
    url = f"/admin/careers/posting/{posting.pk}/change/"
    response = client.post(url, {**form_data(client.get(url)), "status": "published"})
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else response


def _reopen_through_action(client, posting):
    response = client.post("/admin/careers/posting/", {"action": "publish", "_selected_action": [posting.pk]})
    assert response.status_code == 302


@pytest.mark.parametrize("reopen", [_reopen_through_form, _reopen_through_action], ids=["form", "action"])
def test_reopened_posting_keeps_its_applications_and_a_new_closing_restarts_the_clock(recruiter, long_closed, reopen):
    posting, old = long_closed
    with time_machine.travel(REOPENED, tick=False):
        reopen(recruiter, posting)
        posting.refresh_from_db()
        assert posting.status == Posting.Status.PUBLISHED and posting.closed_at is None
        new = ApplicationFactory(posting=posting)
        assert purge_expired_data(dry_run=True)["applications"] == 0
        assert purge_expired_data()["applications"] == 0
        assert set(Application.objects.values_list("pk", flat=True)) == {old.pk, new.pk}

        response = recruiter.post("/admin/careers/posting/", {"action": "close", "_selected_action": [posting.pk]})
        assert response.status_code == 302
        posting.refresh_from_db()
        assert posting.status == Posting.Status.CLOSED and posting.closed_at == REOPENED
        # Closed again today: nothing is due today, however old the first closing.
        assert purge_expired_data(dry_run=True)["applications"] == 0
        assert purge_expired_data()["applications"] == 0
    with time_machine.travel(REOPENED + datetime.timedelta(days=179), tick=False):
        assert purge_expired_data()["applications"] == 0
    with time_machine.travel(REOPENED + datetime.timedelta(days=181), tick=False):
        assert purge_expired_data(dry_run=True)["applications"] == 2
        assert purge_expired_data()["applications"] == 2


def test_closing_through_the_form_starts_the_clock_and_keeps_other_edits(recruiter):
    posting = PostingFactory()
    url = f"/admin/careers/posting/{posting.pk}/change/"
    with time_machine.travel(REOPENED, tick=False):
        response = recruiter.post(url, {**form_data(recruiter.get(url)), "status": "closed", "title": "Renamed"})
    assert response.status_code == 302
    posting.refresh_from_db()
    assert (posting.status, posting.closed_at, posting.title) == (Posting.Status.CLOSED, REOPENED, "Renamed")


def test_closing_an_already_closed_posting_keeps_its_clock(recruiter, long_closed):
    posting, _ = long_closed
    with time_machine.travel(REOPENED, tick=False):
        recruiter.post("/admin/careers/posting/", {"action": "close", "_selected_action": [posting.pk]})
        url = f"/admin/careers/posting/{posting.pk}/change/"
        recruiter.post(url, {**form_data(recruiter.get(url)), "title": "Edited while closed"})
    posting.refresh_from_db()
    assert posting.closed_at == CLOSED and posting.title == "Edited while closed"


def test_a_published_posting_cannot_go_back_to_draft(recruiter):
    """Its applications would fall out of the retention policy: staff close it instead."""
    posting = PostingFactory()
    ApplicationFactory(posting=posting)
    url = f"/admin/careers/posting/{posting.pk}/change/"
    page = recruiter.get(url)
    assert [value for value, _ in page.context["adminform"].form.fields["status"].choices] == ["published", "closed"]
    response = recruiter.post(url, {**form_data(page), "status": "draft"})
    assert response.status_code == 200 and "status" in response.context["adminform"].form.errors
    posting.refresh_from_db()
    assert posting.status == Posting.Status.PUBLISHED


def test_a_new_posting_published_through_the_add_form_gets_its_date(recruiter):
    from tests.factories import LocationFactory, TeamFactory

    team, london = TeamFactory(), LocationFactory()
    page = recruiter.get("/admin/careers/posting/add/")
    assert [value for value, _ in page.context["adminform"].form.fields["status"].choices] == ["draft", "published"]
    response = recruiter.post("/admin/careers/posting/add/", {
        **form_data(page), "title": "New role", "slug": "new-role", "team": team.pk, "locations": [london.pk],
        "about_role": "Work.", "status": "published",
    })
    assert response.status_code == 302, (response.context["adminform"].form.errors, response.context["errors"])
    posting = Posting.objects.get(slug="new-role")
    assert posting.status == Posting.Status.PUBLISHED and posting.published_at and posting.closed_at is None


def test_publish_action_skips_nothing_it_can_publish_and_close_action_leaves_drafts(recruiter):
    draft = DraftPostingFactory()
    response = recruiter.post("/admin/careers/posting/", {"action": "close", "_selected_action": [draft.pk]},
                              follow=True)
    assert "cannot be closed" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Posting.Status.DRAFT and draft.closed_at is None


@pytest.mark.parametrize("fields", [
    {"status": "published", "closed_at": CLOSED},
    {"status": "closed", "closed_at": None},
    {"status": "draft", "closed_at": CLOSED},
    {"status": "archived", "closed_at": None},
], ids=["published-with-clock", "closed-without-clock", "draft-with-clock", "unknown-status"])
def test_the_database_refuses_an_impossible_status(fields):
    posting = PostingFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Posting.objects.filter(pk=posting.pk).update(**fields)


def test_demo_loader_goes_through_the_verbs_and_never_reverts_staff_edits(recruiter):
    call_command("load_demo", stdout=open("/dev/null", "w"))
    closed = Posting.objects.get(status=Posting.Status.CLOSED)
    assert closed.closed_at is not None and closed.published_at < closed.closed_at
    assert not Posting.objects.exclude(status=Posting.Status.CLOSED).filter(closed_at__isnull=False).exists()
    _reopen_through_action(recruiter, closed)
    live = Posting.objects.published().exclude(pk=closed.pk).first()
    live.close()
    Posting.objects.filter(pk=live.pk).update(title="Edited by staff")

    call_command("load_demo", stdout=open("/dev/null", "w"))
    closed.refresh_from_db()
    live.refresh_from_db()
    assert closed.status == Posting.Status.PUBLISHED and closed.closed_at is None
    assert live.status == Posting.Status.CLOSED and live.title == "Edited by staff"
