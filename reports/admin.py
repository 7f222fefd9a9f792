"""The reports in the admin: one page (overall, or per posting with ``?posting=``) and a CSV per report."""

from django.contrib import admin
from django.urls import path

from careers.admin import ReadOnlyAdmin

from . import views
from .models import ApplicationReport
from .selectors import may_see_reports


@admin.register(ApplicationReport)
class ApplicationReportAdmin(ReadOnlyAdmin):
    """Not a list of rows: its "list" URL is the report page, and it has no add, change or delete pages."""

    def has_module_permission(self, request):
        return may_see_reports(request.user)

    def has_view_permission(self, request, obj=None):
        return may_see_reports(request.user)

    def get_urls(self):
        opts = self.model._meta
        name = f"{opts.app_label}_{opts.model_name}"
        return [
            path("", self.admin_site.admin_view(self.changelist_view), name=f"{name}_changelist"),
            path("csv/<slug:kind>/", self.admin_site.admin_view(views.report_csv), name=f"{name}_csv"),
        ]

    def changelist_view(self, request, extra_context=None):
        return views.report_page(request, {**self.admin_site.each_context(request), "opts": self.model._meta})
