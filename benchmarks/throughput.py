"""Requests per second for /careers/ and the reference posting, against the true floor.

    python benchmarks/throughput.py [--seconds 10] [--connections 16] [--rounds 5]

The floor is a bare Django view served with only SecurityMiddleware and CommonMiddleware
(benchmarks/floor_settings.py), by its own gunicorn with the same settings, started next to
the project's in each run and measured in the same run; never a view inside the project's
own middleware stack, which would flatter the ratio.

Runs the project's gunicorn (production settings, loopback only) three times: with the page
cache on; with it off (pages built per request from live queries and cached
fragments, as for signed-in visitors and uncached searches); and, for
reference only, with fragments off too. Each on its own PostgreSQL database holding the demo company (11
postings, as a company's careers site would; `search.py` covers 10,000). Load comes from wrk when installed (`apt-get install
wrk`), otherwise from a bounded Python client. Prints each page's ratio to the
floor. Targets: >= 0.8 with the cache, >= 0.3 without.
"""

import argparse
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks._server import Client, Server  # noqa: E402

FLOOR = "/bench/bare"
PAGES = {
    "/careers/": "/careers/",
    "reference posting": "/careers/european-ai-safety-policy-lead-technical/",
}


def rps_wrk(url, seconds, connections):
    output = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", url],
        capture_output=True, text=True, timeout=seconds + 30,
    ).stdout
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if non2xx:
        raise RuntimeError(f"{url}: {non2xx.group(1)} error responses")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))


def rps_python(port, path, seconds, connections):
    deadline = time.monotonic() + seconds
    counts = []

    def worker():
        client, n = Client(port), 0
        while time.monotonic() < deadline:
            status, _, _ = client.get(path)
            if status != 200:
                raise RuntimeError(f"{path}: HTTP {status}")
            n += 1
        counts.append(n)

    threads = [threading.Thread(target=worker) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(seconds + 30)
    return sum(counts) / seconds


def rps(port, path, seconds, args):
    if shutil.which("wrk"):
        return rps_wrk(f"http://127.0.0.1:{port}{path}", seconds, args.connections)
    return rps_python(port, path, seconds, min(args.connections, 8))


def measure(cache_env, args, database_url):
    """The floor and each page in one run: both servers up, loaded one at a time.

    The time per target is split into ``--rounds`` slices taken in turn (floor, page, page,
    floor, ...), so a neighbour's burst of load on a shared machine weighs on all alike.
    """
    floor_server = Server(app="benchmarks.floor_wsgi:application", prepare=False, DATABASE_URL=database_url)
    with floor_server as floor, Server(**cache_env, DATABASE_URL=database_url) as server:
        targets = {"floor": (floor.port, FLOOR)} | {name: (server.port, path) for name, path in PAGES.items()}
        for port, path in targets.values():
            for _ in range(4):
                Client(port).get(path)  # warm up (and fill each worker's page cache)
        totals = dict.fromkeys(targets, 0.0)
        slice_seconds = max(1, args.seconds // args.rounds)
        for _ in range(args.rounds):
            for name, (port, path) in targets.items():
                totals[name] += rps(port, path, slice_seconds, args)
        return {name: total / args.rounds for name, total in totals.items()}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--rounds", type=int, default=5, help="slices per target, taken in turn")
    args = parser.parse_args()
    database_url = subprocess.run(
        [str(Path(__file__).resolve().parents[1] / "scripts" / "ensure-postgres.sh"), "careers_throughput"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()
    tool = "wrk" if shutil.which("wrk") else "python client (install wrk for better figures)"
    print(f"load: {tool}, {args.seconds} s per page in {args.rounds} interleaved slices, {args.connections} connections;"
          " gunicorn 3 sync workers, the floor's and the project's\n")
    ok = True
    runs = (
        ("page cache on", {"PUBLIC_PAGE_CACHE_SECONDS": "300"}, 0.8),
        ("page cache off (fragments on)", {"PUBLIC_PAGE_CACHE_SECONDS": "0"}, 0.3),
        ("page and fragment caches off (reference, no target)",
         {"PUBLIC_PAGE_CACHE_SECONDS": "0", "FRAGMENT_CACHE_SECONDS": "0"}, None),
    )
    for label, cache_env, target in runs:
        results = measure(cache_env, args, database_url)
        floor = results["floor"]
        print(f"{label}:")
        for name, value in results.items():
            ratio = value / floor
            if name == "floor":
                verdict = "  (bare view, Security + Common middleware only)"
            elif target is None:
                verdict = f"  ratio {ratio:.2f}"
            else:
                verdict = f"  ratio {ratio:.2f} (target >= {target}: {'met' if ratio >= target else 'NOT met'})"
                ok &= ratio >= target
            print(f"  {name:20} {value:8.0f} req/s{verdict}")
        print()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
