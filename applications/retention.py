"""Erasure (a candidate's request) and retention (the storage-limitation policy) of applications."""

import os

from django.conf import settings
from django.core.files.storage import storages
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from careers.models import Posting
from careers.retention import purge_in_locked_batches, retention_cutoffs
from config.admin_history import scrub_admin_history

from .models import Application, ErasedApplication
from .storage import walk


def applications_erase(applications) -> int:
    """Delete applications with their answers, consent records, emails and files.

    Anonymous counts are kept (ErasedApplication). Files are deleted only after
    the database commit, so a failed erasure never leaves rows without files.
    Used by a candidate's "delete my data" and by the retention command alike.
    """
    applications = list(applications)
    if not applications:
        return 0
    files = [f for a in applications for f in (a.resume, a.cover_letter_file) if f]
    with transaction.atomic():
        ErasedApplication.objects.bulk_create(
            ErasedApplication(posting_id=a.posting_id, stage=a.stage, submitted_month=a.submitted_at.date().replace(day=1))
            for a in applications
        )
        deleted, _ = Application.objects.filter(pk__in=[a.pk for a in applications]).delete()
        scrub_admin_history(Application, [a.pk for a in applications])
        transaction.on_commit(lambda: [f.storage.delete(f.name) for f in files])
    return len(applications)


def expired_applications():
    """Applications past retention: their posting stopped being open long enough ago (talent pool: longer)."""
    ordinary, talent_pool = retention_cutoffs()
    return Application.objects.filter(
        (Q(consent__talent_pool=False) | Q(consent__isnull=True)) & Q(posting__in=Posting.objects.closed_before(ordinary))
        | Q(consent__talent_pool=True) & Q(posting__in=Posting.objects.closed_before(talent_pool))
    )


def purge_expired_applications(*, dry_run=False, batch_size=200) -> int:
    """Erase every application past retention; returns how many (or would, with ``dry_run``)."""
    return purge_in_locked_batches(expired_applications(), applications_erase, batch_size=batch_size, dry_run=dry_run)


def purge_orphan_files(*, older_than) -> int:
    """Delete stored documents no application points to (e.g. a worker killed mid-submit).

    Only files older than ``older_than`` are touched, so a submission still in
    flight (file stored, row not yet committed) is never mistaken for an orphan.
    """
    storage = storages["private"]
    cutoff = timezone.now() - older_than
    referenced = set(Application.objects.values_list("resume", flat=True)) | set(
        Application.objects.exclude(cover_letter_file="").values_list("cover_letter_file", flat=True)
    )
    deleted = 0
    for folder in ("resumes", "cover-letters"):
        for name in walk(storage, folder):
            if name not in referenced and storage.get_modified_time(name) < cutoff:
                storage.delete(name)
                deleted += 1
    return deleted


def purge_upload_temp_files(*, older_than) -> int:
    """Delete upload temporary files a killed or timed-out request left in ``FILE_UPLOAD_TEMP_DIR``.

    A request deletes its own when it ends; only one that never ended leaves
    one behind. An upload still arriving keeps its file's modification time fresh.
    """
    cutoff = (timezone.now() - older_than).timestamp()
    deleted = 0
    with os.scandir(settings.FILE_UPLOAD_TEMP_DIR) as entries:
        for entry in entries:
            if entry.is_file(follow_symlinks=False) and entry.stat().st_mtime < cutoff:
                os.unlink(entry.path)
                deleted += 1
    return deleted
