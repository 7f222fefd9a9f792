"""Make existing rows fit 0016's constraints: the retention clock runs exactly while a posting is closed.

- published (re-opened) or draft with a ``closed_at``: the clock stops (NULL);
- closed without one: its last change is the best closing date we have (``updated_at``);
- a status outside the choices (none expected): back to draft, hidden from the public.
"""

from django.db import migrations
from django.db.models import F, Q

STATUSES = ("draft", "published", "closed")


def fix_rows(apps, schema_editor):
    Posting = apps.get_model("careers", "Posting")
    Posting.objects.exclude(status__in=STATUSES).update(status="draft", closed_at=None)
    Posting.objects.filter(~Q(status="closed"), closed_at__isnull=False).update(closed_at=None)
    Posting.objects.filter(status="closed", closed_at__isnull=True).update(closed_at=F("updated_at"))


class Migration(migrations.Migration):
    dependencies = [("careers", "0014_posting_indexes_in_meta")]

    operations = [migrations.RunPython(fix_rows, migrations.RunPython.noop, elidable=False)]
