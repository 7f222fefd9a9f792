"""Who is an accommodations coordinator: the one place this rule is written.

Accommodation requests are health data (GDPR Art. 9). Only people given the
coordinator permission explicitly (the Accommodations coordinator group, or the
permission itself) read them. Superuser status alone is not enough: a superuser
who needs them grants themselves the role, and the role log records it.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q

PERMISSION_CODENAME = "coordinate_accommodations"


def _granted():
    return Q(groups__permissions__codename=PERMISSION_CODENAME,
             groups__permissions__content_type__app_label="accommodations") | Q(
        user_permissions__codename=PERMISSION_CODENAME,
        user_permissions__content_type__app_label="accommodations",
    )


def coordinators():
    """Active staff accounts that coordinate accommodations."""
    return get_user_model().objects.filter(is_active=True, is_staff=True).filter(_granted()).distinct()


def is_coordinator(user) -> bool:
    if not (user.is_active and user.is_staff):
        return False
    # Cached per request object: the admin asks several times while building one page.
    cached = getattr(user, "_is_accommodations_coordinator", None)
    if cached is None:
        cached = coordinators().filter(pk=user.pk).exists()
        user._is_accommodations_coordinator = cached
    return cached
