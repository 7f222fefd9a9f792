"""Accommodation requests: recording one with its emails, erasing them, and retention."""

from django.conf import settings
from django.db import transaction
from django.db.models import Q

from careers.models import Posting
from careers.retention import purge_in_locked_batches, retention_cutoffs
from config.admin_history import scrub_admin_history

from .emails import accommodation_emails_queue
from .models import AccommodationRequest


def accommodation_request_submit(
    *, name, email, posting, stage, description, contact_method, contact_details=""
) -> AccommodationRequest:
    """Record an accommodation request and queue its two emails (delivered by the task worker).

    The coordinators' notice names no health details: only that a request arrived.
    """
    with transaction.atomic():
        request = AccommodationRequest(
            name=name, email=email, posting=posting, stage=stage, description=description,
            contact_method=contact_method, contact_details=contact_details,
        )
        request.full_clean(validate_unique=False, validate_constraints=False)
        request.save()
        accommodation_emails_queue(request, accommodation_coordinator_emails())
    return request


def accommodation_coordinator_emails() -> list[str]:
    """Active coordinators' addresses (group or direct permission), else the configured fallback."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission

    permission = Permission.objects.get(codename="coordinate_accommodations", content_type__app_label="accommodations")
    users = get_user_model().objects.filter(is_active=True, is_staff=True).filter(
        Q(groups__permissions=permission) | Q(user_permissions=permission)
    )
    emails = sorted(set(users.values_list("email", flat=True)))
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
    if dry_run:
        return expired_accommodation_requests().count()
    return purge_in_locked_batches(
        expired_accommodation_requests(), accommodation_requests_erase, batch_size=batch_size
    )
