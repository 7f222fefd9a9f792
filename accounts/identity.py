"""An email address as an identity: normalised once when stored, then compared exactly.

Case-insensitive comparison is not safe for identities: PostgreSQL's
``UPPER('user@ıcloud.com')`` equals ``UPPER('user@icloud.com')``, and Unicode case
folding or NFKC maps ``ſ``, ``K`` (Kelvin sign) and full-width letters onto ASCII.
An account verified at such a look-alike (its mail goes to a domain an attacker can
own) would otherwise reach the real person's applications. So every address is
reduced to one canonical string here, and every lookup is ``email=normalize_email(...)``.
"""

import idna
from django import forms
from django.core.exceptions import ValidationError

MAX_LENGTH = 254  # RFC 5321 path limit, as Django's EmailField
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")

INVALID = "Enter a valid email address."
BAD_DOMAIN = "Enter a valid email address: the part after “@” is not a domain name we can send email to."


def normalize_email(address: str) -> str:
    """The canonical form of an address; raises ValidationError if it is not one.

    - surrounding whitespace is removed;
    - the address is split at its last ASCII "@" (a look-alike such as "＠" is not one);
    - the domain becomes its IDNA ASCII form (UTS #46, lower case): the name DNS, and
      so mail delivery, actually uses; "ıcloud.com" is "xn--cloud-m4a.com", not "icloud.com";
    - in the local part only the ASCII letters A-Z are lower-cased. There is no Unicode
      case folding and no NFKC, so "ſ", "K" or "ｕ" never equal "s", "k" or "u".
    """
    local, at, domain = (address or "").strip().rpartition("@")
    if not at or not local or not domain:
        raise ValidationError(INVALID, code="invalid")
    try:
        domain = idna.encode(domain, uts46=True).decode("ascii")
    except (idna.IDNAError, UnicodeError):
        raise ValidationError(BAD_DOMAIN, code="invalid_domain") from None
    normalised = f"{local.translate(_ASCII_LOWER)}@{domain}"
    if len(normalised) > MAX_LENGTH:
        raise ValidationError(INVALID, code="invalid")
    return normalised


def clean_email_of(instance, field="email"):
    """For ``Model.clean()``: store the address normalised, or report why it is not one."""
    value = getattr(instance, field)
    if value:
        try:
            setattr(instance, field, normalize_email(value))
        except ValidationError as error:
            raise ValidationError({field: error}) from None


class EmailAddressField(forms.EmailField):
    """Django's email field whose cleaned value is the normalised address."""

    def clean(self, value):
        value = super().clean(value)
        return normalize_email(value) if value else value
