"""The reference posting's lists, as its seed text splits them: 6 qualifications, 10 "thrive" items.

Demo databases loaded before this fix hold "Ability to assess and understand the
impact of legislative and regulatory proposals..." as the first "thrive" item; it
is the last qualification. Only that exact old split is changed: a posting staff
edited since is left as they wrote it.
"""

from django.db import migrations

SLUG = "european-ai-safety-policy-lead-technical"
MOVED = "Ability to assess and understand the impact of legislative and regulatory proposals"


def _lines(text):
    return [line for line in (text or "").splitlines() if line.strip()]


def move_to_qualifications(apps, schema_editor):
    Posting = apps.get_model("careers", "Posting")
    for posting in Posting.objects.filter(slug=SLUG):
        thrive = _lines(posting.thrive_if)
        if not thrive or not thrive[0].lstrip("-*• ").startswith(MOVED):
            continue
        posting.qualifications = "\n".join([*_lines(posting.qualifications), thrive[0]])
        posting.thrive_if = "\n".join(thrive[1:])
        posting.save(update_fields=["qualifications", "thrive_if"])


def move_back(apps, schema_editor):
    Posting = apps.get_model("careers", "Posting")
    for posting in Posting.objects.filter(slug=SLUG):
        qualifications = _lines(posting.qualifications)
        if not qualifications or not qualifications[-1].lstrip("-*• ").startswith(MOVED):
            continue
        posting.thrive_if = "\n".join([qualifications[-1], *_lines(posting.thrive_if)])
        posting.qualifications = "\n".join(qualifications[:-1])
        posting.save(update_fields=["qualifications", "thrive_if"])


class Migration(migrations.Migration):
    dependencies = [("careers", "0016_posting_status_constraints")]

    operations = [migrations.RunPython(move_to_qualifications, move_back)]
