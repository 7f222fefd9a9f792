"""The form error summary's entries: a short name for each field and the control its link moves to."""

from django import template
from django.utils.html import strip_tags

register = template.Library()

# Fields whose label is a whole sentence (a consent or confirmation to tick) are named shortly in
# the summary; the sentence stays on the field itself. A form may set ``summary_label`` on a field
# instead.
SHORT_NAMES = {
    "consent": "Privacy policy consent",
    "talent_pool": "Talent pool",
    "confirm": "Confirmation",
}


@register.simple_tag
def error_summary_entries(form):
    """(label, anchor id, error) for each error in the form's order; hidden fields and form-wide errors get no label."""
    entries = [("", "", error) for error in form.non_field_errors()]
    for field in form:
        # The summary takes the focus (autofocus) on a form with errors: a field's own autofocus
        # (the login email) would fight it, and two are invalid HTML. The form's fields are its own
        # copies, so this touches only this rendering.
        field.field.widget.attrs.pop("autofocus", None)
        if not field.errors:
            continue
        label = "" if field.is_hidden else (
            getattr(field.field, "summary_label", None)
            or SHORT_NAMES.get(field.name)
            or strip_tags(str(field.label or field.name)).strip()
        )
        # A radio or checkbox group has no single id: link to its first control.
        target = field.subwidgets[0].id_for_label if field.subwidgets else field.auto_id
        entries += [(label, target, error) for error in field.errors]
    return entries
