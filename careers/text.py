"""Safe rendering of staff-written Markdown.

Markdown is rendered first, then the HTML is cleaned with nh3 (an allow-list
sanitizer), so nothing typed in the admin can inject script or attributes.
"""

import html
import re
from functools import lru_cache

import markdown
import nh3
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

ALLOWED_TAGS = {
    "a", "p", "br", "strong", "em", "b", "i", "ul", "ol", "li",
    "blockquote", "code", "pre", "h2", "h3", "h4", "h5", "h6", "hr",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}


_HEADING = re.compile(r"<(/?)h([1-6])>")


def _shift_headings(html, top_level):
    """Renumber headings so the highest one used becomes ``top_level``.

    Staff write "#" or "###" as they like; the page decides where the text sits
    in its outline, so heading levels never skip (valid, navigable HTML).
    """
    levels = [int(level) for _, level in _HEADING.findall(html)]
    if not levels:
        return html
    shift = top_level - min(levels)
    return _HEADING.sub(lambda m: f"<{m.group(1)}h{min(int(m.group(2)) + shift, 6)}>", html)


@lru_cache(maxsize=4096)
def render_markdown(source: str, *, top_heading: int = 3):
    """Return sanitized HTML for ``source`` (marked safe only after cleaning).

    A pure function of its arguments, and Markdown costs about 2 ms a call, so
    results are memoised: list pages render 25 intros per request.
    """
    if not source:
        return mark_safe("")
    html = markdown.markdown(source, extensions=["sane_lists", "smarty"], output_format="html")
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
    )
    return mark_safe(_shift_headings(cleaned, top_heading))


def split_lines(source: str) -> list[str]:
    """Items of a one-item-per-line list field, blank lines and bullets dropped."""
    items = []
    for line in (source or "").splitlines():
        line = line.strip().lstrip("-*•").strip()
        if line:
            items.append(line)
    return items


def plain_text(source_html: str, *, limit: int | None = None) -> str:
    """The text of (sanitized) HTML: tags dropped, entities decoded, whitespace collapsed.

    Not marked safe: templates escape it again, so it can go into attributes
    such as meta descriptions.
    """
    text = " ".join(html.unescape(strip_tags(source_html)).split())
    return Truncator(text).chars(limit) if limit else text
