"""Search and filter timings on 10,000 postings (PostgreSQL, production settings, no page cache).

Every timed request runs the search: the list's own fragments (its head and its
results, cached by URL) are dropped before each, so the filters, the search and
the count are live queries and the page is rendered; posting cards, filter choices
and company texts come from the fragment cache once a first request has rendered
them, as on a live site.

    python benchmarks/search.py [--postings 10000] [--repeat 20]

Fills the database named by DATABASE_URL (default: `scripts/ensure-postgres.sh careers_bench`)
with generated postings once, then times /careers/ requests through the whole Django stack
in-process (middleware, queries, templates; no network), and prints p50/p95 per query.
Target: p95 <= 30 ms.
"""

import argparse
import os
import random
import re
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

QUERIES = [
    "q=engineer",
    "q=policy",
    "q=kubernetes+reliability",
    "q=interpretability",
    "q=london",
    "q=%22safety+research%22",
    "team=research",
    "location=london",
    "workplace=remote",
    "team=research&location=london",
    "q=engineer&workplace=hybrid",
    "q=policy&team=global-affairs&location=brussels&workplace=onsite",
    "q=nothingmatchesthis",
    "page=40",
]
TOPICS = (
    "safety research policy engineer reliability kubernetes interpretability models training evaluation "
    "infrastructure product design data privacy legal recruiting operations security alignment inference "
    "distributed systems python rust frontend backend growth partnerships regulation europe government"
).split()
# Everyday job-ad prose around the topic words, so a search word matches a realistic share of postings.
FILLER = [f"{stem}{suffix}" for stem in (
    "team", "work", "build", "lead", "ship", "support", "improve", "own", "plan", "review", "write", "design",
    "measure", "scale", "learn", "mentor", "partner", "deliver", "debug", "test",
) for suffix in ("", "s", "ing", "ed", "er", "able", "ment", "ful", "ly", "ness")]


def setup_django():
    if not os.environ.get("DATABASE_URL"):
        url = subprocess.run([str(ROOT / "scripts/ensure-postgres.sh"), "careers_bench"], capture_output=True,
                             text=True, check=True).stdout.strip()
        os.environ["DATABASE_URL"] = url
    os.environ.update({
        "DJANGO_SETTINGS_MODULE": "config.settings", "DJANGO_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(50), "ALLOWED_HOSTS": "testserver",
        "FIELD_ENCRYPTION_KEYS": "0sLzhQ3M2a0Kl7IJbYwAe_Vd3LrH3QUNJ_95DmQt7Lk=", "SECURE_SSL_REDIRECT": "false",
        "PUBLIC_PAGE_CACHE_SECONDS": "0", "LOG_LEVEL": "WARNING", "ACCESS_LOG_LEVEL": "WARNING",
        "VAR_DIR": tempfile.mkdtemp(prefix="careers-search-bench-"),
    })
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)
    call_command("load_demo", stdout=open(os.devnull, "w"))


def fill(count):
    from django.db import transaction
    from django.utils import timezone

    from careers.models import Location, Posting, Team

    existing = Posting.objects.count()
    if existing >= count:
        return existing
    rng = random.Random(42)
    teams, locations = list(Team.objects.all()), list(Location.objects.all())
    Through = Posting.locations.through
    now = timezone.now()
    with transaction.atomic():
        batch = []
        for i in range(existing, count):
            words = rng.sample(TOPICS, 6)
            batch.append(Posting(
                title=f"{words[0].title()} {words[1]} {rng.choice(['Engineer', 'Lead', 'Manager', 'Researcher'])} {i}",
                slug=f"bench-posting-{i}", team=rng.choice(teams),
                workplace_type=rng.choice(["onsite", "hybrid", "remote"]), intro=" ".join(words),
                about_role=" ".join(rng.choices(FILLER, k=110) + words), qualifications="\n".join(rng.choices(FILLER, k=10)),
                thrive_if="\n".join(rng.choices(FILLER, k=10)), status="published",
                published_at=now - timezone.timedelta(minutes=i),
            ))
        created = Posting.objects.bulk_create(batch, batch_size=1000)
        Through.objects.bulk_create(
            [Through(posting_id=p.pk, location_id=rng.choice(locations).pk) for p in created], batch_size=5000
        )
        Posting.objects.filter(slug__startswith="bench-posting-").refresh_search_vector()  # bulk_create skips save()
    from django.db import connection

    with connection.cursor() as cursor:
        # The vector pass above left a dead copy of every row; a table that grew one posting at a
        # time would not have it. (Needs no transaction: Django runs in autocommit here.)
        cursor.execute("VACUUM FULL careers_posting")
    return Posting.objects.count()


def forget_list_fragments():
    """Drop the list pages' own fragments (``list-head``, ``list-content``: keyed by URL, they hold
    a search's results), so the next request runs its search instead of reading the last one's."""
    from django.core.cache import caches

    store = caches["pages"]
    with store._lock:
        for key in [key for key in store._cache if ":template.cache.list-" in key]:
            store._delete(key)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--postings", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    setup_django()
    from django.db import connection
    from django.test import Client

    total = fill(args.postings)
    with connection.cursor() as cursor:
        # What autovacuum does on a live site: fresh planner statistics and visibility map
        # (index-only counts need the latter).
        cursor.execute("VACUUM ANALYZE")
    client = Client()
    all_times = []
    print(f"database: PostgreSQL {connection.pg_version // 10000}, {total} postings; {args.repeat} runs per query\n")
    print(f"{'query':62} {'results':>7} {'p50 ms':>7} {'p95 ms':>7}")
    for query in QUERIES:
        client.get(f"/careers/?{query}")  # warm-up
        times = []
        for _ in range(args.repeat):
            forget_list_fragments()
            started = time.perf_counter()
            response = client.get(f"/careers/?{query}")
            times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (query, response.status_code)
        all_times += times
        times.sort()
        found = re.search(r"<strong>(\d+)</strong> open role", response.content.decode())
        count = int(found.group(1)) if found else 0
        print(f"{query:62} {count:>7} {statistics.median(times):>7.1f} {times[int(0.95 * (len(times) - 1))]:>7.1f}")
    all_times.sort()
    p95 = all_times[int(0.95 * (len(all_times) - 1))]
    print(f"\nall queries: p50 {statistics.median(all_times):.1f} ms, p95 {p95:.1f} ms (target p95 <= 30 ms: "
          f"{'met' if p95 <= 30 else 'NOT met'})")


if __name__ == "__main__":
    main()
