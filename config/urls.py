from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.generic import RedirectView

from . import views
from .media import public_media

admin.site.site_header = "Careers administration"
admin.site.site_title = "Careers admin"

# Application pages moved from the careers app's admin section to their own; old bookmarks
# still work. (Accommodation pages are not redirected: to non-coordinators they must not exist.)
MOVED_ADMIN_PAGES = r"^admin/careers/(?P<model>application|applicationaccesslog|erasedapplication)/(?P<rest>.*)$"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon),
    path("robots.txt", views.robots_txt, name="robots"),
    re_path(MOVED_ADMIN_PAGES, RedirectView.as_view(url="/admin/applications/%(model)s/%(rest)s", query_string=True)),
    path("admin/reviews/", include("reviews.urls")),  # notes and feedback pages (admin_view inside)
    path("admin/", admin.site.urls),
    path("accounts/", include("accounts.urls")),
    path("api/v1/", include("api.urls")),
    path("", include("careers.urls")),
    path("", include("applications.urls")),
    path("", include("accommodations.urls")),
]

if settings.BENCHMARK_ENDPOINTS:
    # The baseline for benchmarks/throughput.py: the cheapest response Django can give.
    from django.http import HttpResponse

    urlpatterns.append(path("bench/bare", lambda request: HttpResponse(b"ok" * 512, content_type="text/plain")))

# Public media only (logo, team and location images), in every deployment. Private files have no URL at all.
urlpatterns.append(path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", public_media, name="public_media"))

handler400 = "config.views.bad_request"
handler403 = "config.views.permission_denied"
handler404 = "config.views.page_not_found"
handler500 = "config.views.server_error"
