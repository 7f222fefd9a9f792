"""Postings and their application questions; a posting's status changes only through its verbs."""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property

from ..querysets import PostingQuerySet
from ..signals import posting_closed
from ..text import plain_text, render_markdown, split_lines
from .organisation import Location, Team
from .sections import EditableSections


class PostingStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"
    CLOSED = "closed", "Closed"


class Posting(EditableSections, models.Model):
    Status = PostingStatus

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
    about_role = models.TextField(
        "About the role", blank=True, help_text="Markdown. Leave empty (with its notes) to leave the section out."
    )
    qualifications = models.TextField(
        blank=True, help_text="The qualifications list: one item per line. Leave empty to remove the section."
    )
    thrive_if = models.TextField(
        "You\u2019ll thrive in this role if", blank=True,
        help_text="The \u201cthrive\u201d list: one item per line. Leave empty to remove the section.",
    )
    pay_min = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)])
    pay_max = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)])
    pay_currency = models.CharField(max_length=3, blank=True, help_text="ISO 4217 code, e.g. GBP.")
    pay_period = models.CharField(max_length=5, choices=PayPeriod, blank=True)
    travel_note = models.TextField(blank=True)
    relocation_note = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status, default=Status.DRAFT, db_index=True)
    published_at = models.DateTimeField(
        null=True, blank=True,
        help_text="When it goes live. Empty: now, when published. A future time schedules it: it stays off "
        "the site, feeds, sitemap, API and search until then, and goes live by itself.",
    )
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
            models.CheckConstraint(
                condition=Q(status__in=PostingStatus.values), name="careers_posting_status_valid"
            ),
            # The retention clock runs exactly while a posting is closed.
            models.CheckConstraint(
                condition=Q(status="closed", closed_at__isnull=False) | ~Q(status="closed") & Q(closed_at__isnull=True),
                name="careers_posting_closed_at_iff_closed",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "-published_at"], name="careers_posting_listing"),
            # Searches read one GIN index on the stored document (PostgreSQL only, as is the column's use).
            GinIndex(fields=["search_vector"], name="careers_posting_search_vector"),
            # Public lists read published postings in order from this index, and their
            # counts (with team or workplace filters) are index-only scans.
            models.Index(
                fields=["-published_at", "id"], include=["closes_on", "team_id", "workplace_type"],
                condition=Q(status="published"), name="careers_posting_open",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # The stored search document follows the text (one UPDATE, computed by PostgreSQL).
        Posting.objects.filter(pk=self.pk).refresh_search_vector()

    def get_absolute_url(self):
        return reverse("careers:posting_detail", kwargs={"slug": self.slug})

    def get_apply_url(self):
        return reverse("applications:apply", kwargs={"slug": self.slug})

    # --- state -----------------------------------------------------------------
    @property
    def is_scheduled(self):
        """Published, but its publication time is still to come: not public yet (as ``objects.scheduled()``)."""
        return self.status == self.Status.PUBLISHED and self.published_at is not None and self.published_at > timezone.now()

    @property
    def is_open(self):
        if self.status != self.Status.PUBLISHED or self.is_scheduled:
            return False
        return self.closes_on is None or self.closes_on >= timezone.localdate()

    @property
    def is_public(self):
        """May the public see its page at all (open, or answered as closed)? Drafts and scheduled ones are not."""
        return self.status != self.Status.DRAFT and not self.is_scheduled

    @property
    def is_closed_for_public(self):
        """Was public once, now no longer accepts applications (answered with 410)."""
        return self.is_public and not self.is_open

    # Every status change goes through one of these verbs: the admin form and actions,
    # the demo loader and the tests alike. The retention clock (``closed_at``) is part
    # of the status, so it cannot be forgotten by a second copy of the rule.
    def publish(self, *, when=None):
        """Open for applications, or open again: a re-opened posting has no retention clock running."""
        when = when or timezone.now()
        self.status = self.Status.PUBLISHED
        self.published_at = self.published_at or when
        self.closed_at = None
        self.save(update_fields=["status", "published_at", "closed_at", "updated_at"])

    def close(self, *, when=None):
        """Stop taking applications; the retention clock of its candidates' data starts ``when`` (now).

        Each closing starts a fresh clock; closing a posting that is already closed changes nothing.
        """
        if self.status == self.Status.CLOSED:
            return
        if self.status != self.Status.PUBLISHED:
            raise ValidationError("Only a published posting can be closed.")
        self.status = self.Status.CLOSED
        self.closed_at = when or timezone.now()
        with transaction.atomic():  # what listeners do on closing happens with the closing, or not at all
            self.save(update_fields=["status", "closed_at", "updated_at"])
            posting_closed.send(sender=Posting, posting=self)

    # Where each status may go next (staying put included). Never back to draft once
    # published: its applications would drop out of the retention policy. Close it instead.
    NEXT_STATUSES = {
        Status.DRAFT: (Status.DRAFT, Status.PUBLISHED),
        Status.PUBLISHED: (Status.PUBLISHED, Status.CLOSED),
        Status.CLOSED: (Status.CLOSED, Status.PUBLISHED),
    }

    def next_statuses(self):
        return self.NEXT_STATUSES[self.status]

    def change_status(self, status, *, when=None):
        """Move to ``status`` through its verb (the admin form offers the statuses a posting may take)."""
        if status == self.status:
            return
        if status not in self.next_statuses():
            raise ValidationError(f"A {self.get_status_display().lower()} posting cannot become {status}.")
        {self.Status.PUBLISHED: self.publish, self.Status.CLOSED: self.close}[status](when=when)

    def duplicate(self):
        """A draft copy with a fresh slug, same team, locations, questions and sections."""
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
        for section in self.sections.all():
            section.pk = None
            section.posting = copy
            section.save()
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
        """Plain text for meta descriptions, link previews and feeds: the intro, else the first section's text."""
        if self.intro_html or self.about_role_html:
            return plain_text(self.intro_html or self.about_role_html, limit=300)
        return plain_text(" ".join(section.html for section in self.body_sections[:1]), limit=300)

    @property
    def content_updated_at(self):
        """When anything the posting's page or API record shows about it last changed.

        Team and location edits do not touch the posting's row, so they count
        too; question edits do (they are saved through the posting's admin form).
        Uses the prefetched team and locations: no query in lists.
        """
        # Going live at its scheduled time changes what it shows without saving anything.
        live_at = [self.published_at] if self.published_at and not self.is_scheduled else []
        return max([self.updated_at, *live_at, self.team.updated_at, *(location.updated_at for location in self.locations.all())])

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
        if self.kind == self.Kind.SINGLE_CHOICE and len(self.choice_list) < 2:
            raise ValidationError({"choices": "A single-choice question needs at least two options."})
