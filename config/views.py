"""Site-wide views: the front door, health check, robots.txt, favicon and error pages."""

import sys

from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import get_template
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


@never_cache
def healthz(request):
    """503 only when the site cannot serve (database down). A mail outage is reported in ``outbox``
    (``status`` "attention", with counts) but stays 200: a load balancer must not pull the site
    because mail is late. Alert on ``outbox.status`` or on ``manage.py check_outbox``'s exit code."""
    from notifications.services import outbox_health

    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        outbox = outbox_health()
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "down"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok", "outbox": outbox})


@require_safe
def robots_txt(request):
    sitemap_url = request.build_absolute_uri(reverse("careers:sitemap"))
    return render(request, "robots.txt", {"sitemap_url": sitemap_url}, content_type="text/plain; charset=utf-8")


def favicon(request):
    from django.templatetags.static import static

    return redirect(static("favicon.svg"), permanent=True)


def home(request):
    return redirect("careers:posting_list", permanent=False)



def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def bad_request(request, exception):
    return _static_error_page("400.html", 400)


def permission_denied(request, exception):
    return render(request, "403.html", status=403)


def server_error(request):
    """500, or 503 when the database is what failed (the page then tells people to retry)."""
    if isinstance(sys.exc_info()[1], (OperationalError, InterfaceError)):
        response = _static_error_page("503.html", 503)
        response["Retry-After"] = "30"
        return response
    return _static_error_page("500.html", 500)


def _static_error_page(template, status):
    # Rendered without the request: no context processor may touch the database.
    return HttpResponse(get_template(template).render(), status=status)


def csrf_failure(request, reason=""):
    return render(request, "403_csrf.html", status=403)
