import csv
from functools import partial

from django.contrib import admin, messages
from django.http import HttpResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from accounts.access_log import LogsOpenings
from accounts.admin import AccessLogAdmin
from candidate_emails import views as candidate_emails
from candidate_emails.actions import reject_and_email
from careers.admin import ReadOnlyAdmin
from config.spreadsheets import csv_safe
from reviews.panels import notes_panel_context

from . import pipeline
from .admin_lists import ApplicationListMixin
from .models import Answer, Application, ApplicationAccessLog, ConsentRecord, ErasedApplication
from .uploads import document_response
from .viewer.views import document_view, stored_document, viewer_panel_context


class RecordInline:
    """A read-only inline: what candidates sent and what happened is a record, never edited here."""

    extra = 0
    can_delete = False

    def get_readonly_fields(self, request, obj=None):
        return self.fields

    def has_add_permission(self, request, obj=None):
        return False


class AnswerInline(RecordInline, admin.TabularInline):
    model = Answer
    fields = ("question_label", "value")


class ConsentInline(RecordInline, admin.StackedInline):
    model = ConsentRecord
    fields = ("policy_version", "consented_at", "wording", "talent_pool", "talent_pool_wording")


def _stage_action(stage):
    def action(modeladmin, request, queryset):
        moved, withdrawn = queryset.move_to(stage, by=request.user)
        modeladmin.message_user(request, f"Moved {moved} application(s) to \u201c{stage.label}\u201d.", messages.SUCCESS)
        if withdrawn:
            modeladmin.message_user(
                request,
                f"{withdrawn} application(s) withdrawn by the candidate were left as they are: "
                "only the candidate changes a withdrawn application.",
                messages.WARNING,
            )

    action.__name__ = f"move_to_{stage.value}"
    return admin.action(description=f"Move to stage: {stage.label}", permissions=["change"])(action)


CSV_COLUMNS = (
    "reference", "submitted_at", "posting", "team", "stage", "first_name", "last_name", "email", "phone",
    "country", "city", "linkedin_url", "website_url", "source", "referral_source", "resume_name", "talent_pool",
)


@admin.register(Application)
class ApplicationAdmin(LogsOpenings, ApplicationListMixin, admin.ModelAdmin):
    access_log = ApplicationAccessLog
    # The recruiter workspace: the record plus panels (viewer, notes, emails, timeline).
    change_form_template = "admin/applications/application/change_form.html"
    # Compact columns that wrap (applications/admin_lists.py): stage and date stay visible at 1024 px.
    list_display = ("candidate", "posting_and_team", "stage", "submitted", "reference")
    # Related-only filters: a hiring manager's sidebar names only their own postings and teams.
    list_filter = (
        "stage", ("posting__team", admin.RelatedOnlyFieldListFilter), ("posting", admin.RelatedOnlyFieldListFilter),
        "submitted_at",
    )
    list_select_related = ("posting", "posting__team")
    search_fields = ("first_name", "last_name", "email", "reference")
    search_help_text = "Search every posting by name, email or reference."
    date_hierarchy = "submitted_at"
    # Stage history and emails are in the timeline panel (candidate_emails), not inlines.
    inlines = [AnswerInline, ConsentInline]
    actions = [_stage_action(stage) for stage in Application.STAFF_STAGES] + ["export_csv", reject_and_email]
    fieldsets = (
        ("Candidate", {"fields": ("reference", "first_name", "last_name", "email", "phone", "country", "city",
                                  "linkedin_url", "website_url", "source", "referral_source")}),
        ("Documents", {"fields": ("resume_link", "cover_letter", "cover_letter_link")}),
        ("Review", {"fields": ("posting", "stage", "submitted_at", "updated_at")}),
    )

    def get_queryset(self, request):
        return Application.objects.visible_to(request.user).with_review_data()

    def get_readonly_fields(self, request, obj=None):
        # What the candidate sent is a record: staff change only the stage, and not once the candidate withdrew.
        editable = "" if obj is not None and obj.stage == Application.Stage.WITHDRAWN else "stage"
        return [f for fs in self.fieldsets for f in fs[1]["fields"] if f != editable]

    def save_model(self, request, obj, form, change):
        # Only the stage is editable; it changes through the one method that records it.
        if "stage" in form.changed_data:
            try:
                obj.move_to(form.cleaned_data["stage"], by=request.user)
            except ValueError as error:  # withdrawn meanwhile
                self.message_user(request, str(error), messages.ERROR)

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "stage":
            kwargs["choices"] = Application.STAFF_STAGE_CHOICES
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def has_add_permission(self, request):
        return False  # applications come from candidates only

    @admin.display(description="résumé")
    def resume_link(self, application):
        return self._file_link(application, "resume", application.resume_name)

    @admin.display(description="cover letter file")
    def cover_letter_link(self, application):
        if not application.cover_letter_file:
            return "—"
        return self._file_link(application, "cover-letter", application.cover_letter_name)

    def _file_link(self, application, which, name):
        url = reverse("admin:applications_application_file", args=[application.pk, which])
        return format_html('<a href="{}">Download {}</a>', url, name)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # The workspace panels around the record (change_form.html), each from the room that owns it,
        # all from the application the admin loaded (get_queryset: visible_to) and permission-checked.
        if obj is not None:
            context.update({
                **pipeline.change_page_context(request, obj),
                **viewer_panel_context(request, obj),
                **candidate_emails.change_page_context(request, obj),
                **notes_panel_context(request, obj),
            })
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_urls(self):
        return [
            path("pipeline/<int:posting_id>/", self.admin_site.admin_view(partial(pipeline.pipeline_view, self)),
                 name="applications_application_pipeline"),
            path("pipeline/<int:posting_id>/move/", self.admin_site.admin_view(partial(pipeline.pipeline_move, self)),
                 name="applications_application_pipeline_move"),
            path(
                "<int:pk>/file/<str:which>/",
                self.admin_site.admin_view(self.download_file),
                name="applications_application_file",
            ),
            path("<int:pk>/view/<str:which>/", self.admin_site.admin_view(document_view),
                 name="applications_application_view_file"),
            *candidate_emails.admin_urls(self),
            *super().get_urls(),
        ]

    def download_file(self, request, pk, which):
        """Stream a candidate's document to staff allowed to read it, as an attachment."""
        application, stored, name, (_, _, _, action, _) = stored_document(request, pk, which)
        ApplicationAccessLog.record(request.user, action, [application])
        return document_response(stored, name)

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
            writer.writerow([csv_safe(row[column]) for column in CSV_COLUMNS])
        return response


@admin.register(ApplicationAccessLog)
class ApplicationAccessLogAdmin(AccessLogAdmin):
    pass


@admin.register(ErasedApplication)
class ErasedApplicationAdmin(ReadOnlyAdmin):
    list_display = ("posting", "stage", "submitted_month", "erased_at")
    list_filter = ("stage", "posting")
