"""Staff roles as groups with exactly the permissions each role needs.

Syncing sets each group's permissions to this list (removing extras), so a
role's rights are defined here and reviewed in code. Run after every
``migrate`` (a ``post_migrate`` handler in accounts/apps.py) and at any time by
calling ``sync_roles()``.
"""

ROLES = {
    "Recruiter": {
        "careers": [
            "add_posting", "change_posting", "view_posting",
            "add_question", "change_question", "delete_question", "view_question",
            "add_postingsection", "change_postingsection", "delete_postingsection", "view_postingsection",
            # change_team: who gets new-application notices and which hiring managers read a team's
            # applications are decided by roles that read every application (careers.admin.TeamAdmin).
            "view_team", "change_team", "view_location", "view_companyprofile", "view_privacypolicy",
        ],
        "applications": [
            "view_all_applications",
            "view_application", "change_application", "download_resume",
            "view_answer", "view_consentrecord",
        ],
        # Resend ("change") of failed emails they may see: those about applications.
        "notifications": ["view_outgoingemail", "change_outgoingemail"],
        # Recruiters write the email templates and a posting's automatic rejection; "add_candidateemail"
        # is sending a message to a candidate whose application they may read.
        "candidate_emails": [
            "add_emailtemplate", "change_emailtemplate", "delete_emailtemplate", "view_emailtemplate",
            "add_candidateemail", "view_candidateemail",
            "add_postingautorejection", "change_postingautorejection", "delete_postingautorejection",
            "view_postingautorejection",
        ],
        # Notes and feedback on the applications they see (reviews.access); criteria per posting.
        "reviews": [
            "add_note", "view_note", "add_feedback", "change_feedback", "view_feedback",
            "add_feedbackcriterion", "change_feedbackcriterion", "delete_feedbackcriterion", "view_feedbackcriterion",
        ],
    },
    "Hiring manager": {
        # Object-level: ApplicationQuerySet.visible_to() limits them to their own teams.
        "careers": ["view_posting"],
        "applications": [
            "view_application", "change_application", "download_resume", "view_answer", "view_consentrecord",
        ],
        # They may email their teams' candidates (with the recruiters' templates) but not edit templates.
        "candidate_emails": ["add_candidateemail", "view_candidateemail"],
        # Notes and feedback on their teams' applications only (reviews.access); criteria are the recruiters'.
        "reviews": ["add_note", "view_note", "add_feedback", "change_feedback", "view_feedback"],
    },
    "Accommodations coordinator": {
        "accommodations": [
            "coordinate_accommodations", "view_accommodationrequest", "change_accommodationrequest",
        ],
        # Emails about accommodation requests only (notifications/admin.py), to check and resend them.
        "notifications": ["view_outgoingemail", "change_outgoingemail"],
    },
    "Site administrator": {
        "careers": [
            f"{action}_{model}"
            for model in ("posting", "question", "team", "location", "companyprofile", "privacypolicy", "postingsection")
            for action in ("add", "change", "delete", "view")
        ],
        "applications": ["view_applicationaccesslog", "view_erasedapplication"],
        "accommodations": ["view_accommodationaccesslog"],
        "accounts": ["add_user", "change_user", "view_user"],
        "auth": ["view_group"],
    },
}



def sync_roles(apps=None, *, strict=True, using="default"):
    """Create or update the role groups. ``apps`` is a migration's app registry, or the live one.

    Migrations pass ``strict=False``: an early migration runs before later models
    (and their permissions) exist; the last roles migration completes the groups,
    and a test checks every listed permission exists.
    """
    from django.apps import apps as live_apps
    from django.contrib.auth.management import create_permissions

    apps = apps or live_apps
    # Permissions are normally created after all migrations; roles need them now.
    for app_config in apps.get_app_configs():
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = models_module or True
        create_permissions(app_config, verbosity=0, apps=apps, using=using)
        app_config.models_module = models_module

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, by_app in ROLES.items():
        group, _ = Group.objects.using(using).get_or_create(name=name)
        permissions = []
        for app_label, codenames in by_app.items():
            found = list(Permission.objects.using(using).filter(content_type__app_label=app_label, codename__in=codenames))
            missing = set(codenames) - {p.codename for p in found}
            if missing and strict:
                raise RuntimeError(f"Unknown permissions for {name}: {sorted(missing)}")
            permissions += found
        group.permissions.set(permissions)
