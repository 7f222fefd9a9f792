"""nginx in front of gunicorn (deploy/nginx/careers.conf.template), run for real on loopback.

Three sync workers behind nginx: slowloris connections and slow uploads are held
by nginx (request buffering), so the site keeps answering and slow candidates can
still apply; public images come from nginx with long cache headers, private files
never. (How the app reads the client address behind it: tests/config/test_client_ip.py.)
"""

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.utils import timezone

from benchmarks._server import Client, hidden_value, pdf_of_size, question_fields
from benchmarks._stack import probe, slow_apply, slowloris
from tests.conftest import free_port, require_tool
from tests.factories import ApplicationFactory, PostingFactory, PrivacyPolicyFactory

ROOT = Path(__file__).resolve().parents[2]
NGINX = "/usr/sbin/nginx"
pytestmark = pytest.mark.usefixtures("require_postgres")


def wait_for(port, path="/healthz", timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if Client(port).get(path)[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"nothing answered on {port}{path}")


@pytest.fixture
def stack(transactional_db, tmp_path, request):
    """gunicorn (3 sync workers; ``@pytest.mark.app_servers(n)`` for n of them) behind nginx, on loopback.

    Yields nginx's port, the folders, and the app servers' processes.
    """
    require_tool(NGINX, "nginx (Debian package 'nginx')")
    marker = request.node.get_closest_marker("app_servers")
    count = marker.args[0] if marker else 1
    from django.db import connection

    db = connection.settings_dict
    media, private, static = tmp_path / "media", tmp_path / "private", tmp_path / "static"
    for folder in (media, private, static):
        folder.mkdir()
    app_ports, nginx_port = [free_port() for _ in range(count)], free_port()
    env = {
        **os.environ, "DJANGO_ENV": "development", "DEBUG": "false", "VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
        "MEDIA_ROOT": str(media), "PRIVATE_MEDIA_ROOT": str(private), "STATIC_ROOT": str(static),
        "BEHIND_PROXY": "true", "TRUSTED_PROXY_COUNT": "1", "ALLOWED_HOSTS": "127.0.0.1",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend", "LOG_LEVEL": "WARNING",
    }
    apps = [subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", "3", "--timeout", "30"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=open(tmp_path / f"gunicorn-{port}.log", "w"),
        start_new_session=True,  # its own process group: a test can kill a whole server
    ) for port in app_ports]
    render_env = {**os.environ, "STACK_DIR": str(tmp_path / "nginx"), "STACK_PORT": str(nginx_port),
                  "STATIC_ROOT": str(static), "MEDIA_ROOT": str(media),
                  "UPSTREAMS": " ".join(f"127.0.0.1:{port}" for port in app_ports)}
    conf = subprocess.run([str(ROOT / "scripts" / "render-nginx.sh")], env=render_env, check=True,
                          capture_output=True, text=True).stdout.strip()
    proxy = subprocess.Popen([NGINX, "-p", str(tmp_path / "nginx"), "-c", conf, "-g", "daemon off;"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for port in app_ports:
            wait_for(port)
        wait_for(nginx_port)
        yield {"port": nginx_port, "media": media, "private": private, "apps": apps}
    finally:
        proxy.terminate()
        for app in apps:
            if app.poll() is None:
                app.terminate()
        proxy.wait(timeout=10)
        for app in apps:
            app.wait(timeout=20)


def test_slow_clients_and_slowloris_do_not_take_the_site_down(stack):
    PrivacyPolicyFactory()
    posting = PostingFactory(slug="policy-lead")
    stop = threading.Event()
    attackers = [threading.Thread(target=slowloris, args=(stack["port"], stop), daemon=True) for _ in range(30)]
    results = []
    # Three candidates on slow links (50 KB/s): each upload takes about 6 s.
    uploads = [threading.Thread(target=slow_apply, args=(stack["port"], posting.slug, 300_000, 50_000, results))
               for _ in range(3)]
    for thread in attackers + uploads:
        thread.start()
    time.sleep(1)
    times = probe(stack["port"])
    for thread in uploads:
        thread.join(timeout=60)
    stop.set()
    p95 = times[int(len(times) * 0.95) - 1]
    print(f"/careers/ under 30 slowloris + 3 uploads at 50 KB/s: p50 {times[len(times) // 2]:.1f} ms, "
          f"p95 {p95:.1f} ms, max {times[-1]:.1f} ms")
    assert p95 < 200
    assert results == ["302", "302", "302"]  # every slow candidate applied
    from applications.models import Application

    assert Application.objects.filter(first_name="Slow").count() == 3


def test_nginx_serves_public_images_with_long_cache_headers_and_private_files_never(stack):
    (stack["media"] / "company").mkdir()
    (stack["media"] / "company" / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"0" * 100)
    status, headers, body = Client(stack["port"]).get("/media/company/logo.png")
    assert status == 200 and body.startswith(b"\x89PNG") and "max-age=31536000" in headers["Cache-Control"]
    application = ApplicationFactory()
    (stack["private"] / "resumes").mkdir(exist_ok=True)
    for path in (f"/media/{application.resume.name}", "/media/../private/x.pdf", "/media/secret.txt",
                 "/no-public-url/" + application.resume.name):
        assert Client(stack["port"]).get(path)[0] in (400, 404), path


def test_a_10_mb_resume_at_50_kb_per_second_is_accepted(stack):
    """Over three minutes of upload: nginx holds it, gunicorn (30 s timeout) gets it whole at once."""
    PrivacyPolicyFactory()
    posting = PostingFactory(slug="big-upload")
    results = []
    started = time.monotonic()
    slow_apply(stack["port"], posting.slug, 10_000_000, 50_000, results)
    print(f"10 MB at 50 KB/s: {results} after {time.monotonic() - started:.0f} s")
    assert results == ["302"]
    from applications.models import Application

    application = Application.objects.get(posting=posting)
    assert application.resume_size >= 10_000_000


def test_an_edit_made_elsewhere_shows_through_every_app_server_within_a_second(transactional_db, tmp_path, settings):
    """Two gunicorns sharing PostgreSQL and Redis, whole-page cache on: an edit saved by another process
    (the admin on server A; here the test process, on the same Redis) shows on server B within 1 s."""
    from django.db import connection

    from tests.config.test_redis_cache import REDIS, RedisServer

    require_tool(REDIS, "Redis (Debian package 'redis-server')")
    redis = RedisServer()
    redis.start()
    redis_url = f"redis://127.0.0.1:{redis.port}/0"
    settings.CACHES = {**settings.CACHES, "default": {"BACKEND": "config.cache.ResilientRedisCache",
                                                      "LOCATION": redis_url}}
    from careers import versioning

    versioning._local.update(version=None, read_at=0.0)
    posting = PostingFactory(title="Before the edit", slug="edited-role")
    db = connection.settings_dict
    env = {
        **os.environ, "DJANGO_ENV": "development", "DEBUG": "false", "VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
        "REDIS_URL": redis_url, "PUBLIC_PAGE_CACHE_SECONDS": "300", "ALLOWED_HOSTS": "127.0.0.1",
        "LOG_LEVEL": "WARNING",
    }
    servers = []
    try:
        for _ in range(2):
            port = free_port()
            servers.append((port, subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "config.wsgi:application", "--bind", f"127.0.0.1:{port}",
                 "--workers", "2"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)))
        for port, _ in servers:
            wait_for(port)
            for _ in range(3):  # warm every worker's page cache
                assert b"Before the edit" in Client(port).get("/careers/edited-role/")[2]
        posting.title = "After the edit"
        posting.save()
        saved = time.monotonic()
        seen = {}
        while len(seen) < 2 and time.monotonic() - saved < 5:
            for port, _ in servers:
                if port not in seen and b"After the edit" in Client(port).get("/careers/edited-role/")[2]:
                    seen[port] = time.monotonic() - saved
            time.sleep(0.05)
        print(f"edit visible on the two servers after {sorted(round(s, 2) for s in seen.values())} s")
        assert len(seen) == 2 and max(seen.values()) < 1.0
        for port, _ in servers:  # soon every worker of both servers has it (8 answers in a row)
            fresh, deadline = 0, time.monotonic() + 3
            while fresh < 8 and time.monotonic() < deadline:
                fresh = fresh + 1 if b"After the edit" in Client(port).get("/careers/edited-role/")[2] else 0
            assert fresh == 8, port

        # A session made on one server works on the other (sessions live in PostgreSQL).
        from django.contrib.auth.hashers import PBKDF2PasswordHasher

        from tests.factories import UserFactory

        ada = UserFactory(email="ada@example.com", email_verified_at=timezone.now())
        # The servers know the production hashers, not the suite's fast one.
        type(ada).objects.filter(pk=ada.pk).update(
            password=PBKDF2PasswordHasher().encode("correct horse battery staple", "stacksalt1234567"))
        (port_a, _), (port_b, _) = servers
        signed_in = Client(port_a)
        token = hidden_value(signed_in.get("/accounts/login/")[2].decode(), "csrfmiddlewaretoken")
        status, _, _ = signed_in._request(
            "POST", "/accounts/login/",
            body=f"csrfmiddlewaretoken={token}&username=ada%40example.com&password=correct+horse+battery+staple",
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        assert status == 302
        signed_in.port = port_b
        status, _, body = signed_in.get("/accounts/applications/")
        assert status == 200 and b"ada@example.com" in body
    finally:
        for _, process in servers:
            process.terminate()
            process.wait(timeout=20)
        redis.stop()


def fast_apply(port, slug, email, form=None):
    """Apply (or send the same form again: pass ``form`` back); returns (status, form)."""
    client, fields = (form or (Client(port), None))
    if fields is None:
        html = client.get(f"/careers/{slug}/apply/")[2].decode()
        fields = {
            "csrfmiddlewaretoken": hidden_value(html, "csrfmiddlewaretoken"),
            "submission_token": hidden_value(html, "submission_token"),
            "first_name": "Load", "last_name": "Test", "email": email, "country": "United Kingdom",
            "consent": "on", **question_fields(html),
        }
    try:
        status, _, _ = client.post_multipart(f"/careers/{slug}/apply/", fields,
                                             {"resume": ("cv.pdf", pdf_of_size(50_000), "application/pdf")})
    except OSError:
        status = 0
    return status, (client, fields)


@pytest.mark.app_servers(2)
def test_killing_one_app_server_mid_load_loses_no_application(stack):
    """Every candidate either got the done page or, sending the same form again, gets it then: one row each."""
    import signal

    from applications.models import Application

    PrivacyPolicyFactory()
    posting = PostingFactory(slug="under-load")
    outcomes, lock = {}, threading.Lock()

    def candidate(i):
        email = f"load{i}@example.com"
        status, form = fast_apply(stack["port"], posting.slug, email)
        with lock:
            outcomes[email] = (status, form)

    threads = [threading.Thread(target=candidate, args=(i,)) for i in range(24)]
    for i, thread in enumerate(threads):
        thread.start()
        if i == 8:
            os.killpg(stack["apps"][0].pid, signal.SIGKILL)  # one app server dies mid-load
        time.sleep(0.05)
    for thread in threads:
        thread.join(timeout=60)
    failed = [email for email, (status, _) in outcomes.items() if status != 302]
    for email in failed:  # the candidate sends the same form again (same submission token)
        status, _ = fast_apply(stack["port"], posting.slug, email, form=outcomes[email][1])
        assert status == 302, email
    print(f"24 applications, one server killed: {len(failed)} needed sending again")
    applications = Application.objects.filter(posting=posting)
    assert sorted(a.email for a in applications) == sorted(outcomes)  # one each, none lost, none doubled
    for application in applications:
        assert (stack["private"] / application.resume.name).exists()
