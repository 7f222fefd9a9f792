"""The throughput floor: the project's settings with only SecurityMiddleware and CommonMiddleware,
and one bare view. Served by its own gunicorn (``benchmarks/floor_wsgi.py``) next to the project's,
so page figures are compared with what Django itself costs, not with a view inside our own stack.
Benchmark use only: it refuses to load unless BENCHMARK_ENDPOINTS is set.
"""

from django.core.exceptions import ImproperlyConfigured
from django.http import HttpResponse
from django.urls import path

from config.settings import *  # noqa: F403
from config.settings import BENCHMARK_ENDPOINTS

if not BENCHMARK_ENDPOINTS:
    raise ImproperlyConfigured("benchmarks.floor_settings is for benchmarks only (set BENCHMARK_ENDPOINTS).")

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.common.CommonMiddleware",
]
ROOT_URLCONF = "benchmarks.floor_settings"


def bare(request):
    return HttpResponse(b"ok" * 512, content_type="text/plain")


urlpatterns = [
    path("bench/bare", bare),
    path("healthz", bare),
]
