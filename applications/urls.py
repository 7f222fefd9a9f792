from django.urls import path

from . import views

app_name = "applications"

urlpatterns = [
    path("careers/<slug:slug>/apply/", views.apply, name="apply"),
    path("careers/<slug:slug>/apply/done/", views.apply_done, name="apply_done"),
]
