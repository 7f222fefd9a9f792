"""The applications list in the admin: compact columns that fit 1024 px beside the filters.

Long names, addresses and titles wrap inside their cell (static/css/admin.css) instead of
widening the table; the stage, the date and the reference stay on screen.
"""

from django.contrib import admin
from django.contrib.admin.views.main import ChangeList
from django.utils import dateformat
from django.utils.html import format_html
from django.utils.timezone import localtime

from .pipeline import WORK_PAGE_CONTEXT, filtered_list_url


def short_date(moment):
    """A date staff read at a glance ("29 Nov 2026"), with the exact time for machines and on hover."""
    local = localtime(moment)
    return format_html('<time datetime="{}" title="{}">{}</time>', local.isoformat(timespec="seconds"),
                       dateformat.format(local, "Y-m-d H:i"), dateformat.format(local, "j M Y"))


class ApplicationChangeList(ChangeList):
    def get_queryset(self, request, exclude_parameters=None):
        # The list's rows only (not every admin read): how many postings each candidate applied to.
        return super().get_queryset(request, exclude_parameters).with_postings_applied(request.user)


class ApplicationListMixin:
    """Columns of the application change list; the query is one annotated select (no query per row)."""

    def get_changelist(self, request, **kwargs):
        return ApplicationChangeList

    def changelist_view(self, request, extra_context=None):
        # A work page: the navigation sidebar would take 300 px the table needs (breadcrumbs stay).
        return super().changelist_view(request, {**WORK_PAGE_CONTEXT, **(extra_context or {})})

    @admin.display(description="candidate", ordering="last_name")
    def candidate(self, application):
        return format_html('{}<span class="list-detail">{}</span>', application.full_name, application.email)

    @admin.display(description="posting", ordering="posting__title")
    def posting_and_team(self, application):
        # A candidate who applied to several postings (that this viewer may see) is flagged, linked to them all.
        several = ""
        if application.postings_applied > 1:
            url = filtered_list_url(email=application.email)
            several = format_html('<a class="flag" href="{}">Applied to {} postings</a>', url,
                                  application.postings_applied)
        return format_html('{}<span class="list-detail">{}</span>{}', application.posting.title,
                           application.posting.team.name, several)

    @admin.display(description="submitted", ordering="submitted_at")
    def submitted(self, application):
        return short_date(application.submitted_at)
