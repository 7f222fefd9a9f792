"""The role log: every grant or removal of a role is recorded, whatever path made it.

Roles decide whose data an account reaches, so their changes are written from
model signals rather than from the admin alone: a command or a shell session
that adds someone to a group is logged too (with no actor). The admin names
the actor with ``acting_as(request.user)`` around its saves.
"""

import contextvars
from contextlib import contextmanager

from django.db.models.signals import m2m_changed, post_save, pre_save

_actor = contextvars.ContextVar("role_change_actor", default=None)

# Flags on the account itself that are roles: (field, what the log calls it).
ROLE_FLAGS = (("is_staff", "staff status"), ("is_superuser", "superuser status"))


@contextmanager
def acting_as(user):
    """Attribute role changes made inside the block to ``user``."""
    token = _actor.set(user)
    try:
        yield
    finally:
        _actor.reset(token)


def record(user, change):
    from .models import RoleChange

    actor = _actor.get()
    RoleChange.objects.create(
        actor=actor if getattr(actor, "pk", None) else None, user=user, user_email=user.email, change=change
    )


def _remember_flags(sender, instance, update_fields=None, **kwargs):
    if update_fields is not None and not {field for field, _ in ROLE_FLAGS} & set(update_fields):
        return  # e.g. the last_login update at every sign-in: no query
    before = sender.objects.filter(pk=instance.pk).values(*(f for f, _ in ROLE_FLAGS)).first() if instance.pk else None
    instance._role_flags_before = before or {field: False for field, _ in ROLE_FLAGS}


def _record_flags(sender, instance, **kwargs):
    before = instance.__dict__.pop("_role_flags_before", None)
    if before is None:
        return
    for field, label in ROLE_FLAGS:
        now = getattr(instance, field)
        if now != before[field]:
            record(instance, f"{label} {'granted' if now else 'removed'}")


def _describe(model, pks):
    from django.contrib.auth.models import Group, Permission

    if model is Group:
        return [f"group {name}" for name in Group.objects.filter(pk__in=pks).values_list("name", flat=True)]
    return [
        f"permission {app}.{codename}"
        for app, codename in Permission.objects.filter(pk__in=pks).values_list("content_type__app_label", "codename")
    ]


def _record_memberships(sender, instance, action, reverse, model, pk_set, **kwargs):
    """Group or permission added to / removed from an account, from either side of the relation."""
    from .models import User

    if action == "pre_clear":
        instance._roles_before_clear = set(
            getattr(instance, _relation(sender)).values_list("pk", flat=True)
        ) if not reverse else set(instance.user_set.values_list("pk", flat=True))
        return
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if action == "post_clear":
        pk_set = instance.__dict__.pop("_roles_before_clear", set())
    if not pk_set:
        return
    verb = "added to" if action == "post_add" else "removed from"
    if not reverse:  # user.groups.add(...) / user.user_permissions.remove(...)
        for role in _describe(model, pk_set):
            record(instance, _phrase(verb, role))
    else:  # group.user_set.add(...): instance is the group or permission
        role = _describe(type(instance), [instance.pk])[0]
        for user in User.objects.filter(pk__in=pk_set):
            record(user, _phrase(verb, role))


def _relation(through):
    from .models import User

    return "groups" if through is User.groups.through else "user_permissions"


def _phrase(verb, role):
    if role.startswith("permission "):
        return f"{role} {'granted' if verb == 'added to' else 'removed'}"
    return f"{verb} {role}"


def connect():
    from .models import User

    pre_save.connect(_remember_flags, sender=User, dispatch_uid="role-log-flags-before")
    post_save.connect(_record_flags, sender=User, dispatch_uid="role-log-flags-after")
    for through in (User.groups.through, User.user_permissions.through):
        m2m_changed.connect(_record_memberships, sender=through, dispatch_uid=f"role-log-{through.__name__}")
