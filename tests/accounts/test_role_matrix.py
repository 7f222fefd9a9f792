"""Every staff role crawls the whole admin it can reach: nobody sees data their role may not read.

The crawl starts at the admin index and follows every admin link on every page
it reaches (lists, filters, detail pages, history), as each role. Candidates'
names, addresses and accommodation details are planted with unusual words so
that any page showing them is caught, wherever it is.
"""

import re
from html import unescape

import pytest
from django.test import Client
from django.utils import timezone

from accommodations.services import accommodation_request_submit
from reviews.models import FeedbackCriterion
from reviews.services import feedback_save, note_add
from tests.factories import ApplicationFactory, PostingFactory, SuperuserFactory, TeamFactory, staff_in_role

pytestmark = pytest.mark.django_db

LINK = re.compile(r'href="(/admin/[^"#]*)"')
# Never followed: they change things or sign out (the crawl only reads).
SKIP = ("/logout/", "/delete/", "/password/", "/add/")
MAX_PAGES = 400


def crawl(client):
    """Every admin page reachable from the index by following links: {url: html}."""
    seen, queue, pages = set(), ["/admin/"], {}
    while queue and len(pages) < MAX_PAGES:
        url = unescape(queue.pop(0))
        if url in seen or any(part in url for part in SKIP):
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        pages[url] = html
        queue.extend(link for link in LINK.findall(html) if unescape(link) not in seen)
    return pages


@pytest.fixture
def world():
    ours, theirs = TeamFactory(name="Team Ours"), TeamFactory(name="Team Theirs")
    our_application = ApplicationFactory(
        posting=PostingFactory(team=ours, title="Our Role"), first_name="Zebediah",
        last_name="Quixotic", email="zebediah@example.com", phone="+44 20 7946 0001")
    their_application = ApplicationFactory(
        posting=PostingFactory(team=theirs, title="Their Role"), first_name="Ptolemy",
        last_name="Xanthippe", email="ptolemy@example.com", phone="+44 20 7946 0002")
    # What staff write about a candidate is as private as the candidate (reviews app).
    recruiter = staff_in_role("Recruiter", email="planted-recruiter@example.com")
    for application, word in ((our_application, "Zanzibarnote"), (their_application, "Yggdrasilnote")):
        FeedbackCriterion.objects.create(posting=application.posting, name="Rigour")
        note_add(application=application, author=recruiter, text=f"{word} in a note")
        feedback_save(application=application, reviewer=recruiter, recommendation="yes",
                      summary=f"{word}feedback", criterion_notes={c.pk: f"{word}criterion"
                                                                  for c in application.posting.feedback_criteria.all()})
    accommodation_request_submit(name="Wilhelmina Vortigern", email="wilhelmina@example.com", posting=None,
                                 stage="interview", description="Needs a quiet room near Quokka Hall",
                                 contact_method="email")
    manager = staff_in_role("Hiring manager", email="manager@example.com")
    ours.hiring_managers.add(manager)
    return {"manager": manager}


OUR_CANDIDATE = ["Zebediah", "Quixotic", "zebediah@example.com", "Zanzibarnote"]
THEIR_CANDIDATE = ["Ptolemy", "Xanthippe", "ptolemy@example.com", "Yggdrasilnote"]
ACCOMMODATION = ["Wilhelmina", "Vortigern", "wilhelmina@example.com", "Quokka"]


def leaks(pages, words):
    return sorted({(url, word) for url, html in pages.items() for word in words if word in html})


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("role", ["Site administrator", "Accommodations coordinator"])
def test_roles_without_application_access_never_see_a_candidate(world, role):
    pages = crawl(signed_in(staff_in_role(role)))
    assert len(pages) > 5
    assert leaks(pages, OUR_CANDIDATE + THEIR_CANDIDATE) == []


@pytest.mark.parametrize("role", ["Site administrator", "Recruiter"])
def test_only_coordinators_see_accommodation_requests(world, role):
    pages = crawl(signed_in(staff_in_role(role)))
    assert leaks(pages, ACCOMMODATION) == []


def test_a_hiring_manager_sees_only_their_teams_candidates(world):
    pages = crawl(signed_in(world["manager"]))
    assert leaks(pages, THEIR_CANDIDATE + ACCOMMODATION) == []
    assert leaks(pages, ["Zebediah"]), "the manager should see their own team's candidate"
    assert {word for _, word in leaks(pages, ["Zanzibarnotefeedback", "Zanzibarnotecriterion", "Zanzibarnote in"])} == {
        "Zanzibarnotefeedback", "Zanzibarnotecriterion", "Zanzibarnote in"}, "and its notes and feedback"


def test_coordinators_see_requests_and_recruiters_see_applications(world):
    """The crawl reaches what each role may read (so the tests above are not vacuous)."""
    coordinator_pages = crawl(signed_in(staff_in_role("Accommodations coordinator")))
    assert leaks(coordinator_pages, ["Wilhelmina"])
    recruiter_pages = crawl(signed_in(staff_in_role("Recruiter")))
    assert leaks(recruiter_pages, ["Zebediah"]) and leaks(recruiter_pages, ["Ptolemy"])


def test_superusers_reach_everything_but_health_details_stay_coordinator_only(world):
    root = SuperuserFactory(email="root@example.com", last_login=timezone.now())
    pages = crawl(signed_in(root))
    assert leaks(pages, ["Zebediah"]) and leaks(pages, ["Ptolemy"])
    assert leaks(pages, ACCOMMODATION) == []
    assert Client().get("/admin/accommodations/accommodationrequest/").status_code == 404
    # Taking the role is possible, and logged.
    from django.contrib.auth.models import Group

    root.groups.add(Group.objects.get(name="Accommodations coordinator"))
    assert leaks(crawl(signed_in(root)), ["Wilhelmina"])
    assert root.role_changes.filter(change="added to group Accommodations coordinator").exists()
