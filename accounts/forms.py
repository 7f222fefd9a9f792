import logging

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.core.exceptions import ValidationError

from careers.validators import VisibleTextMixin

from . import services
from .identity import EmailAddressField, normalize_email
from .models import User

logger = logging.getLogger(__name__)


class SignupForm(VisibleTextMixin, forms.Form):
    email = EmailAddressField(max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    password = forms.CharField(
        strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("password") and cleaned.get("email"):
            try:
                password_validation.validate_password(cleaned["password"], User(email=cleaned["email"]))
            except forms.ValidationError as error:
                self.add_error("password", error)
        return cleaned


class EmailAuthenticationForm(AuthenticationForm):
    """Django's login form with an email label; its one error never says whether the address exists."""

    username = EmailAddressField(label="Email", widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}))
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "That email and password don\u2019t match an account. Check both and try again.",
    }


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label="Your password", strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )
    confirm = forms.BooleanField(
        label="I understand my account, applications, files and accommodation requests will be erased for good."
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        if not self.user.check_password(self.cleaned_data["password"]):
            raise forms.ValidationError("That password is not correct.")
        return self.cleaned_data["password"]


class OneEmailPasswordResetForm(PasswordResetForm):
    """Django's reset form, sending exactly one email whatever the address: the link to an
    account that can use it, otherwise a note that there is none (services.password_reset_no_account).
    The page was already the same either way; now the work, and so the time, is too."""

    def get_users(self, email):
        self.recipients = list(self._exact_users(email))
        return self.recipients

    @staticmethod
    def _exact_users(email):
        """Accounts whose normalised address is exactly this one (accounts/identity.py).

        Not Django's lookup: ``email__iexact`` plus an NFKC case-folded comparison
        treats "uſer@example.com" as "user@example.com".
        """
        try:
            email = normalize_email(email)
        except ValidationError:
            return []
        return [user for user in User._default_manager.filter(email=email, is_active=True) if user.has_usable_password()]

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email,
                  html_email_template_name=None):
        """The link goes through the outbox like every email: queued here, sent by the task worker."""
        services.password_reset_queue(
            to=to_email, subject_template=subject_template_name, body_template=email_template_name, context=context
        )

    def save(self, **kwargs):
        super().save(**kwargs)
        if not self.recipients:
            try:
                services.password_reset_no_account(self.cleaned_data["email"])
            except Exception:  # as Django's send_mail() does for the link: the page must not differ
                logger.exception("Failed to queue the no-account password reset email")
