from datetime import date, timedelta

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from careers import demo_data
from careers.models import CompanyProfile, Location, Posting, PrivacyPolicy, Question, Team


class Command(BaseCommand):
    help = "Load the demo company, teams, locations, postings and privacy policies (safe to run again)."

    @transaction.atomic
    def handle(self, *args, **options):
        CompanyProfile.objects.update_or_create(pk=1, defaults=demo_data.COMPANY)
        for policy in demo_data.PRIVACY_POLICIES:
            # Never rewrite a version once it exists: consent records point at it.
            PrivacyPolicy.objects.get_or_create(
                version=policy["version"],
                defaults={"effective_on": date.fromisoformat(policy["effective_on"]), "body": policy["body"]},
            )
        teams = {
            row["slug"]: Team.objects.update_or_create(slug=row["slug"], defaults=row)[0] for row in demo_data.TEAMS
        }
        locations = {
            row["slug"]: Location.objects.update_or_create(slug=row["slug"], defaults=row)[0]
            for row in demo_data.LOCATIONS
        }
        now = timezone.now()
        created = 0
        for row in demo_data.POSTINGS:
            row = dict(row)
            questions = row.pop("questions")
            location_slugs = row.pop("locations")
            days_ago = row.pop("published_days_ago")
            closes_in = row.pop("closes_in_days")
            row["team"] = teams[row["team"]]
            row["qualifications"] = "\n".join(row["qualifications"])
            row["thrive_if"] = "\n".join(row["thrive_if"])
            row["closes_on"] = timezone.localdate() + timedelta(days=closes_in) if closes_in is not None else None
            posting, was_created = Posting.objects.update_or_create(
                slug=row["slug"],
                defaults=row,
                create_defaults={**row, "published_at": now - timedelta(days=days_ago) if days_ago is not None else None},
            )
            if not was_created and posting.published_at is None and days_ago is not None:
                posting.published_at = now - timedelta(days=days_ago)
                posting.save(update_fields=["published_at"])
            if posting.status == Posting.Status.CLOSED and posting.closed_at is None:
                posting.closed_at = now - timedelta(days=7)
                posting.save(update_fields=["closed_at"])
            created += was_created
            posting.locations.set(locations[slug] for slug in location_slugs)
            for position, question in enumerate(questions):
                Question.objects.update_or_create(
                    posting=posting,
                    label=question["label"],
                    defaults={
                        "help_text": question["help_text"],
                        "kind": question["kind"],
                        "choices": "\n".join(question["choices"]),
                        "required": question["required"],
                        "position": position,
                    },
                )
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data ready: {len(teams)} teams, {len(locations)} locations, "
                f"{len(demo_data.POSTINGS)} postings ({created} new)."
            )
        )
