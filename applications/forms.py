import uuid

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Fieldset, Layout
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator, URLValidator
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.html import conditional_escape, format_html

from accounts.identity import EmailAddressField
from careers.forms import HoneypotMixin
from careers.models import Question
from careers.referrals import normalise_referral_source
from careers.validators import VisibleTextMixin

from . import uploads
from .consent import consent_wording, talent_pool_wording


class SafeURLField(forms.URLField):
    default_validators = [URLValidator(schemes=["http", "https"])]
    default_error_messages = {"invalid": "Enter a full web address starting with https:// (or http://)."}

    def to_python(self, value):
        value = (value or "").strip()
        # Refuse dangerous schemes before URLField's "add https://" assumption can hide them.
        if value and ":" in value.split("/")[0] and not value.lower().startswith(("http://", "https://")):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


phone_validator = RegexValidator(
    r"^\+?[0-9][0-9 ().-]{5,24}$",
    "Enter a phone number using digits, spaces and an optional leading + (e.g. +44 20 7946 0000).",
)


class DocumentField(forms.FileField):
    """A document upload validated by content; cleaned value is (upload, Kind)."""

    def __init__(self, *, what, **kwargs):
        self.what = what
        super().__init__(**kwargs)
        self.widget.attrs["accept"] = uploads.ACCEPT_ATTRIBUTE

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if not upload:
            return None
        return upload, uploads.validate_document(upload, max_bytes=settings.RESUME_MAX_BYTES, what=self.what)


class ApplicationForm(VisibleTextMixin, HoneypotMixin, forms.Form):
    """The apply form: candidate details, documents, the posting's questions and consent.

    ``held`` is a résumé already stored for this form session (a ``Document``,
    after an earlier submission failed on another field), so the candidate need
    not upload it again.
    """

    submission_token = forms.UUIDField(widget=forms.HiddenInput)
    first_name = forms.CharField(max_length=100, widget=forms.TextInput(attrs={"autocomplete": "given-name"}))
    last_name = forms.CharField(max_length=100, widget=forms.TextInput(attrs={"autocomplete": "family-name"}))
    email = EmailAddressField(max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    phone = forms.CharField(
        max_length=32, required=False, validators=[phone_validator],
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    country = forms.CharField(
        label="Current country", max_length=100, widget=forms.TextInput(attrs={"autocomplete": "country-name"})
    )
    city = forms.CharField(
        label="Current city", max_length=100, required=False,
        widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
    )
    linkedin_url = SafeURLField(
        label="LinkedIn profile", max_length=300, required=False, widget=forms.URLInput(attrs={"autocomplete": "url"})
    )
    website_url = SafeURLField(label="Website or portfolio", max_length=300, required=False)
    resume = DocumentField(label="Résumé / CV", what="résumé", required=False)
    cover_letter = forms.CharField(
        label="Cover letter", required=False, max_length=10_000, widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Optional. Write it here, or attach it as a file below.",
    )
    cover_letter_file = DocumentField(label="Cover letter file", what="cover letter", required=False)
    source = forms.CharField(label="How did you hear about us?", max_length=200, required=False)
    # Carried from the posting link (careers/referrals.py); hidden, and normalised again when sent back.
    referral_source = forms.CharField(widget=forms.HiddenInput, required=False)  # no length error: cut to size below
    contact_me_by_fax = forms.CharField(label="Leave this field empty", required=False)
    consent = forms.BooleanField(required=True)
    talent_pool = forms.BooleanField(required=False)

    DETAIL_FIELDS = (
        "first_name", "last_name", "email", "phone", "country", "city",
        "linkedin_url", "website_url", "cover_letter", "source", "referral_source",
    )

    def __init__(self, *args, posting, policy, held=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.posting = posting
        self.policy = policy
        self.held = held
        self.questions = list(posting.questions.all())
        for question in self.questions:
            self.fields[self.question_field_name(question)] = self._question_field(question)
        max_size = filesizeformat(settings.RESUME_MAX_BYTES)
        self.fields["resume"].help_text = f"{uploads.ALLOWED_LIST}, up to {max_size}."
        self.fields["resume"].widget.attrs["data-max-bytes"] = settings.RESUME_MAX_BYTES
        self.fields["cover_letter_file"].help_text = f"Optional. {uploads.ALLOWED_LIST}, up to {max_size}."
        self.fields["cover_letter_file"].widget.attrs["data-max-bytes"] = settings.RESUME_MAX_BYTES
        if held:
            self.show_held(held)
        # Required unless a résumé from an earlier attempt is being held.
        self.fields["resume"].required = not held
        self.fields["resume"].error_messages["required"] = "Please attach your résumé or CV."
        self.fields["consent"].label = consent_wording(policy, link=True)
        self.fields["talent_pool"].label = talent_pool_wording()
        self.fields["consent"].error_messages["required"] = (
            "Please tick the box to confirm you agree to the privacy policy; we can\u2019t process an application without it."
        )
        if not self.is_bound:
            self.initial.setdefault("submission_token", uuid.uuid4())
        self.helper = self._build_helper()

    def show_held(self, held):
        """Tell the candidate a résumé is held for them (the form keeps its other errors)."""
        self.held = held
        # Said plainly, not as small print under an input that reads "No file chosen"; and the
        # field is no longer required (no asterisk). The name is the candidate's own: crispy
        # renders help text with |safe, so it is escaped here.
        self.fields["resume"].required = False
        self.fields["resume"].help_text = format_html(
            '<span class="held-resume">Your résumé <strong>\u201c{}\u201d</strong> ({}) is kept: you don\u2019t '
            "need to choose it again. Choose a file only to replace it.</span>",
            held.display_name, filesizeformat(held.size),
        )
        self._bound_fields_cache.pop("resume", None)  # bound fields copy help text when first built

    @staticmethod
    def question_field_name(question):
        return f"question_{question.pk}"

    def _question_field(self, question):
        # Staff-typed text: crispy-bootstrap5 renders labels, help text and choice labels with |safe.
        common = {
            "label": conditional_escape(question.label),
            "required": question.required,
            "help_text": conditional_escape(question.help_text),
        }
        if question.kind == Question.Kind.LONG_TEXT:
            return forms.CharField(max_length=5000, widget=forms.Textarea(attrs={"rows": 4}), **common)
        if question.kind == Question.Kind.YES_NO:
            return forms.ChoiceField(choices=[("Yes", "Yes"), ("No", "No")], widget=forms.RadioSelect, **common)
        if question.kind == Question.Kind.SINGLE_CHOICE:
            return forms.ChoiceField(
                choices=[(c, conditional_escape(c)) for c in question.choice_list], widget=forms.RadioSelect, **common
            )
        return forms.CharField(max_length=500, **common)

    def _build_helper(self):
        helper = FormHelper()
        helper.form_tag = False
        helper.disable_csrf = True
        accommodations = reverse("accommodations:request")
        question_fields = [self.question_field_name(q) for q in self.questions]
        helper.layout = Layout(
            "submission_token",
            "referral_source",
            Fieldset("About you", "first_name", "last_name", "email", "phone", "country", "city",
                     "linkedin_url", "website_url"),
            Fieldset("Résumé and cover letter", "resume", "cover_letter", "cover_letter_file"),
            *([Fieldset("Questions from the team", *question_fields)] if question_fields else []),
            Fieldset("Anything else", "source", self.honeypot_layout()),
            Fieldset(
                "Privacy",
                HTML(format_html(
                    '<p>Need an adjustment to take part in our hiring process? '
                    '<a href="{}?posting={}">Request an accommodation</a>; requests are kept confidential '
                    "and separate from your application.</p>",
                    accommodations, self.posting.slug,
                )),
                "consent",
                "talent_pool",
            ),
        )
        return helper

    def clean_referral_source(self):
        return normalise_referral_source(self.cleaned_data.get("referral_source"))

    @property
    def is_spam(self):
        return any(e.code == "honeypot" for e in self.errors.as_data().get("contact_me_by_fax", []))

    def answers(self):
        """(question, label, value) for each posting question."""
        for question in self.questions:
            value = self.cleaned_data.get(self.question_field_name(question)) or ""
            yield question, question.label, value

    def uploaded_document(self, field):
        """The cleaned upload of ``field`` as a storable Document (None if no file was sent)."""
        if not self.cleaned_data.get(field):
            return None
        upload, kind = self.cleaned_data[field]
        return uploads.Document(
            kind=kind, display_name=uploads.safe_display_name(upload.name), size=upload.size, upload=upload
        )

    def submission(self):
        """Keyword arguments for ``services.application_submit`` from a valid form."""
        data = self.cleaned_data
        return {
            "token": data["submission_token"],
            "details": {field: data[field] for field in self.DETAIL_FIELDS},
            "resume": self.uploaded_document("resume") or self.held,
            "cover_letter_file": self.uploaded_document("cover_letter_file"),
            "answers": list(self.answers()),
            "consent_wording": consent_wording(self.policy),
            "talent_pool": data["talent_pool"],
            "talent_pool_wording": talent_pool_wording(),
        }
