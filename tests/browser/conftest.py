import pytest

from tests.conftest import require_tool
from tests.helpers.a11y import install_axe

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    # Debian's Chromium, never a downloaded one; flags keep it off the network.
    require_tool(CHROMIUM, "Chromium (Debian package 'chromium')")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--disable-quic",
        ],
    }


@pytest.fixture
def page(page):
    """A page that fails the test on any console error (CSP reports included)."""
    errors = []

    def on_console(message):
        # A 404/410 page we navigated to on purpose is reported as a failed load of itself.
        if message.type == "error" and message.location.get("url") != page.url:
            errors.append(f"{message.text} ({message.location.get('url')})")

    page.on("console", on_console)
    install_axe(page)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.set_default_timeout(10_000)
    yield page
    assert not errors, f"Browser console errors: {errors}"
