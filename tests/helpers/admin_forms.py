"""Build the POST an admin change form would send, from the GET that showed it.

Tests that play a staff member (or an attacker holding a staff account) submit
the form as the browser would, then add or alter the fields they want.
"""


def change_url(obj):
    """The admin change page of ``obj``."""
    return f"/admin/{obj._meta.app_label}/{obj._meta.model_name}/{obj.pk}/change/"


def inline_form(prefix, index, **fields):
    """The fields of row ``index`` of an inline formset, named as the browser posts them."""
    return {f"{prefix}-{index}-{name}": value for name, value in fields.items()}


def _value(bound):
    value = bound.value()
    if value is None:
        return ""
    if isinstance(value, bool):
        return "on" if value else ""
    if isinstance(value, (list, tuple)):
        return [getattr(v, "pk", v) for v in value]
    return getattr(value, "pk", value)


def _fields(form):
    """(name, value) pairs as the browser posts them; a split widget posts name_0, name_1..."""
    for bound in form:
        widget = bound.field.widget
        if hasattr(widget, "widgets") and hasattr(widget, "decompress"):
            value = bound.value()
            parts = value if isinstance(value, (list, tuple)) else widget.decompress(value)
            for index, part in enumerate(parts):
                yield f"{bound.html_name}_{index}", "" if part is None else str(part)
            continue
        yield bound.html_name, _value(bound)


def form_data(response) -> dict:
    """Every field of the admin form (and its inline formsets) with the values it showed."""
    forms = [response.context["adminform"].form]
    data = {}
    for inline in response.context.get("inline_admin_formsets", []):
        formset = inline.formset
        for bound in formset.management_form:
            data[bound.html_name] = bound.value()
        forms += formset.forms
    for form in forms:
        data.update((name, value) for name, value in _fields(form) if value != "")
    return data
