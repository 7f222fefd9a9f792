"""Google for Jobs: the JobPosting JSON-LD of posting pages, and the share tags of public pages."""

import datetime
import io
import re
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone
from PIL import Image

from careers.models import CompanyProfile, Posting
from tests.factories import (
    ClosedPostingFactory,
    CompanyProfileFactory,
    DraftPostingFactory,
    ExpiredPostingFactory,
    LocationFactory,
    PostingFactory,
    SuperuserFactory,
)
from tests.helpers.page import json_ld, read_head

pytestmark = pytest.mark.django_db

REFERENCE = "/careers/european-ai-safety-policy-lead-technical/"


def job_posting_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    blocks = json_ld(response.content.decode())
    assert len(blocks) == 1, blocks
    return blocks[0]


def test_reference_posting_has_every_property_google_requires_with_the_right_types(client):
    call_command("load_demo", stdout=io.StringIO())
    data = job_posting_of(client, REFERENCE)

    assert data["@context"] == "https://schema.org/" and data["@type"] == "JobPosting"
    # Required by Google: title, description, datePosted, hiringOrganization, jobLocation.
    assert data["title"] == "European AI Safety Policy Lead - Technical"
    assert isinstance(data["description"], str) and "<h2" in data["description"] and "<li>" in data["description"]
    assert "About the Role" in data["description"] and "OpenAI Global Applicant Privacy Policy" not in data["description"]
    posted = datetime.datetime.fromisoformat(data["datePosted"])
    assert posted.tzinfo is not None and posted < timezone.now()
    organization = data["hiringOrganization"]
    assert organization == {"@type": "Organization", "name": "OpenAI", "sameAs": "https://openai.com"}
    assert data["jobLocation"] == [
        {"@type": "Place", "address": {"@type": "PostalAddress", "addressLocality": "London", "addressCountry": "GB"}}
    ]
    assert re.fullmatch(r"[A-Z]{2}", data["jobLocation"][0]["address"]["addressCountry"])
    # Recommended ones.
    assert data["employmentType"] == "FULL_TIME"
    assert data["directApply"] is True
    assert data["identifier"]["@type"] == "PropertyValue" and data["identifier"]["value"]
    assert data["url"] == f"http://testserver{REFERENCE}"
    assert "validThrough" not in data and "baseSalary" not in data  # no closing date, no pay range
    assert "jobLocationType" not in data


def test_description_is_the_sanitized_body_of_the_page(client):
    posting = PostingFactory(about_role='Lead **research**.<img src=x onerror="alert(1)">', qualifications="Python\nSQL")
    data = job_posting_of(client, posting.get_absolute_url())
    assert "<strong>research</strong>" in data["description"]
    assert "<li>Python</li><li>SQL</li>" in data["description"]
    assert "onerror" not in data["description"] and "<img" not in data["description"]


def test_remote_posting_is_telecommute_with_the_countries_candidates_may_live_in(client):
    posting = PostingFactory(
        workplace_type=Posting.Workplace.REMOTE,
        locations=[LocationFactory(city="London"), LocationFactory(city="Leeds"),
                   LocationFactory(city="Dublin", country="Ireland", country_code="IE")],
    )
    data = job_posting_of(client, posting.get_absolute_url())
    assert data["jobLocationType"] == "TELECOMMUTE"
    assert data["applicantLocationRequirements"] == [  # once each, in the locations' (city) order
        {"@type": "Country", "name": "Ireland"}, {"@type": "Country", "name": "UK"},
    ]
    assert "jobLocation" not in data


def test_closing_date_pay_range_and_employment_type(client, settings):
    settings.TIME_ZONE = "Europe/London"
    posting = PostingFactory(
        closes_on=datetime.date(2099, 7, 31), employment_type=Posting.EmploymentType.CONTRACT,
        pay_min=Decimal("85"), pay_max=Decimal("110.50"), pay_currency="USD", pay_period=Posting.PayPeriod.HOUR,
    )
    data = job_posting_of(client, posting.get_absolute_url())
    # The closing date is the last day to apply: valid to the end of that day, local time.
    assert datetime.datetime.fromisoformat(data["validThrough"]) == datetime.datetime(
        2099, 7, 31, 23, 59, 59, tzinfo=datetime.timezone(datetime.timedelta(hours=1))
    )
    assert data["employmentType"] == "CONTRACTOR"
    assert data["baseSalary"] == {
        "@type": "MonetaryAmount", "currency": "USD",
        "value": {"@type": "QuantitativeValue", "unitText": "HOUR", "minValue": 85, "maxValue": 110.5},
    }
    single = PostingFactory(pay_min=Decimal("50000"), pay_currency="GBP", pay_period=Posting.PayPeriod.YEAR)
    value = job_posting_of(client, single.get_absolute_url())["baseSalary"]["value"]
    assert value == {"@type": "QuantitativeValue", "unitText": "YEAR", "value": 50000}


@pytest.mark.parametrize("factory", [ClosedPostingFactory, ExpiredPostingFactory])
def test_closed_postings_carry_no_job_posting(client, factory):
    response = client.get(factory().get_absolute_url())
    assert response.status_code == 410
    assert "application/ld+json" not in response.content.decode()


def test_draft_preview_has_no_job_posting_and_is_not_indexed(client):
    client.force_login(SuperuserFactory())
    response = client.get(DraftPostingFactory().get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200 and "Preview." in html
    assert "application/ld+json" not in html
    assert read_head(html).meta["robots"] == "noindex"


def test_staff_text_cannot_break_out_of_the_script_element(client):
    CompanyProfileFactory(name="</script><script>alert('company')</script>")
    title = "Engineer </script><script>alert(1)</script> <!-- & co"
    posting = PostingFactory(title=title, about_role="</script><script>alert(2)</script>")
    html = client.get(posting.get_absolute_url()).content.decode()
    script = html[html.index('<script type="application/ld+json">'):]
    script = script[: script.index("</script>") + len("</script>")]
    assert "<script>" not in script[len('<script type="application/ld+json">'):] and "<!--" not in script
    data = json_ld(html)[0]
    assert data["title"] == title  # escaped for HTML, not altered
    assert data["hiringOrganization"]["name"] == "</script><script>alert('company')</script>"
    assert "alert(2)" not in data["description"]  # the Markdown sanitizer already removed the script


def test_company_logo_is_the_organization_logo_and_the_share_image(client):
    buffer = io.BytesIO()
    Image.new("RGB", (200, 200), "navy").save(buffer, "PNG")
    profile = CompanyProfileFactory(website="https://example.com")
    profile.logo.save("logo.png", ContentFile(buffer.getvalue()))
    posting = PostingFactory()
    html = client.get(posting.get_absolute_url()).content.decode()
    logo_url = f"http://testserver{CompanyProfile.load().logo.url}"
    assert json_ld(html)[0]["hiringOrganization"]["logo"] == logo_url
    assert read_head(html).meta["og:image"] == logo_url
    assert read_head(client.get("/careers/").content.decode()).meta["og:image"] == logo_url


def test_posting_page_has_canonical_open_graph_and_twitter_tags(client):
    CompanyProfileFactory(name="Example Co")
    posting = PostingFactory(title="Data Engineer", intro='Build the "pipelines" & more.')
    head = read_head(client.get(f"{posting.get_absolute_url()}?utm_source=newsletter").content.decode())
    url = f"http://testserver{posting.get_absolute_url()}"
    assert head.links["canonical"][0]["href"] == url
    assert head.meta["og:url"] == url and head.meta["og:type"] == "website"
    assert head.meta["og:title"] == head.meta["twitter:title"] == "Data Engineer"
    assert head.meta["og:description"] == head.meta["twitter:description"] == "Build the \u201cpipelines\u201d & more."
    assert head.meta["og:site_name"] == "Example Co careers"
    assert head.meta["twitter:card"] == "summary"
    assert "og:image" not in head.meta  # no logo uploaded


def test_list_page_canonical_ignores_filters_but_keeps_its_pages(client):
    CompanyProfileFactory(name="Example Co")
    PostingFactory.create_batch(30)

    def canonical(url):
        return read_head(client.get(url).content.decode()).links["canonical"][0]["href"]

    assert canonical("/careers/") == "http://testserver/careers/"
    assert canonical("/careers/?page=2") == "http://testserver/careers/?page=2"
    assert canonical("/careers/?q=engineer&page=2") == "http://testserver/careers/"
    head = read_head(client.get("/careers/").content.decode())
    assert head.meta["og:title"] == "Open roles at Example Co"
    assert head.meta["twitter:card"] == "summary"


def test_json_ld_adds_no_query(client, django_assert_max_num_queries):
    CompanyProfileFactory()
    posting = PostingFactory(locations=[LocationFactory(city="London"), LocationFactory(city="Paris")])
    with django_assert_max_num_queries(6):  # as before: the page already loaded team, locations and company
        assert "application/ld+json" in client.get(posting.get_absolute_url()).content.decode()
