from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig


class AdminConfig(DjangoAdminConfig):
    """``django.contrib.admin`` with our AdminSite as ``admin.site`` (throttled sign-in)."""

    default_site = "config.admin.AdminSite"
