import csv
from functools import wraps

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from .forms import CompanyProfileAdminForm, LocationAdminForm, TeamAdminForm
from .models import (
    AccommodationAccessLog,
    AccommodationRequest,
    Answer,
    Application,
    ApplicationAccessLog,
    CompanyProfile,
    ConsentRecord,
    ErasedApplication,
    Location,
    OutgoingEmail,
    Posting,
    PrivacyPolicy,
    Question,
    Team,
)
from .querysets import reviews_every_application
from .uploads import document_response


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


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 0
    fields = ("position", "label", "kind", "choices", "required", "help_text")


@admin.register(Posting)
class PostingAdmin(admin.ModelAdmin):
    list_display = ("title", "team", "status", "workplace_type", "published_at", "closes_on", "application_count")
    list_filter = ("status", "team", "workplace_type", "employment_type", "locations")
    list_select_related = ("team",)
    search_fields = ("title", "slug", "team__name", "locations__city")
    prepopulated_fields = {"slug": ("title",)}
    filter_horizontal = ("locations",)
    date_hierarchy = "published_at"
    inlines = [QuestionInline]
    actions = ["publish", "close", "duplicate"]
    readonly_fields = ("created_at", "updated_at")
    fieldsets = (
        (None, {"fields": ("title", "slug", "team", "locations")}),
        ("Role at a glance", {"fields": ("workplace_type", "employment_type", "intro")}),
        ("About the Role", {"fields": ("about_role", "travel_note", "relocation_note")}),
        ("We’re looking for a blend of qualifications", {"fields": ("qualifications",)}),
        ("You’ll thrive in this role if", {"fields": ("thrive_if",)}),
        ("Pay", {"fields": ("pay_min", "pay_max", "pay_currency", "pay_period"), "classes": ("collapse",)}),
        ("Publishing", {"fields": ("status", "published_at", "closes_on", "created_at", "updated_at")}),
    )

    def get_queryset(self, request):
        # One annotated query for the whole list: no query per row for the count. Only
        # applications the viewer may review are counted (a hiring manager: their teams').
        visible = (
            Application.objects.visible_to(request.user).filter(posting=OuterRef("pk")).order_by()
            .values("posting").annotate(n=Count("pk")).values("n")
        )
        return super().get_queryset(request).annotate(
            _applications=Coalesce(Subquery(visible, output_field=IntegerField()), 0)
        )

    def get_list_display(self, request):
        if Application.objects.visible_to(request.user).query.is_empty():
            return [f for f in self.list_display if f != "application_count"]
        return self.list_display

    @admin.display(description="applications", ordering="_applications")
    def application_count(self, posting):
        return posting._applications

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        # The team decides which hiring managers read a posting's applications.
        if obj is not None and not reviews_every_application(request.user) and obj.applications.exists():
            readonly = (*readonly, "team")
        return readonly

    def save_model(self, request, obj, form, change):
        if obj.status == Posting.Status.PUBLISHED and not obj.published_at:
            obj.published_at = timezone.now()
        if obj.status == Posting.Status.CLOSED and not obj.closed_at:
            obj.closed_at = timezone.now()
        super().save_model(request, obj, form, change)

    @admin.action(description="Publish selected postings", permissions=["change"])
    def publish(self, request, queryset):
        for posting in queryset:
            posting.publish()
        self.message_user(request, f"Published {len(queryset)} posting(s).", messages.SUCCESS)

    @admin.action(description="Close selected postings", permissions=["change"])
    def close(self, request, queryset):
        for posting in queryset:
            posting.close()
        self.message_user(request, f"Closed {len(queryset)} posting(s).", messages.SUCCESS)

    @admin.action(description="Duplicate selected postings as drafts", permissions=["add"])
    def duplicate(self, request, queryset):
        copies = [posting.duplicate() for posting in queryset]
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


class AnswerInline(admin.TabularInline):
    model = Answer
    fields = ("question_label", "value")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class ConsentInline(admin.StackedInline):
    model = ConsentRecord
    fields = ("policy_version", "consented_at", "wording", "talent_pool", "talent_pool_wording")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class OutgoingEmailInline(admin.TabularInline):
    model = OutgoingEmail
    fields = ("kind", "status", "attempts", "last_error", "sent_at")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


def _stage_action(stage):
    def action(modeladmin, request, queryset):
        updated = queryset.exclude(stage=Application.Stage.WITHDRAWN).update(stage=stage, updated_at=timezone.now())
        modeladmin.message_user(request, f"Moved {updated} application(s) to \u201c{stage.label}\u201d.", messages.SUCCESS)

    action.__name__ = f"move_to_{stage.value}"
    return admin.action(description=f"Move to stage: {stage.label}", permissions=["change"])(action)


CSV_COLUMNS = (
    "reference", "submitted_at", "posting", "team", "stage", "first_name", "last_name", "email", "phone",
    "country", "city", "linkedin_url", "website_url", "source", "resume_name", "talent_pool",
)


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ("full_name", "email", "posting", "stage", "submitted_at", "reference")
    # Related-only filters: a hiring manager's sidebar names only their own postings and teams.
    list_filter = (
        "stage", ("posting__team", admin.RelatedOnlyFieldListFilter), ("posting", admin.RelatedOnlyFieldListFilter),
        "submitted_at",
    )
    list_select_related = ("posting", "posting__team")
    search_fields = ("first_name", "last_name", "email", "reference")
    date_hierarchy = "submitted_at"
    inlines = [AnswerInline, ConsentInline, OutgoingEmailInline]
    actions = [_stage_action(stage) for stage in Application.STAFF_STAGES] + ["export_csv"]
    fieldsets = (
        ("Candidate", {"fields": ("reference", "first_name", "last_name", "email", "phone", "country", "city",
                                  "linkedin_url", "website_url", "source")}),
        ("Documents", {"fields": ("resume_link", "cover_letter", "cover_letter_link")}),
        ("Review", {"fields": ("posting", "stage", "submitted_at", "updated_at")}),
    )

    def get_queryset(self, request):
        return Application.objects.visible_to(request.user).with_review_data()

    def get_readonly_fields(self, request, obj=None):
        # What the candidate sent is a record: staff change only the stage.
        return [f for fs in self.fieldsets for f in fs[1]["fields"] if f != "stage"]

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "stage":
            kwargs["choices"] = [(s.value, s.label) for s in Application.STAFF_STAGES]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def has_add_permission(self, request):
        return False  # applications come from candidates only

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        if request.method == "GET" and response.status_code == 200:
            application = self.get_object(request, object_id)
            if application is not None:
                ApplicationAccessLog.record(request.user, ApplicationAccessLog.Action.VIEWED, [application])
        return response

    @admin.display(description="résumé")
    def resume_link(self, application):
        return self._file_link(application, "resume", application.resume_name)

    @admin.display(description="cover letter file")
    def cover_letter_link(self, application):
        if not application.cover_letter_file:
            return "—"
        return self._file_link(application, "cover-letter", application.cover_letter_name)

    def _file_link(self, application, which, name):
        url = reverse("admin:careers_application_file", args=[application.pk, which])
        return format_html('<a href="{}">Download {}</a>', url, name)

    def get_urls(self):
        return [
            path(
                "<int:pk>/file/<str:which>/",
                self.admin_site.admin_view(self.download_file),
                name="careers_application_file",
            ),
            *super().get_urls(),
        ]

    def download_file(self, request, pk, which):
        """Stream a candidate's document to staff allowed to read it, as an attachment."""
        if not request.user.has_perm("careers.download_resume"):
            raise PermissionDenied
        application = get_object_or_404(self.get_queryset(request), pk=pk)
        if which == "resume":
            field, name, action = application.resume, application.resume_name, ApplicationAccessLog.Action.RESUME
        elif which == "cover-letter" and application.cover_letter_file:
            field, name = application.cover_letter_file, application.cover_letter_name
            action = ApplicationAccessLog.Action.COVER_LETTER
        else:
            raise Http404
        ApplicationAccessLog.record(request.user, action, [application])
        return document_response(field, name)

    @admin.action(description="Export selected applications as CSV (no files)", permissions=["view"])
    def export_csv(self, request, queryset):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="applications-{timezone.localdate()}.csv"'
        writer = csv.writer(response)
        writer.writerow(CSV_COLUMNS)
        applications = list(queryset.select_related("posting__team", "consent"))
        ApplicationAccessLog.record(request.user, ApplicationAccessLog.Action.EXPORTED, applications)
        for application in applications:
            row = {
                **{column: getattr(application, column, "") for column in CSV_COLUMNS},
                "posting": application.posting.title,
                "team": application.posting.team.name,
                "talent_pool": "yes" if getattr(application, "consent", None) and application.consent.talent_pool else "no",
                "submitted_at": application.submitted_at.isoformat(),
            }
            writer.writerow([_csv_safe(row[column]) for column in CSV_COLUMNS])
        return response


def _csv_safe(value):
    """Neutralise spreadsheet formulas (CSV injection) in candidate-supplied text."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


class CoordinatorOnlyMixin:
    """Visible only to accommodations coordinators: others get no menu entry and 403 on every URL."""

    PERMISSION = "careers.coordinate_accommodations"

    def _is_coordinator(self, request):
        return request.user.is_active and request.user.is_staff and request.user.has_perm(self.PERMISSION)

    def has_module_permission(self, request):
        return self._is_coordinator(request)

    def has_view_permission(self, request, obj=None):
        return self._is_coordinator(request) and super().has_view_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._is_coordinator(request) and super().has_change_permission(request, obj)

    def has_add_permission(self, request):
        return False  # requests come from candidates only

    def has_delete_permission(self, request, obj=None):
        return False  # removed by the retention policy, not by hand

    def get_urls(self):
        # Anyone who is not a coordinator, signed in or not, gets a plain 404: not even
        # a login redirect that would confirm these pages exist.
        def hidden(view):
            @wraps(view)
            def wrapper(request, *args, **kwargs):
                if not self._is_coordinator(request):
                    raise Http404
                return view(request, *args, **kwargs)

            return wrapper

        urls = super().get_urls()
        for pattern in urls:
            pattern.callback = hidden(pattern.callback)
        return urls


@admin.register(AccommodationRequest)
class AccommodationRequestAdmin(CoordinatorOnlyMixin, admin.ModelAdmin):
    # The list shows no health details: those appear only on a (logged) opening.
    list_display = ("reference", "name", "posting", "stage", "status", "created_at")
    list_filter = ("status", "stage", "created_at")
    list_select_related = ("posting",)
    search_fields = ("reference", "name", "email")
    readonly_fields = ("reference", "name", "email", "posting", "stage", "description", "contact_method",
                       "contact_details", "created_at", "updated_at")
    fields = ("reference", "status", "name", "email", "posting", "stage", "description", "contact_method",
              "contact_details", "created_at", "updated_at")
    actions = None

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        if response.status_code == 200 and request.method == "GET":
            accommodation = self.get_object(request, object_id)
            if accommodation is not None:
                AccommodationAccessLog.objects.create(request=accommodation, user=request.user)
        return response


@admin.register(AccommodationAccessLog)
class AccommodationAccessLogAdmin(ReadOnlyAdmin):
    """Read-only audit trail; site administrators read it, nobody edits it."""

    list_display = ("accessed_at", "user", "request")
    list_filter = ("accessed_at", ("user", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("user", "request")
    search_fields = ("user__email", "request__reference")



@admin.register(ApplicationAccessLog)
class ApplicationAccessLogAdmin(ReadOnlyAdmin):
    # The reference only: the application itself would show as the candidate's name.
    fields = ("at", "user", "action", "application_reference")
    list_display = ("at", "user", "action", "application_reference")
    list_filter = ("action", "at", ("user", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("user",)
    search_fields = ("user__email", "application_reference")
    date_hierarchy = "at"


@admin.register(ErasedApplication)
class ErasedApplicationAdmin(ReadOnlyAdmin):
    list_display = ("posting", "stage", "submitted_month", "erased_at")
    list_filter = ("stage", "posting")
