"""Configuration contract: production refuses unsafe setups and passes check --deploy."""

import os
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DJANGO_ENV": "production",
    "SECRET_KEY": "test-only-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFGHIJ",
    "ALLOWED_HOSTS": "careers.example.com",
    "FIELD_ENCRYPTION_KEYS": "0sLzhQ3M2a0Kl7IJbYwAe_Vd3LrH3QUNJ_95DmQt7Lk=",
    "DATABASE_URL": "sqlite:////tmp/never-used.sqlite3",
}


def manage(*args, env):
    clean = {
        k: v for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "SECRET_KEY", "ALLOWED_HOSTS", "FIELD_ENCRYPTION_KEYS"))
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env={**clean, **env}, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_has_zero_warnings_in_production():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_secret_key():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SECRET_KEY"}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_encryption_key():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "FIELD_ENCRYPTION_KEYS"}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "FIELD_ENCRYPTION_KEYS must be set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "ALLOWED_HOSTS"}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set" in result.stderr


def test_development_generates_and_keeps_a_secret_key(tmp_path):
    env = {"DJANGO_ENV": "development", "VAR_DIR": str(tmp_path), "DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite3"}
    code = "from django.conf import settings; print(settings.SECRET_KEY)"
    first = manage("shell", "-c", code, env=env)
    second = manage("shell", "-c", code, env=env)
    assert first.returncode == 0, first.stderr
    assert first.stdout == second.stdout and len(first.stdout.strip()) >= 50
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0  # readable by the owner only


def test_compose_contract():
    """docker-compose.yml describes the topology make stack runs: nginx, two app servers, Redis,
    object storage, the worker and the scheduler (`docker-compose config` validates it in .ci/run)."""
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    assert services["db"]["image"].startswith("postgres:")
    for name in ("web1", "web2"):
        web = services[name]
        assert web["build"] == "."
        env = web["environment"]
        assert env["DJANGO_ENV"] == "production" and "@db:5432/" in env["DATABASE_URL"]
        assert env["REDIS_URL"] == "redis://redis:6379/0" and env["PRIVATE_STORAGE_BUCKET"]
        assert env["BEHIND_PROXY"] == "true" and env["TRUSTED_PROXY_COUNT"] == "1"
        assert web["depends_on"]["db"]["condition"] == "service_healthy"
        assert not web.get("ports"), "app servers are reached through nginx only"
    assert "/healthz" in " ".join(services["web1"]["healthcheck"]["test"])
    assert services["web2"]["depends_on"]["web1"]["condition"] == "service_healthy"  # after migrations
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert 'ENTRYPOINT ["bash", "docker/entrypoint.sh"]' in dockerfile
    entrypoint = (ROOT / "docker" / "entrypoint.sh").read_text()
    for step in ("migrate --noinput", "collectstatic --noinput", "check --deploy", "exec gunicorn config.wsgi:application"):
        assert step in entrypoint
    nginx = services["nginx"]
    assert nginx["ports"] == ["80:80"]
    assert any("deploy/nginx/careers.conf.template" in v for v in nginx["volumes"])
    assert not any("private" in v for v in nginx["volumes"]), "nginx never sees private files"
    # Email through the task worker; housekeeping from a schedule, not sleep loops.
    worker = " ".join(services["worker"]["entrypoint"])
    assert "exec python manage.py db_worker" in worker and "send_pending_emails" in worker
    assert services["scheduler"]["entrypoint"] == ["python", "manage.py", "run_schedule"]
    assert "sleep 86400" not in (ROOT / "docker-compose.yml").read_text()
    assert {"mailer", "housekeeping"}.isdisjoint(services)


def test_site_url_follows_the_port_make_run_serves_on():
    """`make run PORT=8110` passes PORT to the server: links in emails must point there, not at :8000."""
    import subprocess
    import sys

    from django.conf import settings as live

    code = "from django.conf import settings; import django; django.setup(); print(settings.SITE_URL)"
    env = {k: v for k, v in __import__("os").environ.items() if k not in ("SITE_URL", "DJANGO_ENV")}
    result = subprocess.run([sys.executable, "-c", code], env={**env, "PORT": "8110",
                            "DJANGO_SETTINGS_MODULE": "config.settings"},
                            capture_output=True, text=True, cwd=live.BASE_DIR, check=True)
    assert result.stdout.strip() == "http://127.0.0.1:8110"
