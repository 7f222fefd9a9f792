"""Feedback from reviewers: criteria per posting, one feedback per reviewer, access, export and erasure."""

import datetime
import io
import json
import zipfile

import pytest
from django.db import IntegrityError, transaction
from django.test import Client
from django.utils import timezone

from applications.models import Application, ApplicationAccessLog, ErasedApplication
from applications.retention import applications_erase, purge_expired_applications
from reviews.models import CriterionNote, Feedback, FeedbackCriterion, Note
from reviews.services import feedback_save, note_add
from tests.factories import ApplicationFactory, PostingFactory

from .conftest import EVERYONE, NOT_REVIEWERS, REVIEWERS, SIGNED_OUT, application_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def criteria(world):
    posting = world["application"].posting
    return [
        FeedbackCriterion.objects.create(posting=posting, position=2, name="Communication", hint="Clear & <kind>?"),
        FeedbackCriterion.objects.create(posting=posting, position=1, name="Technical depth"),
    ]


def feedback_url(application):
    return f"/admin/reviews/application/{application.pk}/feedback/"


def answer(criteria, recommendation="yes", **notes):
    data = {"recommendation": recommendation, "summary": notes.pop("summary", "")}
    for criterion in criteria:
        data[f"criterion_{criterion.pk}"] = notes.get(criterion.name.split()[0].lower(), "")
    return data


@pytest.mark.parametrize("who", REVIEWERS)
def test_reviewers_leave_feedback_per_criterion_and_see_it_on_the_application(world, client_as, criteria, who):
    application, client = world["application"], client_as(who)
    form = client.get(feedback_url(application))
    assert form.status_code == 200
    html = form.content.decode()
    assert html.index("Technical depth") < html.index("Communication")  # the recruiter's order
    assert "Clear &amp; &lt;kind&gt;?" in html and "Strong yes" in html
    response = client.post(feedback_url(application), answer(
        criteria, "strong_yes", technical="Designed a <b>queue</b>", communication="Crisp", summary="Hire.\nSoon."))
    assert response.status_code == 302 and response["Location"] == application_page(application) + "#feedback"
    feedback = Feedback.objects.get()
    assert (feedback.reviewer, feedback.recommendation, feedback.summary) == (world["users"][who], "strong_yes", "Hire.\nSoon.")
    assert [(n.criterion_name, n.text) for n in feedback.criterion_notes.all()] == [
        ("Technical depth", "Designed a <b>queue</b>"), ("Communication", "Crisp")]
    page = client.get(application_page(application)).content.decode()
    assert "Your feedback was saved." in page
    assert "Strong yes" in page and "Designed a &lt;b&gt;queue&lt;/b&gt;" in page and "Hire.<br>Soon." in page
    assert "Change your feedback" in page


@pytest.mark.parametrize("who", SIGNED_OUT)
def test_signed_out_and_candidates_are_sent_to_the_admin_sign_in(world, client_as, criteria, who):
    client = client_as(who)
    for response in (client.get(feedback_url(world["application"])),
                     client.post(feedback_url(world["application"]), answer(criteria))):
        assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    assert not Feedback.objects.exists()


@pytest.mark.parametrize("who", NOT_REVIEWERS)
def test_staff_who_may_not_see_the_application_get_404_as_for_a_missing_one(world, client_as, criteria, who):
    client = client_as(who)
    for url in (feedback_url(world["application"]), "/admin/reviews/application/999999/feedback/"):
        assert client.get(url).status_code == 404
        assert client.post(url, answer(criteria)).status_code == 404
    assert not Feedback.objects.exists()


def test_another_teams_manager_cannot_reach_or_read_our_feedback(world, client_as, criteria):
    feedback_save(application=world["application"], reviewer=world["manager"], recommendation="no",
                  summary="Quokka verdict", criterion_notes={})
    client = client_as("hiring manager of another team")
    assert client.get(feedback_url(world["application"])).status_code == 404
    assert "Quokka verdict" not in client.get(application_page(world["other"])).content.decode()
    # Their own team's candidate is theirs to review.
    assert client.get(feedback_url(world["other"])).status_code == 200


@pytest.mark.parametrize("who", EVERYONE)
def test_missing_application_is_404_for_every_staff_member(world, client_as, who):
    response = client_as(who).get("/admin/reviews/application/999999/feedback/")
    assert response.status_code == (302 if who in SIGNED_OUT else 404)


def test_opening_the_feedback_page_is_logged_like_opening_the_application(world, client_as):
    client_as("hiring manager of the team").get(feedback_url(world["application"]))
    entry = ApplicationAccessLog.objects.get()
    assert (entry.user, entry.application, entry.action) == (world["manager"], world["application"], "viewed")


def test_the_author_changes_their_feedback_and_nobody_elses(world, client_as, criteria):
    application = world["application"]
    feedback_save(application=application, reviewer=world["users"]["recruiter"], recommendation="strong_no",
                  summary="Recruiter's view", criterion_notes={})
    manager = client_as("hiring manager of the team")
    manager.post(feedback_url(application), answer(criteria, "no", technical="Shallow"))
    form = manager.get(feedback_url(application)).content.decode()
    assert "Change your feedback" in form and "Shallow" in form and "Recruiter&#x27;s view" not in form
    manager.post(feedback_url(application), answer(criteria, "yes", communication="Good", summary="On reflection"))
    mine = Feedback.objects.get(reviewer=world["manager"])
    assert mine.recommendation == "yes" and mine.summary == "On reflection" and mine.updated_at > mine.created_at
    # Emptying a criterion's box removes that note; the other reviewer's feedback is untouched.
    assert [(n.criterion_name, n.text) for n in mine.criterion_notes.all()] == [("Communication", "Good")]
    theirs = Feedback.objects.get(reviewer=world["users"]["recruiter"])
    assert (theirs.recommendation, theirs.summary) == ("strong_no", "Recruiter's view")
    assert Feedback.objects.count() == 2


def test_an_invalid_recommendation_shows_the_form_again_and_saves_nothing(world, client_as, criteria):
    response = client_as("recruiter").post(feedback_url(world["application"]), answer(criteria, "maybe", technical="kept"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Please correct the errors below." in html and "kept" in html
    assert not Feedback.objects.exists()


def test_criteria_of_another_posting_are_ignored(world, client_as, criteria):
    foreign = FeedbackCriterion.objects.create(posting=world["other"].posting, name="Foreign")
    client_as("recruiter").post(feedback_url(world["application"]),
                                {**answer(criteria), f"criterion_{foreign.pk}": "smuggled"})
    assert not CriterionNote.objects.filter(text="smuggled").exists()


def test_a_removed_criterion_keeps_its_notes_under_its_name(world, criteria):
    feedback = feedback_save(application=world["application"], reviewer=world["manager"], recommendation="yes",
                             criterion_notes={criteria[0].pk: "Clear"})
    criteria[0].delete()
    note = feedback.criterion_notes.get()
    assert (note.criterion, note.criterion_name, note.text) == (None, "Communication", "Clear")


def test_the_database_allows_one_feedback_per_reviewer_and_only_known_recommendations(world):
    application, manager = world["application"], world["manager"]
    Feedback.objects.create(application=application, reviewer=manager, reviewer_role="x", recommendation="yes")
    with pytest.raises(IntegrityError), transaction.atomic():
        Feedback.objects.create(application=application, reviewer=manager, reviewer_role="x", recommendation="no")
    with pytest.raises(IntegrityError), transaction.atomic():
        Feedback.objects.create(application=world["other"], reviewer=manager, reviewer_role="x", recommendation="maybe")


def test_the_panel_tallies_recommendations(world, client_as):
    for who, recommendation in (("recruiter", "yes"), ("superuser", "yes"), ("hiring manager of the team", "strong_no")):
        feedback_save(application=world["application"], reviewer=world["users"][who],
                      recommendation=recommendation, criterion_notes={})
    page = client_as("recruiter").get(application_page(world["application"])).content.decode()
    assert "Strong no: <strong>1</strong>" in page and "Yes: <strong>2</strong>" in page
    assert "Leave feedback" not in page and "Change your feedback" in page


# --- criteria: recruiters define them per posting --------------------------------------------------

CRITERIA_ADMIN = "/admin/reviews/feedbackcriterion/"


@pytest.mark.parametrize("who", ["recruiter", "superuser"])
def test_recruiters_define_criteria_per_posting(world, client_as, who):
    client = client_as(who)
    posting = world["application"].posting
    assert client.get(CRITERIA_ADMIN).status_code == 200
    response = client.post(CRITERIA_ADMIN + "add/", {"posting": posting.pk, "position": 1, "name": "Ownership",
                                                      "hint": "Did they finish things?"})
    assert response.status_code == 302
    assert list(posting.feedback_criteria.values_list("name", flat=True)) == ["Ownership"]
    panel = client.get(application_page(world["application"])).content.decode()
    assert f"{CRITERIA_ADMIN}?posting__id__exact={posting.pk}" in panel
    # Adding from that filtered list starts on the posting.
    add = client.get(CRITERIA_ADMIN + "add/", {"_changelist_filters": f"posting__id__exact={posting.pk}"})
    assert add.context["adminform"].form.initial["posting"] == str(posting.pk)


@pytest.mark.parametrize("who", NOT_REVIEWERS + ("hiring manager of the team",))
def test_other_staff_cannot_define_criteria(world, client_as, who):
    client = client_as(who)
    assert client.get(CRITERIA_ADMIN).status_code == 403
    assert client.post(CRITERIA_ADMIN + "add/", {"posting": world["application"].posting.pk, "name": "X"}).status_code == 403
    assert not FeedbackCriterion.objects.exists()
    assert "feedbackcriterion" not in client.get("/admin/").content.decode()


# --- the candidate's data: export and erasure -------------------------------------------------------

@pytest.fixture
def reviewed(world, criteria):
    application = world["application"]
    note_add(application=application, author=world["users"]["recruiter"], text="Quokka note")
    feedback_save(application=application, reviewer=world["manager"], recommendation="strong_yes",
                  summary="Quokka summary", criterion_notes={criteria[1].pk: "Quokka depth"})
    return application


def test_the_data_export_holds_notes_and_feedback_with_roles_not_names(world, reviewed):
    client = Client()
    client.force_login(world["users"]["candidate account"])
    response = client.post("/accounts/data/export/")
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    text = archive.read("data.json").decode()
    [exported] = json.loads(text)["applications"]
    assert [(n["written_by"], n["text"]) for n in exported["internal_notes"]] == [("Recruiter", "Quokka note")]
    [feedback] = exported["feedback"]
    assert (feedback["written_by"], feedback["recommendation"], feedback["overall_notes"]) == (
        "Hiring manager", "Strong yes", "Quokka summary")
    assert feedback["criteria"] == [{"criterion": "Technical depth", "notes": "Quokka depth"}]
    for staff in ("recruiter@example.com", "manager@example.com", "Rita", "Mia"):
        assert staff not in text


def test_erasing_the_application_erases_its_notes_and_feedback(world, reviewed):
    applications_erase(Application.objects.filter(pk=reviewed.pk))
    assert not Note.objects.exists() and not Feedback.objects.exists() and not CriterionNote.objects.exists()
    erased = ErasedApplication.objects.values()
    assert "Quokka" not in str(list(erased))


def test_the_candidates_account_erasure_takes_notes_and_feedback(world, reviewed, django_capture_on_commit_callbacks):
    client = Client()
    client.force_login(world["users"]["candidate account"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/data/delete/", {"password": "correct horse battery staple", "confirm": "on"})
    assert response.status_code == 302
    assert not Note.objects.exists() and not Feedback.objects.exists() and not CriterionNote.objects.exists()


def test_retention_purges_notes_and_feedback_with_the_application(world):
    due = ApplicationFactory(posting=PostingFactory(status="closed", closed_at=timezone.now() - datetime.timedelta(days=800)))
    kept = world["application"]
    for application in (due, kept):
        note_add(application=application, author=world["users"]["superuser"], text=f"note {application.pk}")
        feedback_save(application=application, reviewer=world["users"]["superuser"], recommendation="no",
                      criterion_notes={})
    assert purge_expired_applications() == 1
    assert list(Note.objects.values_list("application", flat=True)) == [kept.pk]
    assert list(Feedback.objects.values_list("application", flat=True)) == [kept.pk]


def test_criteria_never_stop_a_site_administrator_deleting_a_posting(world, client_as):
    posting = PostingFactory(status="draft", published_at=None)
    FeedbackCriterion.objects.create(posting=posting, name="Rigour")
    client = client_as("site administrator")
    response = client.post(f"/admin/careers/posting/{posting.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not FeedbackCriterion.objects.exists() and not type(posting).objects.filter(pk=posting.pk).exists()
    # Nor do they reach the criteria pages (a posting's criteria go with it, nothing more).
    assert client.get(CRITERIA_ADMIN).status_code == 403
