"""Django's admin history (``django_admin_log``) and erasure."""

def scrub_admin_history(model, pks):
    """Keep the admin's history of who changed what and when, but not whom it was about.

    Django's admin log stores each object's ``str()`` (an application's is the
    candidate's name) and a change message; erasure and retention remove both.
    """
    from django.contrib.admin.models import LogEntry
    from django.contrib.contenttypes.models import ContentType

    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(model), object_id__in=[str(pk) for pk in pks]
    ).update(object_repr=f"(erased {model._meta.verbose_name})", change_message="")

