from datetime import timedelta

from django import forms
from django.core import signing

from .models import EmailKind, EmailTemplate
from .placeholders import placeholder_help, validate_placeholders

PREVIEW_SALT = "candidate_emails.preview"


class ComposeForm(forms.Form):
    """One message to one candidate: the text (with placeholders), its template, and its one-time token."""

    template = forms.ModelChoiceField(EmailTemplate.objects.all(), required=False, widget=forms.HiddenInput)
    subject = forms.CharField(max_length=200, validators=[validate_placeholders], help_text=placeholder_help())
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 14, "cols": 80}), validators=[validate_placeholders])
    # Names this message: posting the form twice (a double click, a reload) queues it once.
    token = forms.UUIDField(widget=forms.HiddenInput)
    # Signed on the preview page over the exact text: "send" sends only what was previewed.
    previewed = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean_body(self):
        # Browsers send line breaks as CRLF, from a textarea and a hidden field alike: one form for the signature.
        return self.cleaned_data["body"].replace("\r\n", "\n")

    def preview_signature(self):
        data = self.cleaned_data
        return signing.dumps([data["subject"], data["body"], str(data["token"])], salt=PREVIEW_SALT)

    def was_previewed(self):
        try:
            signed = signing.loads(self.cleaned_data["previewed"], salt=PREVIEW_SALT, max_age=24 * 3600)
        except signing.BadSignature:
            return False
        data = self.cleaned_data
        return signed == [data["subject"], data["body"], str(data["token"])]

    @property
    def kind(self):
        template = self.cleaned_data.get("template")
        return template.kind if template else EmailKind.MESSAGE


DELAYS = {"0": timedelta(0), "1h": timedelta(hours=1), "1d": timedelta(days=1), "3d": timedelta(days=3)}


class BulkRejectForm(forms.Form):
    template = forms.ModelChoiceField(
        EmailTemplate.objects.filter(kind=EmailKind.REJECTION), empty_label=None, label="Rejection email",
    )
    delay = forms.ChoiceField(
        label="Send the email", initial="0",
        choices=[("0", "Now"), ("1h", "In 1 hour"), ("1d", "In 1 day"), ("3d", "In 3 days")],
        widget=forms.RadioSelect, help_text="The candidates are moved to Rejected now either way.",
    )
    token = forms.UUIDField(widget=forms.HiddenInput)

    @property
    def delay_timedelta(self):
        return DELAYS[self.cleaned_data["delay"]]
