"""The four starting templates; recruiters edit them in the admin (Candidate emails › Email templates)."""

from django.db import migrations

TEMPLATES = [
    {
        "name": "Rejection",
        "kind": "rejection",
        "subject": "Your application for {posting_title}",
        "body": (
            "Dear {first_name},\n\n"
            "Thank you for applying for the {posting_title} role and for the time you gave to your application.\n\n"
            "We have now reviewed it carefully and, on this occasion, we will not be taking it further. "
            "This was not an easy decision: we receive many strong applications and can move forward with "
            "only a few.\n\n"
            "We would be glad to see you apply again for a future role that suits you.\n\n"
            "With best wishes,\n"
            "The {company} recruiting team"
        ),
    },
    {
        "name": "Invitation to talk",
        "kind": "invitation",
        "subject": "Let's talk about {posting_title}",
        "body": (
            "Dear {first_name},\n\n"
            "Thank you for your application for the {posting_title} role. We enjoyed reading it and would like "
            "to invite you to a conversation with the team.\n\n"
            "Please reply to this email with a few times that suit you over the next two weeks, and tell us if "
            "you need any adjustments for the conversation; we will confirm the details.\n\n"
            "Kind regards,\n"
            "The {company} recruiting team"
        ),
    },
    {
        "name": "Offer of a call",
        "kind": "call",
        "subject": "A short call about {posting_title}",
        "body": (
            "Dear {first_name},\n\n"
            "Thank you for applying for the {posting_title} role. Before the next step, we would like to offer "
            "you a short call of about 20 minutes to tell you more about the role and answer your questions.\n\n"
            "If you would like to take us up on it, please reply with a couple of times that work for you and "
            "the best number to reach you on.\n\n"
            "Kind regards,\n"
            "The {company} recruiting team"
        ),
    },
    {
        "name": "Message",
        "kind": "message",
        "subject": "About your application for {posting_title}",
        "body": "Dear {first_name},\n\n\n\nKind regards,\nThe {company} recruiting team",
    },
]


def seed(apps, schema_editor):
    EmailTemplate = apps.get_model("candidate_emails", "EmailTemplate")
    for template in TEMPLATES:
        EmailTemplate.objects.get_or_create(name=template["name"], defaults=template)


def unseed(apps, schema_editor):
    EmailTemplate = apps.get_model("candidate_emails", "EmailTemplate")
    EmailTemplate.objects.filter(name__in=[t["name"] for t in TEMPLATES]).delete()


class Migration(migrations.Migration):
    dependencies = [("candidate_emails", "0001_email_templates_messages_auto_rejection")]

    operations = [migrations.RunPython(seed, unseed)]
