"""Links in company-wide texts made specific to the posting a page shows."""

import re
from urllib.parse import urlencode

from django import template
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def accommodation_link_for(html, posting):
    """Point the company text's accommodation links at the request form for ``posting``.

    The text is staff-written Markdown, already sanitized; only the href of links to the
    accommodation form changes, as the apply page's own link does (``?posting=<slug>``).
    """
    path = reverse("accommodations:request")
    href = escape(f"{path}?{urlencode({'posting': posting.slug})}")
    pattern = re.compile(r'href="(?:https?://[^"/]+)?' + re.escape(path) + r'"')
    return mark_safe(pattern.sub(f'href="{href}"', str(html)))
