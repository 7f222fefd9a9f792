"""JobPosting JSON-LD details: Google's description tags, the closing day in the role's time zone, share images."""

import datetime
import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.management import call_command
from PIL import Image

from careers.models import CompanyProfile, Location
from tests.factories import CompanyProfileFactory, LocationFactory, PostingFactory, TeamFactory
from tests.helpers.page import json_ld, read_head

pytestmark = pytest.mark.django_db

GOOGLE_TAGS = {"p", "ul", "li", "h1", "h2", "h3", "h4", "h5", "br", "strong", "em"}


def job_posting_of(client, posting):
    return json_ld(client.get(posting.get_absolute_url()).content.decode())[0]


def test_description_uses_only_the_tags_google_lists_and_no_attributes(client):
    team = TeamFactory(about="We [write](https://example.com) *careful* `code`.\n\n1. one\n2. two")
    posting = PostingFactory(team=team, about_role="Do **this**.\n\n- a\n- b", qualifications="Python\nSQL")
    description = job_posting_of(client, posting)["description"]
    tags = re.findall(r"<\s*/?\s*([a-zA-Z0-9]+)([^>]*)>", description)
    assert tags
    assert {name.lower() for name, _ in tags} <= GOOGLE_TAGS, description
    assert all(not attributes.strip() for _, attributes in tags), description
    for text in ("About the Team", "careful", "write", "About the Role", "Python"):
        assert text in description
    assert "<section" not in description and "id=" not in description


def test_valid_through_is_the_end_of_the_closing_day_where_the_role_is(client, settings):
    settings.TIME_ZONE = "Europe/London"
    new_york = LocationFactory(city="New York", country="USA", country_code="US", time_zone="America/New_York")
    posting = PostingFactory(locations=[new_york], closes_on=datetime.date(2099, 1, 15))
    valid = datetime.datetime.fromisoformat(job_posting_of(client, posting)["validThrough"])
    assert valid == datetime.datetime(2099, 1, 15, 23, 59, 59, tzinfo=datetime.timezone(datetime.timedelta(hours=-5)))
    # Several offices: open until the closing day has ended in every one of them.
    london = LocationFactory(city="London", time_zone="Europe/London")
    both = PostingFactory(locations=[london, new_york], closes_on=datetime.date(2099, 1, 15))
    assert datetime.datetime.fromisoformat(job_posting_of(client, both)["validThrough"]) == valid


def test_location_time_zone_defaults_to_the_site_zone_and_must_be_real(settings):
    settings.TIME_ZONE = "Europe/London"
    location = Location(city="Leeds", country="UK", slug="leeds")
    assert location.time_zone == "Europe/London"
    location.full_clean()
    location.time_zone = "Mars/Olympus_Mons"
    with pytest.raises(ValidationError):
        location.full_clean()


def test_demo_locations_have_their_own_zones():
    call_command("load_demo", stdout=io.StringIO())
    zones = dict(Location.objects.values_list("slug", "time_zone"))
    assert zones["new-york"] == "America/New_York"
    assert zones["san-francisco"] == "America/Los_Angeles"
    assert zones["paris"] == "Europe/Paris"
    assert zones["london"] == "Europe/London"


def test_twitter_image_goes_with_og_image(client):
    buffer = io.BytesIO()
    Image.new("RGB", (200, 200), "navy").save(buffer, "PNG")
    profile = CompanyProfileFactory(name="Example Co")
    profile.logo.save("logo.png", ContentFile(buffer.getvalue()))
    posting = PostingFactory()
    logo_url = f"http://testserver{CompanyProfile.load().logo.url}"
    for url in (posting.get_absolute_url(), "/careers/"):
        meta = read_head(client.get(url).content.decode()).meta
        assert meta["og:image"] == meta["twitter:image"] == logo_url
        assert meta["twitter:image:alt"] == meta["og:image:alt"] == "Example Co logo"
