"""50 concurrent applications with 2 MB résumés, then the memory cost of one 10 MB upload.

    python benchmarks/apply_load.py [--count 50] [--size-mb 2] [--big-mb 10]

gunicorn with production settings on loopback, PostgreSQL from DATABASE_URL (or
`scripts/ensure-postgres.sh careers_bench`). Checks every application is stored
exactly once with its file. Targets: all succeed, 0 lost, 0 doubled; a 10 MB
upload grows the server's memory by < 15 MB.
"""

import argparse
import os
import sys
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks._server import MemorySampler, Server, pdf_of_size  # noqa: E402
from benchmarks.apply import submit  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=50)
    parser.add_argument("--size-mb", type=float, default=2)
    parser.add_argument("--big-mb", type=float, default=10)
    args = parser.parse_args()
    run = uuid.uuid4().hex[:8]
    resume = pdf_of_size(int(args.size_mb * 1024 * 1024))
    big = pdf_of_size(int(args.big_mb * 1024 * 1024) - 4096)  # just under the 10 MB limit

    with Server() as server:
        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=args.count) as pool:
            results = list(pool.map(
                lambda i: submit(server.port, resume, f"load-{run}-{i}@example.com"), range(args.count), timeout=300
            ))
        wall = time.perf_counter() - started

        time.sleep(1)
        sampler = MemorySampler(server)
        sampler.start()
        big_ok, big_seconds, _ = submit(server.port, big, f"big-{run}@example.com")
        time.sleep(0.5)
        sampler.stop()

        os.environ.update({k: v for k, v in server.env.items() if k in (
            "DJANGO_ENV", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "VAR_DIR", "FIELD_ENCRYPTION_KEYS")})
        os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
        import django

        django.setup()
        from applications.models import Application

        stored = list(Application.objects.filter(email__startswith=f"load-{run}-"))
        emails = [a.email for a in stored]
        with_file = sum(1 for a in stored if a.resume.storage.exists(a.resume.name) and a.resume.size == len(resume))

    successes = sum(ok for ok, _, _ in results)
    lost = args.count - len(set(emails))
    doubled = len(emails) - len(set(emails))
    times = sorted(t for ok, t, _ in results if ok)
    memory = sampler.report()
    print(f"concurrent submissions: {args.count} x {args.size_mb:g} MB at once, gunicorn {server.workers_count} workers")
    print(f"successes/failures:     {successes}/{args.count - successes}")
    print(f"stored once with file:  {with_file}; lost {lost}; doubled {doubled}")
    if times:
        print(f"response time:          median {times[len(times) // 2]:.2f} s, max {times[-1]:.2f} s; wall {wall:.1f} s")
    print(f"{args.big_mb:g} MB upload:          {'ok' if big_ok else 'FAILED'} in {big_seconds:.2f} s; "
          f"largest growth of one server process {memory['largest_process_growth_mib']:.1f} MiB (target < 15)")
    met = successes == args.count == with_file and not lost and not doubled and big_ok \
        and memory["largest_process_growth_mib"] < 15
    print(f"targets: {'met' if met else 'NOT met'}")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
