"""Faults after the commit: a saved application keeps its résumé, whatever the after-commit work does.

These tests use ``transactional_db`` so the apply request's transaction really
commits and on-commit callbacks really run after it, as in production.
"""

import pytest
from django.db import OperationalError

from applications.models import Application
from tests.applications.test_apply import form_data
from tests.factories import PostingFactory, PrivacyPolicyFactory, QuestionFactory, TeamFactory
from tests.helpers import documents as d

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def posting():
    PrivacyPolicyFactory(version="2026-06", effective_on="2026-06-01")
    posting = PostingFactory(slug="policy-lead", team=TeamFactory(name="Global Affairs"))
    for position in range(3):
        QuestionFactory(posting=posting, required=False, kind="short_text", position=position)
    return posting


def _break_after_commit(monkeypatch, error):
    """What runs after the apply commit (handing the queued emails to the task worker) raises ``error``."""
    from notifications import services

    calls = []

    def enqueue(email_id, **kwargs):
        calls.append(email_id)
        raise error

    monkeypatch.setattr(services, "_enqueue", enqueue)
    return calls


def test_database_error_after_commit_keeps_the_application_and_its_resume(
    client, admin_client, posting, private_files, monkeypatch
):
    calls = _break_after_commit(monkeypatch, OperationalError("server closed the connection unexpectedly"))
    data = form_data(posting)
    response = client.post("/careers/policy-lead/apply/", data)

    assert calls, "the after-commit work ran"
    assert response.status_code == 302 and response["Location"] == "/careers/policy-lead/apply/done/"
    application = Application.objects.get()
    assert private_files() == [application.resume.name]
    assert application.reference in client.get(response["Location"]).content.decode()
    download = admin_client.get(f"/admin/applications/application/{application.pk}/file/resume/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == d.pdf()

    # The browser sends the same form again (same token): the same application, not "already applied".
    data["resume"] = d.upload("Ada CV.pdf", d.pdf())
    again = client.post("/careers/policy-lead/apply/", data)
    assert again.status_code == 302 and again["Location"] == "/careers/policy-lead/apply/done/"
    assert application.reference in client.get(again["Location"]).content.decode()
    assert Application.objects.count() == 1 and private_files() == [application.resume.name]


def test_worker_timeout_after_commit_keeps_the_application_and_its_resume(client, posting, private_files, monkeypatch):
    """gunicorn's worker timeout raises SystemExit in the worker, possibly while the emails are sent."""
    _break_after_commit(monkeypatch, SystemExit(1))
    with pytest.raises(SystemExit):
        client.post("/careers/policy-lead/apply/", form_data(posting))
    application = Application.objects.get()
    assert private_files() == [application.resume.name]
    with application.resume.open("rb") as stored:
        assert stored.read() == d.pdf()


def test_failed_commit_with_the_row_saved_keeps_the_files(posting, private_files, monkeypatch):
    """The commit raised, yet the row is there (the COMMIT reached the server): the files stay."""
    from django.db.backends.base.base import BaseDatabaseWrapper

    from applications import services
    from applications.uploads import KINDS

    real_commit = BaseDatabaseWrapper.commit

    def commit_then_fail(self):
        real_commit(self)
        raise OperationalError("connection lost while waiting for COMMIT's answer")

    monkeypatch.setattr(BaseDatabaseWrapper, "commit", commit_then_fail)
    resume = services.Document(kind=KINDS["pdf"], display_name="cv.pdf", size=len(d.pdf()),
                               upload=d.upload("cv.pdf", d.pdf()))
    with pytest.raises(services.AlreadySubmitted) as submitted:
        services.application_submit(
            posting=posting, policy=posting_policy(), token="6f1c1d4e-8a39-4a4c-9d55-3c0c8f1b2a10",
            details={"first_name": "Ada", "last_name": "L", "email": "a@example.com", "country": "UK"},
            resume=resume, cover_letter_file=None, answers=[], consent_wording="I agree.",
            talent_pool=False, talent_pool_wording="",
        )
    monkeypatch.undo()
    application = Application.objects.get()
    assert submitted.value.application == application
    assert private_files() == [application.resume.name]


def test_database_gone_during_the_check_leaves_the_files_for_the_orphan_sweep(posting, private_files, monkeypatch):
    from django.db.backends.base.base import BaseDatabaseWrapper

    from applications import services
    from applications.uploads import KINDS

    gone = []
    look_up = services._application_with_token

    def commit_fails(self):
        gone.append(True)
        raise OperationalError("the database went away")

    def no_database_once_gone(token):
        if gone:
            raise OperationalError("the database went away")
        return look_up(token)

    monkeypatch.setattr(BaseDatabaseWrapper, "commit", commit_fails)
    monkeypatch.setattr(services, "_application_with_token", no_database_once_gone)
    resume = services.Document(kind=KINDS["pdf"], display_name="cv.pdf", size=len(d.pdf()),
                               upload=d.upload("cv.pdf", d.pdf()))
    with pytest.raises(OperationalError):
        services.application_submit(
            posting=posting, policy=posting_policy(), token="0b7d9f4a-2f57-4a4e-8a6b-5f1d2f0f7c11",
            details={"first_name": "Ada", "last_name": "L", "email": "a@example.com", "country": "UK"},
            resume=resume, cover_letter_file=None, answers=[], consent_wording="I agree.",
            talent_pool=False, talent_pool_wording="",
        )
    assert len(private_files()) == 1  # not known to be uncommitted: purge_orphan_files decides later


def posting_policy():
    from careers.models import PrivacyPolicy

    return PrivacyPolicy.objects.current()
