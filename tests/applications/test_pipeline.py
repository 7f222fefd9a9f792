"""A posting's pipeline: columns by stage with counts, moves by form, previous/next on the application page."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from applications.models import Application, StageChange
from applications.pipeline import CARDS_PER_STAGE
from tests.factories import ApplicationFactory, PostingFactory, TeamFactory, WithdrawnApplicationFactory
from tests.helpers.role_clients import ROLES, is_sign_in_redirect, role_clients

pytestmark = pytest.mark.django_db


def board_url(posting_id):
    return f"/admin/applications/application/pipeline/{posting_id}/"


def move_url(posting_id):
    return board_url(posting_id) + "move/"


@pytest.fixture
def world():
    ours, theirs = TeamFactory(name="Team Ours"), TeamFactory(name="Team Theirs")
    our_posting = PostingFactory(team=ours, title="Our Role")
    their_posting = PostingFactory(team=theirs, title="Their Role")
    ours_app = ApplicationFactory(posting=our_posting, first_name="Zebediah", last_name="Quixotic")
    theirs_app = ApplicationFactory(posting=their_posting, first_name="Ptolemy", last_name="Xanthippe")
    return {"our_posting": our_posting, "their_posting": their_posting, "ours": ours_app, "theirs": theirs_app,
            "clients": role_clients(ours)}


# Expected answer per role for (our posting, their posting, a posting that does not exist).
BOARD_ACCESS = {
    "anonymous": ("login", "login", "login"),
    "candidate": ("login", "login", "login"),
    "site_admin": (403, 403, 403),
    "coordinator": (403, 403, 403),
    "our_manager": (200, 404, 404),
    "other_manager": (404, 404, 404),
    "recruiter": (200, 200, 404),
    "superuser": (200, 200, 404),
}


def status(response):
    return "login" if is_sign_in_redirect(response) else response.status_code


@pytest.mark.parametrize("role", ROLES)
def test_every_role_gets_the_board_it_may_see_and_the_same_answer_for_missing_and_forbidden(world, role):
    client, _ = world["clients"][role]
    answers = tuple(
        status(client.get(board_url(pk))) for pk in (world["our_posting"].pk, world["their_posting"].pk, 999_999)
    )
    assert answers == BOARD_ACCESS[role]
    html = client.get(board_url(world["our_posting"].pk)).content.decode()
    assert ("Zebediah" in html) == (BOARD_ACCESS[role][0] == 200)
    assert "Ptolemy" not in html


@pytest.mark.parametrize("role", ROLES)
def test_every_role_may_move_only_what_it_may_see(world, role):
    client, user = world["clients"][role]
    for application, expected in ((world["ours"], BOARD_ACCESS[role][0]), (world["theirs"], BOARD_ACCESS[role][1])):
        response = client.post(move_url(application.posting_id), {"application": application.pk, "stage": "reviewing"})
        moved = Application.objects.get(pk=application.pk).stage == "reviewing"
        if expected == 200:
            assert response.status_code == 302 and response["Location"].startswith(board_url(application.posting_id))
            assert moved
            assert StageChange.objects.filter(application=application, by=user, to_stage="reviewing").count() == 1
        else:
            assert status(response) == expected and not moved
    # An application of another posting cannot be moved through this posting's board.
    response = client.post(move_url(world["our_posting"].pk), {"application": world["theirs"].pk, "stage": "hired"})
    assert status(response) in ("login", 403, 404)
    assert Application.objects.get(pk=world["theirs"].pk).stage != "hired"


def test_board_shows_counts_by_stage_and_cards_that_open_the_application(world):
    client, _ = world["clients"]["recruiter"]
    posting = world["our_posting"]
    for stage in ("reviewing", "reviewing", "offer"):
        ApplicationFactory(posting=posting, stage=stage)
    hostile = ApplicationFactory(posting=posting, first_name="<script>alert(1)</script>", last_name="Bobby")
    html = client.get(board_url(posting.pk)).content.decode()
    counts = dict(re.findall(r'<h2 id="stage-(\w+)-title">\w+ <span class="pipeline-count">(\d+)</span>', html))
    assert counts == {"new": "2", "reviewing": "2", "interviewing": "0", "offer": "1", "hired": "0",
                      "rejected": "0", "withdrawn": "0"}
    assert f'href="/admin/applications/application/{world["ours"].pk}/change/"' in html
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; Bobby" in html
    assert f'id="application-{hostile.pk}"' in html
    assert "5 applications" in html
    assert f'href="/admin/careers/posting/{posting.pk}/change/">Posting details</a>' in html


def test_a_move_is_recorded_and_the_board_says_so(world):
    client, recruiter = world["clients"]["recruiter"]
    application = world["ours"]
    response = client.post(move_url(application.posting_id), {"application": application.pk, "stage": "interviewing"},
                           follow=True)
    assert response.redirect_chain[-1][0] == f"{board_url(application.posting_id)}#application-{application.pk}"
    assert "Zebediah Quixotic moved to “Interviewing”." in response.content.decode()
    change = StageChange.objects.get(application=application)
    assert (change.from_stage, change.to_stage, change.by) == ("new", "interviewing", recruiter)


def test_withdrawn_candidates_are_shown_but_cannot_be_moved(world):
    client, _ = world["clients"]["recruiter"]
    withdrawn = WithdrawnApplicationFactory(posting=world["our_posting"], first_name="Wilhelmina", last_name="Gone")
    html = client.get(board_url(withdrawn.posting_id)).content.decode()
    card = html[html.index(f'id="application-{withdrawn.pk}"'):]
    card = card[: card.index("</li>")]
    assert "Withdrawn by the candidate: cannot be moved." in card and "<form" not in card
    response = client.post(move_url(withdrawn.posting_id), {"application": withdrawn.pk, "stage": "rejected"},
                           follow=True)
    assert ("Wilhelmina Gone withdrew this application: only the candidate changes a withdrawn application, "
            "so it was not moved.") in response.content.decode()
    assert Application.objects.get(pk=withdrawn.pk).stage == "withdrawn"
    assert not StageChange.objects.exists()


def test_moves_are_posts_with_csrf_and_a_valid_stage(world):
    application = world["ours"]
    _, recruiter = world["clients"]["recruiter"]
    client, _ = world["clients"]["recruiter"]
    assert client.get(move_url(application.posting_id)).status_code == 405
    response = client.post(move_url(application.posting_id), {"application": application.pk, "stage": "withdrawn"},
                           follow=True)
    assert "Choose an application and a stage to move it to." in response.content.decode()
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(recruiter)
    assert strict.post(move_url(application.posting_id), {"application": application.pk, "stage": "hired"}
                       ).status_code == 403
    assert Application.objects.get(pk=application.pk).stage == "new" and not StageChange.objects.exists()


def test_columns_are_capped_with_a_link_to_the_rest(world):
    client, _ = world["clients"]["recruiter"]
    posting = world["our_posting"]
    ApplicationFactory.create_batch(CARDS_PER_STAGE + 1, posting=posting, stage="reviewing")
    html = client.get(board_url(posting.pk)).content.decode()
    column = html[html.index('id="stage-reviewing"'):html.index('id="stage-interviewing"')]
    assert column.count('class="pipeline-card"') == CARDS_PER_STAGE
    assert (f'<a href="/admin/applications/application/?posting__id__exact={posting.pk}&amp;stage__exact=reviewing">'
            "1 more in Reviewing</a>") in column


def bulk_applications(posting, count):
    """``count`` applications in every stage, written in one statement (no files: the board reads none)."""
    stages = list(Application.Stage)
    Application.objects.bulk_create(
        Application(posting=posting, first_name=f"Bulk{n}", last_name="Candidate", email=f"bulk{n}@example.com",
                    country="UK", resume=f"resumes/bulk{n}.pdf", resume_name="cv.pdf", stage=stages[n % len(stages)])
        for n in range(count)
    )


@pytest.mark.parametrize("role", ["recruiter", "our_manager"])
def test_board_costs_the_same_queries_at_10_and_1000_applications(world, role):
    client, _ = world["clients"][role]
    posting = world["our_posting"]
    queries = []
    for total in (10, 1000):
        Application.objects.filter(posting=posting).delete()
        bulk_applications(posting, total)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(board_url(posting.pk))
        assert response.status_code == 200 and f"{total} applications" in response.content.decode()
        queries.append(len(captured))
    assert queries[0] == queries[1], queries
    # Session, user, two permission reads, the posting, the counts (one aggregate), the cards; two from the admin frame.
    assert queries[1] <= 9, "\n".join(q["sql"][:150] for q in captured)


def test_application_page_links_previous_and_next_in_the_same_posting_and_stage(world):
    client, _ = world["clients"]["our_manager"]
    posting = world["our_posting"]
    first, middle, last = (ApplicationFactory(posting=posting, stage="reviewing") for _ in range(3))
    ApplicationFactory(posting=posting, stage="offer")  # another stage: not a neighbour
    ApplicationFactory(posting=world["their_posting"], stage="reviewing")  # another posting: not a neighbour
    filters = "stage__exact=reviewing"
    html = client.get(f"/admin/applications/application/{middle.pk}/change/",
                      {"_changelist_filters": filters}).content.decode()
    kept = "?_changelist_filters=stage__exact%3Dreviewing"
    assert f'href="/admin/applications/application/{first.pk}/change/{kept}" rel="prev"' in html
    assert f'href="/admin/applications/application/{last.pk}/change/{kept}" rel="next"' in html
    assert "2 of 3 in Reviewing" in html
    assert f'href="{board_url(posting.pk)}"' in html
    html = client.get(f"/admin/applications/application/{last.pk}/change/").content.decode()
    assert 'rel="next"' not in html and f'/{middle.pk}/change/" rel="prev"' in html


# Which roles the posting's admin page links to its pipeline and report (only those who may review it).
POSTING_PAGE_LINKS = {
    "site_admin": False, "our_manager": True, "other_manager": False, "recruiter": True, "superuser": True,
}


@pytest.mark.parametrize("role", POSTING_PAGE_LINKS)
def test_the_posting_page_links_its_pipeline_and_report_for_those_who_review_it(world, role):
    client, _ = world["clients"][role]
    posting = world["our_posting"]
    page = client.get(f"/admin/careers/posting/{posting.pk}/change/").content.decode()
    pipeline = f'href="{board_url(posting.pk)}"'
    report = f'href="/admin/reports/applicationreport/?posting={posting.pk}"'
    assert (pipeline in page, report in page) == (POSTING_PAGE_LINKS[role],) * 2
    if POSTING_PAGE_LINKS[role]:
        assert client.get(f"/admin/reports/applicationreport/?posting={posting.pk}").status_code == 200
        assert f'href="/admin/reports/applicationreport/?posting={posting.pk}"' in client.get(
            board_url(posting.pk)).content.decode()


def test_a_posting_without_applications_links_its_pipeline_but_no_report(world):
    client, _ = world["clients"]["recruiter"]
    empty = PostingFactory(team=world["our_posting"].team, title="Nobody Yet")
    page = client.get(f"/admin/careers/posting/{empty.pk}/change/").content.decode()
    assert f'href="{board_url(empty.pk)}"' in page
    assert "/admin/reports/applicationreport/?posting=" not in page
