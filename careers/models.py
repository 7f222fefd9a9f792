"""Postings and what they are built from: teams, locations, questions, company texts, privacy policies."""

import zoneinfo

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property

from .querysets import LocationQuerySet, PostingQuerySet, PrivacyPolicyQuerySet, TeamQuerySet
from .text import plain_text, render_markdown, split_lines


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


def time_zone_choices():
    """Every IANA zone this system knows. A callable, so migrations do not freeze the tz database."""
    return [(name, name) for name in sorted(zoneinfo.available_timezones())]


def default_time_zone():
    return settings.TIME_ZONE


class Location(models.Model):
    city = models.CharField(max_length=120)
    country = models.CharField(max_length=120, help_text='As shown to candidates, e.g. "UK".')
    country_code = models.CharField(
        max_length=2, help_text="ISO 3166-1 alpha-2 code, e.g. GB.", blank=True
    )
    slug = models.SlugField(max_length=120, unique=True)
    image = models.ImageField(upload_to="locations/", blank=True)
    time_zone = models.CharField(
        max_length=64, choices=time_zone_choices, default=default_time_zone,
        help_text="Where the office is: a closing date ends at midnight here.",
    )
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
        return reverse("applications:apply", kwargs={"slug": self.slug})

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
