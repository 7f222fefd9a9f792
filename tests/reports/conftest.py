"""A known data set for the reports: four applications over three weeks, moved at known times."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from applications.models import Application
from tests.factories import ApplicationFactory, PostingFactory, TeamFactory, staff_in_role

S = Application.Stage


def at(day, hour=10):
    return timezone.make_aware(datetime.datetime(2026, 11, day, hour))


@pytest.fixture
def world(db):
    return build_world()


def build_world():
    ours, theirs = TeamFactory(name="Team Ours"), TeamFactory(name="Team Theirs")
    ours_posting = PostingFactory(team=ours, title="Our Role")
    their_posting = PostingFactory(team=theirs, title="Their Role")
    recruiter = staff_in_role("Recruiter")
    apps = {}
    with time_machine.travel(at(2), tick=False):  # Monday 2 November
        apps["a1"] = ApplicationFactory(posting=ours_posting, referral_source="linkedin", source="A friend")
        apps["a2"] = ApplicationFactory(posting=ours_posting, source="  a FRIEND ")
    with time_machine.travel(at(4), tick=False):
        apps["a1"].move_to(S.REVIEWING, by=recruiter)  # 2 days in New
    with time_machine.travel(at(9), tick=False):
        apps["a3"] = ApplicationFactory(posting=their_posting, referral_source="newsletter", source="LinkedIn")
    with time_machine.travel(at(10), tick=False):
        apps["a1"].move_to(S.INTERVIEWING, by=recruiter)  # 6 days in Reviewing
        apps["a2"].move_to(S.REJECTED, by=recruiter)  # 8 days in New
    with time_machine.travel(at(12), tick=False):
        apps["a3"].move_to(S.REVIEWING, by=recruiter)  # 3 days in New
    with time_machine.travel(at(16), tick=False):
        apps["a4"] = ApplicationFactory(posting=ours_posting)
    manager = staff_in_role("Hiring manager")
    ours.hiring_managers.add(manager)
    other_manager = staff_in_role("Hiring manager")
    theirs.hiring_managers.add(other_manager)
    return {
        "apps": apps, "ours": ours, "theirs": theirs, "our_posting": ours_posting, "their_posting": their_posting,
        "recruiter": recruiter, "manager": manager, "other_manager": other_manager,
    }


RANGE = {"start": "2026-11-02", "end": "2026-11-22"}
