from django.contrib import admin
from django.http import QueryDict

from .models import FeedbackCriterion


@admin.register(FeedbackCriterion)
class FeedbackCriterionAdmin(admin.ModelAdmin):
    """Recruiters define what reviewers of each posting's candidates comment on (no candidate data here)."""

    list_display = ("name", "posting", "position", "hint")
    list_filter = ("posting",)
    list_select_related = ("posting",)
    search_fields = ("name", "posting__title")
    fields = ("posting", "position", "name", "hint")
    ordering = ("posting__title", "position", "pk")

    def has_delete_permission(self, request, obj=None):
        # A posting's criteria go with it: the admin's delete page asks each related model, so whoever
        # may delete postings (site administrators) is never stopped by criteria they cannot otherwise see.
        return super().has_delete_permission(request, obj) or request.user.has_perm("careers.delete_posting")

    def get_changeform_initial_data(self, request):
        # "Add" from a list filtered by posting (the application page links there) starts on that posting.
        initial = super().get_changeform_initial_data(request)
        posting = QueryDict(request.GET.get("_changelist_filters", "")).get("posting__id__exact")
        if posting and "posting" not in initial:
            initial["posting"] = posting
        return initial

    class Media:
        css = {"all": ["css/admin-reviews.css"]}
