"""Storage limitation (GDPR): how long candidates' data is kept after a posting stops being open."""

from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.utils import timezone


def retention_cutoffs(now=None):
    """(ordinary cutoff, talent-pool cutoff): data of postings closed before these dates is due."""
    now = now or timezone.now()
    return (
        now - timedelta(days=settings.RETENTION_DAYS_AFTER_CLOSE),
        now - timedelta(days=settings.TALENT_POOL_RETENTION_DAYS),
    )


def purge_in_locked_batches(due, erase, *, batch_size, dry_run=False) -> int:
    """Erase the rows of ``due`` batch by batch with ``erase(rows)``; returns how many (or would, with ``dry_run``).

    Safe to run concurrently: each batch locks its rows and skips rows another
    run holds. Idempotent: a second run finds nothing more to do.
    """
    if dry_run:
        return due.count()
    total = 0
    while True:
        with transaction.atomic():
            batch = list(due.model.objects.filter(pk__in=due.values("pk")).select_for_update(skip_locked=True)[:batch_size])
            erased = erase(batch)
        total += erased
        if erased < batch_size:
            return total


def purge_expired_data(*, dry_run=False, batch_size=200) -> dict:
    """Ask every app that keeps candidates' data to purge what is past retention; returns counts by kind.

    An app takes part by giving its AppConfig ``purge_expired(dry_run=...)``
    (and ``batch_size``) returning ``{kind: count}``, so this module never imports the apps it purges.
    """
    counts = {}
    for config in apps.get_app_configs():
        if hasattr(config, "purge_expired"):
            counts.update(config.purge_expired(dry_run=dry_run, batch_size=batch_size))
    return counts
