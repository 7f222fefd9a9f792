import asyncio
import os
import shutil
import socket
import subprocess
import threading

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
        "pages": {"BACKEND": "config.cache.ProcessMemoryCache", "LOCATION": "pages-" + request.node.nodeid},
    }
    from careers import caching, versioning

    versioning._local.update(version=None, read_at=0.0)
    caching._pages.clear()


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
    """Mount a tmpfs of ``size`` on a folder: a disk that really fills up (needs root; skipped elsewhere, FAILS in CI)."""
    mounted = []

    def mount(path, size="64k"):
        path.mkdir(parents=True, exist_ok=True)
        result = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0750", "tmpfs", str(path)],
                                capture_output=True)
        if result.returncode != 0:
            message = f"cannot mount a tmpfs here: {result.stderr.decode().strip()}"
            if IN_CI:
                pytest.fail(f"CI runs as root and must fill a real disk; {message}")
            pytest.skip(message)
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


class MailServerHandler:
    """An aiosmtpd handler whose behaviour a test switches: accept, refuse (4xx), reject (5xx) or hang."""

    def __init__(self):
        self.mode = "accept"
        self.messages = []  # accepted messages only (email.message.EmailMessage)
        self.hung = threading.Event()  # set once a message reached a hanging server
        self._waiting = []
        self.loop = None

    async def handle_DATA(self, server, session, envelope):
        from email import message_from_bytes, policy

        if self.mode == "hang":
            release = asyncio.Event()
            self._waiting.append(release)
            self.hung.set()
            await release.wait()
            return "451 4.3.0 Try again later"
        if self.mode == "refuse":
            return "451 4.3.0 Mail server unavailable, try again later"
        if self.mode == "reject":
            return "554 5.7.1 Rejected"
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"

    def release(self):
        for event in self._waiting:
            self.loop.call_soon_threadsafe(event.set)
        self._waiting = []

    def to(self):
        return [message["To"] for message in self.messages]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def mail_server(settings):
    """A real SMTP server on a free loopback port; MAILERS point at it (2 s client timeout)."""
    from aiosmtpd.controller import Controller

    handler = MailServerHandler()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    handler.loop = controller.loop
    handler.port = controller.port
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": controller.port, "timeout": 2},
        }
    }
    yield handler
    handler.release()
    controller.stop()


def reset_task_backends():
    """Django caches task backends and does not listen for TASKS changes: forget them."""
    from asgiref.local import Local
    from django.tasks import task_backends

    task_backends.__dict__.pop("settings", None)
    task_backends._connections = Local(task_backends.thread_critical)


@pytest.fixture
def task_worker_backend(settings):
    """The production task backend (django-tasks-db): tasks wait in the database for ``db_worker``."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    reset_task_backends()
    yield
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    reset_task_backends()
