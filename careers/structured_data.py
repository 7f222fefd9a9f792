"""schema.org ``JobPosting`` structured data (JSON-LD), read by Google for Jobs.

Property names and required/recommended fields follow Google's job posting
structured-data guidelines. Only an open posting gets any: a closed, expired or
draft one has nothing to advertise.
"""

import datetime
import json
import zoneinfo

import nh3
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from .models import Posting

EMPLOYMENT_TYPES = {
    Posting.EmploymentType.FULL_TIME: "FULL_TIME",
    Posting.EmploymentType.PART_TIME: "PART_TIME",
    Posting.EmploymentType.CONTRACT: "CONTRACTOR",
    Posting.EmploymentType.TEMPORARY: "TEMPORARY",
    Posting.EmploymentType.INTERNSHIP: "INTERN",
}
PAY_UNITS = {Posting.PayPeriod.YEAR: "YEAR", Posting.PayPeriod.MONTH: "MONTH", Posting.PayPeriod.HOUR: "HOUR"}


# The tags Google's job posting guidelines list for ``description``; every other tag is dropped
# (keeping its text) and so is every attribute.
DESCRIPTION_TAGS = {"p", "ul", "li", "h1", "h2", "h3", "h4", "h5", "br", "strong", "em"}


def description_html(posting):
    """The posting's own body sections as its page shows them, in the tags Google reads."""
    html = render_to_string("careers/posting_detail.html#description", {"posting": posting})
    cleaned = nh3.clean(html, tags=DESCRIPTION_TAGS, attributes={}, link_rel=None)
    return "\n".join(line.strip() for line in cleaned.splitlines() if line.strip())


def valid_through(posting):
    """The end of the closing day where the role is: the latest such midnight over its locations.

    A New York posting closing on 1 June is open until 23:59:59 New York time, not London's.
    """
    zones = {location.time_zone for location in posting.locations.all()} or {settings.TIME_ZONE}
    end_of_day = datetime.time(23, 59, 59)
    return max(
        datetime.datetime.combine(posting.closes_on, end_of_day, tzinfo=zoneinfo.ZoneInfo(zone)) for zone in zones
    )


def _number(value):
    return int(value) if value == value.to_integral_value() else float(value)


def _base_salary(posting):
    amount = {"@type": "QuantitativeValue", "unitText": PAY_UNITS[posting.pay_period]}
    if posting.pay_min is not None and posting.pay_max is not None and posting.pay_min != posting.pay_max:
        amount.update(minValue=_number(posting.pay_min), maxValue=_number(posting.pay_max))
    else:
        amount["value"] = _number(posting.pay_min if posting.pay_min is not None else posting.pay_max)
    return {"@type": "MonetaryAmount", "currency": posting.pay_currency, "value": amount}


def _where(posting):
    """Offices as postal addresses; a remote role instead names the countries candidates may live in."""
    locations = list(posting.locations.all())
    if posting.workplace_type == Posting.Workplace.REMOTE:
        countries = dict.fromkeys(location.country for location in locations)
        return {
            "jobLocationType": "TELECOMMUTE",
            "applicantLocationRequirements": [{"@type": "Country", "name": name} for name in countries],
        }
    return {
        "jobLocation": [
            {
                "@type": "Place",
                "address": {
                    "@type": "PostalAddress",
                    "addressLocality": location.city,
                    # ISO 3166-1 alpha-2 when staff filled it in; the display name is still better than nothing.
                    "addressCountry": location.country_code or location.country,
                },
            }
            for location in locations
        ]
    }


def job_posting(posting, *, company, absolute_uri):
    """The ``JobPosting`` dict for an open posting, or None for any other.

    ``absolute_uri`` turns a path into a full URL (``request.build_absolute_uri``).
    """
    if not posting.is_open:
        return None
    organization = {"@type": "Organization", "name": company.name}
    if company.website:
        organization["sameAs"] = company.website
    if company.logo:
        organization["logo"] = absolute_uri(company.logo.url)
    data = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": posting.title,
        "description": description_html(posting),
        "identifier": {"@type": "PropertyValue", "name": company.name, "value": str(posting.pk)},
        "datePosted": posting.published_at,
        "employmentType": EMPLOYMENT_TYPES[posting.employment_type],
        "hiringOrganization": organization,
        **_where(posting),
        "directApply": True,
        "url": absolute_uri(posting.get_absolute_url()),
    }
    if posting.closes_on:
        # The closing date is the last day to apply, so the posting is valid to that day's end.
        data["validThrough"] = valid_through(posting)
    if posting.has_pay_range:
        data["baseSalary"] = _base_salary(posting)
    return data


# The escapes Django's json_script uses: staff-typed text can never close the
# script element ("</script>") or open a comment ("<!--") inside it.
_SCRIPT_SAFE = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_ld_script(data):
    """``data`` as a ``<script type="application/ld+json">`` element, safe to put in a page.

    Django's ``json_script`` filter would escape the same way but always says
    ``type="application/json"``, which search engines do not read as JSON-LD.
    """
    text = json.dumps(data, cls=DjangoJSONEncoder).translate(_SCRIPT_SAFE)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))
