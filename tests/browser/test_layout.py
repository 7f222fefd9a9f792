"""Layout in real Chromium on phone and desktop widths: reflow (WCAG 1.4.10), focus, key facts."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from applications.models import Application
from careers.models import Posting
from tests.factories import ApplicationFactory, UserFactory

REFERENCE = "/careers/european-ai-safety-policy-lead-technical/"
EMAIL = "narrow@example.com"
PASSWORD = "correct horse battery staple"

PUBLIC_PAGES = [
    "/careers/",
    "/careers/?team=global-affairs",
    REFERENCE,
    REFERENCE + "apply/",
    "/accommodations/",
    "/privacy/",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
]
ACCOUNT_PAGES = ["/accounts/applications/", "/accounts/data/", "/accounts/password/change/", "withdraw"]


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo", stdout=open("/dev/null", "w"))


@pytest.fixture
def candidate(demo):
    user = UserFactory(email=EMAIL, email_verified_at=timezone.now())
    posting = Posting.objects.get(slug=REFERENCE.split("/")[2])
    application = ApplicationFactory(email=EMAIL, posting=posting, consent__policy__version="layout-test")
    return user, application


def sign_in(page, live_server):
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/accounts/applications/")


def page_widths(page):
    return page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")


def assert_no_sideways_scroll(page, live_server, paths):
    too_wide = {}
    for path in paths:
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        scroll_width, inner_width = page_widths(page)
        if scroll_width > inner_width:
            too_wide[path] = scroll_width
    assert not too_wide, f"pages wider than the {page.viewport_size['width']} px viewport: {too_wide}"


@pytest.mark.parametrize("width", [320, 390])
def test_no_page_scrolls_sideways_signed_out(page, live_server, demo, width):
    page.set_viewport_size({"width": width, "height": 844})
    assert_no_sideways_scroll(page, live_server, PUBLIC_PAGES)


@pytest.mark.parametrize("width", [320, 390])
def test_no_page_scrolls_sideways_signed_in(page, live_server, candidate, width):
    _, application = candidate
    page.set_viewport_size({"width": width, "height": 844})
    sign_in(page, live_server)
    paths = [p if p != "withdraw" else f"/accounts/applications/{application.reference}/withdraw/" for p in ACCOUNT_PAGES]
    assert_no_sideways_scroll(page, live_server, PUBLIC_PAGES[:6] + paths)
    assert Application.objects.filter(pk=application.pk).exists()


@pytest.mark.parametrize("width", [320, 390])
def test_header_labels_do_not_wrap_and_every_link_is_reachable_by_keyboard(page, live_server, candidate, width):
    page.set_viewport_size({"width": width, "height": 844})
    sign_in(page, live_server)
    header = page.locator(".site-header")
    brand_padding = header.locator(".navbar-brand").evaluate(
        "el => parseFloat(getComputedStyle(el).paddingLeft) + el.getBoundingClientRect().left"
    )
    assert brand_padding >= 12  # the brand is not glued to the screen's edge
    for item in header.locator(".nav-link").all():
        # One line each: a label's height is one line box.
        height, line = item.evaluate(
            "el => [el.getBoundingClientRect().height,"
            " parseFloat(getComputedStyle(el).lineHeight) + parseFloat(getComputedStyle(el).paddingTop)"
            " + parseFloat(getComputedStyle(el).paddingBottom)]"
        )
        assert height <= line + 1, item.inner_text()
        box = item.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, item.inner_text()
    # By keyboard: Tab from the top reaches "Sign out".
    page.keyboard.press("Tab")
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.innerText") == "Sign out":
            break
    assert page.evaluate("document.activeElement.innerText") == "Sign out"


def _luminance(rgb):
    def channel(c):
        c = c / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b):
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def rgb(css):
    return tuple(int(float(x)) for x in css[css.index("(") + 1:css.index(")")].split(",")[:3])


FOCUS_STYLE = """el => {
  const s = getComputedStyle(el);
  let bg = 'rgba(0, 0, 0, 0)';
  for (let node = el.parentElement; node; node = node.parentElement) {
    const c = getComputedStyle(node).backgroundColor;
    if (c !== 'rgba(0, 0, 0, 0)' && c !== 'transparent') { bg = c; break; }
  }
  if (bg === 'rgba(0, 0, 0, 0)') bg = 'rgb(255, 255, 255)';
  return {style: s.outlineStyle, width: parseFloat(s.outlineWidth), color: s.outlineColor, background: bg,
          matches: el.matches(':focus-visible')};
}"""


def test_every_kind_of_control_has_a_visible_focus_indicator(page, live_server, demo):
    page.goto(live_server.url + REFERENCE + "apply/")
    kinds = {
        "text input": "input[type=text]", "email input": "input[type=email]", "file input": "input[type=file]",
        "textarea": "textarea", "radio": "input[type=radio]", "checkbox": "input[type=checkbox]",
        "button": "button[type=submit]", "link": "main a",
    }
    seen = {}
    for _ in range(80):
        page.keyboard.press("Tab")
        element = page.locator(":focus")
        for kind, selector in kinds.items():
            if kind not in seen and element.evaluate(f"el => el.matches({selector!r})"):
                seen[kind] = element.evaluate(FOCUS_STYLE)
        if len(seen) == len(kinds):
            break
    assert set(seen) == set(kinds), f"not reached by Tab: {set(kinds) - set(seen)}"
    weak = {}
    for kind, style in seen.items():
        ratio = contrast(rgb(style["color"]), rgb(style["background"]))
        if not (style["matches"] and style["style"] == "solid" and style["width"] >= 2 and ratio >= 3):
            weak[kind] = {**style, "contrast": round(ratio, 2)}
    assert not weak, f"focus indicators too faint: {weak}"
    page.goto(live_server.url + "/careers/")
    page.get_by_label("Team").focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # keyboard focus, so :focus-visible applies
    style = page.get_by_label("Team").evaluate(FOCUS_STYLE)
    assert style["style"] == "solid" and style["width"] >= 2 and contrast(rgb(style["color"]), rgb(style["background"])) >= 3


@pytest.mark.parametrize("javascript", [True, False])
def test_filter_search_lands_on_a_clean_url(browser, live_server, demo, javascript):
    context = browser.new_context(java_script_enabled=javascript)
    page = context.new_page()
    page.goto(live_server.url + "/careers/")
    page.get_by_label("Team").select_option("global-affairs")
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name="Search").click()
    response = navigation.value
    assert page.url == live_server.url + "/careers/?team=global-affairs"
    # With JavaScript the empty fields are never sent; without it the server redirects once.
    assert (response.request.redirected_from is None) == javascript
    assert page.locator(".posting-card").count() >= 1
    context.close()


def test_first_role_is_in_the_first_phone_screen(page, live_server, demo):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/careers/")
    first = page.locator(".posting-card").first.bounding_box()
    assert first["y"] <= 844 - 40, first  # its title shows without scrolling
    # The folded filters open by keyboard.
    summary = page.locator(".filters-fold > summary")
    summary.focus()
    page.keyboard.press("Enter")
    page.get_by_label("Team").select_option("global-affairs")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**/careers/?team=global-affairs")
    assert page.locator(".posting-card").first.bounding_box()["y"] <= 844 - 40


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_filters_show_on_wide_screens_and_fold_on_phones_without_moving(browser, live_server, demo, javascript):
    for width in (1280, 390):
        context = browser.new_context(java_script_enabled=javascript, viewport={"width": width, "height": 800})
        page = context.new_page()
        page.goto(live_server.url + "/careers/")
        first_card = page.locator("article, .posting-card").first.bounding_box()["y"]
        page.wait_for_timeout(300)  # a late script would move things now
        assert page.locator("article, .posting-card").first.bounding_box()["y"] == first_card, width
        team = page.get_by_label("Team")
        if width >= 768:
            assert team.is_visible(), (javascript, width)
        else:
            assert not team.is_visible(), (javascript, width)  # folded away: the first role is in view
            page.get_by_text("Search and filter roles").click()  # one tap (or Enter) away
            assert team.is_visible(), (javascript, width)
        context.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_posting_key_facts_beside_the_text_on_wide_screens_above_on_phones(page, live_server, demo, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url + REFERENCE)
    facts = page.get_by_role("complementary", name="Key facts")
    for text in ("Team", "Location", "Workplace", "Posted", "Applications close"):
        assert text in facts.inner_text()
    assert facts.get_by_role("link", name="Apply now").count() == 1
    link = facts.get_by_role("link", name="Request an accommodation")
    assert link.get_attribute("href").endswith("?posting=european-ai-safety-policy-lead-technical")
    facts_box = facts.bounding_box()
    body_box = page.locator(".posting-body").bounding_box()
    if width >= 992:
        assert facts_box["x"] >= body_box["x"] + body_box["width"] - 1  # to the right of the text
        assert facts_box["y"] < body_box["y"] + 200  # level with its start
    else:
        assert facts_box["y"] + facts_box["height"] <= body_box["y"] + 1  # above the text
        assert facts_box["y"] <= 844
