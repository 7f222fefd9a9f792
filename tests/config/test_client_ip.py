"""Which address is the client: one function behind every per-client limit (config/client_ip.py)."""

import uuid

import pytest
from django.test import Client

from config.client_ip import client_ip
from tests.config.test_settings import PRODUCTION_ENV, manage
from tests.factories import PostingFactory, PrivacyPolicyFactory

PROXY = "10.0.0.1"  # the address nginx connects from


@pytest.fixture
def behind_one_proxy(settings):
    """What BEHIND_PROXY=true configures (test_behind_proxy_settings checks it is exactly this)."""
    settings.TRUSTED_PROXY_COUNT = 1


@pytest.mark.parametrize(("trusted", "forwarded", "remote", "expected"), [
    (0, "203.0.113.9", "192.0.2.1", "192.0.2.1"),  # no proxy: the header is the client's own words
    (1, "203.0.113.9", PROXY, "203.0.113.9"),
    (1, "6.6.6.6, 203.0.113.9", PROXY, "203.0.113.9"),  # a prefix the client wrote is ignored
    (1, " 6.6.6.6 ,203.0.113.9 ", PROXY, "203.0.113.9"),
    (2, "6.6.6.6, 203.0.113.9, 172.16.0.5", PROXY, "203.0.113.9"),  # CDN -> nginx -> app
    (1, "203.0.113.9:51234", PROXY, "203.0.113.9"),
    (1, "2001:db8::7", PROXY, "2001:db8::7"),
    (1, "[2001:db8::7]:443", PROXY, "2001:db8::7"),
    (1, "[2001:db8::7]", PROXY, "2001:db8::7"),
    (1, "fe80::1%eth0", PROXY, "fe80::1"),
    (1, "::ffff:203.0.113.9", PROXY, "203.0.113.9"),
    (1, "203.0.113.9", "::ffff:10.0.0.1", "203.0.113.9"),
    # Missing, empty, too short or malformed: the connecting address, never an exception.
    (1, None, PROXY, PROXY),
    (1, "", PROXY, PROXY),
    (2, "203.0.113.9", PROXY, PROXY),
    (1, "203.0.113.9, unknown", PROXY, PROXY),
    (1, "not-an-ip", PROXY, PROXY),
    (1, "999.1.1.1", PROXY, PROXY),
    (1, "1.2.3.4:port", PROXY, PROXY),
    (1, "[2001:db8::7", PROXY, PROXY),
    (1, "[2001:db8::7]x", PROXY, PROXY),
    (1, "1.2.3.4/8", PROXY, PROXY),
    (1, ",", PROXY, PROXY),
    (1, "\x00", PROXY, PROXY),
    (0, None, "", "0.0.0.0"),  # a Unix socket with no address at all
    (1, "junk", "", "0.0.0.0"),
])
def test_client_ip(rf, settings, trusted, forwarded, remote, expected):
    settings.TRUSTED_PROXY_COUNT = trusted
    headers = {} if forwarded is None else {"HTTP_X_FORWARDED_FOR": forwarded}
    assert client_ip(rf.get("/", REMOTE_ADDR=remote, **headers)) == expected


def test_behind_proxy_settings():
    code = "from django.conf import settings as s; print(s.TRUSTED_PROXY_COUNT, s.SECURE_PROXY_SSL_HEADER)"
    env = {**PRODUCTION_ENV, "BEHIND_PROXY": "true"}
    assert manage("shell", "--no-imports", "-c", code, env=env).stdout.split()[0] == "1"
    explicit = manage("shell", "--no-imports", "-c", code, env={**env, "TRUSTED_PROXY_COUNT": "2"})
    assert explicit.stdout.split()[0] == "2"
    direct = manage("shell", "--no-imports", "-c", code, env=PRODUCTION_ENV)
    assert direct.stdout.split()[0] == "0"


BAD_HEADERS = [None, "", "203.0.113.9, 10.0.0.1", "garbage", "1.2.3.4, garbage", "[::1", ",,,", "1.2.3.4:abc"]


@pytest.mark.django_db
@pytest.mark.parametrize("forwarded", BAD_HEADERS)
def test_odd_forwarded_headers_never_break_a_form(behind_one_proxy, forwarded):
    PrivacyPolicyFactory()
    posting = PostingFactory(slug="policy-lead")
    headers = {} if forwarded is None else {"HTTP_X_FORWARDED_FOR": forwarded}
    client = Client(REMOTE_ADDR=PROXY, **headers)
    for path, data in [
        ("/accounts/login/", {"username": "ada@example.com", "password": "wrong-wrong-wrong"}),
        (f"/careers/{posting.slug}/apply/", {"first_name": "Ada"}),
        ("/accommodations/", {"name": "Ada"}),
        ("/accounts/signup/", {"email": "ada@example.com", "password": "x"}),
        ("/accounts/password/reset/", {"email": "not-an-address"}),
    ]:
        response = client.post(path, data)
        assert response.status_code < 500, (path, response.status_code)


@pytest.mark.django_db
def test_a_client_rotating_its_own_forwarded_prefix_is_still_limited(behind_one_proxy, settings):
    settings.ACCOMMODATION_CLIENT_RATE_LIMIT = "2/h"
    settings.LOGIN_FAILURES_PER_IP = "2/h"
    def post(i, path, data):
        # The client writes any X-Forwarded-For it likes; nginx appends the address it really came from.
        spoofed = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"198.51.100.{i}, 203.0.113.9")
        return spoofed.post(path, data)

    def request_data(i):
        # Accepted submissions are what counts (applications share the same SubmissionThrottle).
        return {"submission_token": str(uuid.uuid4()), "name": "Ada", "email": f"ada{i}@example.com", "posting": "",
                "stage": "assessment", "description": "Step-free access", "contact_method": "email"}

    assert [post(i, "/accommodations/", request_data(i)).status_code for i in range(3)] == [302, 302, 429]
    logins = [post(i, "/accounts/login/", {"username": f"guess{i}@example.com", "password": "wrong-wrong"})
              for i in range(3)]
    assert [r.status_code for r in logins] == [200, 200, 429]
    # Another real client behind the same proxy is not affected.
    other = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.10")
    assert other.post("/accommodations/", {"name": "Ada"}).status_code == 400
