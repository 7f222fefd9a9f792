"""An address is one identity: normalised once when stored, compared exactly everywhere.

On PostgreSQL ``UPPER('user@ıcloud.com') = UPPER('user@icloud.com')``, and Python's
``str.lower()`` and Unicode case folding map ``ſ``, ``K`` and full-width letters onto
ASCII. An account whose (verification) mail goes to a look-alike address must never
reach the data of the person with the real one.
"""

import io
import json
import uuid
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from accommodations.models import AccommodationRequest
from accommodations.services import accommodation_request_submit
from accounts.identity import normalize_email
from accounts.models import User
from applications.models import Application
from tests.factories import ApplicationFactory, PostingFactory, PrivacyPolicyFactory, UserFactory
from tests.helpers import documents as d

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"

# (the attacker's look-alike address, the real person's address)
LOOK_ALIKES = [
    pytest.param("user@\u0131cloud.com", "user@icloud.com", id="dotless-i-domain"),
    pytest.param("u\u017fer@example.com", "user@example.com", id="long-s"),
    pytest.param("\u212aate@example.com", "kate@example.com", id="kelvin-sign"),
    pytest.param("\uff55ser@example.com", "user@example.com", id="full-width-letter"),
]
# Those Django's EmailField accepts, so they can be typed into sign-up, apply and reset forms.
TYPEABLE_LOOK_ALIKES = LOOK_ALIKES[:3]


# --- the normaliser ------------------------------------------------------------

@pytest.mark.parametrize("address, normalised", [
    (" Ada@Example.COM ", "ada@example.com"),
    ("ada@example.com", "ada@example.com"),
    ("user@\u0131cloud.com", "user@xn--cloud-m4a.com"),  # a different domain, in its DNS form
    ("user@M\u00dcNCHEN.de", "user@xn--mnchen-3ya.de"),
    ("user@XN--MNCHEN-3YA.DE", "user@xn--mnchen-3ya.de"),
    ("user@\uff45xample.com", "user@example.com"),  # the same DNS name (UTS46), so the same mailbox
    ("u\u017fer@example.com", "u\u017fer@example.com"),  # no Unicode case folding in the local part
    ("\u212aate@example.com", "\u212aate@example.com"),
    ("\uff55ser@example.com", "\uff55ser@example.com"),  # no NFKC either
    ("\u00c0DA@example.com", "\u00c0da@example.com"),  # only A-Z are lower-cased
    ('"a@b"@example.com', '"a@b"@example.com'),  # split at the last @
])
def test_normalize_email(address, normalised):
    assert normalize_email(address) == normalised
    assert normalize_email(normalised) == normalised  # idempotent


@pytest.mark.parametrize("address", [
    "user\uff20example.com",  # full-width at sign
    "userexample.com", "user@", "@example.com", "", "   ",
    "user@-bad.com", "user@exa_mple.com", "user@a..b",
    "user@" + "a" * 64 + ".com",  # a label longer than DNS allows
    "u" * 250 + "@example.com",  # longer than an address may be
])
def test_normalize_email_refuses_what_is_not_an_address(address):
    with pytest.raises(ValidationError):
        normalize_email(address)


# --- helpers -------------------------------------------------------------------

def verified(email):
    """An account made the way sign-up makes one, then verified."""
    user = User.objects.create_user(email=email, password=PASSWORD)
    user.email_verified_at = timezone.now()
    user.save()
    return user


def apply_as_guest(posting, email):
    """Apply through the real form, as a visitor with no account."""
    PrivacyPolicyFactory()
    return Client().post(f"/careers/{posting.slug}/apply/", {
        "submission_token": str(uuid.uuid4()), "first_name": "Ada", "last_name": "Lovelace", "email": email,
        "country": "United Kingdom", "consent": "on", "resume": d.upload("CV.pdf", d.pdf()),
    })


def request_accommodation_as_guest(email):
    return Client().post("/accommodations/", {
        "submission_token": str(uuid.uuid4()), "name": "Ada Lovelace", "email": email, "posting": "", "stage": "interview",
        "description": "Step-free access", "contact_method": "email", "contact_details": "",
    })


def export(client):
    response = client.post("/accounts/data/export/")
    assert response.status_code == 200
    return json.loads(zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))).read("data.json"))


# --- a look-alike account reaches nothing of the real person's -----------------

@pytest.mark.parametrize("look_alike, real", LOOK_ALIKES)
def test_look_alike_account_cannot_see_download_export_or_withdraw(client, require_postgres, look_alike, real):
    victims = ApplicationFactory(email=real)
    accommodation_request_submit(name="Victim", email=real, posting=None, stage="interview",
                                 description="Step-free access", contact_method="email")
    client.force_login(verified(look_alike))

    assert victims.reference not in client.get("/accounts/applications/").content.decode()
    assert client.get(f"/accounts/applications/{victims.reference}/resume/").status_code == 404
    assert client.get(f"/accounts/applications/{victims.reference}/withdraw/").status_code == 404
    assert client.post(f"/accounts/applications/{victims.reference}/withdraw/").status_code == 404
    document = export(client)
    assert document["applications"] == [] and document["accommodation_requests"] == []
    victims.refresh_from_db()
    assert victims.stage == Application.Stage.NEW


@pytest.mark.parametrize("look_alike, real", LOOK_ALIKES)
def test_look_alike_account_erasing_itself_leaves_the_real_persons_data(client, require_postgres, look_alike, real):
    victims = ApplicationFactory(email=real)
    accommodation_request_submit(name="Victim", email=real, posting=None, stage="interview",
                                 description="Step-free access", contact_method="email")
    attacker = verified(look_alike)
    client.force_login(attacker)
    response = client.post("/accounts/data/delete/", {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 302 and not User.objects.filter(pk=attacker.pk).exists()
    assert Application.objects.filter(pk=victims.pk).exists()
    assert AccommodationRequest.objects.filter(email=real).exists()


def test_the_genuine_owner_is_matched_whatever_case_they_typed(client, require_postgres):
    posting = PostingFactory()
    assert apply_as_guest(posting, "Ada@Example.COM").status_code == 302
    assert request_accommodation_as_guest("ADA@example.com").status_code == 302
    application = Application.objects.get()
    assert application.email == "ada@example.com"
    assert AccommodationRequest.objects.get().email == "ada@example.com"
    client.force_login(verified("ada@example.com"))

    assert application.reference in client.get("/accounts/applications/").content.decode()
    assert client.get(f"/accounts/applications/{application.reference}/resume/").status_code == 200
    document = export(client)
    assert [a["reference"] for a in document["applications"]] == [application.reference]
    assert len(document["accommodation_requests"]) == 1


def test_the_genuine_owner_with_an_international_domain_is_matched(client, require_postgres):
    posting = PostingFactory()
    assert apply_as_guest(posting, "Ada@M\u00fcnchen.de").status_code == 302
    assert Application.objects.get().email == "ada@xn--mnchen-3ya.de"
    client.force_login(verified("ada@xn--mnchen-3ya.de"))
    assert Application.objects.get().reference in client.get("/accounts/applications/").content.decode()


# --- sign-up, sign-in, password reset ------------------------------------------

@pytest.mark.parametrize("look_alike, real", TYPEABLE_LOOK_ALIKES)
def test_signup_with_a_look_alike_creates_a_separate_account(client, mailoutbox, require_postgres, look_alike, real):
    owner = UserFactory(email=real)
    response = client.post("/accounts/signup/", {"email": look_alike, "password": PASSWORD})
    assert response.status_code == 302
    assert User.objects.count() == 2 and User.objects.get(pk=owner.pk).email == real
    newcomer = User.objects.exclude(pk=owner.pk).get()
    assert newcomer.email == normalize_email(look_alike) != real
    [message] = mailoutbox
    assert message.to == [newcomer.email] and "/accounts/verify/" in message.body  # not "account exists"


@pytest.mark.parametrize("look_alike, real", TYPEABLE_LOOK_ALIKES)
def test_sign_in_tells_look_alike_accounts_apart(require_postgres, look_alike, real):
    owner = UserFactory(email=real)
    other = UserFactory(email=normalize_email(look_alike))
    other.set_password("the look-alike's own passphrase")
    other.save()
    for email, password, expected in ((real, PASSWORD, owner), (look_alike, "the look-alike's own passphrase", other)):
        client = Client()
        response = client.post("/accounts/login/", {"username": email, "password": password})
        assert response.status_code == 302
        assert client.session["_auth_user_id"] == str(expected.pk)
    # The owner's password does not open the look-alike account, and nothing crashes.
    response = Client().post("/accounts/login/", {"username": look_alike, "password": PASSWORD})
    assert response.status_code == 200 and "don\u2019t match an account" in response.content.decode()


def test_sign_in_ignores_the_case_of_ascii_letters(client):
    owner = UserFactory(email="ada@example.com")
    response = client.post("/accounts/login/", {"username": " Ada@EXAMPLE.com", "password": PASSWORD})
    assert response.status_code == 302 and client.session["_auth_user_id"] == str(owner.pk)


@pytest.mark.parametrize("look_alike, real", TYPEABLE_LOOK_ALIKES)
def test_password_reset_for_a_look_alike_sends_nothing_to_the_real_address(client, mailoutbox, require_postgres,
                                                                           look_alike, real):
    UserFactory(email=real)
    response = client.post("/accounts/password/reset/", {"email": look_alike})
    assert response.status_code == 302
    [message] = mailoutbox
    assert message.to == [look_alike] and "there is no account" in message.body


def test_password_reset_matches_the_normalised_address(client, mailoutbox):
    UserFactory(email="ada@example.com")
    assert client.post("/accounts/password/reset/", {"email": "ADA@Example.com"}).status_code == 302
    [message] = mailoutbox
    assert message.to == ["ada@example.com"]


@pytest.mark.parametrize("url, field, extra", [
    ("/accounts/signup/", "email", {"password": PASSWORD}),
    ("/accounts/login/", "username", {"password": PASSWORD}),
])
def test_a_full_width_at_sign_is_not_an_address(client, url, field, extra):
    UserFactory(email="user@example.com")
    response = client.post(url, {field: "user\uff20example.com", **extra})
    assert response.status_code in (200, 400)
    assert "valid email address" in response.content.decode()
    assert User.objects.count() == 1 and "_auth_user_id" not in client.session


def test_apply_refuses_a_full_width_at_sign_and_an_unencodable_domain(require_postgres):
    posting = PostingFactory()
    for address in ("user\uff20example.com", "user@exa\u200dmple.com"):
        response = apply_as_guest(posting, address)
        assert response.status_code == 400, address
        assert "valid email address" in response.content.decode()
    assert not Application.objects.exists()


# --- applying ------------------------------------------------------------------

@pytest.mark.parametrize("look_alike, real", TYPEABLE_LOOK_ALIKES)
def test_a_look_alike_application_is_not_a_duplicate_of_the_real_one(require_postgres, look_alike, real):
    posting = PostingFactory()
    assert apply_as_guest(posting, real).status_code == 302
    assert apply_as_guest(posting, look_alike).status_code == 302
    assert sorted(Application.objects.values_list("email", flat=True)) == sorted([real, normalize_email(look_alike)])


def test_the_same_address_in_other_case_is_still_a_duplicate(require_postgres):
    posting = PostingFactory()
    assert apply_as_guest(posting, "ada@example.com").status_code == 302
    response = apply_as_guest(posting, "ADA@Example.com")
    assert response.status_code == 400 and "already have an application" in response.content.decode()
    assert Application.objects.count() == 1
