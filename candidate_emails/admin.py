from django.contrib import admin

from .models import EmailTemplate, PostingAutoRejection


@admin.register(EmailTemplate)
class EmailTemplateAdmin(admin.ModelAdmin):
    """Recruiters write the templates (accounts/roles.py); the text is plain, with fixed placeholders only."""

    list_display = ("name", "kind", "subject", "updated_at")
    # No filter sidebar: a handful of templates.
    search_fields = ("name", "subject")
    fields = ("name", "kind", "subject", "body")


class PostingAutoRejectionInline(admin.StackedInline):
    """On the posting form (careers.admin.PostingAdmin): reject and email open candidates when it closes."""

    model = PostingAutoRejection
    extra = 0
    max_num = 1
    can_delete = True
    fields = ("enabled", "template")
