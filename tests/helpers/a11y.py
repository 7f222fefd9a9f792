"""axe-core (from npm) run in a real Chromium page, WCAG 2.2 AA rule set."""

import json
from pathlib import Path

import pytest

AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def install_axe(page_or_context):
    """Load axe-core into every document as an init script.

    Init scripts run outside the page's Content-Security-Policy, so axe works
    while the site's CSP stays enforced (an injected <script> tag would be blocked).
    """
    if not AXE_JS.exists():
        pytest.fail(f"{AXE_JS} is missing: run `npm ci` (make test does)")
    page_or_context.add_init_script(path=str(AXE_JS))


def axe_violations(page):
    if not page.evaluate("typeof axe !== 'undefined'"):
        pytest.fail("axe-core is not loaded: use the `page` fixture or call install_axe() before navigating")
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_AA
    )
    return [
        {
            "id": violation["id"],
            "impact": violation["impact"],
            "help": violation["help"],
            "targets": [node["target"] for node in violation["nodes"]][:5],
        }
        for violation in result["violations"]
    ]


def assert_no_axe_violations(page):
    violations = axe_violations(page)
    assert not violations, f"axe-core violations on {page.url}:\n" + json.dumps(violations, indent=2)
