"""Placeholders in staff-written emails: ``{first_name}``, ``{posting_title}``, ``{company}``.

Staff are not trusted to run template code, so templates are plain text with a
fixed set of names substituted in one pass by a regular expression: no
``str.format`` (``{first_name.__class__}`` would reach attributes), no Django
template engine (``{% debug %}``, filters), and a value is never scanned again
(a candidate named ``{company}`` stays ``{company}``).
"""

import re

from django.core.exceptions import ValidationError

PLACEHOLDERS = {
    "first_name": "the candidate's first name",
    "posting_title": "the title of the posting they applied to",
    "company": "the company name (Company texts)",
}
PLACEHOLDER = re.compile(r"\{([^{}\s]*)\}")


def placeholder_help():
    return "Placeholders: " + ", ".join(f"{{{name}}} ({what})" for name, what in PLACEHOLDERS.items()) + "."


def validate_placeholders(text):
    """Refuse names outside the list: a typo would otherwise reach the candidate as ``{firstname}``."""
    unknown = sorted({name for name in PLACEHOLDER.findall(text) if name not in PLACEHOLDERS})
    if unknown:
        raise ValidationError(
            "Unknown placeholder(s): %(names)s. " + placeholder_help(),
            code="unknown_placeholder", params={"names": ", ".join(f"{{{name}}}" for name in unknown)},
        )


def fill(text, values, *, single_line=False):
    """``text`` with each known placeholder replaced by its value, in one pass.

    ``single_line`` (subjects): values lose line breaks, so nothing a candidate
    typed can add a header line.
    """
    def value(match):
        name = match.group(1)
        if name not in values:
            return match.group(0)
        found = str(values[name])
        return " ".join(found.split()) if single_line else found

    filled = PLACEHOLDER.sub(value, text)
    return " ".join(filled.split()) if single_line else filled


def values_for(application, company):
    return {"first_name": application.first_name, "posting_title": application.posting.title, "company": company}
