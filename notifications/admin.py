"""Staff view of the outbox: what was sent, what is waiting, what failed, and "Resend".

Who sees which email follows who may read what it is about, and each app says
that for its own rows (``register_visibility`` in its AppConfig.ready): emails
about applications through ``Application.objects.visible_to``, about
accommodation requests to coordinators only (``accommodations.access``). Account
emails (sign-in and reset links in their bodies) are about no row: superusers
only. This module imports none of those apps.
"""

from django.contrib import admin, messages
from django.db.models import Q

from .models import OutgoingEmail
from .services import email_resend

_VISIBILITY = []


def register_visibility(rule):
    """``rule(user) -> Q``: the emails about an app's rows that ``user`` may read."""
    _VISIBILITY.append(rule)


def emails_visible_to(user):
    """The emails a staff user may see in the admin (bodies included)."""
    emails = OutgoingEmail.objects.all()
    if not (user.is_active and user.is_staff):
        return emails.none()
    visible = Q(pk__in=[])
    for rule in _VISIBILITY:
        visible |= rule(user)
    if user.is_superuser:
        visible |= Q(application__isnull=True, accommodation_request__isnull=True)
    return emails.filter(visible)


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(admin.ModelAdmin):
    list_display = ("created_at", "kind", "subject", "status", "attempts", "next_attempt_at", "sent_at")
    list_filter = ("status", "kind")
    date_hierarchy = "created_at"
    fields = ("key", "kind", "to", "subject", "body", "status", "attempts", "next_attempt_at", "last_error",
              "created_at", "sent_at")
    readonly_fields = fields
    actions = ["resend"]

    def get_queryset(self, request):
        return emails_visible_to(request.user)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        pass  # nothing is editable here; saving a stale copy could undo the worker's update

    @admin.action(description="Resend (failed emails only)", permissions=["change"])
    def resend(self, request, queryset):
        count = email_resend(queryset)
        self.message_user(request, f"Queued {count} failed email(s) again.", messages.SUCCESS)
