"""What the public API shows of a posting, its team and locations: public facts only.

Text that staff write in Markdown is given as the same sanitized HTML the site
shows (``*_html`` fields), never as raw Markdown; every other text is plain text
(never HTML), which consumers must escape. Nothing about applications
or candidates is ever serialized here.
"""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from careers.models import Location, Posting, Question, Team


@extend_schema_field(OpenApiTypes.URI)
class AbsoluteURLField(serializers.Field):
    """A site path (e.g. from ``get_absolute_url``) as a full URL on the host that was asked."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, path):
        return self.context["request"].build_absolute_uri(path)


SLUG = r"^[-a-zA-Z0-9_]+$"


class PostingFilterSerializer(serializers.Serializer):
    """The list's query parameters: the same search and filters as the HTML list page."""

    # Any text but NUL, which PostgreSQL cannot take; spaces are the search's to strip.
    q = serializers.RegexField(
        r"^[^\x00]+$", required=False, allow_blank=True, trim_whitespace=False, max_length=200,
        help_text="Words to search for in the title, text, team and location.",
    )
    # Empty values mean "any", as the list page's "All teams" choice sends them; slugs are
    # taken as sent (no trimming), so " " is refused rather than read as "any".
    team = serializers.RegexField(
        SLUG, required=False, allow_blank=True, trim_whitespace=False, max_length=120,
        help_text="A team slug from /api/v1/teams/. A slug no team has matches nothing.",
    )
    location = serializers.RegexField(
        SLUG, required=False, allow_blank=True, trim_whitespace=False, max_length=120,
        help_text="A location slug from /api/v1/locations/. A slug no location has matches nothing.",
    )
    workplace = serializers.ChoiceField(
        choices=Posting.Workplace.choices, required=False, allow_blank=True, help_text="onsite, hybrid or remote."
    )


class ReadOnlySerializer(serializers.ModelSerializer):
    """Output only: every field read-only, so the OpenAPI document marks each as always present."""

    def get_fields(self):
        fields = super().get_fields()
        for field in fields.values():
            field.read_only = True
        return fields


class TeamSerializer(ReadOnlySerializer):
    class Meta:
        model = Team
        fields = ["slug", "name"]


class TeamWithCountSerializer(TeamSerializer):
    open_postings = serializers.IntegerField(read_only=True, help_text="How many open postings the team has.")

    class Meta(TeamSerializer.Meta):
        fields = [*TeamSerializer.Meta.fields, "open_postings"]


class LocationSerializer(ReadOnlySerializer):
    country_code = serializers.CharField(help_text="ISO 3166-1 alpha-2; empty when not recorded.")

    class Meta:
        model = Location
        fields = ["slug", "city", "country", "country_code"]


class LocationWithCountSerializer(LocationSerializer):
    open_postings = serializers.IntegerField(read_only=True, help_text="How many open postings are at this location.")

    class Meta(LocationSerializer.Meta):
        fields = [*LocationSerializer.Meta.fields, "open_postings"]


class PaySerializer(serializers.Serializer):
    """The pay range of a posting (``null`` on the posting when none is published)."""

    min = serializers.DecimalField(max_digits=12, decimal_places=2, coerce_to_string=False, allow_null=True,
                                   source="pay_min")
    max = serializers.DecimalField(max_digits=12, decimal_places=2, coerce_to_string=False, allow_null=True,
                                   source="pay_max")
    currency = serializers.CharField(source="pay_currency", help_text="ISO 4217, e.g. GBP.")
    period = serializers.ChoiceField(source="pay_period", choices=Posting.PayPeriod.choices)
    display = serializers.CharField(source="pay_range_display", help_text='As the site shows it, e.g. "GBP 120,000–160,000 per year".')

    def to_representation(self, posting):
        return super().to_representation(posting) if posting.has_pay_range else None


class PostingSerializer(ReadOnlySerializer):
    url = AbsoluteURLField(source="get_absolute_url", help_text="The posting's page.")
    api_url = serializers.HyperlinkedIdentityField(view_name="api:posting_detail", lookup_field="slug")
    team = TeamSerializer()
    locations = LocationSerializer(many=True)
    intro_html = serializers.CharField(help_text="Sanitized HTML.")
    pay = PaySerializer(source="*", allow_null=True)
    updated_at = serializers.DateTimeField(
        source="content_updated_at", help_text="Last change to the posting, its team or its locations."
    )

    class Meta:
        model = Posting
        fields = [
            "slug", "title", "url", "api_url", "team", "locations", "workplace_type", "employment_type",
            "intro_html", "pay", "published_at", "closes_on", "updated_at",
        ]
        extra_kwargs = {"closes_on": {"help_text": "Last day to apply; null when open until filled."}}


PLAIN_TEXT = "Plain text, not HTML: escape it before putting it in a page."


class QuestionSerializer(ReadOnlySerializer):
    label = serializers.CharField(help_text=f"The question. {PLAIN_TEXT}")
    help_text = serializers.CharField(help_text=f"A hint shown under the question; may be empty. {PLAIN_TEXT}")
    choices = serializers.ListField(
        child=serializers.CharField(), source="choice_list",
        help_text=f"The options of a single-choice question. {PLAIN_TEXT}",
    )

    class Meta:
        model = Question
        fields = ["label", "help_text", "kind", "choices", "required"]


class BodySectionSerializer(serializers.Serializer):
    """One section of a posting's body as its page shows it (careers/models/sections.py)."""

    heading = serializers.CharField(read_only=True, help_text=f"The section's heading, as staff named it. {PLAIN_TEXT}")
    html = serializers.CharField(read_only=True, help_text="Sanitized HTML: the text, or a list.")


class PostingDetailSerializer(PostingSerializer):
    apply_url = AbsoluteURLField(source="get_apply_url", help_text="Where candidates apply (on this site).")
    about_role_html = serializers.CharField(help_text="Sanitized HTML.")
    qualifications = serializers.ListField(child=serializers.CharField(), source="qualification_items")
    thrive_if = serializers.ListField(child=serializers.CharField(), source="thrive_items")
    questions = QuestionSerializer(many=True, help_text="The questions the application form asks, in order.")
    sections = BodySectionSerializer(
        many=True, source="body_sections",
        help_text="The body as the page shows it: every section in order, with the headings staff gave them "
        "(the fields above hold the three standard sections' text without their headings).",
    )

    class Meta(PostingSerializer.Meta):
        fields = [
            *PostingSerializer.Meta.fields, "apply_url", "about_role_html", "qualifications", "thrive_if",
            "travel_note", "relocation_note", "questions", "sections",
        ]
