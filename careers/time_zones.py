"""Time zones of offices: a posting's closing day ends at midnight where the role is."""

import zoneinfo

from django.conf import settings


def time_zone_choices():
    """Every IANA zone this system knows. A callable, so migrations do not freeze the tz database."""
    return [(name, name) for name in sorted(zoneinfo.available_timezones())]


def default_time_zone():
    return settings.TIME_ZONE
