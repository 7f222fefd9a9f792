"""Fixtures shared by the applications tests: a privacy policy in effect and an open posting with questions."""

import pytest

from careers.models import Question
from tests.factories import PostingFactory, PrivacyPolicyFactory, QuestionFactory, TeamFactory


@pytest.fixture
def policy():
    PrivacyPolicyFactory(version="2025-01", effective_on="2025-01-01")
    return PrivacyPolicyFactory(version="2026-06", effective_on="2026-06-01")


@pytest.fixture
def posting(policy):
    posting = PostingFactory(title="Policy Lead", slug="policy-lead", team=TeamFactory(name="Global Affairs"))
    QuestionFactory(posting=posting, label="Will you need visa sponsorship to work in the UK?", position=1)
    QuestionFactory(
        posting=posting, label="Highest degree?", kind=Question.Kind.SINGLE_CHOICE,
        choices="PhD\nMaster’s\nOther", required=True, position=2,
    )
    QuestionFactory(posting=posting, label="A paper you are proud of", kind=Question.Kind.SHORT_TEXT, required=False, position=3)
    return posting
