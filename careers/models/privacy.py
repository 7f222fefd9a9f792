"""The applicant privacy policy, one row per version (consent records point at the version agreed to)."""

from django.db import models
from django.urls import reverse
from django.utils.functional import cached_property

from ..querysets import PrivacyPolicyQuerySet
from ..text import render_markdown


class PrivacyPolicy(models.Model):
    version = models.SlugField(max_length=40, unique=True, help_text='A label such as "2026-11" or "v3".')
    effective_on = models.DateField()
    body = models.TextField(help_text="Markdown.")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PrivacyPolicyQuerySet.as_manager()

    class Meta:
        ordering = ["-effective_on", "-created_at"]
        verbose_name_plural = "privacy policies"

    def __str__(self):
        return f"Applicant privacy policy {self.version}"

    def get_absolute_url(self):
        return reverse("careers:privacy_version", kwargs={"version": self.version})

    @cached_property
    def body_html(self):
        return render_markdown(self.body, top_heading=2)
