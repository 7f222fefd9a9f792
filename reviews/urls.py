from django.contrib import admin
from django.urls import path

from . import views

app_name = "reviews"

# Under /admin/reviews/: the admin's sign-in check (admin_view) guards every page.
urlpatterns = [
    path("application/<int:pk>/notes/", admin.site.admin_view(views.note_add_view), name="note_add"),
    path("application/<int:pk>/feedback/", admin.site.admin_view(views.feedback_view), name="feedback"),
]
