from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from careers import views as careers_views

admin.site.site_header = "Careers administration"
admin.site.site_title = "Careers admin"

urlpatterns = [
    path("", careers_views.home, name="home"),
    path("healthz", careers_views.healthz, name="healthz"),
    path("favicon.ico", careers_views.favicon),
    path("admin/", admin.site.urls),
    path("accounts/", include("accounts.urls")),
    path("api/v1/", include("api.urls")),
    path("", include("careers.urls")),
]

if settings.BENCHMARK_ENDPOINTS:
    # The baseline for benchmarks/throughput.py: the cheapest response Django can give.
    from django.http import HttpResponse

    urlpatterns.append(path("bench/bare", lambda request: HttpResponse(b"ok" * 512, content_type="text/plain")))

if settings.DEBUG:
    # Public media only (team and location images). Private files have no URL at all.
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler400 = "careers.views.bad_request"
handler403 = "careers.views.permission_denied"
handler404 = "careers.views.page_not_found"
handler500 = "careers.views.server_error"
