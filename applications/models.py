"""Applications: what a candidate sent, what they consented to, and who looked at it.

These tables were created by the careers app and keep their names
(``careers_application`` ...), so moving the code here moved no data.
"""

import uuid

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone

from accounts.access_log import AccessLogEntry
from accounts.identity import clean_email_of
from careers.models import Posting, PrivacyPolicy, Question
from careers.references import new_reference

from .querysets import ApplicationQuerySet
from .storage import private_storage


class ApplicationStage(models.TextChoices):
    NEW = "new", "New"
    REVIEWING = "reviewing", "Reviewing"
    INTERVIEWING = "interviewing", "Interviewing"
    OFFER = "offer", "Offer"
    HIRED = "hired", "Hired"
    REJECTED = "rejected", "Rejected"
    WITHDRAWN = "withdrawn", "Withdrawn"


class Application(models.Model):
    Stage = ApplicationStage

    reference = models.CharField(max_length=19, unique=True, default=new_reference, editable=False)
    submission_token = models.UUIDField(unique=True, editable=False, default=uuid.uuid4)
    posting = models.ForeignKey(Posting, on_delete=models.PROTECT, related_name="applications")
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    email = models.EmailField(max_length=254, db_index=True)
    phone = models.CharField(max_length=32, blank=True)
    country = models.CharField("current country", max_length=100)
    city = models.CharField("current city", max_length=100, blank=True)
    linkedin_url = models.URLField("LinkedIn profile", max_length=300, blank=True)
    website_url = models.URLField("website", max_length=300, blank=True)
    resume = models.FileField(storage=private_storage, upload_to="resumes/%Y/%m/", max_length=200)
    resume_name = models.CharField("resume file name", max_length=120)
    resume_size = models.PositiveIntegerField(default=0)
    cover_letter = models.TextField(blank=True)
    cover_letter_file = models.FileField(storage=private_storage, upload_to="cover-letters/%Y/%m/", max_length=200, blank=True)
    cover_letter_name = models.CharField(max_length=120, blank=True)
    source = models.CharField("how they heard about us", max_length=200, blank=True)
    # Not the candidate's answer (``source``): the ?source=/utm_source= of the link they followed.
    referral_source = models.CharField(
        "tracked source", max_length=40, blank=True, db_index=True,
        help_text="From the posting link (?source= or utm_source=), normalised to a short slug.",
    )
    stage = models.CharField(max_length=15, choices=Stage, default=Stage.NEW, db_index=True)
    submitted_at = models.DateTimeField(default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        db_table = "careers_application"
        ordering = ["-submitted_at"]
        constraints = [
            # One live application per person and posting; a withdrawn one may be redone.
            # The address is stored normalised, so "per person" is the exact column.
            models.UniqueConstraint(
                fields=["posting", "email"],
                condition=~Q(stage="withdrawn"),
                name="careers_application_one_per_posting",
            ),
            models.CheckConstraint(condition=Q(stage__in=ApplicationStage.values), name="applications_stage_valid"),
            # Whatever a link said, only careers.referrals' normal form is stored.
            models.CheckConstraint(
                condition=Q(referral_source="") | Q(referral_source__regex=r"^[a-z0-9]([a-z0-9._-]*[a-z0-9])?$"),
                name="applications_referral_source_slug",
            ),
        ]
        permissions = [
            ("download_resume", "Can download resumes and cover-letter files"),
            ("view_all_applications", "Can review applications of every team"),
        ]

    def __str__(self):
        return f"{self.full_name} \u2013 {self.posting}"

    def clean(self):
        super().clean()
        clean_email_of(self)

    # Stages staff may move an application to; "withdrawn" is the candidate's.
    STAFF_STAGES = (Stage.NEW, Stage.REVIEWING, Stage.INTERVIEWING, Stage.OFFER, Stage.HIRED, Stage.REJECTED)
    STAFF_STAGE_CHOICES = tuple((stage.value, stage.label) for stage in STAFF_STAGES)

    @property
    def full_name(self):
        return f"{self.first_name} {self.last_name}".strip()

    # What the candidate sees: internal stages are never shown.
    CANDIDATE_STATUS = {
        Stage.NEW: "Received",
        Stage.REVIEWING: "Under review",
        Stage.INTERVIEWING: "Under review",
        Stage.OFFER: "Under review",
        Stage.HIRED: "Closed",
        Stage.REJECTED: "Closed",
        Stage.WITHDRAWN: "Withdrawn by you",
    }

    @property
    def candidate_status(self):
        return self.CANDIDATE_STATUS[self.stage]

    # Stages a candidate may still withdraw from.
    WITHDRAWABLE_STAGES = (Stage.NEW, Stage.REVIEWING, Stage.INTERVIEWING, Stage.OFFER)

    @property
    def can_withdraw(self):
        return self.stage in self.WITHDRAWABLE_STAGES

    def withdraw(self, *, by):
        """The candidate (``by``, their account) withdraws; recorded as the candidate's change."""
        if by.email != self.email:
            raise ValueError("Only the candidate can withdraw their application.")
        with transaction.atomic():
            current = Application.objects.select_for_update().values_list("stage", flat=True).get(pk=self.pk)
            if current not in self.WITHDRAWABLE_STAGES:
                raise ValueError("This application can no longer be withdrawn.")
            Application.objects.filter(pk=self.pk).update(stage=self.Stage.WITHDRAWN, updated_at=timezone.now())
            StageChange.objects.create(application=self, from_stage=current, to_stage=self.Stage.WITHDRAWN, by=None)
        self.refresh_from_db(fields=["stage", "updated_at"])

    def move_to(self, stage, *, by):
        """Staff (``by``) move this application to ``stage``; refused if the candidate withdrew it."""
        _, withdrawn = Application.objects.filter(pk=self.pk).move_to(stage, by=by)
        if withdrawn:
            raise ValueError("The candidate withdrew this application; staff cannot change its stage.")
        self.refresh_from_db(fields=["stage", "updated_at"])


class StageChange(models.Model):
    """One move of an application from stage to stage: who (staff, the candidate, or the system) and when."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="stage_changes")
    from_stage = models.CharField(max_length=15, choices=ApplicationStage)
    to_stage = models.CharField(max_length=15, choices=ApplicationStage)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        help_text="Empty: the candidate, unless made by the system.",
    )
    # A change nobody made by hand (a posting closing rejects its open candidates): told apart from
    # the candidate's own change, which also names no user.
    by_system = models.BooleanField(default=False)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(by_system=False) | Q(by__isnull=True), name="applications_stagechange_system_names_no_user"
            ),
        ]

    @property
    def who(self):
        if self.by_system:
            return "the system"
        return self.by.email if self.by else "the candidate"

    def __str__(self):
        return f"{self.get_from_stage_display()} \u2192 {self.get_to_stage_display()}"


class Answer(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.SET_NULL, null=True, related_name="answers")
    # The wording the candidate saw, kept even if the question is later edited.
    question_label = models.CharField(max_length=300)
    value = models.TextField(blank=True)

    class Meta:
        db_table = "careers_answer"
        ordering = ["pk"]

    def __str__(self):
        return f"{self.question_label}: {self.value}"


class ConsentRecord(models.Model):
    """Proof of what the candidate agreed to, frozen at the moment of applying."""

    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="consent")
    policy = models.ForeignKey(PrivacyPolicy, on_delete=models.PROTECT, related_name="consents")
    policy_version = models.CharField(max_length=40)
    wording = models.TextField()
    consented_at = models.DateTimeField(default=timezone.now)
    talent_pool = models.BooleanField("keep for future opportunities", default=False)
    talent_pool_wording = models.TextField(blank=True)
    # Withdrawing keeps the proof of what was agreed (the wording) and records when it ended.
    talent_pool_withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "careers_consentrecord"

    def __str__(self):
        return f"Consent to {self.policy_version} at {self.consented_at:%Y-%m-%d %H:%M}"


class ApplicationAccessLog(AccessLogEntry):
    """Who looked at, downloaded or exported which application, and when (``accounts.access_log``)."""

    class Action(models.TextChoices):
        VIEWED = "viewed", "Viewed details"
        RESUME = "resume", "Downloaded résumé"
        COVER_LETTER = "cover_letter", "Downloaded cover letter"
        EXPORTED = "exported", "Exported to CSV"
        VIEWED_RESUME = "viewed_resume", "Viewed résumé in the page"
        VIEWED_LETTER = "viewed_letter", "Viewed cover letter in the page"

    record_field, reference_field = "application", "application_reference"

    application = models.ForeignKey(
        Application, on_delete=models.SET_NULL, null=True, blank=True, related_name="access_log"
    )
    application_reference = models.CharField(max_length=19, db_index=True)
    action = models.CharField(max_length=15, choices=Action)

    class Meta(AccessLogEntry.Meta):
        db_table = "careers_applicationaccesslog"


class ErasedApplication(models.Model):
    """What remains of an erased application: anonymous figures for hiring statistics."""

    posting = models.ForeignKey(Posting, on_delete=models.SET_NULL, null=True, related_name="+")
    stage = models.CharField(max_length=15, choices=Application.Stage)
    submitted_month = models.DateField(help_text="First day of the month it was submitted.")
    erased_at = models.DateTimeField(default=timezone.now)


    class Meta:
        db_table = "careers_erasedapplication"

    def __str__(self):
        return f"Erased application ({self.posting}, {self.submitted_month:%Y-%m})"
