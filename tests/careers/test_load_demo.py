"""The demo data, and above all the reference posting against its seed text."""

import re
from pathlib import Path

import pytest
from django.core.management import call_command

from careers.models import Location, Posting, Team

pytestmark = pytest.mark.django_db

SEED = Path(__file__).resolve().parents[1] / "data" / "seed-posting.txt"
REFERENCE_URL = "/careers/european-ai-safety-policy-lead-technical/"


def repaired_seed_body():
    """The seed's posting body with its encoding damage undone (independently of the demo data)."""
    text = SEED.read_text(encoding="utf-8")
    # UTF-8 read as Latin-1 with the C1 bytes lost: "â" alone stands for ’ inside a
    # word and for — between spaces.
    text = re.sub(" \u00e2 ", " \u2014 ", text)
    text = text.replace("\u00e2", "\u2019")
    text = text.replace("\u00c2\u00a0", " ").replace("\u00c2", "")
    start = text.index("About the TeamOpenAI")
    end = text.index("Join us in shaping the future of technology.") + len("Join us in shaping the future of technology.")
    return text[start:end]


def fragments(body):
    """Sentences and run-together list items: split at sentence ends, colons and lowercase→Uppercase joins."""
    body = re.sub(r"(?<=[a-z)])(?=[A-Z])", "\n", body)
    body = re.sub(r"(?<=[.:])\s*", "\n", body)
    return [line.strip() for line in body.splitlines() if len(line.strip()) > 2]


def normalise(text):
    text = re.sub(r"<[^>]+>", " ", text)
    text = text.replace("&#x27;", "'").replace("&#39;", "'").replace("&amp;", "&").replace("&quot;", '"')
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return re.sub(r"\s+", "", text)


@pytest.fixture
def demo():
    call_command("load_demo", stdout=open("/dev/null", "w"))


def test_load_demo_is_idempotent(demo):
    counts = (Team.objects.count(), Location.objects.count(), Posting.objects.count())
    call_command("load_demo", stdout=open("/dev/null", "w"))
    assert (Team.objects.count(), Location.objects.count(), Posting.objects.count()) == counts
    assert counts[0] >= 4 and counts[1] >= 4 and counts[2] >= 9


def test_demo_has_variety(demo):
    statuses = list(Posting.objects.values_list("status", flat=True))
    assert statuses.count("closed") >= 1 and statuses.count("draft") >= 1
    workplaces = set(Posting.objects.published().values_list("workplace_type", flat=True))
    assert {"remote", "hybrid", "onsite"} <= workplaces


def test_reference_posting_structure(demo):
    posting = Posting.objects.get(slug="european-ai-safety-policy-lead-technical")
    assert posting.team.slug == "global-affairs" and posting.team.name == "Global Affairs"
    assert [loc.slug for loc in posting.locations.all()] == ["london"]
    assert len(posting.qualification_items) == 6
    assert len(posting.thrive_items) == 10


def test_reference_posting_lists_split_where_the_seed_splits_them(demo):
    """The seed's heading "You'll thrive in this role if:" comes after "Ability to assess ...": a qualification."""
    body = repaired_seed_body()
    qualifications = body[body.index("qualifications, including:"):body.index("thrive in this role if:")]
    thrive = body[body.index("thrive in this role if:"):body.index("About OpenAI")]
    posting = Posting.objects.get(slug="european-ai-safety-policy-lead-technical")
    assert all(normalise(item) in normalise(qualifications) for item in posting.qualification_items)
    assert all(normalise(item) in normalise(thrive) for item in posting.thrive_items)
    assert posting.qualification_items[-1].startswith("Ability to assess and understand the impact")
    assert posting.thrive_items[0].startswith("Established network and credibility with EU Member States")


def test_reference_page_holds_every_seed_sentence(client, demo):
    response = client.get(REFERENCE_URL)
    assert response.status_code == 200
    page = normalise(response.content.decode())
    missing = [fragment for fragment in fragments(repaired_seed_body()) if normalise(fragment) not in page]
    assert not missing, f"Sentences of the seed missing from the page: {missing}"
    assert len(fragments(repaired_seed_body())) > 40  # the check really covered the body


def test_reference_page_has_clean_typography(client, demo):
    html = client.get(REFERENCE_URL).content.decode()
    for damaged in ("\u00e2", "\u00c2", "\u00a0", "&nbsp;"):
        assert damaged not in html
    assert "OpenAI\u2019s mission" in html
    assert "London, UK \u2014 Global Affairs" in html


def test_existing_databases_get_the_seed_split_by_migration(demo):
    """A database loaded before the fix holds the old split (5 and 11); the data migration repairs it."""
    import importlib

    from django.apps import apps

    posting = Posting.objects.get(slug="european-ai-safety-policy-lead-technical")
    qualifications = posting.qualification_items
    old_thrive = "\n".join([qualifications[-1], *posting.thrive_items])
    Posting.objects.filter(pk=posting.pk).update(qualifications="\n".join(qualifications[:-1]), thrive_if=old_thrive)
    migration = importlib.import_module("careers.migrations.0017_reference_posting_list_split")
    migration.move_to_qualifications(apps, None)
    posting.refresh_from_db()
    assert (len(posting.qualification_items), len(posting.thrive_items)) == (6, 10)
    assert posting.qualification_items[-1].startswith("Ability to assess")
    # A posting staff edited since is left alone.
    edited = "Edited by staff\nAbility to assess and understand the impact of legislative and regulatory proposals"
    Posting.objects.filter(pk=posting.pk).update(thrive_if=edited)
    migration.move_to_qualifications(apps, None)
    posting.refresh_from_db()
    assert posting.thrive_items[0] == "Edited by staff"
