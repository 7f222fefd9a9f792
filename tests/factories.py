"""factory_boy factories, one per meaningful state."""

import datetime
import uuid

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from accounts.identity import normalize_email
from applications.models import Application, ConsentRecord
from careers.models import CompanyProfile, Location, Posting, PrivacyPolicy, Question, Team

MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


class NormalisedEmailMixin:
    """Addresses are stored as the app stores them: normalised (accounts/identity.py)."""

    @classmethod
    def _adjust_kwargs(cls, **kwargs):
        kwargs["email"] = normalize_email(kwargs["email"])
        return kwargs


class UserFactory(NormalisedEmailMixin, factory.django.DjangoModelFactory):
    class Meta:
        model = "accounts.User"
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.com")
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery staple")

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class StaffFactory(UserFactory):
    is_staff = True


class SuperuserFactory(StaffFactory):
    is_superuser = True


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Team {n}")
    slug = factory.LazyAttribute(lambda o: o.name.lower().replace(" ", "-"))
    about = "We build things that matter."
    notification_email = factory.LazyAttribute(lambda o: f"{o.slug}-hiring@example.com")


class LocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Location
        django_get_or_create = ("slug",)

    city = factory.Sequence(lambda n: f"City {n}")
    country = "UK"
    country_code = "GB"
    slug = factory.LazyAttribute(lambda o: o.city.lower().replace(" ", "-"))


class PostingFactory(factory.django.DjangoModelFactory):
    """A published, open posting."""

    class Meta:
        model = Posting
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Engineer {n}")
    slug = factory.Sequence(lambda n: f"engineer-{n}")
    team = factory.SubFactory(TeamFactory)
    workplace_type = Posting.Workplace.ONSITE
    intro = "A role."
    about_role = "You will do important work."
    qualifications = "Curiosity\nCare"
    thrive_if = "You like people"
    status = Posting.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    # The retention clock runs exactly while a posting is closed (a database constraint).
    closed_at = factory.LazyAttribute(lambda posting: timezone.now() if posting.status == Posting.Status.CLOSED else None)

    @factory.post_generation
    def locations(obj, create, extracted, **kwargs):
        if create:
            obj.locations.set(extracted if extracted is not None else [LocationFactory(city="London")])


class DraftPostingFactory(PostingFactory):
    status = Posting.Status.DRAFT
    published_at = None


class ScheduledPostingFactory(PostingFactory):
    """Published for a time still to come: goes live by itself then."""

    published_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=1))


class ClosedPostingFactory(PostingFactory):
    status = Posting.Status.CLOSED


class ExpiredPostingFactory(PostingFactory):
    """Published, but its closing date has passed."""

    closes_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=1))


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    posting = factory.SubFactory(PostingFactory)
    label = "Will you need visa sponsorship to work in the UK?"
    kind = Question.Kind.YES_NO
    required = True


class PrivacyPolicyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PrivacyPolicy
        django_get_or_create = ("version",)

    version = "2026-06"
    effective_on = datetime.date(2026, 6, 1)
    body = "### Who we are\n\nWe process your application to assess it."


class CompanyProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CompanyProfile
        django_get_or_create = ("pk",)

    pk = 1
    name = "Example Co"
    about = "We make examples."


class ApplicationFactory(NormalisedEmailMixin, factory.django.DjangoModelFactory):
    class Meta:
        model = Application
        skip_postgeneration_save = True

    posting = factory.SubFactory(PostingFactory)
    first_name = "Ada"
    last_name = "Lovelace"
    email = factory.Sequence(lambda n: f"candidate{n}@example.com")
    country = "United Kingdom"
    resume = factory.LazyFunction(lambda: ContentFile(MINIMAL_PDF, name=f"{uuid.uuid4().hex}.pdf"))
    resume_name = "ada-cv.pdf"
    resume_size = len(MINIMAL_PDF)
    consent = factory.RelatedFactory(
        "tests.factories.ConsentRecordFactory", factory_related_name="application"
    )


class ConsentRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConsentRecord

    policy = factory.SubFactory(PrivacyPolicyFactory)
    policy_version = factory.LazyAttribute(lambda o: o.policy.version)
    wording = "I agree."


def staff_in_role(role, **kwargs):
    """A staff user in one of the role groups (created again if a flush removed them)."""
    from django.contrib.auth.models import Group

    from accounts.roles import sync_roles

    if not Group.objects.filter(name=role).exists():
        sync_roles()
    user = StaffFactory(**kwargs)
    user.groups.add(Group.objects.get(name=role))
    return user


class WithdrawnApplicationFactory(ApplicationFactory):
    stage = Application.Stage.WITHDRAWN
