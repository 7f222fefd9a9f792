from django.contrib.auth import views as auth_views
from django.urls import path
from django.views.decorators.cache import never_cache
from django.views.generic import RedirectView

from . import views

app_name = "accounts"

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="accounts:applications"), name="home"),
    path("signup/", views.signup, name="signup"),
    path("signup/done/", views.signup_done, name="signup_done"),
    path("verify/<str:token>/", views.verify, name="verify"),
    path("verify-again/", views.resend_verification, name="resend_verification"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path("password/reset/sent/", auth_views.PasswordResetDoneView.as_view(
        template_name="accounts/password_reset_done.html"), name="password_reset_done"),
    path("password/reset/<uidb64>/<token>/", views.PasswordResetConfirmView.as_view(), name="password_reset_confirm"),
    path("password/reset/complete/", auth_views.PasswordResetCompleteView.as_view(
        template_name="accounts/password_reset_complete.html"), name="password_reset_complete"),
    path("password/change/", views.PasswordChangeView.as_view(), name="password_change"),
    path("password/change/done/", auth_views.PasswordChangeDoneView.as_view(
        template_name="accounts/password_change_done.html"), name="password_change_done"),
    path("applications/", views.applications, name="applications"),
    path("applications/<str:reference>/withdraw/", views.withdraw, name="withdraw"),
    path("applications/<str:reference>/resume/", views.resume, name="resume"),
    path("data/", views.data, name="data"),
    path("data/export/", views.data_export, name="data_export"),
    path("data/talent-pool/withdraw/", views.talent_pool_withdraw, name="talent_pool_withdraw"),
    path("data/delete/", views.delete_account, name="delete"),
    path("deleted/", views.deleted, name="deleted"),
]

# Every account page shows personal data or serves a sign-in step: no browser or shared cache may
# keep any of them (never_cache: "private, no-store", among others), including pages added later.
for pattern in urlpatterns:
    pattern.callback = never_cache(pattern.callback)
