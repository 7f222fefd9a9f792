"""Internal notes on an application: who may write and read them, and how they are shown."""

import pytest
from django.db import IntegrityError, transaction

from reviews.models import Note
from reviews.services import note_add

from .conftest import EVERYONE, NOT_REVIEWERS, REVIEWERS, SIGNED_OUT, application_page

pytestmark = pytest.mark.django_db


def notes_url(application):
    return f"/admin/reviews/application/{application.pk}/notes/"


@pytest.mark.parametrize("who", REVIEWERS)
def test_reviewers_add_a_note_and_are_sent_back_to_the_application(world, client_as, who):
    application, client = world["application"], client_as(who)
    response = client.post(notes_url(application), {"text": "Strong systems design.\nAsk about Kafka."})
    assert response.status_code == 302
    assert response["Location"] == application_page(application) + "#notes"
    note = Note.objects.get()
    assert (note.application, note.author, note.text) == (application, world["users"][who], "Strong systems design.\nAsk about Kafka.")
    page = client.get(application_page(application)).content.decode()
    assert "Strong systems design.<br>Ask about Kafka." in page
    assert "Note added." in page


@pytest.mark.parametrize("who", SIGNED_OUT)
def test_signed_out_and_candidates_are_sent_to_the_admin_sign_in(world, client_as, who):
    response = client_as(who).post(notes_url(world["application"]), {"text": "sneaky"})
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    assert not Note.objects.exists()


@pytest.mark.parametrize("who", NOT_REVIEWERS)
def test_staff_who_may_not_see_the_application_get_404_as_for_a_missing_one(world, client_as, who):
    client = client_as(who)
    assert client.post(notes_url(world["application"]), {"text": "sneaky"}).status_code == 404
    assert client.post("/admin/reviews/application/999999/notes/", {"text": "sneaky"}).status_code == 404
    assert not Note.objects.exists()


@pytest.mark.parametrize("who", REVIEWERS)
def test_a_missing_application_is_404_for_reviewers_too(world, client_as, who):
    assert client_as(who).post("/admin/reviews/application/999999/notes/", {"text": "x"}).status_code == 404


@pytest.mark.parametrize("who", EVERYONE)
def test_a_note_is_never_added_by_get(world, client_as, who):
    response = client_as(who).get(notes_url(world["application"]))
    assert response.status_code in (302, 404, 405)
    assert not Note.objects.exists()


def test_csrf_is_required(world):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(world["users"]["recruiter"])
    assert client.post(notes_url(world["application"]), {"text": "no token"}).status_code == 403
    assert not Note.objects.exists()


def test_an_empty_note_is_refused_with_a_message(world, client_as):
    client = client_as("recruiter")
    response = client.post(notes_url(world["application"]), {"text": "   "}, follow=True)
    assert "The note was not added" in response.content.decode()
    assert not Note.objects.exists()


def test_the_database_refuses_an_empty_note(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        Note.objects.create(application=world["application"], author=world["manager"], author_role="x", text="")


def test_notes_are_escaped_and_shown_newest_first_with_author_and_role(world, client_as):
    application = world["application"]
    note_add(application=application, author=world["manager"], text="first <script>alert(1)</script>")
    note_add(application=application, author=world["users"]["recruiter"], text="second")
    page = client_as("recruiter").get(application_page(application)).content.decode()
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert page.index("second") < page.index("first &lt;script")
    assert "Mia Manager (Hiring manager)" in page and "Rita Recruiter (Recruiter)" in page


@pytest.mark.parametrize("who", REVIEWERS)
def test_whoever_may_see_the_application_sees_its_notes(world, client_as, who):
    note_add(application=world["application"], author=world["manager"], text="Quetzal remark")
    assert "Quetzal remark" in client_as(who).get(application_page(world["application"])).content.decode()


def test_another_teams_manager_sees_no_note_of_ours(world, client_as):
    note_add(application=world["application"], author=world["manager"], text="Quetzal remark")
    client = client_as("hiring manager of another team")
    other_page = client.get(application_page(world["other"])).content.decode()
    assert "Quetzal remark" not in other_page and "Zebediah" not in other_page
    assert client.get(application_page(world["application"])).status_code == 302  # the admin's "doesn't exist"


def test_the_panel_costs_a_constant_number_of_queries(world, client_as):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from reviews.models import FeedbackCriterion
    from reviews.services import feedback_save
    from tests.factories import staff_in_role

    application, client = world["application"], client_as("recruiter")
    criteria = [FeedbackCriterion.objects.create(posting=application.posting, name=f"C{n}") for n in range(3)]

    def review(count):
        for n in range(count):
            author = staff_in_role("Recruiter")
            note_add(application=application, author=author, text=f"note {n}")
            feedback_save(application=application, reviewer=author, recommendation="yes", summary="s",
                          criterion_notes={c.pk: f"about {c.name}" for c in criteria})

    review(1)
    with CaptureQueriesContext(connection) as one:
        client.get(application_page(application))
    review(10)
    with CaptureQueriesContext(connection) as many:
        page = client.get(application_page(application)).content.decode()
    assert page.count("about C2") == 11
    assert len(many) == len(one)
