"""Tags for what search engines and link previews read: absolute URLs and JSON-LD."""

from django import template

from careers.structured_data import job_posting, json_ld_script

register = template.Library()


@register.simple_tag(takes_context=True)
def absolute_url(context, path):
    """``path`` as a full URL on the host the page was requested from (ALLOWED_HOSTS vets it)."""
    return context["request"].build_absolute_uri(path)


@register.simple_tag(takes_context=True)
def job_posting_json_ld(context, posting):
    """The posting's JobPosting script element; nothing unless the posting is open."""
    request = context["request"]
    data = job_posting(posting, company=context["company"], absolute_uri=request.build_absolute_uri)
    return json_ld_script(data) if data else ""
