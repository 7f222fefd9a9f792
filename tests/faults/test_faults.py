"""Faults: the database going away and coming back, workers killed mid-upload, a full disk."""

import datetime
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import connection

from applications.retention import purge_orphan_files
from tests.factories import ApplicationFactory, PostingFactory

ROOT = Path(__file__).resolve().parents[2]


class TcpProxy:
    """A TCP proxy in front of PostgreSQL that the test can cut and restore ("stop" the database)."""

    def __init__(self, target_host, target_port):
        self.target = (target_host, target_port)
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.listener = None
        self.connections = []

    def start(self):
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", self.port))
        self.listener.listen(16)
        threading.Thread(target=self._accept, args=(self.listener,), daemon=True).start()

    def stop(self):
        # shutdown() wakes the thread blocked in accept(); close() alone would leave it listening.
        try:
            self.listener.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.listener.close()
        for conn in self.connections:
            try:
                conn.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            conn.close()
        self.connections = []

    def _accept(self, listener):
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(self.target)
            self.connections += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(source, target):
        try:
            while data := source.recv(65536):
                target.sendall(data)
        except OSError:
            pass
        finally:
            for s in (source, target):
                try:
                    s.close()
                except OSError:
                    pass


def get(url):
    try:
        with urllib.request.urlopen(url, timeout=20) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_database_outage_gives_503_and_recovers_without_restart(require_postgres, transactional_db, tmp_path):
    PostingFactory(title="Still here after the outage")
    settings_dict = connection.settings_dict
    proxy = TcpProxy(settings_dict["HOST"] or "127.0.0.1", int(settings_dict["PORT"] or 5432))
    proxy.start()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {
        **os.environ,
        "DJANGO_ENV": "development", "DEBUG": "false", "VAR_DIR": str(tmp_path),
        "DATABASE_URL": (
            f"postgres://{settings_dict['USER']}:{settings_dict['PASSWORD']}@127.0.0.1:{proxy.port}/{settings_dict['NAME']}"
        ),
        "PUBLIC_PAGE_CACHE_SECONDS": "0",
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", "1", "--timeout", "30"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if get(base + "/healthz")[0] == 200:
                    break
            except OSError:
                time.sleep(0.2)
        assert get(base + "/healthz")[0] == 200
        status, html_before = get(base + "/careers/")
        assert status == 200 and "Still here after the outage" in html_before

        proxy.stop()  # PostgreSQL "stops"
        status, body = get(base + "/healthz")
        assert status == 503 and '"database": "down"' in body
        # A page that needs the database says so; the list just seen is still answered from its
        # cached fragments (no query on a fragment hit), which is what a candidate would want.
        status, html = get(base + "/careers/?q=outage")
        assert status == 503 and "We’ll be back in a moment" in html
        status, listed = get(base + "/careers/")
        assert status == 200 and "Still here after the outage" in listed
        assert "Traceback" not in html and "OperationalError" not in html and "psycopg" not in html

        proxy.start()  # ...and comes back; the server is not restarted
        assert get(base + "/healthz")[0] == 200
        status, html = get(base + "/careers/")
        assert status == 200 and "Still here after the outage" in html
        assert server.poll() is None
    finally:
        server.terminate()
        server.wait(timeout=20)
        proxy.stop()
        _wait_for_other_sessions_to_end(settings_dict["NAME"])


def _wait_for_other_sessions_to_end(database, timeout=10):
    """Let PostgreSQL notice the server's connections are gone before the test database is dropped."""
    deadline = time.monotonic() + timeout
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()", [database]
            )
            if cursor.fetchone()[0] == 0:
                return
            time.sleep(0.1)


@pytest.mark.django_db
def test_cleanup_after_a_worker_killed_mid_submission(private_files):
    """A worker killed between storing the file and committing the row leaves a file with no row.

    The cleanup path (run by purge_expired_data) removes such orphans once they
    are old enough that no submission can still be in flight, and never touches
    a file an application points to.
    """
    kept = ApplicationFactory()
    storage = storages["private"]
    orphan = storage.save("resumes/2026/11/killed-mid-submit.pdf", ContentFile(b"%PDF-1.4 partial"))
    in_flight = storage.save("resumes/2026/11/just-stored.pdf", ContentFile(b"%PDF-1.4 new"))
    old = time.time() - 2 * 3600
    os.utime(storage.path(orphan), (old, old))
    os.utime(storage.path(kept.resume.name), (old, old))

    assert purge_orphan_files(older_than=datetime.timedelta(hours=1)) == 1
    assert sorted(private_files()) == sorted([kept.resume.name, in_flight])
    assert purge_orphan_files(older_than=datetime.timedelta(hours=1)) == 0


@pytest.mark.django_db
def test_disk_full_while_storing_a_resume(client, private_files, monkeypatch):
    """ENOSPC from the storage API: a clear message, no row, nothing half-written."""
    from django.core.files.storage import FileSystemStorage

    from applications.models import Application
    from tests.applications.test_apply import form_data
    from tests.factories import PrivacyPolicyFactory, QuestionFactory

    PrivacyPolicyFactory()
    posting = PostingFactory(slug="full-disk")
    for _ in range(3):
        QuestionFactory(posting=posting, required=False, kind="short_text")

    def disk_full(self, name, content):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(FileSystemStorage, "_save", disk_full)
    response = client.post("/careers/full-disk/apply/", form_data(posting))
    assert response.status_code == 400
    assert "We couldn’t save your file just now. Nothing was submitted" in response.content.decode()
    assert Application.objects.count() == 0 and private_files() == []


# --- a disk that really fills up (a tmpfs of 64 kB) ---------------------------------------------

def _apply_with_a_big_resume(client):
    from tests.applications.test_apply import form_data
    from tests.factories import PrivacyPolicyFactory, QuestionFactory
    from tests.helpers import documents as d

    PrivacyPolicyFactory()
    posting = PostingFactory(slug="full-disk")
    for _ in range(3):
        QuestionFactory(posting=posting, required=False, kind="short_text")
    return client.post("/careers/full-disk/apply/", form_data(posting, resume=d.upload("cv.pdf", d.pdf(200 * 1024))))


@pytest.mark.django_db
def test_full_private_disk_leaves_no_truncated_file(client, isolated_storage, private_files, tiny_filesystem):
    from applications.models import Application

    tiny_filesystem(isolated_storage / "private")
    response = _apply_with_a_big_resume(client)
    assert response.status_code == 400
    assert "We couldn’t save your file just now. Nothing was submitted" in response.content.decode()
    assert Application.objects.count() == 0
    assert private_files() == []  # the partial copy was removed at once, not left empty or truncated


@pytest.mark.django_db
def test_full_upload_temp_dir_gives_a_clear_page_not_a_500(client, settings, private_files, tiny_filesystem):
    from applications.models import Application

    temp = tiny_filesystem(settings.FILE_UPLOAD_TEMP_DIR)
    response = _apply_with_a_big_resume(client)
    html = response.content.decode()
    assert response.status_code == 503
    assert "Your file could not be received" in html and "Nothing was submitted" in html
    assert "try again later" in html and "Traceback" not in html
    assert Application.objects.count() == 0 and private_files() == []
    assert list(temp.iterdir()) == []  # the partial temporary file is gone at once


@pytest.mark.django_db
def test_upload_temp_write_failing_gives_the_same_page(client, private_files, monkeypatch):
    """The same fault without a real filesystem: the upload handler's write raises ENOSPC."""
    from django.core.files.uploadhandler import TemporaryFileUploadHandler

    def disk_full(self, raw_data, start):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(TemporaryFileUploadHandler, "receive_data_chunk", disk_full)
    response = _apply_with_a_big_resume(client)
    assert response.status_code == 503 and "Your file could not be received" in response.content.decode()
    assert private_files() == []
