"""WSGI application for the throughput floor (benchmarks/floor_settings.py); never deployed."""

import os

from django.core.wsgi import get_wsgi_application

os.environ["DJANGO_SETTINGS_MODULE"] = "benchmarks.floor_settings"
application = get_wsgi_application()
