"""What candidates may type: visible text, no invisible formatting or control characters.

Bidirectional controls make a name, a URL or a file name display in a different
order from what it is (U+202E turns "cv\u202efdp.exe" into what reads as
"cvexe.pdf"); control characters corrupt what staff see in the admin and in CSV
exports. Every form candidates fill in refuses both, on every text field, through
``VisibleTextMixin``; uploaded file names have them stripped (careers/uploads.py).
"""

import re

from django import forms

# Bidi embeddings, overrides and isolates, the LRM/RLM marks and the Arabic letter mark.
BIDI_CONTROLS = "\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c"
# C0 controls, DEL and C1 controls.
CONTROL_CHARACTERS = "\x00-\x1f\x7f-\x9f"
UNSAFE_CHARACTERS = re.compile(f"[{BIDI_CONTROLS}{CONTROL_CHARACTERS}]")
_BIDI = re.compile(f"[{BIDI_CONTROLS}]")
# Text areas keep their line breaks (browsers send CRLF) and tabs.
_MULTILINE_ALLOWED = {"\n", "\r", "\t"}

BIDI_MESSAGE = "Remove the invisible formatting characters from this field."
CONTROL_MESSAGE = "Remove the invisible control characters from this field (such as escape or backspace)."


def invisible_characters_error(value, *, multiline):
    """The error for ``value`` if it holds characters people cannot see, else None."""
    if not isinstance(value, str):
        return None
    if _BIDI.search(value):
        return forms.ValidationError(BIDI_MESSAGE, code="bidi_control")
    found = set(UNSAFE_CHARACTERS.findall(value))
    if multiline:
        found -= _MULTILINE_ALLOWED
    if found:
        return forms.ValidationError(CONTROL_MESSAGE, code="control_character")
    return None


class VisibleTextMixin:
    """Refuse invisible formatting and control characters in every text field of the form.

    Checked on what was sent, after the fields' own cleaning, and reported in place of
    their errors: a URL that fails only because of a hidden character gets this one clear
    message. Covers every ``CharField`` (so ``URLField``, ``EmailField`` and fields added
    in ``__init__``, such as a posting's questions); text areas may hold newlines and tabs.
    """

    def full_clean(self):
        super().full_clean()
        if not self.is_bound:
            return
        for name, field in self.fields.items():
            if not isinstance(field, forms.CharField) or field.disabled or name == getattr(self, "HONEYPOT", None):
                continue
            error = invisible_characters_error(self[name].data, multiline=isinstance(field.widget, forms.Textarea))
            if error:
                self._errors.pop(name, None)
                self.add_error(name, error)
