"""Addresses become exact identities (see accounts/identity.py).

Existing accounts get their address in its normal form: the domain in IDNA ASCII
form, only A-Z lower-cased in the local part. From now on sign-in, sign-up and
password reset compare addresses exactly, and uniqueness is the email column's
own unique index; the LOWER(email) index goes (on PostgreSQL LOWER and UPPER
map look-alikes such as "ıcloud", "ſ" and "K" onto ASCII).

The LOWER(email) index is dropped before the data step, not after: a normalised
address may have the same LOWER() as an unrelated look-alike account, which
would fail the migration although the two are different identities.

If two accounts normalise to the same address, the one already holding it keeps
it, else the older one (by date joined) gets it; the other is left unchanged and
its id is printed. Such an account cannot sign in until staff merge, rename or
delete it. The same goes for an address that is not one (its domain cannot be
encoded). Nothing is printed when there is nothing to do.
"""

import idna
from django.db import migrations

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


def normalise_user_emails(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    collisions, invalid = normalise_rows(
        User._default_manager.order_by("date_joined", "pk").only("pk", "email"), lambda row, email: email
    )
    if collisions or invalid:
        print(
            "\naccounts.0004_exact_email_identity: addresses left unchanged; these accounts cannot sign in "
            "until staff merge, rename or delete them.\n"
            + "".join(f"  user id {row.pk}: another account has (or was given) the same normalised address\n" for row in collisions)
            + "".join(f"  user id {row.pk}: not a valid address (its domain cannot be encoded)\n" for row in invalid)
        )


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0003_role_change"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="user", name="accounts_user_email_ci_unique"),
        migrations.RunPython(normalise_user_emails, migrations.RunPython.noop, elidable=False),
        # User no longer declares its own Meta (it had only that constraint), so it inherits AbstractUser's.
        migrations.AlterModelOptions(name="user", options={"verbose_name": "user", "verbose_name_plural": "users"}),
    ]
