"""Accommodation requests (special-category data) and who opened them.

The tables keep the names the careers app gave them (``careers_accommodationrequest`` ...).
"""

import uuid

from django.db import models
from django.utils import timezone

from accounts.access_log import AccessLogEntry
from accounts.identity import clean_email_of
from careers.models import Posting
from careers.references import new_reference

from .crypto import EncryptedTextField
from .querysets import AccommodationRequestQuerySet


class AccommodationRequest(models.Model):
    """A request for an adjustment to the hiring process, kept apart from applications.

    Its content is special-category data (GDPR Art. 9): the description and the
    contact details are encrypted at rest, only accommodations coordinators can
    read it, and every opening is logged.
    """

    class Stage(models.TextChoices):
        APPLICATION = "application", "Applying"
        ASSESSMENT = "assessment", "An assessment or test"
        INTERVIEW = "interview", "Interviews"
        OTHER = "other", "Something else"

    class ContactMethod(models.TextChoices):
        EMAIL = "email", "Email"
        PHONE = "phone", "Phone"
        VIDEO = "video", "Video call"
        OTHER = "other", "Other (tell us how)"

    class Status(models.TextChoices):
        NEW = "new", "New"
        IN_PROGRESS = "in_progress", "In progress"
        ARRANGED = "arranged", "Arranged"
        CLOSED = "closed", "Closed"

    reference = models.CharField(max_length=19, unique=True, default=new_reference, editable=False)
    # The hidden token of the form that made it: the same form sent twice makes one request.
    submission_token = models.UUIDField(unique=True, editable=False, default=uuid.uuid4)
    name = models.CharField(max_length=200)
    email = models.EmailField(max_length=254)
    posting = models.ForeignKey(
        Posting, on_delete=models.SET_NULL, null=True, blank=True, related_name="accommodation_requests"
    )
    stage = models.CharField("stage it concerns", max_length=15, choices=Stage, default=Stage.APPLICATION)
    description = EncryptedTextField("accommodation needed")
    contact_method = models.CharField("preferred contact method", max_length=10, choices=ContactMethod, default=ContactMethod.EMAIL)
    contact_details = EncryptedTextField(blank=True)
    status = models.CharField(max_length=12, choices=Status, default=Status.NEW, db_index=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "careers_accommodationrequest"
        ordering = ["-created_at"]
        permissions = [("coordinate_accommodations", "Can read and handle accommodation requests")]

    objects = AccommodationRequestQuerySet.as_manager()

    def __str__(self):
        return f"Accommodation request {self.reference}"

    def clean(self):
        super().clean()
        clean_email_of(self)


class AccommodationAccessLog(AccessLogEntry):
    """Who opened which accommodation request, and when (``accounts.access_log``).

    Kept after the request is erased or purged, by reference only: the fact that a
    coordinator read a request is evidence, its content is not kept.
    """

    class Action(models.TextChoices):
        VIEWED = "viewed", "Opened"

    record_field, reference_field = "request", "request_reference"

    request = models.ForeignKey(
        AccommodationRequest, on_delete=models.SET_NULL, null=True, blank=True, related_name="access_log"
    )
    request_reference = models.CharField(max_length=19, db_index=True)
    action = models.CharField(max_length=15, choices=Action)

    class Meta(AccessLogEntry.Meta):
        db_table = "careers_accommodationaccesslog"
