"""`make stack` on this machine: the whole topology up, an application through nginx lands its résumé in
the bucket and its email through the worker, then `make stack-down` stops every process."""

import os
import subprocess
import time
from pathlib import Path

import boto3
import pytest

from benchmarks._server import Client, hidden_value, pdf_of_size, question_fields
from tests.conftest import require_tool

ROOT = Path(__file__).resolve().parents[2]


def test_make_stack_serves_applies_and_stops(tmp_path):
    for tool, what in (("/usr/sbin/nginx", "nginx"), ("/usr/bin/redis-server", "Redis")):
        require_tool(tool, what)
    port = 18300 + os.getpid() % 500
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env.update(STACK_PORT=str(port), STACK_DIR=str(tmp_path / "stack"))
    env["PATH"] = f"{ROOT / '.venv' / 'bin'}:{env['PATH']}"
    up = subprocess.run(["scripts/stack.sh"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=240)
    try:
        assert up.returncode == 0, up.stdout + up.stderr
        client = Client(port)
        html = client.get("/careers/european-ai-safety-policy-lead-technical/apply/")[2].decode()
        fields = {
            "csrfmiddlewaretoken": hidden_value(html, "csrfmiddlewaretoken"),
            "submission_token": hidden_value(html, "submission_token"),
            "first_name": "Stack", "last_name": "Test", "email": f"stack-{port}-{time.time_ns()}@example.com",
            "country": "United Kingdom", "consent": "on", **question_fields(html),
        }
        status, _, _ = client.post_multipart("/careers/european-ai-safety-policy-lead-technical/apply/", fields,
                                             {"resume": ("cv.pdf", pdf_of_size(20_000), "application/pdf")})
        assert status == 302
        s3 = boto3.client("s3", endpoint_url=f"http://127.0.0.1:{port + 12}", region_name="eu-west-2",
                          aws_access_key_id="stack", aws_secret_access_key="stack")
        keys = [item["Key"] for item in s3.list_objects_v2(Bucket="careers-private").get("Contents", [])]
        assert any(key.startswith("resumes/") for key in keys)
        log = tmp_path / "stack" / "stack.log"
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and fields["email"] not in log.read_text():
            time.sleep(0.5)
        assert fields["email"] in log.read_text(), "the worker sent the confirmation"  # console mail backend
    finally:
        pid = (tmp_path / "stack" / "honcho.pid").read_text().strip()
        subprocess.run(["kill", "--", f"-{pid}"], check=False)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and subprocess.run(["kill", "-0", pid]).returncode == 0:
            time.sleep(0.2)
    with pytest.raises(OSError):
        Client(port).get("/healthz")
