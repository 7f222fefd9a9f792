"""Fixtures shared by the careers tests."""

import pytest

from tests.factories import staff_in_role
from tests.helpers.role_clients import signed_in


@pytest.fixture
def recruiter_client():
    """A client signed in as a member of the Recruiter group."""
    return signed_in(staff_in_role("Recruiter"))
