"""The apply flow, and only it: views parse requests and call ``application_submit``; forms own field validation."""

import logging
from dataclasses import dataclass

from django.core.files.storage import storages
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.identity import normalize_email
from careers.models import Posting, PrivacyPolicy

from . import uploads
from .emails import application_emails_queue
from .models import Answer, Application, ConsentRecord

logger = logging.getLogger(__name__)


class DuplicateApplication(Exception):
    """The same person already has a live application for this posting."""


class AlreadySubmitted(Exception):
    """This form submission (its token) was already turned into an application."""

    def __init__(self, application):
        super().__init__(application.reference)
        self.application = application


class StorageUnavailable(Exception):
    """A file could not be stored; nothing was written."""


@dataclass
class Document:
    """An uploaded file (or a held one, already in private storage) and its proven kind."""

    kind: uploads.Kind
    display_name: str
    size: int
    upload: object = None  # an UploadedFile
    held_name: str = ""  # a name in private storage


def store_document(document, folder):
    storage = storages["private"]
    name = f"{folder}/{timezone.now():%Y/%m}/{uploads.random_name(document.kind)}"
    try:
        if document.held_name:
            with storage.open(document.held_name) as source:
                return storage.save(name, source)
        return storage.save(name, document.upload)
    except OSError as error:
        logger.error("Could not store an uploaded document: %s", type(error).__name__)
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

    Files are stored first; if anything after that fails (a constraint, the
    database, the commit itself) the stored files are deleted again, so there is
    never a row without its file nor a file without its row. Emails are queued
    in the same transaction and delivered by the task worker.
    """
    existing = Application.objects.filter(submission_token=token).first()
    if existing:
        raise AlreadySubmitted(existing)
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
        for name in stored:
            storages["private"].delete(name)
        if isinstance(error, IntegrityError):
            again = Application.objects.filter(submission_token=token).first()
            if again:
                raise AlreadySubmitted(again) from error
            raise DuplicateApplication from error
        raise
    return application
