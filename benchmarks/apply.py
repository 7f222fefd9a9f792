"""Submit applications with large résumés through a running gunicorn and report figures.

    python benchmarks/apply.py [--count 50] [--size-mb 5] [--concurrency 1]

Starts gunicorn (production settings, loopback only) on DATABASE_URL (default: a
temporary SQLite file; use PostgreSQL for figures that mean something), loads the demo
data, submits the applications to the reference posting, then checks each one is
stored exactly once with its file. Prints time per submission and the server's peak
memory. Every loop is bounded by --count and a 10-minute deadline.
"""

import argparse
import os
import statistics
import sys
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks._server import Client, MemorySampler, Server, hidden_value, pdf_of_size, question_fields  # noqa: E402

APPLY = "/careers/european-ai-safety-policy-lead-technical/apply/"
DEADLINE_S = 600


def submit(port, resume, email):
    client = Client(port)
    status, _, body = client.get(APPLY)
    html = body.decode()
    fields = {
        "csrfmiddlewaretoken": hidden_value(html, "csrfmiddlewaretoken"),
        "submission_token": hidden_value(html, "submission_token"),
        "first_name": "Bench", "last_name": "Mark", "email": email, "country": "United Kingdom",
        "consent": "on", **question_fields(html),
    }
    started = time.perf_counter()
    status, headers, _ = client.post_multipart(APPLY, fields, {"resume": ("cv.pdf", resume, "application/pdf")})
    elapsed = time.perf_counter() - started
    return status == 302 and headers.get("Location", "").endswith("/apply/done/"), elapsed, email


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=50)
    parser.add_argument("--size-mb", type=float, default=5)
    parser.add_argument("--concurrency", type=int, default=1)
    args = parser.parse_args()
    resume = pdf_of_size(int(args.size_mb * 1024 * 1024))
    run = uuid.uuid4().hex[:8]

    with Server() as server:
        sampler = MemorySampler(server)
        sampler.start()
        started = time.perf_counter()
        results = []
        with ThreadPoolExecutor(max_workers=args.concurrency) as pool:
            futures = [pool.submit(submit, server.port, resume, f"bench-{run}-{i}@example.com") for i in range(args.count)]
            for future in futures:
                results.append(future.result(timeout=max(1, DEADLINE_S - (time.perf_counter() - started))))
        wall = time.perf_counter() - started
        sampler.stop()

        os.environ.update({k: v for k, v in server.env.items() if k in (
            "DJANGO_ENV", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "VAR_DIR", "FIELD_ENCRYPTION_KEYS")})
        os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
        import django

        django.setup()
        from applications.models import Application

        stored = Application.objects.filter(email__startswith=f"bench-{run}-")
        with_files = sum(1 for a in stored if a.resume.storage.exists(a.resume.name) and a.resume.size == len(resume))
        emails = list(stored.values_list("email", flat=True))

    times = sorted(elapsed for ok, elapsed, _ in results if ok)
    successes = sum(ok for ok, _, _ in results)
    print(f"database:            {server.env['DATABASE_URL'].split('@')[-1]}")
    print(f"submissions:         {args.count} x {args.size_mb:g} MB résumé, concurrency {args.concurrency}")
    print(f"successes/failures:  {successes}/{args.count - successes}")
    print(f"stored with file:    {with_files}; doubled: {len(emails) - len(set(emails))}; "
          f"lost: {args.count - len(set(emails))}")
    if times:
        print(f"time per submission: median {statistics.median(times) * 1000:.0f} ms, "
              f"p95 {times[int(0.95 * (len(times) - 1))] * 1000:.0f} ms, max {times[-1] * 1000:.0f} ms")
    print(f"wall time:           {wall:.1f} s ({args.count / wall:.1f} submissions/s)")
    memory = sampler.report()
    print(f"server peak memory:  {memory['peak_total_mib']:.0f} MiB total (master + workers); "
          f"largest growth of one process {memory['largest_process_growth_mib']:.1f} MiB")
    return 0 if successes == args.count == with_files else 1


if __name__ == "__main__":
    sys.exit(main())
