"""Accommodation requests: recording one with its emails, erasing them, and retention."""

import uuid

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q

from careers.models import Posting
from careers.retention import purge_in_locked_batches, retention_cutoffs
from config.admin_history import scrub_admin_history

from .emails import accommodation_emails_queue
from .models import AccommodationRequest


def accommodation_request_submit(
    *, name, email, posting, stage, description, contact_method, contact_details="", token=None
) -> AccommodationRequest:
    """Record an accommodation request and queue its two emails (delivered by the task worker).

    The coordinators' notice names no health details: only that a request arrived.
    ``token`` is the form's submission token: the same form sent again (a double
    click, a resubmitted page) returns the request it already made, and sends nothing.
    """
    token = token or uuid.uuid4()
    existing = AccommodationRequest.objects.filter(submission_token=token).first()
    if existing:
        return existing
    try:
        with transaction.atomic():
            request = AccommodationRequest(
                name=name, email=email, posting=posting, stage=stage, description=description,
                contact_method=contact_method, contact_details=contact_details, submission_token=token,
            )
            request.full_clean(validate_unique=False, validate_constraints=False)
            request.save()
            accommodation_emails_queue(request, accommodation_coordinator_emails())
    except IntegrityError:
        # The same form, sent twice at once: the other request committed first.
        existing = AccommodationRequest.objects.filter(submission_token=token).first()
        if existing is None:
            raise
        return existing
    return request


def accommodation_coordinator_emails() -> list[str]:
    """Active coordinators' addresses (group or direct permission), else the configured fallback."""
    from .access import coordinators

    emails = sorted(set(coordinators().values_list("email", flat=True)))
    return emails or ([settings.ACCOMMODATIONS_EMAIL] if settings.ACCOMMODATIONS_EMAIL else [])


def accommodation_requests_erase(requests) -> int:
    """Delete accommodation requests (and their emails) and scrub them from the admin history."""
    ids = [request.pk for request in requests]
    with transaction.atomic():
        AccommodationRequest.objects.filter(pk__in=ids).delete()
        scrub_admin_history(AccommodationRequest, ids)
    return len(ids)


def expired_accommodation_requests():
    """Requests past retention: their posting stopped being open long enough ago (or, about no posting, made then)."""
    ordinary, _ = retention_cutoffs()
    return AccommodationRequest.objects.filter(
        Q(posting__in=Posting.objects.closed_before(ordinary)) | Q(posting__isnull=True, created_at__lt=ordinary)
    )


def purge_expired_accommodation_requests(*, dry_run=False, batch_size=200) -> int:
    """Erase every request past retention; returns how many (or would, with ``dry_run``)."""
    return purge_in_locked_batches(
        expired_accommodation_requests(), accommodation_requests_erase, batch_size=batch_size, dry_run=dry_run
    )
