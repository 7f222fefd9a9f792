import datetime

from django import forms
from django.utils import timezone

from careers.models import Posting, Team

DEFAULT_WEEKS = 12
MAX_DAYS = 2 * 366


class ReportFilterForm(forms.Form):
    """Which applications a report counts: posting, team and submission dates (GET, works without JavaScript).

    The posting and team choices are those of the applications the viewer may read,
    so a hiring manager is offered only their own teams' postings.
    """

    posting = forms.ModelChoiceField(queryset=Posting.objects.none(), required=False, empty_label="All postings")
    team = forms.ModelChoiceField(queryset=Team.objects.none(), required=False, empty_label="All teams")
    start = forms.DateField(label="From", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label="To", required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, data, *, visible_applications):
        super().__init__(data)
        self.fields["posting"].queryset = (
            Posting.objects.filter(pk__in=visible_applications.values("posting")).select_related("team")
            .order_by("title", "pk")
        )
        self.fields["posting"].label_from_instance = lambda posting: f"{posting.title} ({posting.team.name})"
        self.fields["team"].queryset = Team.objects.filter(pk__in=visible_applications.values("posting__team")).order_by("name")

    def clean(self):
        data = super().clean()
        today = timezone.localdate()
        end = data.get("end") or today
        start = data.get("start") or end - datetime.timedelta(weeks=DEFAULT_WEEKS) + datetime.timedelta(days=1)
        if start > end:
            raise forms.ValidationError("The start date must be on or before the end date.")
        if (end - start).days > MAX_DAYS:
            raise forms.ValidationError("Choose a range of at most two years.")
        data["start"], data["end"] = start, end
        return data

    def unknown_choice(self):
        """Was a posting or team asked for that is not among this viewer's? (answered 404, as if missing)"""
        return any(field in self.errors for field in ("posting", "team"))

    def filters(self):
        return {key: self.cleaned_data[key] for key in ("posting", "team", "start", "end")}
