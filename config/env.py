"""Reading the settings from the environment: typed readers, and the secrets production must be given.

``config.settings`` is the one settings module; these are its tools, not settings.
"""

import os
import secrets

from django.core.exceptions import ImproperlyConfigured


def env(name, default=None):
    value = os.environ.get(name)
    return default if value in (None, "") else value


def env_bool(name, default):
    value = env(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=()):
    value = env(name)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


def secret(name, *, production, dev_file, generate=lambda: secrets.token_urlsafe(50)):
    """The secret in variable ``name``. Production must set it; development generates one
    once per checkout and keeps it in ``dev_file`` (under var/, readable by the owner only)."""
    value = env(name)
    if value:
        return value
    if production:
        raise ImproperlyConfigured(f"{name} must be set when DJANGO_ENV=production.")
    if not dev_file.exists():
        dev_file.parent.mkdir(parents=True, exist_ok=True)
        dev_file.write_text(generate())
        dev_file.chmod(0o600)
    return dev_file.read_text().strip()
