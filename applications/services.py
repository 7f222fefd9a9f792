"""The apply flow, and only it: views parse requests and call ``application_submit``; forms own field validation."""

import logging

from botocore.exceptions import BotoCoreError, ClientError
from django.core.files.storage import storages
from django.db import DatabaseError, IntegrityError, transaction
from django.utils import timezone

from accounts.identity import normalize_email
from careers.models import Posting, PrivacyPolicy

from . import uploads
from .emails import application_emails_queue
from .models import Answer, Application, ConsentRecord
from .uploads import Document

logger = logging.getLogger(__name__)


class DuplicateApplication(Exception):
    """The same person already has a live application for this posting."""


class AlreadySubmitted(Exception):
    """This form submission (its token) was already turned into an application.

    ``email_differs``: the form came back with another address than the one the
    application was made with (a corrected typo); the application keeps its own.
    """

    def __init__(self, application, email):
        super().__init__(application.reference)
        self.application = application
        self.email_differs = normalize_email(email) != application.email


class StorageUnavailable(Exception):
    """A file could not be stored; nothing was written."""


# A full or failing disk (OSError), or an object store that is down, refuses or times out (botocore).
STORAGE_ERRORS = (OSError, BotoCoreError, ClientError)


def store_document(document, folder):
    """Copy a document into private storage under a new random name; a failed write leaves nothing."""
    storage = storages["private"]
    name = f"{folder}/{timezone.now():%Y/%m}/{uploads.random_name(document.kind)}"
    try:
        if document.held_name:
            with storage.open(document.held_name) as source:
                return storage.save(name, source)
        return storage.save(name, document.upload)
    except STORAGE_ERRORS as error:
        logger.error("Could not store an uploaded document: %s", type(error).__name__)
        # A full disk leaves what was written so far (empty or truncated) under our fresh random name.
        try:
            storage.delete(name)
        except STORAGE_ERRORS:
            logger.error("Could not remove a partly written document; the orphan sweep will.")
        raise StorageUnavailable from error


def application_submit(
    *,
    posting: Posting,
    policy: PrivacyPolicy,
    token,
    details: dict,
    resume: Document,
    cover_letter_file: Document | None,
    answers,
    consent_wording: str,
    talent_pool: bool,
    talent_pool_wording: str,
) -> Application:
    """Create an application with its files, answers and consent record, all or nothing.

    Files are stored first; if writing the rows fails (a constraint, the
    database, the commit itself) the stored files are deleted again unless the
    row is found committed after all, so there is never a row without its file.
    Emails are rendered into the outbox in the same transaction and delivered
    by the task worker; handing them to it after commit never raises here.
    """
    existing = _application_with_token(token)
    if existing:
        raise AlreadySubmitted(existing, details["email"])
    if not posting.is_open:
        raise ValueError("This posting is not accepting applications.")
    details = {**details, "email": normalize_email(details["email"])}
    if Application.objects.filter(posting=posting, email=details["email"]).exclude(
        stage=Application.Stage.WITHDRAWN
    ).exists():
        raise DuplicateApplication

    stored = []
    try:
        stored.append(store_document(resume, "resumes"))
        if cover_letter_file:
            stored.append(store_document(cover_letter_file, "cover-letters"))
        with transaction.atomic():
            application = Application(
                posting=posting,
                submission_token=token,
                resume_name=resume.display_name,
                resume_size=resume.size,
                **details,
            )
            application.resume.name = stored[0]
            if cover_letter_file:
                application.cover_letter_file.name = stored[1]
                application.cover_letter_name = cover_letter_file.display_name
            # Field checks only: uniqueness is the database's job (IntegrityError below), race-free.
            application.full_clean(
                exclude=["resume", "cover_letter_file", "submission_token"],
                validate_unique=False,
                validate_constraints=False,
            )
            application.save()
            Answer.objects.bulk_create(
                Answer(application=application, question=question, question_label=label, value=value)
                for question, label, value in answers
            )
            ConsentRecord.objects.create(
                application=application,
                policy=policy,
                policy_version=policy.version,
                wording=consent_wording,
                talent_pool=talent_pool,
                talent_pool_wording=talent_pool_wording if talent_pool else "",
            )
            application_emails_queue(application)  # rendered into the outbox; delivered by the worker
    except BaseException as error:
        _after_failed_write(error, token, stored, details["email"])
        raise
    return application


def _application_with_token(token):
    return Application.objects.filter(submission_token=token).first()


def _after_failed_write(error, token, stored, email):
    """Remove the stored files only when their row is certainly not committed, then say why it failed.

    The error may come from the commit itself, after the server committed. If
    the database cannot even be asked, the files stay: ``purge_orphan_files``
    removes them later if no row points to them.
    """
    if not stored:
        return
    try:
        found = _application_with_token(token)
    except DatabaseError:
        logger.error("Could not tell whether an application was committed; its files are left to the orphan sweep.")
        return
    ours = found is not None and found.resume.name == stored[0]
    if not ours:
        for name in stored:
            storages["private"].delete(name)
    if not isinstance(error, Exception):
        return  # SystemExit, KeyboardInterrupt: let the process go on stopping
    if found is not None:
        raise AlreadySubmitted(found, email) from error
    if isinstance(error, IntegrityError):
        raise DuplicateApplication from error
