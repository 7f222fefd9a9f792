"""The one access check for notes and feedback: the application must be visible, then the role must allow."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from applications.models import Application


def reviewable_application(user, pk, permission):
    """The application ``pk`` if ``user`` may review it and holds ``permission``.

    Missing and not visible are the same 404 (``Application.objects.visible_to``),
    so nobody learns that another team's application exists; a role that sees
    the application but lacks the right gets 403.
    """
    application = get_object_or_404(Application.objects.visible_to(user).with_review_data(), pk=pk)
    if not user.has_perm(permission):
        raise PermissionDenied
    return application
