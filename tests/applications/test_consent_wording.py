"""What the candidate ticks is what is recorded: one function gives each checkbox label and its stored wording."""

import re

import pytest

from applications.models import ConsentRecord
from tests.applications.test_apply import apply

pytestmark = pytest.mark.django_db



def label_text(html, field):
    match = re.search(rf'<label[^>]*for="id_{field}"[^>]*>(.*?)</label>', html, re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", match.group(1))).replace("*", "").strip()


@pytest.mark.parametrize("days, period", [(730, "2 years"), (365, "1 year"), (180, "6 months"), (100, "100 days")])
def test_talent_pool_period_follows_the_retention_setting(client, posting, settings, days, period):
    settings.TALENT_POOL_RETENTION_DAYS = days
    shown = label_text(client.get("/careers/policy-lead/apply/").content.decode(), "talent_pool")
    assert f"for up to {period}." in shown
    assert apply(client, posting, talent_pool="on").status_code == 302
    assert ConsentRecord.objects.get().talent_pool_wording == shown


def test_consent_record_is_the_sentence_the_candidate_ticked(client, posting):
    html = client.get("/careers/policy-lead/apply/").content.decode()
    assert 'href="/privacy/2026-06/"' in html
    shown = label_text(html, "consent")
    apply(client, posting)
    assert ConsentRecord.objects.get().wording == shown
    assert "version 2026-06" in shown
