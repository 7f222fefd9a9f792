"""Shared benchmark plumbing: a gunicorn server with production settings on loopback,
a tiny HTTP client that speaks multipart and CSRF, and a process-memory sampler."""

import http.client
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_env(var_dir, **extra):
    env = {
        **os.environ,
        "DJANGO_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",  # plain HTTP on loopback
        "VAR_DIR": str(var_dir),
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "APPLY_RATE_LIMIT": "100000/h",
        # Every benchmark applies from 127.0.0.1, and counters live in the database cache between runs.
        "APPLY_CLIENT_RATE_LIMIT": "100000/h",
        "LOG_LEVEL": "WARNING",
        "FIELD_ENCRYPTION_KEYS": "0sLzhQ3M2a0Kl7IJbYwAe_Vd3LrH3QUNJ_95DmQt7Lk=",
        "BENCHMARK_ENDPOINTS": "true",
    }
    if "DATABASE_URL" not in env:
        env["DATABASE_URL"] = subprocess.run(
            [str(ROOT / "scripts" / "ensure-postgres.sh"), "careers_bench"], capture_output=True, text=True, check=True
        ).stdout.strip()
    env.update(extra)
    return env


class Server:
    """gunicorn serving the project with production settings, on 127.0.0.1 only.

    ``app`` picks the WSGI application (the throughput floor has its own); ``prepare=False``
    skips migrating and loading the demo, for an application that reads no database.
    """

    def __init__(self, workers=3, app="config.wsgi:application", prepare=True, **env):
        self.var_dir = Path(tempfile.mkdtemp(prefix="careers-bench-"))
        self.env = production_env(self.var_dir, **env)
        self.port = free_port()
        self.process = None
        self.workers_count = workers
        self.app = app
        self.prepare = prepare

    def manage(self, *args):
        subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=self.env, check=True, stdout=subprocess.DEVNULL)

    def __enter__(self):
        if self.prepare:
            for command in (["migrate", "--noinput"], ["createcachetable"], ["collectstatic", "--noinput"], ["load_demo"]):
                self.manage(*command)
        self.process = subprocess.Popen(
            [PYTHON, "-m", "gunicorn", self.app, "--bind", f"127.0.0.1:{self.port}",
             "--workers", str(self.workers_count), "--timeout", "120", "--log-level", "warning"],
            cwd=ROOT, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                status, _, _ = Client(self.port).get("/healthz")
                if status == 200:
                    return self
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not start within 60 s")

    def __exit__(self, *exc):
        if self.process:
            self.process.terminate()
            self.process.wait(timeout=30)
        shutil.rmtree(self.var_dir, ignore_errors=True)  # uploaded files and the SQLite file

    def pids(self):
        """The master and its workers."""
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        worker_pids = [int(p) for p in children.read_text().split()] if children.exists() else []
        return [self.process.pid, *worker_pids]


def rss_kib(pid):
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except FileNotFoundError:
        return 0
    return 0


class MemorySampler(threading.Thread):
    """Peak resident memory of each server process, sampled every 20 ms."""

    def __init__(self, server):
        super().__init__(daemon=True)
        self.server = server
        self.baseline = {pid: rss_kib(pid) for pid in server.pids()}
        self.peak = dict(self.baseline)
        self.running = True

    def run(self):
        while self.running:
            for pid in self.server.pids():
                self.peak[pid] = max(self.peak.get(pid, 0), rss_kib(pid))
            time.sleep(0.02)

    def stop(self):
        self.running = False
        self.join()

    def report(self):
        growth = max(self.peak[pid] - self.baseline.get(pid, self.peak[pid]) for pid in self.peak)
        return {
            "peak_total_mib": sum(self.peak.values()) / 1024,
            "largest_process_growth_mib": growth / 1024,
        }


class Client:
    """Just enough HTTP/1.1 for the benchmarks: cookies, CSRF and multipart uploads."""

    def __init__(self, port):
        self.port = port
        self.cookies = {}

    def _request(self, method, path, body=None, headers=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        data = response.read()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        connection.close()
        return response.status, dict(response.getheaders()), data

    def get(self, path):
        return self._request("GET", path)

    def post_multipart(self, path, fields, files):
        boundary = uuid.uuid4().hex
        parts = []
        for name, value in fields.items():
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
        for name, (filename, content, content_type) in files.items():
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                f"Content-Type: {content_type}\r\n\r\n".encode() + content + b"\r\n"
            )
        parts.append(f"--{boundary}--\r\n".encode())
        return self._request(
            "POST", path, body=b"".join(parts),
            headers={"Content-Type": f"multipart/form-data; boundary={boundary}"},
        )


def hidden_value(html, name):
    match = re.search(rf'name="{name}" value="([^"]+)"', html)
    return match.group(1) if match else ""


def question_fields(html):
    """Answer every posting question: 'No' for yes/no, the first option for choices, text otherwise."""
    answers = {}
    for name in sorted(set(re.findall(r'name="(question_\d+)"', html))):
        options = re.findall(rf'name="{name}" value="([^"]+)"', html)
        answers[name] = "No" if "No" in options else (options[0] if options else "An answer")
    return answers


def pdf_of_size(size):
    head = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\n"
    tail = b"\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    return head + b"%" + os.urandom(max(0, size - len(head) - len(tail) - 1)).replace(b"\n", b" ") + tail
