"""What a candidate agrees to: each sentence written once, for the checkbox label and the stored record alike."""

from django.conf import settings
from django.utils.html import format_html

CONSENT = "I have read the {} and agree that my application is processed to assess me for this role."
TALENT_POOL = (
    "Keep my application for future opportunities: you may contact me about other roles "
    "for up to {}. I can withdraw this at any time."
)


def consent_wording(policy, *, link=False) -> str:
    """The consent sentence; ``link=True`` for the label, naming the policy as a link to it."""
    policy_name = f"applicant privacy policy (version {policy.version})"
    if link:
        return format_html(CONSENT, format_html('<a href="{}">{}</a>', policy.get_absolute_url(), policy_name))
    return CONSENT.format(policy_name)


def talent_pool_wording() -> str:
    """The talent-pool sentence, with the period ``TALENT_POOL_RETENTION_DAYS`` really keeps an application."""
    return TALENT_POOL.format(_period(settings.TALENT_POOL_RETENTION_DAYS))


def _period(days):
    for unit, length in (("year", 365), ("month", 30)):
        if days % length == 0:
            count = days // length
            return f"{count} {unit}{'s' if count != 1 else ''}"
    return f"{days} day{'s' if days != 1 else ''}"
