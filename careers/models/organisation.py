"""Who is hiring and where: teams, locations and the company-wide texts shown on every posting."""

from django.conf import settings
from django.db import models
from django.utils.functional import cached_property

from ..querysets import LocationQuerySet, TeamQuerySet
from ..text import render_markdown
from ..time_zones import default_time_zone, time_zone_choices


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
