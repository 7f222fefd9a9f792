"""The site's admin: Django's, with sign-in throttled like the public login (accounts/throttle.py)."""

from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm

from accounts import throttle


class AdminLoginForm(throttle.LoginThrottleMixin, AdminAuthenticationForm):
    pass


class AdminSite(admin.AdminSite):
    login_form = AdminLoginForm

    def login(self, request, extra_context=None):
        response = super().login(request, extra_context)
        form = (getattr(response, "context_data", None) or {}).get("form")
        if form is not None and form.is_bound and throttle.login_refused(form):
            response.status_code = 429
        return response
