"""Addresses become exact identities (see accounts/identity.py).

Applications and accommodation requests get their address in its normal form:
the domain in IDNA ASCII form, only A-Z lower-cased in the local part. A
signed-in candidate's rows are then those whose address equals theirs exactly,
and "one live application per posting and person" is a unique index on
(posting, email) instead of (posting, LOWER(email)): on PostgreSQL LOWER and
UPPER map look-alikes such as "ıcloud", "ſ" and "K" onto ASCII.

The old index is dropped before the data step and the new one added after it
(a normalised address may share its LOWER() with a different look-alike).

If two live applications to one posting normalise to the same address, the one
already holding it keeps it, else the older one gets it; the other is left
unchanged and its reference printed for staff to look at; so is an address that
is not one. A row left unchanged is
reached by no candidate account (fail closed), only by staff.
"""

import idna
from django.db import migrations, models
from django.db.models import Q

# A frozen copy of accounts.identity.normalize_email as of this migration.
# Migrations must not import live code: if the rule changes later, this
# migration must still do what it did when it was written.
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def normalize_email(address):
    """The normal form of an address (ASCII-only lower case, IDNA domain), or None if it is not one."""
    local, at, domain = (address or "").strip().rpartition("@")
    if not at or not local or not domain:
        return None
    try:
        domain = idna.encode(domain, uts46=True).decode("ascii")
    except (idna.IDNAError, UnicodeError):
        return None
    normalised = f"{local.translate(_ASCII_LOWER)}@{domain}"
    return normalised if len(normalised) <= 254 else None


def normalise_rows(queryset, slot):
    """Store every row's address in its normal form, oldest row first; return what was left alone.

    ``slot(row, email)`` is what must stay unique (None if nothing must). A row that
    already holds its normal form keeps it; otherwise the oldest row gets it and any
    later row that would take the same slot is left unchanged (and reported), so the
    migration never fails on, nor silently merges, two identities.
    """
    rows = list(queryset)
    targets = {row.pk: normalize_email(row.email) for row in rows}
    taken = {slot(row, row.email) for row in rows if targets[row.pk] == row.email} - {None}
    collisions, invalid = [], []
    for row in rows:
        target = targets[row.pk]
        if target is None:
            invalid.append(row)
        elif target != row.email:
            key = slot(row, target)
            if key is not None and key in taken:
                collisions.append(row)
                continue
            taken.add(key)
            type(row)._default_manager.filter(pk=row.pk).update(email=target)
    return collisions, invalid


def normalise_candidate_emails(apps, schema_editor):
    Application = apps.get_model("careers", "Application")
    AccommodationRequest = apps.get_model("careers", "AccommodationRequest")
    left = []
    collisions, invalid = normalise_rows(
        Application._default_manager.order_by("submitted_at", "pk").only("pk", "email", "posting_id", "stage", "reference"),
        lambda row, email: None if row.stage == "withdrawn" else (row.posting_id, email),
    )
    left += [f"  application {row.reference}: another live application to the same posting has the "
             "same normalised address\n" for row in collisions]
    left += [f"  application {row.reference}: not a valid address\n" for row in invalid]
    _, invalid = normalise_rows(
        AccommodationRequest._default_manager.order_by("created_at", "pk").only("pk", "email", "reference"),
        lambda row, email: None,
    )
    left += [f"  accommodation request {row.reference}: not a valid address\n" for row in invalid]
    if left:
        print(
            "\ncareers.0012_exact_email_identity: addresses left unchanged; no candidate account reaches "
            "these rows until staff correct them.\n" + "".join(left)
        )


class Migration(migrations.Migration):

    dependencies = [
        ("careers", "0011_search_document_names"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="application", name="careers_application_one_per_posting"),
        migrations.RunPython(normalise_candidate_emails, migrations.RunPython.noop, elidable=False),
        migrations.AddConstraint(
            model_name="application",
            constraint=models.UniqueConstraint(
                condition=~Q(stage="withdrawn"), fields=("posting", "email"), name="careers_application_one_per_posting"
            ),
        ),
    ]
