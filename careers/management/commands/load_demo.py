from datetime import date, timedelta

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from careers import demo_data
from careers.models import CompanyProfile, Location, Posting, PrivacyPolicy, Question, Team


class Command(BaseCommand):
    help = (
        "Load the demo company, teams, locations, postings and privacy policies. Safe to run again: "
        "only what is missing is added, so staff edits are never reverted."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        CompanyProfile.objects.get_or_create(pk=1, defaults=demo_data.COMPANY)
        for policy in demo_data.PRIVACY_POLICIES:
            # Never rewrite a version once it exists: consent records point at it.
            PrivacyPolicy.objects.get_or_create(
                version=policy["version"],
                defaults={"effective_on": date.fromisoformat(policy["effective_on"]), "body": policy["body"]},
            )
        teams = {
            row["slug"]: Team.objects.get_or_create(slug=row["slug"], defaults=row)[0] for row in demo_data.TEAMS
        }
        locations = {
            row["slug"]: Location.objects.get_or_create(slug=row["slug"], defaults=row)[0]
            for row in demo_data.LOCATIONS
        }
        now = timezone.now()
        created = 0
        for row in demo_data.POSTINGS:
            row = dict(row)
            if Posting.objects.filter(slug=row["slug"]).exists():
                continue  # staff may have edited, re-opened or closed it since: never revert that
            questions = row.pop("questions")
            location_slugs = row.pop("locations")
            days_ago = row.pop("published_days_ago")
            closes_in = row.pop("closes_in_days")
            status = row.pop("status")
            row["team"] = teams[row["team"]]
            row["qualifications"] = "\n".join(row["qualifications"])
            row["thrive_if"] = "\n".join(row["thrive_if"])
            row["closes_on"] = timezone.localdate() + timedelta(days=closes_in) if closes_in is not None else None
            posting = Posting.objects.create(**row)  # a draft; its status comes through the posting's verbs
            if status in (Posting.Status.PUBLISHED, Posting.Status.CLOSED):
                posting.publish(when=now - timedelta(days=days_ago))
            if status == Posting.Status.CLOSED:
                posting.close(when=now - timedelta(days=7))
            created += 1
            posting.locations.set(locations[slug] for slug in location_slugs)
            for position, question in enumerate(questions):
                Question.objects.create(
                    posting=posting,
                    label=question["label"],
                    help_text=question["help_text"],
                    kind=question["kind"],
                    choices="\n".join(question["choices"]),
                    required=question["required"],
                    position=position,
                )
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data ready: {len(teams)} teams, {len(locations)} locations, "
                f"{len(demo_data.POSTINGS)} postings ({created} new)."
            )
        )
