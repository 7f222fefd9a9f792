"""Accounts in the admin.

Only a superuser may change what decides whose data an account reaches: staff
and superuser status, groups, permissions, another account's password, the
email address and its verification. A site administrator (``change_user``)
may rename, deactivate and invite accounts and send password-reset links, and
nothing more; every role change is logged (``accounts.audit``) and shown to
superusers only.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import UserChangeForm, UserCreationForm
from django.core.exceptions import PermissionDenied

from careers.admin import ReadOnlyAdmin

from . import services
from .audit import acting_as
from .models import RoleChange, User

# Fields that decide whose data an account reaches (or who may act as it).
IDENTITY_AND_ROLE_FIELDS = ("email", "email_verified_at", "is_staff", "is_superuser", "groups", "user_permissions")


class EmailUserCreationForm(UserCreationForm):
    class Meta:
        model = User
        fields = ("email",)


class InviteUserForm(forms.ModelForm):
    """What a non-superuser may create: an account with no password and no role.

    The person chooses their own password from the link mailed to them, so
    whoever created the account never knows it.
    """

    class Meta:
        model = User
        fields = ("email", "first_name", "last_name")

    def save(self, commit=True):
        user = super().save(commit=False)
        user.set_unusable_password()
        if commit:
            user.save()
        return user


class EmailUserChangeForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"

    def save(self, commit=True):
        # A new address is unproven until its owner follows a verification link.
        if "email" in self.changed_data and "email_verified_at" not in self.changed_data:
            self.instance.email_verified_at = None
        return super().save(commit)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    form = EmailUserChangeForm
    add_form = EmailUserCreationForm
    ordering = ("email",)
    list_display = ("email", "first_name", "last_name", "is_staff", "is_active", "date_joined")
    list_filter = ("is_staff", "is_superuser", "is_active", "groups")
    search_fields = ("email", "first_name", "last_name")
    actions = ["send_password_reset"]
    fieldsets = (
        (None, {"fields": ("email", "email_verified_at", "password")}),
        ("Personal info", {"fields": ("first_name", "last_name")}),
        ("Permissions", {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")}),
        ("Important dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)
    invite_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "first_name", "last_name")}),)

    def get_fieldsets(self, request, obj=None):
        if request.user.is_superuser:
            return super().get_fieldsets(request, obj)
        if obj is None:
            return self.invite_fieldsets
        # No password field: its "change" link is a superuser's power.
        return tuple(
            (name, {**options, "fields": tuple(f for f in options["fields"] if f != "password")})
            for name, options in self.fieldsets
        )

    def get_form(self, request, obj=None, **kwargs):
        if obj is None and not request.user.is_superuser:
            kwargs["form"] = InviteUserForm
            kwargs["fields"] = ("email", "first_name", "last_name")
            return admin.ModelAdmin.get_form(self, request, obj, **kwargs)
        return super().get_form(request, obj, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        readonly = ("last_login", "date_joined")
        if obj is not None and not request.user.is_superuser:
            readonly = IDENTITY_AND_ROLE_FIELDS + readonly
        return readonly

    def has_change_permission(self, request, obj=None):
        # A superuser account is changed by superusers only (not even deactivated).
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def user_change_password(self, request, id, form_url=""):
        if not request.user.is_superuser:
            raise PermissionDenied  # people change their own password in their account
        return super().user_change_password(request, id, form_url)

    def changeform_view(self, request, *args, **kwargs):
        with acting_as(request.user):
            return super().changeform_view(request, *args, **kwargs)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change and not obj.has_usable_password():
            services.send_password_reset(obj, invitation=True)

    @admin.action(description="Send a password-reset link", permissions=["change"])
    def send_password_reset(self, request, queryset):
        users = [user for user in queryset if user.is_active]
        for user in users:
            services.send_password_reset(user)
        self.message_user(request, f"Sent a password-reset link to {len(users)} account(s).", messages.SUCCESS)


@admin.register(RoleChange)
class RoleChangeAdmin(ReadOnlyAdmin):
    """The role log: superusers read it; nobody edits it."""

    list_display = ("at", "actor", "user_email", "change")
    list_filter = ("at",)
    search_fields = ("user_email", "actor__email", "change")
    list_select_related = ("actor",)
    fields = ("at", "actor", "user_email", "change")
    readonly_fields = fields

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)


class AccessLogAdmin(ReadOnlyAdmin):
    """An access log's pages (``accounts.access_log``): who, when, what, and the record's reference only,
    never the record itself (its name is a person's). Site administrators read them; nobody edits them."""

    list_select_related = ("user",)
    date_hierarchy = "at"

    def __init__(self, model, admin_site):
        self.fields = self.list_display = ("at", "user", "action", model.reference_field)
        self.search_fields = ("user__email", model.reference_field)
        self.list_filter = ("action", "at", ("user", admin.RelatedOnlyFieldListFilter))
        super().__init__(model, admin_site)
