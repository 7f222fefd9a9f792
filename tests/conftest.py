import os
import shutil
import subprocess

import pytest
from django.db import connection

# Playwright's sync API runs an event loop in the test thread; Django must
# allow ORM calls from it in browser tests.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

IN_CI = bool(os.environ.get("CI"))


@pytest.fixture(autouse=True)
def isolated_storage(settings, tmp_path):
    """Every test writes files to its own temporary public and private roots."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": tmp_path / "media"}},
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "private", "base_url": "/no-public-url/"},
        },
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.FILE_UPLOAD_TEMP_DIR = tmp_path / "uploads"
    settings.FILE_UPLOAD_TEMP_DIR.mkdir()
    return tmp_path


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Speed only: hashing strength is not what these tests are about."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def fresh_cache(settings, request):
    """A cache of its own per test: rate-limit counters and cached pages never leak between tests."""
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": request.node.nodeid},
        "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages-" + request.node.nodeid},
    }
    from careers import caching

    caching._local.update(version=None, read_at=0.0)


def stored_files(root):
    """Every file under ``root`` (relative paths), for 'nothing left behind' checks."""
    if not root.exists():
        return []
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


@pytest.fixture
def private_files(isolated_storage):
    return lambda: stored_files(isolated_storage / "private")


@pytest.fixture
def tiny_filesystem():
    """Mount a tmpfs of ``size`` on a folder: a disk that really fills up (needs root; skipped otherwise)."""
    mounted = []

    def mount(path, size="64k"):
        path.mkdir(parents=True, exist_ok=True)
        result = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0750", "tmpfs", str(path)],
                                capture_output=True)
        if result.returncode != 0:
            pytest.skip(f"cannot mount a tmpfs here: {result.stderr.decode().strip()}")
        mounted.append(path)
        return path

    yield mount
    for path in mounted:
        subprocess.run(["umount", "--lazy", str(path)], check=True)  # lazy: a test may still hold a file open


@pytest.fixture
def require_postgres(db):
    """Tests of PostgreSQL behaviour: skipped on SQLite locally, FAIL in CI."""
    if connection.vendor != "postgresql":
        message = "needs PostgreSQL: set DATABASE_URL=postgres://..."
        if IN_CI:
            pytest.fail(f"CI must run against PostgreSQL; {message}")
        pytest.skip(message)


def require_tool(path, what):
    if shutil.which(path) or os.path.exists(path):
        return
    if IN_CI:
        pytest.fail(f"{what} is required in CI but {path} is missing")
    pytest.skip(f"{what} not installed ({path})")
