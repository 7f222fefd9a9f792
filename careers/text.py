"""Safe rendering of staff-written Markdown.

Markdown is rendered first, then the HTML is cleaned with nh3 (an allow-list
sanitizer), so nothing typed in the admin can inject script or attributes.
"""

import markdown
import nh3
from django.utils.safestring import mark_safe

ALLOWED_TAGS = {
    "a", "p", "br", "strong", "em", "b", "i", "ul", "ol", "li",
    "blockquote", "code", "pre", "h3", "h4", "h5", "hr",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}


def render_markdown(source: str):
    """Return sanitized HTML for ``source`` (marked safe only after cleaning)."""
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
    return mark_safe(cleaned)


def split_lines(source: str) -> list[str]:
    """Items of a one-item-per-line list field, blank lines and bullets dropped."""
    items = []
    for line in (source or "").splitlines():
        line = line.strip().lstrip("-*•").strip()
        if line:
            items.append(line)
    return items
