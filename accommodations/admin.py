from functools import wraps

from django.contrib import admin
from django.http import Http404

from accounts.access_log import LogsOpenings
from accounts.admin import AccessLogAdmin

from .access import is_coordinator
from .models import AccommodationAccessLog, AccommodationRequest


class CoordinatorOnlyMixin:
    """Visible only to accommodations coordinators: others get no menu entry and 403 on every URL."""

    def _is_coordinator(self, request):
        return is_coordinator(request.user)

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
class AccommodationRequestAdmin(CoordinatorOnlyMixin, LogsOpenings, admin.ModelAdmin):
    access_log = AccommodationAccessLog
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


@admin.register(AccommodationAccessLog)
class AccommodationAccessLogAdmin(AccessLogAdmin):
    pass
