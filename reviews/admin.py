from django.contrib import admin

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

    class Media:
        css = {"all": ["css/admin-reviews.css"]}
