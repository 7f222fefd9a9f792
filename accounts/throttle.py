"""Brakes on password guessing, sign-up and password-reset email, per client and per address.

Sign-in (this site's and the admin's, through ``LoginThrottleMixin``) counts failures three
ways, and refuses to even try a password while any of them is at its limit:

- per address *and* client (``LOGIN_FAILURES_PER_ACCOUNT_AND_IP``, 5/15m): the everyday
  brake. A stranger who knows a candidate's address only uses up their own budget, so they
  cannot lock the candidate out;
- per address from all clients (``LOGIN_FAILURES_PER_ACCOUNT``, 50/h): a ceiling for
  guessing spread over many addresses;
- per client over all addresses (``LOGIN_FAILURES_PER_IP``, 30/h).

A completed password reset lifts the first two for that address (``login_lockouts_lift``).

Applications and accommodation requests are limited per person and per network, counting
only accepted submissions (``SubmissionThrottle``).

These are our own fixed-window counters on Django's cache rather than a library such as
django-ratelimit: lifting a lockout means finding an account's counters (django-ratelimit's
cache keys are private), and counting only accepted submissions means checking before and
counting after the work, which its decorator cannot. The counts are a brake, not an exact
quota: a burst can pass at a window's edge, and the database cache's
increment is not atomic.
"""

import hashlib
import ipaddress
import re
import secrets
import time

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import NON_FIELD_ERRORS, ImproperlyConfigured, ValidationError

from config.client_ip import client_ip

LOGIN_REFUSED = ("Too many failed sign-in attempts. For your security, please wait a few minutes and "
                 "try again, or reset your password.")

_RATE = re.compile(r"(\d+)/(\d*)([smhd])")
_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def _digest(value):
    # Keys carry no addresses in clear, and stay short and safe for any cache backend.
    return hashlib.sha256(value.encode()).hexdigest()[:40]


class Limit:
    """At most N events per value in a fixed window; N and the window come from a setting ("5/15m")."""

    def __init__(self, name, setting):
        self.name = name
        self.setting = setting

    def _rate(self):
        rate = getattr(settings, self.setting)
        match = _RATE.fullmatch(rate.strip())
        if not match:
            raise ImproperlyConfigured(f"{self.setting} must look like 5/15m or 30/h, not {rate!r}.")
        count, multiple, unit = match.groups()
        return int(count), int(multiple or 1) * _SECONDS[unit]

    def _key(self, value):
        limit, seconds = self._rate()
        now = int(time.time())
        start = now - now % seconds
        return f"throttle:{self.name}:{start}:{_digest(value)}", limit, start + seconds - now

    def reached(self, value) -> bool:
        """True if no further event is allowed now (a check before an attempt; counts nothing)."""
        key, limit, _ = self._key(value)
        return cache.get(key, 0) >= limit

    def hit(self, value) -> bool:
        """Count one event; True while it stays within the limit."""
        key, limit, seconds_left = self._key(value)
        timeout = seconds_left + 5
        cache.add(key, 0, timeout)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.add(key, 1, timeout)
            count = 1
        # The database cache's incr() rewrites the entry with the default timeout (300 s),
        # which would end a 15-minute or hourly window early; put the window's end back.
        cache.touch(key, timeout)
        return count <= limit


LOGIN_PER_ACCOUNT_AND_IP = Limit("login-account-ip", "LOGIN_FAILURES_PER_ACCOUNT_AND_IP")
LOGIN_PER_ACCOUNT = Limit("login-account", "LOGIN_FAILURES_PER_ACCOUNT")
LOGIN_PER_IP = Limit("login-ip", "LOGIN_FAILURES_PER_IP")
SIGNUP_PER_IP = Limit("signup-ip", "SIGNUP_RATE_LIMIT")
RESET_PER_IP = Limit("reset-ip", "PASSWORD_RESET_RATE_LIMIT")
RESET_PER_EMAIL = Limit("reset-email", "PASSWORD_RESET_EMAIL_RATE_LIMIT")


def client_key(request) -> str:
    """The client, as a limit sees it: its address, or its /64 for IPv6 (one host's usual share)."""
    address = ipaddress.ip_address(client_ip(request))
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/64", strict=False).network_address)
    return str(address)


def _email(value) -> str:
    """The address as accounts store it, so look-alikes never share (or dodge) a counter."""
    from django.core.exceptions import ValidationError

    from .identity import normalize_email

    try:
        return normalize_email(value or "")
    except ValidationError:
        return (value or "").strip()


# --- sign-in ---------------------------------------------------------------------------------------

def _generation_key(email):
    return f"throttle:login-generation:{_digest(email)}"


def _login_counters(request, email):
    ip = client_key(request)
    counters = [(LOGIN_PER_IP, ip)]
    if email:
        # The address's counters are named after its current generation; a password reset
        # starts a new one, which orphans every counter of the old (they expire on their own).
        account = f"{cache.get(_generation_key(email), '0')}:{email}"
        counters += [(LOGIN_PER_ACCOUNT_AND_IP, f"{account}|{ip}"), (LOGIN_PER_ACCOUNT, account)]
    return counters


def login_blocked(request, email) -> bool:
    return any(limit.reached(value) for limit, value in _login_counters(request, _email(email)))


def login_failed(request, email) -> None:
    for limit, value in _login_counters(request, _email(email)):
        limit.hit(value)


def login_lockouts_lift(email) -> None:
    """After a completed password reset: the address's failures, from every client, no longer count."""
    # No expiry: if the generation fell back to the old one, counters it orphaned would count again.
    cache.set(_generation_key(_email(email)), secrets.token_hex(8), None)


class LoginThrottleMixin:
    """For ``AuthenticationForm`` subclasses: refuses without checking the password while the
    sign-in is throttled, and counts each failed one."""

    def clean(self):
        email = self.cleaned_data.get("username")
        if login_blocked(self.request, email):
            raise ValidationError(LOGIN_REFUSED, code="throttled")
        try:
            return super().clean()
        except ValidationError:
            login_failed(self.request, email)
            raise


def login_refused(form) -> bool:
    """Whether ``LoginThrottleMixin`` refused this form (the view answers 429)."""
    return form.has_error(NON_FIELD_ERRORS, code="throttled")


# --- sign-up and password reset -------------------------------------------------------------------

def signup_allowed(request) -> bool:
    """Counts one sign-up (a valid form: an email will be sent) from this client."""
    return SIGNUP_PER_IP.hit(client_key(request))


def password_reset_allowed(request, email) -> bool:
    """Counts one reset email, from this client and to this address (mail-bombing either way)."""
    by_client = RESET_PER_IP.hit(client_key(request))
    by_address = RESET_PER_EMAIL.hit(_email(email))
    return by_client and by_address


# --- candidates' submissions -------------------------------------------------------------------

class SubmissionThrottle:
    """Accepted submissions (applications, accommodation requests) per person and per network.

    Only *accepted* submissions count: a form sent back for a mistake costs nothing, so
    correcting it never locks anyone out. "A person" is an address together with the
    client it comes from (offices and mobile networks put many people behind one client
    address); a higher ceiling per client address brakes one machine posting under many
    addresses.
    """

    def __init__(self, name, per_person_setting, per_client_setting):
        self.per_person = Limit(f"{name}-person", per_person_setting)
        self.per_client = Limit(f"{name}-client", per_client_setting)

    def refused(self, request, email) -> bool:
        client = client_key(request)
        return self.per_person.reached(f"{client}|{email}") or self.per_client.reached(client)

    def accepted(self, request, email):
        client = client_key(request)
        self.per_person.hit(f"{client}|{email}")
        self.per_client.hit(client)


APPLICATIONS = SubmissionThrottle("apply", "APPLY_RATE_LIMIT", "APPLY_CLIENT_RATE_LIMIT")
ACCOMMODATION_REQUESTS = SubmissionThrottle(
    "accommodation", "ACCOMMODATION_RATE_LIMIT", "ACCOMMODATION_CLIENT_RATE_LIMIT"
)
