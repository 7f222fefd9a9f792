"""The apply flow through real HTTP requests: success and bad input (nothing lost, limits, faults: test_apply_kept.py)."""

import uuid

import pytest
from django.test import Client, TestCase

from applications.models import Application, ConsentRecord
from notifications.models import OutgoingEmail
from tests.factories import (
    ClosedPostingFactory,
    DraftPostingFactory,
    PrivacyPolicyFactory,
    QuestionFactory,
)
from tests.helpers import documents as d

pytestmark = pytest.mark.django_db


def form_data(posting, **overrides):
    questions = list(posting.questions.all())
    data = {
        "submission_token": str(uuid.uuid4()),
        "first_name": "Ada",
        "last_name": "Lovelace",
        "email": "ada@example.com",
        "phone": "+44 20 7946 0000",
        "country": "United Kingdom",
        "city": "London",
        "linkedin_url": "https://www.linkedin.com/in/ada",
        "website_url": "",
        "cover_letter": "I would love to help.",
        "source": "A friend",
        "consent": "on",
        f"question_{questions[0].pk}": "No",
        f"question_{questions[1].pk}": "PhD",
        f"question_{questions[2].pk}": "On engines",
        "resume": d.upload("Ada CV.pdf", d.pdf()),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def post(client, url, data):
    """POST, running after-commit work (handing emails to the worker) as each request's commit would."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(url, data)


def apply(client, posting, **overrides):
    return post(client, f"/careers/{posting.slug}/apply/", form_data(posting, **overrides))


def test_form_shows_questions_unticked_consent_and_accommodations(client, posting):
    response = client.get("/careers/policy-lead/apply/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Will you need visa sponsorship to work in the UK?" in html
    assert 'href="/privacy/2026-06/"' in html and "version 2026-06" in html
    assert 'name="consent"' in html and 'name="talent_pool"' in html
    assert "checked" not in html  # neither consent is pre-ticked
    assert "/accommodations/?posting=policy-lead" in html


def test_successful_application(client, posting, private_files, mailoutbox):
    response = apply(client, posting, talent_pool="on")
    assert response.status_code == 302 and response["Location"] == "/careers/policy-lead/apply/done/"
    application = Application.objects.get()
    assert (application.first_name, application.email, application.posting) == ("Ada", "ada@example.com", posting)
    # The stored file is the upload, under a random name in private storage.
    with application.resume.open("rb") as stored:
        assert stored.read() == d.pdf()
    assert application.resume_name == "Ada CV.pdf"
    assert "Ada" not in application.resume.name and application.resume.name.startswith("resumes/")
    assert private_files() == [application.resume.name]
    # Answers and the consent record.
    assert {a.question_label: a.value for a in application.answers.all()} == {
        "Will you need visa sponsorship to work in the UK?": "No", "Highest degree?": "PhD",
        "A paper you are proud of": "On engines",
    }
    consent = ConsentRecord.objects.get(application=application)
    assert consent.policy_version == "2026-06" and "version 2026-06" in consent.wording
    assert consent.talent_pool and "future opportunities" in consent.talent_pool_wording
    # Confirmation page with the reference.
    done = client.get(response["Location"])
    assert application.reference in done.content.decode()
    # Both emails, sent after commit.
    assert sorted(m.to[0] for m in mailoutbox) == ["ada@example.com", "global-affairs-hiring@example.com"]
    candidate = next(m for m in mailoutbox if m.to == ["ada@example.com"])
    assert application.reference in candidate.body and "/privacy/2026-06/" in candidate.body
    team = next(m for m in mailoutbox if m.to != ["ada@example.com"])
    assert not team.attachments and "ada@example.com" not in team.body and "+44" not in team.body
    assert "Ada Lovelace" in team.body
    assert set(OutgoingEmail.objects.values_list("status", flat=True)) == {"sent"}


def test_reference_is_not_guessable():
    from careers.references import new_reference

    references = {new_reference() for _ in range(2000)}
    assert len(references) == 2000
    assert all(len(r) == 19 and r.count("-") == 3 for r in references)


def test_done_page_needs_the_applying_session(client, posting):
    apply(client, posting)
    stranger = Client()
    response = stranger.get("/careers/policy-lead/apply/done/")
    assert response.status_code == 302  # back to the posting: no one else sees a confirmation


def test_new_policy_version_never_changes_earlier_consent(client, posting):
    apply(client, posting)
    PrivacyPolicyFactory(version="2026-12", effective_on="2026-11-01", body="Changed.")
    consent = ConsentRecord.objects.get()
    assert consent.policy_version == "2026-06" and consent.policy.version == "2026-06"
    assert "version 2026-12" in client.get("/careers/policy-lead/apply/").content.decode()


def test_cover_letter_file_is_stored_privately(client, posting, private_files):
    apply(client, posting, cover_letter_file=d.upload("letter.docx", d.docx()))
    application = Application.objects.get()
    assert application.cover_letter_name == "letter.docx"
    assert sorted(private_files()) == sorted([application.resume.name, application.cover_letter_file.name])


# --- bad input: each ends in a specific message or a 4xx, with no row and no file ---------

BAD_INPUT = [
    ("exe renamed .pdf", {"resume": lambda: d.upload("cv.pdf", d.EXE)}, 400, "couldn’t recognise this file as a document"),
    ("html renamed .pdf", {"resume": lambda: d.upload("cv.pdf", d.HTML)}, 400, "couldn’t recognise this file"),
    ("pdf over the limit", {"resume": lambda: d.upload("cv.pdf", d.pdf(10 * 1024 * 1024 + 1))}, 400, "the limit is 10.0"),
    ("empty file", {"resume": lambda: d.upload("cv.pdf", b"")}, 400, "is empty"),
    ("docx zip bomb", {"resume": lambda: d.upload("cv.docx", d.docx_bomb())}, 400, "unpacks to far more data"),
    ("zip that is not a docx", {"resume": lambda: d.upload("cv.docx", d.plain_zip())}, 400, "couldn’t recognise"),
    ("ole file that is not word", {"resume": lambda: d.upload("cv.doc", d.ole_not_word())}, 400, "couldn’t recognise"),
    ("truncated pdf", {"resume": lambda: d.upload("cv.pdf", d.pdf().replace(b"%%EOF", b""))}, 400, "looks incomplete"),
    ("pdf named docx", {"resume": lambda: d.upload("cv.docx", d.pdf())}, 400, "but its contents are PDF"),
    ("rtl override hides exe", {"resume": lambda: d.upload("cv\u202efdp.exe", d.EXE)}, 400, "couldn’t recognise"),
    ("exe as cover letter", {"cover_letter_file": lambda: d.upload("letter.pdf", d.EXE)}, 400, "upload your cover letter as"),
    ("missing resume", {"resume": None}, 400, "Please attach your résumé or CV."),
    ("missing consent", {"consent": None}, 400, "Please tick the box to confirm you agree to the privacy policy"),
    ("invalid email", {"email": "ada@@example"}, 400, "Enter a valid email address."),
    ("javascript linkedin", {"linkedin_url": "javascript:alert(1)"}, 400, "Enter a full web address starting with https://"),
    ("javascript website", {"website_url": "JaVaScRiPt:alert(1)//https://x"}, 400, "Enter a full web address"),
    ("data url", {"website_url": "data:text/html,<script>alert(1)</script>"}, 400, "Enter a full web address"),
    ("ftp url", {"website_url": "ftp://example.com/cv"}, 400, "Enter a full web address"),
    ("invalid phone", {"phone": "call me maybe"}, 400, "Enter a phone number using digits"),
    ("over-long first name", {"first_name": "A" * 101}, 400, "at most 100 characters"),
    ("over-long cover letter", {"cover_letter": "x" * 10_001}, 400, "at most 10000 characters"),
    ("over-long source", {"source": "x" * 201}, 400, "at most 200 characters"),
    ("missing first name", {"first_name": ""}, 400, "This field is required."),
    ("missing country", {"country": ""}, 400, "This field is required."),
    ("unknown single choice", {"question_choice": "Astronaut"}, 400, "Select a valid choice."),
    ("missing required question", {"question_yes_no": None}, 400, "This field is required."),
    ("tampered submission token", {"submission_token": "not-a-uuid"}, 400, "Enter a valid UUID."),
    ("honeypot filled", {"contact_me_by_fax": "555-1234"}, 400, "It looked automated, so it was not saved."),
]


@pytest.mark.parametrize("case, overrides, status, message", BAD_INPUT, ids=[c[0] for c in BAD_INPUT])
def test_bad_input(client, posting, private_files, case, overrides, status, message):
    questions = list(posting.questions.all())
    aliases = {"question_yes_no": f"question_{questions[0].pk}", "question_choice": f"question_{questions[1].pk}"}
    resolved = {aliases.get(k, k): (v() if callable(v) else v) for k, v in overrides.items()}
    data = form_data(posting, **resolved)
    response = client.post("/careers/policy-lead/apply/", data)
    assert response.status_code == status
    assert message in response.content.decode()
    assert Application.objects.count() == 0
    # Nothing stored except a valid résumé held for this form session (so it need not be re-sent).
    assert [f for f in private_files() if not f.startswith("held/")] == []
    assert len(private_files()) <= 1


def test_bad_input_suite_is_large_enough():
    assert len(BAD_INPUT) + 3 >= 25  # plus CSRF, closed/draft postings and oversized requests below


def test_missing_csrf_token_is_refused(posting, private_files):
    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/careers/policy-lead/apply/", form_data(posting))
    assert response.status_code == 403
    assert "This form expired" in response.content.decode()
    assert Application.objects.count() == 0 and private_files() == []


@pytest.mark.parametrize("factory, status", [(ClosedPostingFactory, 410), (DraftPostingFactory, 404)])
def test_closed_and_draft_postings_refuse_applications(client, policy, private_files, factory, status):
    posting = factory(slug="not-open")
    QuestionFactory(posting=posting)
    QuestionFactory(posting=posting)
    QuestionFactory(posting=posting)
    assert client.get("/careers/not-open/apply/").status_code == status
    response = client.post("/careers/not-open/apply/", form_data(posting))
    assert response.status_code == status
    assert Application.objects.count() == 0 and private_files() == []


def test_oversized_request_is_refused_before_reading(client, posting, settings, private_files):
    settings.APPLY_MAX_REQUEST_BYTES = 5000
    response = apply(client, posting, resume=d.upload("cv.pdf", d.pdf(6000)))
    assert response.status_code == 413
    assert "That upload is too large" in response.content.decode()
    assert Application.objects.count() == 0 and private_files() == []


@pytest.mark.parametrize(
    "raw_name, shown",
    [
        ("../../../etc/cv.pdf", "cv.pdf"),
        ("cv\u202efdp.pdf", "cvfdp.pdf"),
        ("b" * 300 + ".pdf", "b" * 96 + ".pdf"),
    ],
)
def test_hostile_file_names_are_stored_safely(client, posting, private_files, raw_name, shown):
    response = apply(client, posting, resume=d.upload(raw_name, d.pdf()))
    assert response.status_code == 302
    application = Application.objects.get()
    assert application.resume_name == shown
    assert private_files() == [application.resume.name]
    assert ".." not in application.resume.name


def test_script_payloads_are_escaped_on_confirmation_page_and_admin(client, admin_client, posting):
    payload = '<script>alert("x")</script>'
    text_fields = ["first_name", "last_name", "country", "city", "cover_letter", "source"]
    questions = list(posting.questions.all())
    overrides = {field: payload for field in text_fields}
    overrides[f"question_{questions[2].pk}"] = payload
    response = apply(client, posting, **overrides)
    assert response.status_code == 302
    application = Application.objects.get()
    assert application.first_name == payload  # stored as typed
    done = client.get(response["Location"]).content.decode()
    change = admin_client.get(f"/admin/applications/application/{application.pk}/change/").content.decode()
    listing = admin_client.get("/admin/applications/application/").content.decode()
    for html in (done, change, listing):
        assert payload not in html
        assert "&lt;script&gt;" in html


def test_done_page_and_confirmation_say_an_account_shows_the_status(client, posting, mailoutbox):
    from django.utils import timezone

    from tests.factories import UserFactory

    response = apply(client, posting)
    done = client.get(response["Location"]).content.decode()
    assert "Follow your application" in done and 'href="/accounts/signup/"' in done
    candidate = next(m for m in mailoutbox if m.to == ["ada@example.com"])
    assert "/accounts/signup/" in candidate.body and "status" in candidate.body
    # A signed-in candidate with that verified address is pointed at their account instead.
    signed_in = Client()
    signed_in.force_login(UserFactory(email="grace@example.com", email_verified_at=timezone.now()))
    response = apply(signed_in, posting, email="grace@example.com")
    done = signed_in.get(response["Location"]).content.decode()
    assert 'href="/accounts/applications/"' in done and 'href="/accounts/signup/"' not in done


def test_honeypot_and_its_label_are_hidden_from_screen_readers(client, posting):
    import re

    html = client.get(f"/careers/{posting.slug}/apply/").content.decode()
    wrapper = re.search(r'<div[^>]*aria-hidden="true"[^>]*>(.*?)</div>\s*</div>', html, re.S)
    assert wrapper and 'for="id_contact_me_by_fax"' in wrapper.group(1) and 'tabindex="-1"' in wrapper.group(1)
