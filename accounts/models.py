from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from .identity import clean_email_of, normalize_email


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        if not extra_fields["is_staff"] or not extra_fields["is_superuser"]:
            raise ValueError("A superuser must have is_staff=True and is_superuser=True.")
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, email):
        """Sign-in and fixtures: the one account whose normalised address is exactly this."""
        try:
            email = normalize_email(email)
        except ValidationError:
            raise self.model.DoesNotExist from None
        return self.get(email=email)


class User(AbstractUser):
    """A person who logs in with their email address (candidates and staff alike)."""

    username = None
    email = models.EmailField("email address", unique=True)
    email_verified_at = models.DateTimeField(
        null=True, blank=True, help_text="Set when the person proves they own the address."
    )

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    def __str__(self):
        return self.email

    def clean(self):
        super().clean()
        clean_email_of(self)


class RoleChange(models.Model):
    """Who gave or took which role (group, permission, staff or superuser status) from whom, and when.

    Append-only, written for every change whatever made it (the admin, a
    command, the shell: ``accounts.audit``); only superusers read it.
    """

    actor = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        help_text="Empty when the change was not made through the admin (a command or the shell).",
    )
    user = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="role_changes")
    # Kept as text so the record outlives the account (staff accounts are deleted, not erased).
    user_email = models.CharField(max_length=254)
    change = models.CharField(max_length=200)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.user_email}: {self.change}"
