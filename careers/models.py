import secrets
import uuid

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.files.storage import storages
from django.core.signals import setting_changed
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import LazyObject, cached_property, empty

from accounts.identity import clean_email_of

from .crypto import EncryptedTextField
from .querysets import (
    AccommodationRequestQuerySet,
    ApplicationQuerySet,
    LocationQuerySet,
    PostingQuerySet,
    PrivacyPolicyQuerySet,
    TeamQuerySet,
)
from .text import plain_text, render_markdown, split_lines


class PrivateStorage(LazyObject):
    """The ``private`` storage alias, resolved on use (so settings overrides apply).

    Résumés and other candidate files live there: outside the public media
    root, with no URL; only the permission-checked download view reads them.
    """

    def _setup(self):
        self._wrapped = storages["private"]


private_storage = PrivateStorage()


@receiver(setting_changed)
def _reset_private_storage(*, setting, **kwargs):
    if setting == "STORAGES":
        private_storage._wrapped = empty


class Team(models.Model):
    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    about = models.TextField("About the team", blank=True, help_text="Markdown.")
    image = models.ImageField(upload_to="teams/", blank=True)
    notification_email = models.EmailField(
        blank=True, help_text="Where new-application notifications for this team go."
    )
    hiring_managers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="managed_teams",
        help_text="Staff in the Hiring manager group see this team's applications (and only those).",
    )
    # Postings show their team: feeds, the sitemap and the API date a posting by it too.
    updated_at = models.DateTimeField(auto_now=True)

    objects = TeamQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    @cached_property
    def about_html(self):
        return render_markdown(self.about)


class Location(models.Model):
    city = models.CharField(max_length=120)
    country = models.CharField(max_length=120, help_text='As shown to candidates, e.g. "UK".')
    country_code = models.CharField(
        max_length=2, help_text="ISO 3166-1 alpha-2 code, e.g. GB.", blank=True
    )
    slug = models.SlugField(max_length=120, unique=True)
    image = models.ImageField(upload_to="locations/", blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = LocationQuerySet.as_manager()

    class Meta:
        ordering = ["city"]
        constraints = [models.UniqueConstraint(fields=["city", "country"], name="careers_location_unique_city")]

    def __str__(self):
        return f"{self.city}, {self.country}"


class Posting(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"
        CLOSED = "closed", "Closed"

    class Workplace(models.TextChoices):
        ONSITE = "onsite", "On-site"
        HYBRID = "hybrid", "Hybrid"
        REMOTE = "remote", "Remote"

    class EmploymentType(models.TextChoices):
        FULL_TIME = "full_time", "Full-time"
        PART_TIME = "part_time", "Part-time"
        CONTRACT = "contract", "Contract"
        TEMPORARY = "temporary", "Temporary"
        INTERNSHIP = "internship", "Internship"

    class PayPeriod(models.TextChoices):
        YEAR = "year", "per year"
        MONTH = "month", "per month"
        HOUR = "hour", "per hour"

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="postings")
    locations = models.ManyToManyField(Location, related_name="postings")
    workplace_type = models.CharField(max_length=10, choices=Workplace, default=Workplace.ONSITE)
    employment_type = models.CharField(max_length=12, choices=EmploymentType, default=EmploymentType.FULL_TIME)
    intro = models.TextField(blank=True, help_text="One or two sentences shown in lists and previews. Markdown.")
    about_role = models.TextField("About the role", help_text="Markdown.")
    qualifications = models.TextField(
        blank=True, help_text="\u201cWe\u2019re looking for a blend of qualifications\u201d: one item per line."
    )
    thrive_if = models.TextField(
        "You\u2019ll thrive in this role if", blank=True, help_text="One item per line."
    )
    pay_min = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)])
    pay_max = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)])
    pay_currency = models.CharField(max_length=3, blank=True, help_text="ISO 4217 code, e.g. GBP.")
    pay_period = models.CharField(max_length=5, choices=PayPeriod, blank=True)
    travel_note = models.TextField(blank=True)
    relocation_note = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status, default=Status.DRAFT, db_index=True)
    published_at = models.DateTimeField(null=True, blank=True)
    closes_on = models.DateField(
        null=True, blank=True, help_text="Last day to apply. After it the posting stops showing as open."
    )
    closed_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="When it was closed; starts the retention clock."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    search_vector = SearchVectorField(null=True, editable=False)

    objects = PostingQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(pay_min__isnull=True) | Q(pay_max__isnull=True) | Q(pay_min__lte=F("pay_max")),
                name="careers_posting_pay_range_order",
            ),
            models.CheckConstraint(
                condition=Q(pay_min__isnull=True, pay_max__isnull=True) | ~Q(pay_currency="") & ~Q(pay_period=""),
                name="careers_posting_pay_has_currency_and_period",
            ),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="careers_posting_published_has_date",
            ),
        ]
        indexes = [models.Index(fields=["status", "-published_at"], name="careers_posting_listing")]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # The stored search document follows the text (one UPDATE, computed by PostgreSQL).
        Posting.objects.filter(pk=self.pk).refresh_search_vector()

    def get_absolute_url(self):
        return reverse("careers:posting_detail", kwargs={"slug": self.slug})

    def get_apply_url(self):
        return reverse("careers:apply", kwargs={"slug": self.slug})

    # --- state -----------------------------------------------------------------
    @property
    def is_open(self):
        if self.status != self.Status.PUBLISHED:
            return False
        return self.closes_on is None or self.closes_on >= timezone.localdate()

    @property
    def is_closed_for_public(self):
        """Was public once, now no longer accepts applications (answered with 410)."""
        return self.status == self.Status.CLOSED or (self.status == self.Status.PUBLISHED and not self.is_open)

    def publish(self, *, when=None):
        self.status = self.Status.PUBLISHED
        self.published_at = self.published_at or when or timezone.now()
        self.save(update_fields=["status", "published_at", "updated_at"])

    def close(self):
        self.status = self.Status.CLOSED
        self.closed_at = self.closed_at or timezone.now()
        self.save(update_fields=["status", "closed_at", "updated_at"])

    def duplicate(self):
        """A draft copy with a fresh slug, same team, locations and questions."""
        copy = Posting.objects.get(pk=self.pk)
        copy.pk = None
        copy.title = f"{self.title} (copy)"
        copy.slug = self._free_slug(f"{self.slug}-copy")
        copy.status = self.Status.DRAFT
        copy.published_at = None
        copy.closed_at = None
        copy.save()
        copy.locations.set(self.locations.all())
        for question in self.questions.all():
            question.pk = None
            question.posting = copy
            question.save()
        return copy

    @staticmethod
    def _free_slug(base):
        slug, n = base[:190], 2
        while Posting.objects.filter(slug=slug).exists():
            slug, n = f"{base[:190]}-{n}", n + 1
        return slug

    # --- presentation --------------------------------------------------------
    @cached_property
    def intro_html(self):
        return render_markdown(self.intro)

    @cached_property
    def about_role_html(self):
        return render_markdown(self.about_role)

    @property
    def qualification_items(self):
        return split_lines(self.qualifications)

    @property
    def thrive_items(self):
        return split_lines(self.thrive_if)

    @cached_property
    def summary(self):
        """Plain text for meta descriptions, link previews and feeds: the intro, else the role."""
        return plain_text(self.intro_html or self.about_role_html, limit=300)

    @property
    def content_updated_at(self):
        """When anything the posting's page or API record shows about it last changed.

        Team and location edits do not touch the posting's row, so they count
        too; question edits do (they are saved through the posting's admin form).
        Uses the prefetched team and locations: no query in lists.
        """
        return max([self.updated_at, self.team.updated_at, *(location.updated_at for location in self.locations.all())])

    @property
    def location_names(self):
        # Uses the prefetched locations: no query per posting in lists.
        return " · ".join(str(location) for location in self.locations.all())

    @property
    def has_pay_range(self):
        return self.pay_min is not None or self.pay_max is not None

    @property
    def pay_range_display(self):
        if not self.has_pay_range:
            return ""

        def amount(value):
            return f"{value:,.0f}" if value == value.to_integral_value() else f"{value:,.2f}"

        low, high = self.pay_min, self.pay_max
        if low is not None and high is not None and low != high:
            figures = f"{amount(low)}\u2013{amount(high)}"
        else:
            figures = amount(low if low is not None else high)
        return f"{self.pay_currency} {figures} {self.get_pay_period_display()}"


class CompanyProfile(models.Model):
    """Company-wide texts shown on every posting; one row, edited in the admin."""

    name = models.CharField(max_length=120, default="Our company")
    website = models.URLField(blank=True)
    logo = models.ImageField(
        upload_to="company/",
        blank=True,
        help_text="Square, at least 112 \u00d7 112 pixels (JPEG, PNG or WebP). Search engines show it beside "
        "your job postings, and it is the picture of shared links.",
    )
    about = models.TextField("About the company", blank=True, help_text="Markdown.")
    equal_opportunity = models.TextField("Equal-opportunity statement", blank=True, help_text="Markdown.")
    fair_chance = models.TextField(
        "Fair-chance statement", blank=True, help_text="Shown to US-based candidates. Markdown."
    )
    accommodations_text = models.TextField(
        "Accommodations sentence",
        blank=True,
        help_text="Markdown. The words in [square brackets](/accommodations/) become the link.",
        default="We are committed to providing reasonable accommodations to applicants with disabilities, "
        "and requests can be made via [this link](/accommodations/).",
    )
    privacy_link_text = models.CharField(max_length=200, default="Applicant Privacy Policy")
    closing = models.TextField("Closing paragraph", blank=True, help_text="Markdown.")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "company texts"
        verbose_name_plural = "company texts"

    def __str__(self):
        return f"Company texts ({self.name})"

    @classmethod
    def load(cls):
        """The company texts; unsaved defaults until staff first save them (reads never write)."""
        return cls.objects.filter(pk=1).first() or cls(pk=1)

    def save(self, *args, **kwargs):
        self.pk = 1  # a singleton: there is one set of company texts
        super().save(*args, **kwargs)

    @cached_property
    def html(self):
        return {
            field: render_markdown(getattr(self, field))
            for field in ("about", "equal_opportunity", "fair_chance", "accommodations_text", "closing")
        }


class PrivacyPolicy(models.Model):
    version = models.SlugField(max_length=40, unique=True, help_text='A label such as "2026-11" or "v3".')
    effective_on = models.DateField()
    body = models.TextField(help_text="Markdown.")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PrivacyPolicyQuerySet.as_manager()

    class Meta:
        ordering = ["-effective_on", "-created_at"]
        verbose_name_plural = "privacy policies"

    def __str__(self):
        return f"Applicant privacy policy {self.version}"

    def get_absolute_url(self):
        return reverse("careers:privacy_version", kwargs={"version": self.version})

    @cached_property
    def body_html(self):
        return render_markdown(self.body, top_heading=2)


class Question(models.Model):
    """A posting's own application question, answered on the apply form."""

    class Kind(models.TextChoices):
        SHORT_TEXT = "short_text", "Short text"
        LONG_TEXT = "long_text", "Long text"
        YES_NO = "yes_no", "Yes / no"
        SINGLE_CHOICE = "single_choice", "Single choice"

    posting = models.ForeignKey(Posting, on_delete=models.CASCADE, related_name="questions")
    label = models.CharField(max_length=300)
    help_text = models.CharField(max_length=300, blank=True)
    kind = models.CharField(max_length=20, choices=Kind, default=Kind.SHORT_TEXT)
    choices = models.TextField(blank=True, help_text="Single choice only: one option per line.")
    required = models.BooleanField(default=False)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return self.label

    @property
    def choice_list(self):
        return split_lines(self.choices)

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.kind == self.Kind.SINGLE_CHOICE and len(self.choice_list) < 2:
            raise ValidationError({"choices": "A single-choice question needs at least two options."})


def new_reference():
    """A short, non-guessable application reference (80 random bits), e.g. K7Q2-M9XD-4HTA-P3WZ."""
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    raw = "".join(secrets.choice(alphabet) for _ in range(16))
    return "-".join(raw[i : i + 4] for i in range(0, 16, 4))


class Application(models.Model):
    class Stage(models.TextChoices):
        NEW = "new", "New"
        REVIEWING = "reviewing", "Reviewing"
        INTERVIEWING = "interviewing", "Interviewing"
        OFFER = "offer", "Offer"
        HIRED = "hired", "Hired"
        REJECTED = "rejected", "Rejected"
        WITHDRAWN = "withdrawn", "Withdrawn"


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
    stage = models.CharField(max_length=15, choices=Stage, default=Stage.NEW, db_index=True)
    submitted_at = models.DateTimeField(default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at"]
        constraints = [
            # One live application per person and posting; a withdrawn one may be redone.
            # The address is stored normalised, so "per person" is the exact column.
            models.UniqueConstraint(
                fields=["posting", "email"],
                condition=~Q(stage="withdrawn"),
                name="careers_application_one_per_posting",
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

    @property
    def can_withdraw(self):
        return self.stage in (self.Stage.NEW, self.Stage.REVIEWING, self.Stage.INTERVIEWING, self.Stage.OFFER)

    def withdraw(self):
        if not self.can_withdraw:
            raise ValueError("This application can no longer be withdrawn.")
        self.stage = self.Stage.WITHDRAWN
        self.save(update_fields=["stage", "updated_at"])

    def move_to(self, stage):
        if stage not in self.STAFF_STAGES:
            raise ValueError(f"Staff cannot move an application to {stage!r}.")
        self.stage = stage
        self.save(update_fields=["stage", "updated_at"])


class Answer(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.SET_NULL, null=True, related_name="answers")
    # The wording the candidate saw, kept even if the question is later edited.
    question_label = models.CharField(max_length=300)
    value = models.TextField(blank=True)

    class Meta:
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

    def __str__(self):
        return f"Consent to {self.policy_version} at {self.consented_at:%Y-%m-%d %H:%M}"


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

    objects = AccommodationRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        permissions = [("coordinate_accommodations", "Can read and handle accommodation requests")]

    def __str__(self):
        return f"Accommodation request {self.reference}"

    def clean(self):
        super().clean()
        clean_email_of(self)


class AccommodationAccessLog(models.Model):
    """Who opened which accommodation request, and when (append-only)."""

    request = models.ForeignKey(AccommodationRequest, on_delete=models.CASCADE, related_name="access_log")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    accessed_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-accessed_at"]

    def __str__(self):
        return f"{self.user} opened {self.request.reference} at {self.accessed_at:%Y-%m-%d %H:%M}"


class OutgoingEmail(models.Model):
    """An email owed to someone; sent after commit, retried until it goes."""

    class Kind(models.TextChoices):
        CANDIDATE_CONFIRMATION = "candidate_confirmation", "Confirmation to candidate"
        TEAM_NOTIFICATION = "team_notification", "Notification to hiring team"
        ACCOMMODATION_CONFIRMATION = "accommodation_confirmation", "Accommodation request confirmation"
        ACCOMMODATION_NOTIFICATION = "accommodation_notification", "Accommodation request notice to coordinators"

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Gave up"

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="emails", null=True, blank=True)
    accommodation_request = models.ForeignKey(
        AccommodationRequest, on_delete=models.CASCADE, related_name="emails", null=True, blank=True
    )
    kind = models.CharField(max_length=30, choices=Kind)
    status = models.CharField(max_length=10, choices=Status, default=Status.PENDING, db_index=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(fields=["application", "kind"], name="careers_outgoingemail_once_per_kind"),
            models.UniqueConstraint(
                fields=["accommodation_request", "kind"], name="careers_outgoingemail_once_per_request_kind"
            ),
            models.CheckConstraint(
                condition=Q(application__isnull=False, accommodation_request__isnull=True)
                | Q(application__isnull=True, accommodation_request__isnull=False),
                name="careers_outgoingemail_one_subject",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.status})"


class ApplicationAccessLog(models.Model):
    """Who looked at or downloaded which application, and when (append-only).

    The reference is kept as text so the record survives the application's
    erasure without keeping any personal data.
    """

    class Action(models.TextChoices):
        VIEWED = "viewed", "Viewed details"
        RESUME = "resume", "Downloaded résumé"
        COVER_LETTER = "cover_letter", "Downloaded cover letter"
        EXPORTED = "exported", "Exported to CSV"

    application = models.ForeignKey(
        Application, on_delete=models.SET_NULL, null=True, blank=True, related_name="access_log"
    )
    application_reference = models.CharField(max_length=19, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    action = models.CharField(max_length=15, choices=Action)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-at"]

    def __str__(self):
        return f"{self.user} {self.get_action_display().lower()} {self.application_reference}"

    @classmethod
    def record(cls, user, action, applications):
        cls.objects.bulk_create(
            cls(application=a, application_reference=a.reference, user=user, action=action) for a in applications
        )


class ErasedApplication(models.Model):
    """What remains of an erased application: anonymous figures for hiring statistics."""

    posting = models.ForeignKey(Posting, on_delete=models.SET_NULL, null=True, related_name="+")
    stage = models.CharField(max_length=15, choices=Application.Stage)
    submitted_month = models.DateField(help_text="First day of the month it was submitted.")
    erased_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"Erased application ({self.posting}, {self.submitted_month:%Y-%m})"
