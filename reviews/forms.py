from django import forms

from .models import TEXT_MAX, Recommendation


class NoteForm(forms.Form):
    text = forms.CharField(
        label="New note", max_length=TEXT_MAX, strip=True,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text="Internal: staff who may read this application see it. The candidate can ask for a copy.",
    )


class FeedbackForm(forms.Form):
    """A recommendation, a note per criterion of the posting (all optional) and overall notes."""

    recommendation = forms.ChoiceField(choices=Recommendation.choices, widget=forms.RadioSelect)
    summary = forms.CharField(
        label="Overall notes", required=False, max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
    )

    def __init__(self, *args, criteria, feedback=None, **kwargs):
        if feedback is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "recommendation": feedback.recommendation, "summary": feedback.summary,
                **{self.field_name(n.criterion_id): n.text for n in feedback.criterion_notes.all() if n.criterion_id},
            }
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for criterion in self.criteria:
            self.fields[self.field_name(criterion.pk)] = forms.CharField(
                label=criterion.name, help_text=criterion.hint, required=False, max_length=TEXT_MAX,
                widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
            )

    @staticmethod
    def field_name(criterion_id):
        return f"criterion_{criterion_id}"

    def criterion_fields(self):
        return [self[self.field_name(c.pk)] for c in self.criteria]

    def criterion_notes(self) -> dict[int, str]:
        return {c.pk: self.cleaned_data[self.field_name(c.pk)] for c in self.criteria}
