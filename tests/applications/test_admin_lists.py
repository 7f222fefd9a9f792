"""The application and posting lists in the admin, as every role: columns, filters, search, the several-postings flag."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from applications.models import Application
from tests.factories import ApplicationFactory, PostingFactory, TeamFactory
from tests.helpers.role_clients import ROLES, is_sign_in_redirect, role_clients

pytestmark = pytest.mark.django_db

APPLICATIONS = "/admin/applications/application/"
POSTINGS = "/admin/careers/posting/"


@pytest.fixture
def world():
    ours, theirs = TeamFactory(name="Team Ours"), TeamFactory(name="Team Theirs")
    our_posting = PostingFactory(team=ours, title="Our Role")
    our_second = PostingFactory(team=ours, title="Our Other Role")
    their_posting = PostingFactory(team=theirs, title="Their Role")
    # Grace applied to two of our postings and one of theirs; Ptolemy only to theirs.
    grace = [ApplicationFactory(posting=p, first_name="Grace", last_name="Hopper", email="grace@example.com")
             for p in (our_posting, our_second, their_posting)]
    ptolemy = ApplicationFactory(posting=their_posting, first_name="Ptolemy", last_name="Xanthippe",
                                 email="ptolemy@example.com", stage="reviewing")
    return {"our_posting": our_posting, "their_posting": their_posting, "grace": grace, "ptolemy": ptolemy,
            "clients": role_clients(ours)}


LIST_ACCESS = {
    "anonymous": "login", "candidate": "login", "site_admin": 403, "coordinator": 403,
    "our_manager": 200, "other_manager": 200, "recruiter": 200, "superuser": 200,
}
# Which of the world's candidates each role's list shows.
SEES = {
    "our_manager": {"Grace"}, "other_manager": set(), "recruiter": {"Grace", "Ptolemy"},
    "superuser": {"Grace", "Ptolemy"},
}


def names(response):
    return {application.first_name for application in response.context["cl"].result_list}


@pytest.mark.parametrize("role", ROLES)
def test_every_role_gets_the_application_list_it_may_read(world, role):
    client, _ = world["clients"][role]
    response = client.get(APPLICATIONS)
    expected = LIST_ACCESS[role]
    assert ("login" if is_sign_in_redirect(response) else response.status_code) == expected
    if expected == 200:
        assert names(response) == SEES[role]
        html = response.content.decode()
        assert "Ptolemy" not in html or "Ptolemy" in SEES[role]
        # Filters name only what the viewer may read: a hiring manager's sidebar lists their own postings.
        assert ("Their Role" in html) == ("Ptolemy" in SEES[role])


@pytest.mark.parametrize("role", ["our_manager", "recruiter"])
def test_a_candidate_who_applied_to_several_postings_is_flagged_counting_only_what_the_viewer_sees(world, role):
    client, _ = world["clients"][role]
    html = client.get(APPLICATIONS).content.decode()
    seen = {"our_manager": 2, "recruiter": 3}[role]
    assert html.count(f'<a class="flag" href="/admin/applications/application/?email=grace%40example.com">'
                      f"Applied to {seen} postings</a>") == seen
    assert "Applied to 1 postings" not in html  # Ptolemy: one posting, no flag
    response = client.get(APPLICATIONS, {"email": "grace@example.com"})
    assert response.status_code == 200 and response.context["cl"].result_count == seen
    assert client.get(APPLICATIONS, {"email": "ptolemy@example.com"}).context["cl"].result_count == (
        0 if role == "our_manager" else 1
    )


def test_stage_date_and_reference_are_columns_and_long_text_is_escaped(world):
    client, _ = world["clients"]["recruiter"]
    ApplicationFactory(first_name="<img src=x onerror=alert(1)>", last_name="Tables")
    html = client.get(APPLICATIONS).content.decode()
    for column in ("candidate", "posting_and_team", "stage", "submitted", "reference"):
        assert f'class="sortable column-{column}' in html, column
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt; Tables" in html
    assert world["ptolemy"].reference in html and "Reviewing" in html
    assert f'<time datetime="{timezone.localtime(world["ptolemy"].submitted_at).isoformat(timespec="seconds")}' in html
    # A work page: no navigation sidebar eating the table's width.
    assert 'id="nav-sidebar"' not in html


@pytest.mark.parametrize("query, expected", [
    ("grace hopper", {"Grace"}), ("ptolemy@example", {"Ptolemy"}), ("HOPPER", {"Grace"}),
])
def test_search_runs_across_postings_by_name_email_or_reference(world, query, expected):
    client, _ = world["clients"]["recruiter"]
    assert names(client.get(APPLICATIONS, {"q": query})) == expected
    reference = world["grace"][2].reference
    response = client.get(APPLICATIONS, {"q": reference})
    assert [a.pk for a in response.context["cl"].result_list] == [world["grace"][2].pk]


def test_a_hiring_manager_cannot_search_or_filter_their_way_to_another_team(world):
    client, _ = world["clients"]["our_manager"]
    assert names(client.get(APPLICATIONS, {"q": "Ptolemy"})) == set()
    assert names(client.get(APPLICATIONS, {"q": world["grace"][2].reference})) == set()
    response = client.get(APPLICATIONS, {"posting__id__exact": world["their_posting"].pk})
    assert response.status_code == 200 and "Ptolemy" not in response.content.decode()


def test_filters_by_posting_stage_team_and_date(world):
    client, _ = world["clients"]["recruiter"]
    html = client.get(APPLICATIONS).content.decode()
    for title in ("By stage", "By team", "By posting", "By submitted at"):
        assert title in html, title
    assert names(client.get(APPLICATIONS, {"stage__exact": "reviewing"})) == {"Ptolemy"}
    assert names(client.get(APPLICATIONS, {"posting__team__id__exact": world["our_posting"].team_id})) == {"Grace"}
    assert names(client.get(APPLICATIONS, {"posting__id__exact": world["their_posting"].pk})) == {"Grace", "Ptolemy"}
    ApplicationFactory(first_name="Early", submitted_at=timezone.now() - datetime.timedelta(days=800))
    this_year = names(client.get(APPLICATIONS, {"submitted_at__year": timezone.localdate().year}))
    assert "Early" not in this_year and {"Grace", "Ptolemy"} <= this_year


def bulk_applications(postings, count):
    """``count`` applications over ``postings`` (every candidate applied to each), written in one statement."""
    Application.objects.bulk_create(
        Application(posting=postings[n % len(postings)], first_name=f"Bulk{n}", last_name="Candidate",
                    email=f"bulk{n // len(postings)}@example.com", country="UK", resume=f"resumes/bulk{n}.pdf",
                    resume_name="cv.pdf")
        for n in range(count)
    )


@pytest.mark.parametrize("role", ["recruiter", "our_manager"])
def test_the_list_costs_the_same_queries_at_10_and_1000_applications(world, role):
    client, _ = world["clients"][role]
    Application.objects.all().delete()
    postings = [world["our_posting"], PostingFactory(team=world["our_posting"].team)]
    queries = []
    for total in (10, 1000):
        Application.objects.all().delete()
        bulk_applications(postings, total)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(APPLICATIONS)
        assert response.status_code == 200 and response.context["cl"].result_count == total
        assert "Applied to 2 postings" in response.content.decode()
        queries.append(len(captured))
    assert queries[0] == queries[1], queries


POSTING_LIST = {  # (status, shows application counts, pipeline link to our posting, to theirs)
    "anonymous": ("login", False, False, False), "candidate": ("login", False, False, False),
    "site_admin": (200, False, False, False), "coordinator": (403, False, False, False),
    "our_manager": (200, True, True, False), "other_manager": (200, True, False, False),
    "recruiter": (200, True, True, True), "superuser": (200, True, True, True),
}


@pytest.mark.parametrize("role", ROLES)
def test_posting_list_links_each_role_to_the_pipelines_it_may_open(world, role):
    client, _ = world["clients"][role]
    response = client.get(POSTINGS)
    status, counts, ours, theirs = POSTING_LIST[role]
    assert ("login" if is_sign_in_redirect(response) else response.status_code) == status
    html = response.content.decode()
    assert ('class="sortable column-application_count' in html) == counts
    assert (f'href="/admin/applications/application/pipeline/{world["our_posting"].pk}/"' in html) == ours
    assert (f'href="/admin/applications/application/pipeline/{world["their_posting"].pk}/"' in html) == theirs
    if status == 200:
        assert 'class="sortable column-closes_on' in html and 'class="sortable column-published' in html
