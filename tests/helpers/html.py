"""Nu HTML checker (vnu.jar from npm's vnu-jar) as a reusable assertion.

Starting the JVM takes a second or two, so validate several pages per call.
"""

import json
import subprocess
import tempfile
from pathlib import Path

import pytest

from tests.conftest import require_tool

VNU_JAR = Path(__file__).resolve().parents[2] / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def html_errors(pages: dict[str, str]) -> dict[str, list[str]]:
    """Validate each named HTML document; return its error messages (empty list when valid)."""
    require_tool("java", "Java (for the Nu HTML checker)")
    if not VNU_JAR.exists():
        pytest.fail(f"{VNU_JAR} is missing: run `npm ci` (make test does)")
    with tempfile.TemporaryDirectory() as folder:
        paths = {}
        for index, (name, html) in enumerate(pages.items()):
            path = Path(folder) / f"page{index}.html"
            path.write_text(html, encoding="utf-8")
            paths[str(path)] = name
        result = subprocess.run(
            ["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *paths],
            capture_output=True, text=True, timeout=120,
        )
    report = json.loads(result.stderr or '{"messages": []}')
    errors = {name: [] for name in pages}
    for message in report["messages"]:
        name = paths.get(message.get("url", "").removeprefix("file:"), "?")
        errors.setdefault(name, []).append(
            f"line {message.get('lastLine')}: {message.get('message')} [{message.get('extract', '').strip()}]"
        )
    return errors


def assert_valid_html(pages: dict[str, str]):
    errors = {name: found for name, found in html_errors(pages).items() if found}
    assert not errors, "Invalid HTML:\n" + json.dumps(errors, indent=2, ensure_ascii=False)
