import uuid

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout
from django import forms

from accounts.identity import EmailAddressField
from careers.forms import HoneypotMixin
from careers.models import Posting
from careers.validators import VisibleTextMixin

from .models import AccommodationRequest


class AccommodationRequestForm(VisibleTextMixin, HoneypotMixin, forms.Form):
    submission_token = forms.UUIDField(widget=forms.HiddenInput)
    name = forms.CharField(label="Your name", max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"}))
    email = EmailAddressField(max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    posting = forms.ModelChoiceField(
        label="Role you are applying for", required=False, queryset=Posting.objects.none(), to_field_name="slug",
        empty_label="Not about a specific role",
    )
    stage = forms.ChoiceField(
        label="Which part of the process is this about?", choices=AccommodationRequest.Stage.choices,
        widget=forms.RadioSelect,
    )
    description = forms.CharField(
        label="What accommodation would help you?", max_length=5000, widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Describe the adjustment you need. You don\u2019t have to tell us about a diagnosis.",
    )
    contact_method = forms.ChoiceField(
        label="How should we contact you?", choices=AccommodationRequest.ContactMethod.choices, widget=forms.RadioSelect,
    )
    contact_details = forms.CharField(
        label="Phone number or other contact details", max_length=300, required=False,
        help_text="Needed if you chose phone, video call or other.",
    )
    contact_me_by_fax = forms.CharField(label="Leave this field empty", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["posting"].queryset = Posting.objects.open().order_by("title")
        if not self.is_bound:
            self.initial.setdefault("submission_token", uuid.uuid4())
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            "submission_token",
            Fieldset("About you", "name", "email"),
            Fieldset("Your request", "posting", "stage", "description"),
            Fieldset("Contact", "contact_method", "contact_details"),
            self.honeypot_layout(),
        )

    def clean(self):
        cleaned = super().clean()
        method = cleaned.get("contact_method")
        if method and method != AccommodationRequest.ContactMethod.EMAIL and not cleaned.get("contact_details", "").strip():
            self.add_error("contact_details", "Please tell us the number or details we should use to contact you.")
        return cleaned
