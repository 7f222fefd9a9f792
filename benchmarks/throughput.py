"""Requests per second for /careers/, the reference posting and a bare Django view.

    python benchmarks/throughput.py [--seconds 10] [--connections 16]

Runs gunicorn (production settings, loopback only) three times: with the page
cache on; with it off (pages built per request from live queries and cached
fragments, as for signed-in visitors and uncached searches); and, for
reference only, with fragments off too. Each on its own PostgreSQL database holding the demo company (11
postings, as a company's careers site would; `search.py` covers 10,000). Load comes from wrk when installed (`apt-get install
wrk`), otherwise from a bounded Python client. Prints each page's ratio to the
bare view. Targets: >= 0.8 with the cache, >= 0.3 without.
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

PAGES = {
    "bare view": "/bench/bare",
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


def measure(cache_env, args, database_url):
    with Server(**cache_env, DATABASE_URL=database_url) as server:
        results = {}
        for name, path in PAGES.items():
            url = f"http://127.0.0.1:{server.port}{path}"
            Client(server.port).get(path)  # warm up
            if shutil.which("wrk"):
                results[name] = rps_wrk(url, args.seconds, args.connections)
            else:
                results[name] = rps_python(server.port, path, args.seconds, min(args.connections, 8))
        return results


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    args = parser.parse_args()
    database_url = subprocess.run(
        [str(Path(__file__).resolve().parents[1] / "scripts" / "ensure-postgres.sh"), "careers_throughput"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()
    tool = "wrk" if shutil.which("wrk") else "python client (install wrk for better figures)"
    print(f"load: {tool}, {args.seconds} s per page, {args.connections} connections; gunicorn 3 sync workers\n")
    ok = True
    runs = (
        ("page cache on", {"PUBLIC_PAGE_CACHE_SECONDS": "300"}, 0.8),
        ("page cache off (fragments on)", {"PUBLIC_PAGE_CACHE_SECONDS": "0"}, 0.3),
        ("page and fragment caches off (reference, no target)",
         {"PUBLIC_PAGE_CACHE_SECONDS": "0", "FRAGMENT_CACHE_SECONDS": "0"}, None),
    )
    for label, cache_env, target in runs:
        results = measure(cache_env, args, database_url)
        bare = results["bare view"]
        print(f"{label}:")
        for name, rps in results.items():
            ratio = rps / bare
            if name == "bare view":
                verdict = ""
            elif target is None:
                verdict = f"  ratio {ratio:.2f}"
            else:
                verdict = f"  ratio {ratio:.2f} (target >= {target}: {'met' if ratio >= target else 'NOT met'})"
                ok &= ratio >= target
            print(f"  {name:20} {rps:8.0f} req/s{verdict}")
        print()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
