"""Scheduled publishing: a posting published with a future date is nowhere public until its time comes.

Through HTTP as the public would see it (the pages, feeds, sitemap, API and search, cached or not) and as staff
would (the admin preview and the editor's publish date).
"""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from careers.models import Posting
from tests.factories import PostingFactory, ScheduledPostingFactory, SuperuserFactory
from tests.helpers.admin_forms import change_url, form_data

pytestmark = pytest.mark.django_db

NOON = datetime.datetime(2026, 6, 1, 12, tzinfo=datetime.UTC)


def public_channels(posting):
    """Every public place a live posting shows up in, with its title or slug."""
    return {
        "list": "/careers/",
        "search": f"/careers/?q={posting.title.split()[0]}",
        "sitemap": "/sitemap.xml",
        "rss": "/careers/feed/rss/",
        "atom": "/careers/feed/atom/",
        "api": "/api/v1/postings/",
        "api search": f"/api/v1/postings/?q={posting.title.split()[0]}",
        "api teams": "/api/v1/teams/",  # its team has no other posting
    }


def test_a_scheduled_posting_is_nowhere_public_before_its_time_and_everywhere_after(time_machine, settings):
    settings.PAGE_CACHE_VERSION_TTL = 0  # time_machine moves the wall clock, not the monotonic one
    time_machine.move_to(NOON)
    PostingFactory(title="Visible Role")  # so no channel is trivially empty
    posting = ScheduledPostingFactory(title="Tomorrowgig Lead", published_at=NOON + datetime.timedelta(hours=3))
    client = Client()
    for name, url in public_channels(posting).items():
        response = client.get(url)
        assert response.status_code == 200, name
        body = response.content.decode()
        assert posting.slug not in body and posting.team.slug not in body, f"scheduled posting leaked through {name}"
    assert client.get(posting.get_absolute_url()).status_code == 404
    assert client.get(f"/api/v1/postings/{posting.slug}/").status_code == 404
    assert client.get(posting.get_apply_url()).status_code == 404

    time_machine.move_to(NOON + datetime.timedelta(hours=3, seconds=1))  # nobody saves anything
    for name, url in public_channels(posting).items():
        body = client.get(url).content.decode()
        assert posting.slug in body or name == "api teams" and posting.team.slug in body, f"missing from {name}"
    page = client.get(posting.get_absolute_url())
    assert page.status_code == 200 and "Tomorrowgig Lead" in page.content.decode()
    assert "application/ld+json" in page.content.decode()
    assert client.get(f"/api/v1/postings/{posting.slug}/").status_code == 200


def test_published_means_live_and_scheduled_means_still_to_come(time_machine):
    time_machine.move_to(NOON)
    live = PostingFactory()
    later = ScheduledPostingFactory(published_at=NOON + datetime.timedelta(minutes=1))
    assert list(Posting.objects.published()) == [live] and list(Posting.objects.scheduled()) == [later]
    assert (later.is_scheduled, later.is_open, later.is_public, later.is_closed_for_public) == (True, False, False, False)
    time_machine.move_to(NOON + datetime.timedelta(minutes=1))
    assert set(Posting.objects.open()) == {live, later} and not Posting.objects.scheduled().exists()
    assert later.is_open and later.is_public


def test_the_cached_list_shows_a_scheduled_posting_once_its_time_has_come(time_machine, settings,
                                                                           django_assert_num_queries):
    settings.PAGE_CACHE_VERSION_TTL = 0
    time_machine.move_to(NOON)
    PostingFactory(title="Visible Role")
    ScheduledPostingFactory(title="Tomorrowgig Lead", published_at=NOON + datetime.timedelta(minutes=30))
    client = Client()
    assert "Tomorrowgig Lead" not in client.get("/careers/").content.decode()
    with django_assert_num_queries(0):  # served from the page cache before the time
        assert "Tomorrowgig Lead" not in client.get("/careers/").content.decode()
    time_machine.move_to(NOON + datetime.timedelta(minutes=31))
    assert "Tomorrowgig Lead" in client.get("/careers/").content.decode()
    with django_assert_num_queries(0):  # and cached again afterwards
        assert "Tomorrowgig Lead" in client.get("/careers/").content.decode()


def test_feeds_and_api_date_a_posting_by_when_it_went_live(time_machine, client):
    """A feed reader holding the old Last-Modified must not get a 304 once a scheduled posting is live."""
    time_machine.move_to(NOON)
    PostingFactory(title="Visible Role")
    posting = ScheduledPostingFactory(published_at=NOON + datetime.timedelta(hours=1))
    before = client.get("/careers/feed/rss/")["Last-Modified"]
    time_machine.move_to(NOON + datetime.timedelta(hours=2))
    again = client.get("/careers/feed/rss/", HTTP_IF_MODIFIED_SINCE=before)
    assert again.status_code == 200 and posting.slug in again.content.decode()
    detail = client.get(f"/api/v1/postings/{posting.slug}/")
    assert detail.json()["updated_at"] >= (NOON + datetime.timedelta(hours=1)).isoformat().replace("+00:00", "Z")


def test_staff_preview_a_scheduled_posting_and_are_told_when_it_goes_live(client):
    posting = ScheduledPostingFactory(published_at=timezone.now() + datetime.timedelta(days=2))
    client.force_login(SuperuserFactory())
    response = client.get(posting.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200 and "Preview." in html and "goes live on" in html
    assert "application/ld+json" not in html and 'name="robots" content="noindex"' in html


def test_publishing_with_a_future_date_in_the_admin_schedules_the_posting(client):
    from tests.factories import DraftPostingFactory

    draft = DraftPostingFactory(title="Planned Role")
    client.force_login(SuperuserFactory())
    when = timezone.localtime() + datetime.timedelta(days=3)
    url = change_url(draft)
    response = client.post(url, {
        **form_data(client.get(url)), "status": "published",
        "published_at_0": when.strftime("%Y-%m-%d"), "published_at_1": when.strftime("%H:%M:%S"),
    })
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Posting.Status.PUBLISHED and draft.is_scheduled
    assert "Planned Role" not in Client().get("/careers/").content.decode()
    assert Client().get(draft.get_absolute_url()).status_code == 404
