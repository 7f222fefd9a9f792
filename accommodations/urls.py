from django.urls import path

from . import views

app_name = "accommodations"

urlpatterns = [
    path("accommodations/", views.accommodation_request, name="request"),
    path("accommodations/done/", views.accommodation_done, name="done"),
]
