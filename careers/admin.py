from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html

from applications.admin_lists import short_date
from applications.models import Application
from applications.pipeline import WORK_PAGE_CONTEXT
from applications.querysets import postings_reviewable_by, reviews_every_application
from candidate_emails.admin import PostingAutoRejectionInline

from .forms import CompanyProfileAdminForm, LocationAdminForm, PostingAdminForm, TeamAdminForm
from .models import CompanyProfile, Location, Posting, PostingSection, PrivacyPolicy, Question, Team
from .preview import posting_preview


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records nobody may add, change or delete in the admin."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    form = TeamAdminForm
    list_display = ("name", "slug", "notification_email", "open_postings")
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}
    filter_horizontal = ("hiring_managers",)
    # Who receives candidates' names, and which managers read the team's applications:
    # only a role that reads every application may decide either.
    APPLICATION_ACCESS_FIELDS = ("notification_email", "hiring_managers")

    def get_readonly_fields(self, request, obj=None):
        if reviews_every_application(request.user):
            return ()
        return self.APPLICATION_ACCESS_FIELDS

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "hiring_managers":
            kwargs["queryset"] = get_user_model().objects.filter(is_staff=True)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_postings=Count("postings"))

    @admin.display(description="postings", ordering="_postings")
    def open_postings(self, team):
        return team._postings


@admin.register(Location)
class LocationAdmin(admin.ModelAdmin):
    form = LocationAdminForm
    list_display = ("city", "country", "country_code", "slug")
    list_filter = ("country",)
    search_fields = ("city", "country", "slug")
    prepopulated_fields = {"slug": ("city",)}


class QuestionInline(admin.StackedInline):  # stacked: every field has its own label (axe, screen readers)
    model = Question
    extra = 0
    fields = ("position", "label", "kind", "choices", "required", "help_text")


class PostingSectionInline(admin.StackedInline):
    model = PostingSection
    extra = 0
    fields = (("heading", "position", "kind"), "body")
    verbose_name = "added section"
    verbose_name_plural = "added sections (shown with the standard ones, by position)"


@admin.register(Posting)
class PostingAdmin(admin.ModelAdmin):
    form = PostingAdminForm
    # Compact columns that wrap (static/css/admin.css): the dates and counts stay visible at 1024 px.
    list_display = ("title", "team", "status", "published", "closes_on", "application_count")
    list_filter = ("status", "team", "workplace_type", "employment_type", "locations")
    list_select_related = ("team",)
    search_fields = ("title", "slug", "team__name", "locations__city")
    prepopulated_fields = {"slug": ("title",)}
    date_hierarchy = "published_at"
    inlines = [PostingSectionInline, QuestionInline, PostingAutoRejectionInline]
    actions = ["publish", "close", "duplicate"]
    readonly_fields = ("created_at", "updated_at")
    fieldsets = (
        (None, {"fields": ("title", "slug", "team", "locations")}),
        ("Role at a glance", {"fields": ("workplace_type", "employment_type", "intro")}),
        # Each standard section: its heading and place on the page, then its text. More sections: inline below.
        ("Section: about the role", {"fields": (
            ("about_role_heading", "about_role_position"), "about_role", "travel_note", "relocation_note",
        )}),
        ("Section: qualifications list", {"fields": (("qualifications_heading", "qualifications_position"), "qualifications")}),
        ("Section: “thrive” list", {"fields": (("thrive_heading", "thrive_position"), "thrive_if")}),
        ("Pay", {"fields": ("pay_min", "pay_max", "pay_currency", "pay_period"), "classes": ("collapse",)}),
        ("Publishing", {"fields": ("status", "published_at", "closes_on", "created_at", "updated_at")}),
    )

    class Media:
        css = {"all": ("css/posting-editor.css",)}

    def get_queryset(self, request):
        # One annotated query for the whole list: no query per row for the count. Only
        # applications the viewer may review are counted (a hiring manager: their teams').
        visible = (
            Application.objects.visible_to(request.user).filter(posting=OuterRef("pk")).order_by()
            .values("posting").annotate(n=Count("pk")).values("n")
        )
        return super().get_queryset(request).annotate(
            _applications=Coalesce(Subquery(visible, output_field=IntegerField()), 0),
            _reviewable=Exists(postings_reviewable_by(request.user).filter(pk=OuterRef("pk"))),
        )

    def changelist_view(self, request, extra_context=None):
        return super().changelist_view(request, {**WORK_PAGE_CONTEXT, **(extra_context or {})})

    def get_list_display(self, request):
        if Application.objects.visible_to(request.user).query.is_empty():
            return [f for f in self.list_display if f != "application_count"]
        return self.list_display

    @admin.display(description="applications", ordering="_applications")
    def application_count(self, posting):
        if not posting._reviewable:
            return posting._applications
        listed = reverse("admin:applications_application_changelist") + f"?posting__id__exact={posting.pk}"
        return format_html('<a href="{}">{}</a> · <a href="{}">pipeline</a>', listed, posting._applications,
                           reverse("admin:applications_application_pipeline", args=[posting.pk]))

    @admin.display(description="published", ordering="published_at")
    def published(self, posting):
        return short_date(posting.published_at) if posting.published_at else "—"

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        # The team decides which hiring managers read a posting's applications.
        if obj is not None and not reviews_every_application(request.user) and obj.applications.exists():
            readonly = (*readonly, "team")
        return readonly

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # Its pipeline, and its report once it has applications, for those who may review them
        # (obj comes from get_queryset, annotated with both for this user).
        if obj is not None and obj._reviewable:
            context["review_links"] = {"pipeline": reverse("admin:applications_application_pipeline", args=[obj.pk])}
            if obj._applications:
                context["review_links"]["report"] = (
                    reverse("admin:reports_applicationreport_changelist") + f"?posting={obj.pk}"
                )
        # "Preview" posts the form, which comes back unsaved with the edits kept and the posting
        # rendered as candidates would see it (careers/preview.py).
        if getattr(context["adminform"].form, "previewing", False):
            context["posting_preview"] = posting_preview(context["adminform"].form, context["inline_admin_formsets"])
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_related(self, request, form, formsets, change):
        # Other edits are saved under the current status (save_model), then the inlines; only then
        # does the posting's verb make the change of state the form asked for, with its dates and
        # retention clock (closed_at): what listeners of a closing read (the auto-rejection inline)
        # is the setting submitted with it.
        super().save_related(request, form, formsets, change)
        form.instance.change_status(form.cleaned_data["status"])

    def _change_status(self, request, queryset, status, verb):
        changed = skipped = 0
        for posting in queryset:
            if posting.status != status and status in posting.next_statuses():
                posting.change_status(status)
                self.log_change(request, posting, f"{verb} with the list action.")
                changed += 1
            elif posting.status != status:
                skipped += 1
        self.message_user(request, f"{verb} {changed} posting(s).", messages.SUCCESS)
        if skipped:
            self.message_user(
                request, f"{skipped} posting(s) cannot be {verb.lower()} from their status and were left as they were.",
                messages.WARNING,
            )

    @admin.action(description="Publish (or re-open) selected postings", permissions=["change"])
    def publish(self, request, queryset):
        self._change_status(request, queryset, Posting.Status.PUBLISHED, "Published")

    @admin.action(description="Close selected postings", permissions=["change"])
    def close(self, request, queryset):
        self._change_status(request, queryset, Posting.Status.CLOSED, "Closed")

    @admin.action(description="Duplicate selected postings as drafts", permissions=["add"])
    def duplicate(self, request, queryset):
        copies = []
        for posting in queryset:
            copy = posting.duplicate()
            # Both keep the history: where the copy came from, and that the original was copied.
            self.log_addition(request, copy, f"Duplicated from \u201c{posting}\u201d (id {posting.pk}).")
            self.log_change(request, posting, f"Duplicated as \u201c{copy}\u201d (id {copy.pk}).")
            copies.append(copy)
        self.message_user(request, f"Created {len(copies)} draft copy(ies).", messages.SUCCESS)


@admin.register(CompanyProfile)
class CompanyProfileAdmin(admin.ModelAdmin):
    form = CompanyProfileAdminForm
    fieldsets = (
        (None, {"fields": ("name", "website", "logo")}),
        ("Shown on every posting", {"fields": (
            "about", "equal_opportunity", "fair_chance", "accommodations_text", "privacy_link_text", "closing",
        )}),
    )

    def has_add_permission(self, request):
        return not CompanyProfile.objects.exists() and super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        # A singleton: go straight to the one set of texts.
        profile = CompanyProfile.load()
        return redirect(reverse("admin:careers_companyprofile_change", args=[profile.pk]))


@admin.register(PrivacyPolicy)
class PrivacyPolicyAdmin(admin.ModelAdmin):
    list_display = ("version", "effective_on", "consent_count", "created_at")
    search_fields = ("version",)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_consents=Count("consents"))

    @admin.display(description="consents recorded", ordering="_consents")
    def consent_count(self, policy):
        return policy._consents

    def get_readonly_fields(self, request, obj=None):
        # Once candidates consented to a version its text is evidence: publish a new version instead.
        if obj and obj.consents.exists():
            return ("version", "effective_on", "body")
        return ()

    def has_delete_permission(self, request, obj=None):
        if obj and obj.consents.exists():
            return False
        return super().has_delete_permission(request, obj)
