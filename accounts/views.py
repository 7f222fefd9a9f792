from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.views.decorators.http import require_POST

from applications.models import Application
from applications.uploads import document_response
from candidate_emails.selectors import with_candidate_messages

from . import services, throttle
from .forms import DeleteAccountForm, EmailAuthenticationForm, OneEmailPasswordResetForm, SignupForm


class _LoginForm(throttle.LoginThrottleMixin, EmailAuthenticationForm):
    pass


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = _LoginForm
    redirect_authenticated_user = True

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form),
                                       status=429 if throttle.login_refused(form) else 200)


def signup(request):
    if request.user.is_authenticated:
        return redirect("accounts:applications")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not throttle.signup_allowed(request):
            return render(request, "accounts/signup.html", {"form": form, "throttled": True}, status=429)
        services.user_signup(email=form.cleaned_data["email"], password=form.cleaned_data["password"])
        request.session["signup_email"] = form.cleaned_data["email"]
        return redirect("accounts:signup_done")
    return render(request, "accounts/signup.html", {"form": form}, status=400 if form.errors else 200)


def signup_done(request):
    return render(request, "accounts/signup_done.html", {"email": request.session.get("signup_email", "")})


def verify(request, token):
    user = services.user_verify_email(token)
    if user is None:
        return render(request, "accounts/verify_failed.html", status=400)
    if request.user.is_authenticated and request.user.pk != user.pk:
        messages.info(request, "That link confirmed another account's address. You are still signed in as yourself.")
        return redirect("accounts:applications")
    if user.just_verified:
        if not request.user.is_authenticated:
            # The link's first use proves the person holds the address they signed up with.
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, "Thank you: your email address is confirmed and you are signed in.")
        return redirect("accounts:applications")
    if not request.user.is_authenticated:
        messages.info(request, "Your email address was already confirmed. Sign in to see your applications.")
        return redirect("accounts:login")
    return redirect("accounts:applications")


@login_required
@require_POST
def resend_verification(request):
    if not request.user.email_verified_at:
        services.send_verification(request.user)
        messages.info(request, f"We sent a new confirmation link to {request.user.email}.")
    return redirect("accounts:applications")


@login_required
def applications(request):
    own = Application.objects.for_candidate(request.user).select_related("posting", "posting__team")
    own = list(with_candidate_messages(own))  # with what staff wrote to them, shown under "Messages"
    has_messages = any(application.shown_messages for application in own)
    return render(request, "accounts/applications.html", {"applications": own, "has_messages": has_messages})


@login_required
def withdraw(request, reference):
    application = get_object_or_404(Application.objects.for_candidate(request.user).select_related("posting"),
                                    reference=reference)
    if not application.can_withdraw:
        messages.info(request, "This application is already closed.")
        return redirect("accounts:applications")
    if request.method == "POST":
        services.application_withdraw(user=request.user, reference=reference)
        messages.success(request, f"Your application for {application.posting.title} was withdrawn.")
        return redirect("accounts:applications")
    return render(request, "accounts/withdraw_confirm.html", {"application": application})


@login_required
def resume(request, reference):
    application = get_object_or_404(Application.objects.for_candidate(request.user), reference=reference)
    return document_response(application.resume, application.resume_name)


@login_required
def data(request):
    in_talent_pool = Application.objects.for_candidate(request.user).filter(consent__talent_pool=True).count()
    return render(request, "accounts/data.html", {"in_talent_pool": in_talent_pool})


@login_required
@require_POST
def talent_pool_withdraw(request):
    if services.talent_pool_withdraw(request.user):
        messages.success(request, "We will no longer keep your applications for future roles or contact you about them.")
    return redirect("accounts:data")


@login_required
@require_POST
def data_export(request):
    archive = services.candidate_data_export(request.user)
    response = FileResponse(archive, as_attachment=True, filename=f"my-data-{timezone.localdate()}.zip",
                            content_type="application/zip")
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def delete_account(request):
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.candidate_erase(request.user)
        logout(request)
        return redirect("accounts:deleted")
    return render(request, "accounts/delete.html", {"form": form}, status=400 if form.errors else 200)


def deleted(request):
    return render(request, "accounts/deleted.html")


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    form_class = OneEmailPasswordResetForm
    email_template_name = "emails/password_reset.txt"
    subject_template_name = "emails/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        if not throttle.password_reset_allowed(self.request, form.cleaned_data["email"]):
            return self.render_to_response(self.get_context_data(form=form, throttled=True), status=429)
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")
    post_reset_login = False

    def form_valid(self, form):
        response = super().form_valid(form)
        # The owner has just proved they hold the address: what others' guessing blocked is lifted.
        throttle.login_lockouts_lift(form.user.email)
        return response


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:password_change_done")
