"""The posting editor's preview: the posting as candidates would see it, from the unsaved form.

``PostingAdmin`` sends a form posted with its Preview button back unsaved (``PostingAdminForm.is_valid``),
edits kept; this renders the public page's own body partial for the posting as typed, with its added
sections as typed, through the same sanitising Markdown renderer (careers/text.py). Nothing is
written and nothing is cached: the preview is part of the staff-only admin page.
"""

from django.template.loader import render_to_string

from .models import PostingSection


def _added_sections(inline_admin_formsets):
    """The added sections as typed (unsaved), without those marked for deletion."""
    for inline in inline_admin_formsets:
        formset = inline.formset
        if formset.model is not PostingSection:
            continue
        rows = []
        for section_form in formset.forms:
            typed = section_form.cleaned_data
            if typed and not typed.get("DELETE"):  # not an untouched blank form, nor one being removed
                rows.append(section_form.instance)
        return sorted(rows, key=lambda row: row.position)
    return []


def posting_preview(form, inline_admin_formsets):
    """``{"html": ...}`` for the admin template, or ``{"errors": True}`` while the form has mistakes."""
    formsets = [inline.formset for inline in inline_admin_formsets]
    if form.errors or not all(formset.is_valid() for formset in formsets):
        return {"errors": True}
    posting = form.instance  # the edits as typed, applied to an unsaved copy by the form's validation
    posting.__dict__["body_sections"] = posting.sections_with(_added_sections(inline_admin_formsets))
    return {
        "title": posting.title,
        "html": render_to_string("careers/posting_detail.html#description", {"posting": posting}),
    }
