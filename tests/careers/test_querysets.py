import datetime

import pytest
from django.utils import timezone

from applications.models import Application
from careers.models import Posting, PrivacyPolicy
from tests.factories import (
    ClosedPostingFactory,
    DraftPostingFactory,
    ExpiredPostingFactory,
    PostingFactory,
    PrivacyPolicyFactory,
    StaffFactory,
    SuperuserFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_published_excludes_drafts_and_closed():
    live = PostingFactory()
    DraftPostingFactory()
    ClosedPostingFactory()
    assert list(Posting.objects.published()) == [live]


def test_open_excludes_postings_past_their_closing_date():
    live = PostingFactory(closes_on=timezone.localdate())  # closes today: still open
    ExpiredPostingFactory()
    assert list(Posting.objects.open()) == [live]
    assert live.is_open


def test_closed_before_holds_only_postings_that_are_not_open():
    """The retention clock's start: closed by staff before then, or past a closing date before then."""
    now = timezone.now()
    closed_long_ago = PostingFactory()
    closed_long_ago.close(when=now - datetime.timedelta(days=30))
    closed_today = PostingFactory()
    closed_today.close()
    reopened = PostingFactory()
    reopened.close(when=now - datetime.timedelta(days=30))
    reopened.publish()
    past_date = PostingFactory(closes_on=timezone.localdate() - datetime.timedelta(days=30))
    moved_date = PostingFactory(closes_on=timezone.localdate() + datetime.timedelta(days=30))
    DraftPostingFactory()
    due = Posting.objects.closed_before(now - datetime.timedelta(days=7))
    assert set(due) == {closed_long_ago, past_date}
    assert reopened.closed_at is None and moved_date not in due and closed_today not in due


def test_expired_posting_is_closed_for_public_but_draft_is_not():
    assert ExpiredPostingFactory().is_closed_for_public
    assert ClosedPostingFactory().is_closed_for_public
    assert not DraftPostingFactory().is_closed_for_public


def test_current_privacy_policy_is_the_latest_in_effect():
    PrivacyPolicyFactory(version="v1", effective_on=datetime.date(2025, 1, 1))
    current = PrivacyPolicyFactory(version="v2", effective_on=datetime.date(2026, 1, 1))
    PrivacyPolicyFactory(version="future", effective_on=timezone.localdate() + datetime.timedelta(days=30))
    assert PrivacyPolicy.objects.current() == current


def test_applications_visible_only_to_staff_with_permission():
    from django.contrib.auth.models import Permission

    from tests.factories import ApplicationFactory

    application = ApplicationFactory()
    reviewer = StaffFactory()
    reviewer.user_permissions.add(*Permission.objects.filter(codename__in=["view_application", "view_all_applications"]))
    reviewer = type(reviewer).objects.get(pk=reviewer.pk)  # drop the permission cache
    assert list(Application.objects.visible_to(reviewer)) == [application]
    assert list(Application.objects.visible_to(SuperuserFactory())) == [application]
    assert not Application.objects.visible_to(StaffFactory()).exists()
    assert not Application.objects.visible_to(UserFactory()).exists()


def test_in_stable_order_breaks_ties_by_primary_key():
    published = timezone.now() - datetime.timedelta(days=1)
    twins = [PostingFactory(title="Same", published_at=published) for _ in range(5)]
    newer = PostingFactory(title="Newer")
    ordered = list(Posting.objects.open().in_stable_order())
    assert ordered == [newer, *sorted(twins, key=lambda p: p.pk)]
    # The order asked for comes first; the key only breaks ties.
    assert list(Posting.objects.order_by("title").in_stable_order())[-1] == max(twins, key=lambda p: p.pk)


def test_teams_and_locations_with_open_postings_hide_draft_only_ones():
    from careers.models import Location, Team
    from tests.factories import LocationFactory, TeamFactory

    london, secret_office = LocationFactory(city="London"), LocationFactory(city="Atlantis")
    public_team, secret_team = TeamFactory(name="Research"), TeamFactory(name="Project X")
    PostingFactory.create_batch(2, team=public_team, locations=[london])
    DraftPostingFactory(team=secret_team, locations=[secret_office])
    ClosedPostingFactory(team=secret_team, locations=[secret_office])
    ExpiredPostingFactory(team=secret_team, locations=[secret_office])
    assert [(t.name, t.open_postings) for t in Team.objects.with_open_posting_counts()] == [("Research", 2)]
    assert [(loc.city, loc.open_postings) for loc in Location.objects.with_open_posting_counts()] == [("London", 2)]
    assert [t.name for t in Team.objects.with_open_postings()] == ["Research"]
