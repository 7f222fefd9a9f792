import re

from crispy_forms.layout import Div, Field
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError

from .fragments import derived
from .images import downscale_image
from .models import CompanyProfile, Location, Posting, Team


class PostingFilterForm(forms.Form):
    """The search and filters of the postings list; every value lives in the URL."""

    q = forms.CharField(label="Search", max_length=200, required=False)
    team = forms.ChoiceField(label="Team", required=False)
    location = forms.ChoiceField(label="Location", required=False)
    workplace = forms.ChoiceField(
        label="Workplace", required=False, choices=[("", "Any workplace"), *Posting.Workplace.choices]
    )

    def __init__(self, data=None, *, teams, locations):
        """``teams`` and ``locations``: (slug, label) pairs to choose from."""
        super().__init__(data)
        self.fields["team"].choices = [("", "All teams"), *teams]
        self.fields["location"].choices = [("", "All locations"), *locations]

    @classmethod
    def public(cls, data=None):
        """The form as the public gets it: only teams and locations with open postings to choose from.

        A team or office that so far exists only for a draft is not yet public.
        """
        teams, locations = derived("filter-choices", cls._public_choices)
        return cls(data, teams=teams, locations=locations)

    @staticmethod
    def _public_choices():
        return (
            [(team.slug, team.name) for team in Team.objects.with_open_postings()],
            [(location.slug, str(location)) for location in Location.objects.with_open_postings()],
        )

    def filters(self):
        """The valid filters; an invalid value is reported on the form and ignored."""
        self.is_valid()
        return {name: self.cleaned_data.get(name) or "" for name in self.fields if name not in self.errors}


class HoneypotMixin:
    """A field real people never see or fill in; bots that fill every input reveal themselves."""

    HONEYPOT = "contact_me_by_fax"

    def clean_contact_me_by_fax(self):
        if self.cleaned_data.get(self.HONEYPOT):
            raise ValidationError("This submission looks automated.", code="honeypot")
        return ""

    @property
    def is_spam(self):
        return any(e.code == "honeypot" for e in self.errors.as_data().get(self.HONEYPOT, []))

    def honeypot_layout(self):
        # Off-screen, out of the tab order, and hidden from screen readers with its label
        # (aria-hidden on the wrapper): only software that fills every input finds it.
        return Div(
            Field(self.HONEYPOT, tabindex="-1", autocomplete="off"), css_class="visually-hidden", aria_hidden="true"
        )


class ImageDownscaleForm(forms.ModelForm):
    """Admin form for models with an ``image``: Pillow validates it, and large ones are scaled down."""

    def _downscaled(self, field):
        image = self.cleaned_data.get(field)
        if image and hasattr(image, "content_type"):  # a new upload, not the stored file
            return downscale_image(image, settings.IMAGE_MAX_PIXELS)
        return image

    def clean_image(self):
        return self._downscaled("image")


class TeamAdminForm(ImageDownscaleForm):
    class Meta:
        model = Team
        fields = "__all__"


class LocationAdminForm(ImageDownscaleForm):
    class Meta:
        model = Location
        fields = "__all__"


class CompanyProfileAdminForm(ImageDownscaleForm):
    # Google ignores job-posting logos smaller than this.
    LOGO_MIN_PIXELS = 112

    class Meta:
        model = CompanyProfile
        fields = "__all__"

    def clean_logo(self):
        from django.core.files.images import get_image_dimensions

        logo = self._downscaled("logo")
        if logo and hasattr(logo, "content_type"):
            width, height = get_image_dimensions(logo)
            if min(width, height) < self.LOGO_MIN_PIXELS:
                raise ValidationError(
                    f"The logo is {width} \u00d7 {height} pixels; search engines need at least "
                    f"{self.LOGO_MIN_PIXELS} \u00d7 {self.LOGO_MIN_PIXELS}.",
                    code="logo_too_small",
                )
        return logo


class PostingAdminForm(forms.ModelForm):
    """A posting's admin form. Its status asks for a change of state: the form offers only the
    statuses the posting may move to, and ``PostingAdmin.save_related`` makes the change, once the
    inlines are saved, through the posting's verb (``publish()``, ``close()``), which sets its dates
    and retention clock.
    The model field is therefore not written by the form, nor checked against the raw choice."""

    status = forms.ChoiceField(choices=Posting.Status.choices)

    class Meta:
        model = Posting
        exclude = ["status"]
        # Checkboxes, not the admin's JavaScript two-box filter: labelled, usable without JavaScript,
        # and a company has a handful of offices.
        widgets = {"locations": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = self.instance.next_statuses()
        self.fields["status"].choices = [(value, label) for value, label in Posting.Status.choices if value in allowed]
        self.initial.setdefault("status", self.instance.status)
        if self.instance.status != Posting.Status.DRAFT:
            self.fields["status"].help_text = "A published posting is closed, never returned to draft."

    def clean(self):
        cleaned = super().clean()
        # Any section may go, but not all of them: a posting with no text says nothing, and search
        # engines refuse a job posting without a description.
        texts = [cleaned.get(field, "") for field in ("intro", "about_role", "qualifications", "thrive_if")]
        if not any(text.strip() for text in texts) and not self._added_sections_with_text():
            raise forms.ValidationError("A posting needs some text: an intro, the role, a list or an added section.")
        return cleaned

    def _added_sections_with_text(self):
        """Are there added sections (the inline sent with this form, prefix ``sections``) with a body kept?"""
        bodies = (key for key in self.data if re.fullmatch(r"sections-\d+-body", key))
        return any(
            self.data.get(key, "").strip() and not self.data.get(key.removesuffix("body") + "DELETE")
            for key in bodies
        )

    PREVIEW = "_preview"  # the name of the form's Preview button

    @property
    def previewing(self):
        """Was the form sent with its Preview button? Then nothing is saved."""
        return self.is_bound and self.PREVIEW in self.data

    def is_valid(self):
        # The admin saves a valid form; a preview is validated in full (its errors shown) but never
        # valid, so the admin sends the form back with the edits as typed (careers/preview.py).
        return super().is_valid() and not self.previewing
