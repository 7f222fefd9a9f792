"""The address of the client, as the proxies we trust saw it.

Every per-client limit (``accounts/throttle.py``) keys on this one function.

Behind ``TRUSTED_PROXY_COUNT`` proxies, each one appends the address it received the
request from to ``X-Forwarded-For`` (nginx: ``proxy_add_x_forwarded_for``). Whatever the
client wrote there itself stays on the left, so only the entry the outermost trusted
proxy added can be believed: the N-th from the right. With no proxy (N = 0) the header
is ignored and ``REMOTE_ADDR`` is the client.
"""

import ipaddress

from django.conf import settings

# REMOTE_ADDR can be empty (a Unix socket with no proxy header): such requests share one bucket.
UNKNOWN = "0.0.0.0"


def client_ip(request) -> str:
    """The client's address as a plain IP string; never raises, whatever the headers say."""
    remote = parse_address(request.META.get("REMOTE_ADDR", "")) or UNKNOWN
    trusted = settings.TRUSTED_PROXY_COUNT
    if trusted <= 0:
        return remote
    entries = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    if len(entries) < trusted:
        # Too short for the proxies we were told about: a misconfiguration, or a request
        # that came around the proxy. The connecting address is all we know.
        return remote
    return parse_address(entries[-trusted]) or remote


def parse_address(value: str) -> str | None:
    """``1.2.3.4``, ``1.2.3.4:5678``, ``2001:db8::1``, ``[2001:db8::1]:443`` -> the bare address; else None."""
    value = value.strip()
    if value.startswith("["):
        host, bracket, port = value[1:].partition("]")
        if not bracket or (port and not (port.startswith(":") and port[1:].isdigit())):
            return None
        value = host
    elif value.count(":") == 1:  # IPv4 with a port; a bare IPv6 address has at least two colons
        value, _, port = value.partition(":")
        if not port.isdigit():
            return None
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return None
    if address.version == 6:
        if address.ipv4_mapped:
            return str(address.ipv4_mapped)
        address = ipaddress.IPv6Address(int(address))  # drops a %zone, which no limiter can use
    return str(address)
