"""The figures on a known data set (tests/reports/conftest.py), as each role may count them."""

import datetime

import pytest

from applications.models import Application
from reports import selectors

pytestmark = pytest.mark.django_db
S = Application.Stage
START, END = datetime.date(2026, 11, 2), datetime.date(2026, 11, 22)


def figures_for(user, **filters):
    applications = selectors.report_applications(user, start=START, end=END, **filters)
    total, funnel = selectors.funnel(applications)
    return applications, total, {row.stage: row for row in funnel}


def test_applications_per_week_include_empty_weeks(world):
    applications = selectors.report_applications(world["recruiter"], start=START, end=END)
    assert selectors.applications_per_week(applications, start=START, end=END) == [
        (datetime.date(2026, 11, 2), 2), (datetime.date(2026, 11, 9), 1), (datetime.date(2026, 11, 16), 1),
    ]
    later = datetime.date(2026, 11, 29)
    assert selectors.applications_per_week(applications, start=START, end=later)[-1] == (datetime.date(2026, 11, 23), 0)


def test_funnel_counts_what_was_reached_and_what_is_in_each_stage_now(world):
    _, total, funnel = figures_for(world["recruiter"])
    assert total == 4
    assert [funnel[s].reached for s in (S.NEW, S.REVIEWING, S.INTERVIEWING, S.OFFER, S.HIRED)] == [4, 2, 1, 0, 0]
    assert funnel[S.REVIEWING].share == 0.5
    assert funnel[S.REJECTED].reached is None
    assert {s: funnel[s].now for s in S} == {
        S.NEW: 1, S.REVIEWING: 1, S.INTERVIEWING: 1, S.OFFER: 0, S.HIRED: 0, S.REJECTED: 1, S.WITHDRAWN: 0,
    }


def test_time_in_stage_uses_the_stage_history(world):
    applications = selectors.report_applications(world["recruiter"], start=START, end=END)
    times = {row.stage: row for row in selectors.time_in_stage(applications)}
    assert (times[S.NEW].stays, times[S.NEW].median_days, times[S.NEW].average_days) == (3, 3.0, 4.3)
    assert (times[S.REVIEWING].stays, times[S.REVIEWING].median_days) == (1, 6.0)
    assert (times[S.OFFER].stays, times[S.OFFER].median_days) == (0, None)


def test_the_python_summary_agrees_with_the_database(world):
    """``summarise_stays`` serves SQLite (make run); it must give PostgreSQL's figures."""
    from applications.models import StageChange

    rows = []
    for change in StageChange.objects.order_by("application", "at", "pk"):
        previous = StageChange.objects.filter(application=change.application, at__lt=change.at).order_by("-at").first()
        rows.append((change.from_stage, previous.at if previous else change.application.submitted_at, change.at))
    summary = selectors.summarise_stays(rows)
    assert summary[S.NEW][0] == 3 and summary[S.NEW][1] == 3 * 86400
    assert round(summary[S.NEW][2] / 86400, 1) == 4.3


def test_sources_keep_the_tracked_source_apart_from_the_answer(world):
    applications = selectors.report_applications(world["recruiter"], start=START, end=END)
    tracked, answers = selectors.sources(applications, 4)
    assert tracked == [("", 2), ("linkedin", 1), ("newsletter", 1)]
    assert answers == [("a friend", 2), ("", 1), ("linkedin", 1)]


def test_other_gathers_everything_past_the_top_ten(world):
    assert selectors._with_other([("a", 5)], 8) == [("a", 5), (selectors.OTHER, 3)]


def test_a_hiring_manager_counts_only_their_teams_applications(world):
    _, total, funnel = figures_for(world["manager"])
    assert total == 3 and funnel[S.REVIEWING].reached == 1
    _, total, _ = figures_for(world["other_manager"])
    assert total == 1


@pytest.mark.parametrize("role", ["Site administrator", "Accommodations coordinator"])
def test_roles_that_read_no_applications_may_not_see_reports(world, role):
    from tests.factories import staff_in_role

    user = staff_in_role(role)
    assert not selectors.may_see_reports(user)
    assert selectors.report_applications(user, start=START, end=END).count() == 0


def test_filters_narrow_by_posting_team_and_dates(world):
    recruiter = world["recruiter"]
    assert selectors.report_applications(recruiter, posting=world["their_posting"], start=START, end=END).count() == 1
    assert selectors.report_applications(recruiter, team=world["ours"], start=START, end=END).count() == 3
    assert selectors.report_applications(recruiter, start=datetime.date(2026, 11, 9), end=END).count() == 2
    assert selectors.report_applications(recruiter, start=START, end=datetime.date(2026, 11, 2)).count() == 2


def test_both_ways_of_summing_up_stays_give_the_same_figures(world, monkeypatch):
    """PostgreSQL computes medians in the database; elsewhere (SQLite, make run) Python does."""
    from django.db import connection

    applications = selectors.report_applications(world["recruiter"], start=START, end=END)
    in_database = selectors.time_in_stage(applications)
    monkeypatch.setattr(connection, "vendor", "sqlite")
    assert selectors.time_in_stage(applications) == in_database
