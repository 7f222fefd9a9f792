"""/careers/ under slow clients, with nginx in front of gunicorn and, for reference, without it.

    python benchmarks/slow_clients.py

gunicorn with 3 sync workers (production settings, the demo company). Attack: 30 slowloris
connections (headers one byte every 0.5 s) and 3 candidates uploading 300 KB at 50 KB/s; a
probe asks for /careers/ every 0.1 s (30 times, 5 s timeout each). Target through nginx: p95 under
200 ms and every slow candidate applied. Loopback only, bounded in time.
"""

import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks._server import ROOT, Server, free_port  # noqa: E402
from benchmarks._stack import percentile, probe, slow_apply, slowloris  # noqa: E402

SLUG = "european-ai-safety-policy-lead-technical"


def attack(port):
    stop, results = threading.Event(), []
    attackers = [threading.Thread(target=slowloris, args=(port, stop, 15), daemon=True) for _ in range(30)]
    uploads = [threading.Thread(target=slow_apply, args=(port, SLUG, 300_000, 50_000, results), daemon=True)
               for _ in range(3)]
    for thread in attackers + uploads:
        thread.start()
    time.sleep(1)
    times = probe(port)
    for thread in uploads:
        thread.join(timeout=30)
    stop.set()
    return times, results


def report(label, times, results):
    failed = sum(t == float("inf") for t in times)
    print(f"{label:28} p50 {percentile(times, 0.5):8.1f} ms   p95 {percentile(times, 0.95):8.1f} ms   "
          f"failed probes {failed}/{len(times)}   slow candidates applied {results.count('302')}/3", flush=True)


def main():
    with Server(workers=3, APPLY_RATE_LIMIT="1000/h", APPLY_CLIENT_RATE_LIMIT="1000/h") as server:
        stack_dir = Path(tempfile.mkdtemp(prefix="careers-nginx-"))
        (stack_dir / "media").mkdir()
        nginx_port = free_port()
        env = {"STACK_DIR": str(stack_dir / "nginx"), "STACK_PORT": str(nginx_port),
               "STATIC_ROOT": str(server.var_dir / "staticfiles"), "MEDIA_ROOT": str(stack_dir / "media"),
               "UPSTREAMS": f"127.0.0.1:{server.port}"}
        conf = subprocess.run([str(ROOT / "scripts" / "render-nginx.sh")], env={**server.env, **env},
                              check=True, capture_output=True, text=True).stdout.strip()
        nginx = subprocess.Popen(["nginx", "-p", env["STACK_DIR"], "-c", conf, "-g", "daemon off;"],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            time.sleep(1)
            report("through nginx", *attack(nginx_port))
            time.sleep(16)  # the slowloris connections above are gone
            report("gunicorn alone (reference)", *attack(server.port))
        finally:
            nginx.terminate()
            nginx.wait(timeout=10)


if __name__ == "__main__":
    main()
