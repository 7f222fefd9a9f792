"""Lighthouse scores (performance, accessibility, best practices, SEO) of the list, posting and apply pages.

    python benchmarks/lighthouse.py

Serves the demo company with production settings under gunicorn on loopback
(benchmarks/_server.py) and runs npm's ``lighthouse`` (fetched on first use with
``npm exec``) against Debian's Chromium, headless, mobile emulation (Lighthouse's
default). Prints each page's four scores and exits 1 if any is below 100. Not a
test: scores depend on the machine's load.
"""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks._server import ROOT, Server  # noqa: E402

LIGHTHOUSE = "lighthouse@12.8.2"
CHROMIUM = "/usr/bin/chromium"
PAGES = {
    "list": "/careers/",
    "posting": "/careers/european-ai-safety-policy-lead-technical/",
    "apply": "/careers/european-ai-safety-policy-lead-technical/apply/",
}
# The apply page is kept out of search indexes on purpose (noindex, robots.txt): Lighthouse's
# "is-crawlable" audit would count that against it, so that one audit is skipped there, and said so.
SKIPPED_AUDITS = {"apply": ["is-crawlable"]}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def scores(url, skip=()):
    with tempfile.NamedTemporaryFile(suffix=".json") as report:
        subprocess.run(
            ["npm", "exec", "--yes", "--", LIGHTHOUSE, url, "--quiet", "--output=json", f"--output-path={report.name}",
             "--chrome-flags=--headless=new --no-sandbox --disable-gpu", "--only-categories=" + ",".join(CATEGORIES),
             *([f"--skip-audits={','.join(skip)}"] if skip else [])],
            cwd=ROOT, env={**os.environ, "CHROME_PATH": CHROMIUM}, check=True, timeout=300,
            stdout=subprocess.DEVNULL,
        )
        result = json.loads(Path(report.name).read_text())
    return {name: round(result["categories"][name]["score"] * 100) for name in CATEGORIES}


def main():
    failed = False
    with Server(workers=2) as server:
        base = f"http://127.0.0.1:{server.port}"
        print(f"{'page':10} " + " ".join(f"{name:>15}" for name in CATEGORIES))
        for name, path in PAGES.items():
            skip = SKIPPED_AUDITS.get(name, [])
            result = scores(base + path, skip)
            failed |= any(score < 100 for score in result.values())
            note = f"  (skipped: {', '.join(skip)})" if skip else ""
            print(f"{name:10} " + " ".join(f"{result[c]:>15}" for c in CATEGORIES) + note, flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
