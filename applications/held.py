"""Résumés held between attempts at the apply form: the one home of that session logic.

When the form fails on another field, a valid résumé is kept in private
storage for this browser session (keyed by the form's submission token) so the
candidate need not upload it again.
"""

from django.core.files.storage import storages
from django.utils import timezone

from . import uploads
from .services import StorageUnavailable, store_document
from .storage import walk
from .uploads import Document

HELD_SESSION_KEY = "held_resumes"


def held_resume(session, token) -> Document | None:
    """The résumé this session holds for the form with ``token``, if it is still stored."""
    held = session.get(HELD_SESSION_KEY, {}).get(str(token))
    if not held or not storages["private"].exists(held["stored"]):
        return None
    return _document(held)


def _document(held) -> Document:
    return Document(
        kind=uploads.KINDS[held["kind"]], display_name=held["name"], size=held["size"], held_name=held["stored"]
    )


def hold_for_retry(session, form):
    """After the form failed on another field, hold its valid résumé and tell the form so.

    If it cannot be stored, the candidate is simply asked for the file again.
    """
    document = form.uploaded_document("resume")
    token = form.cleaned_data.get("submission_token")
    if document is None or token is None:
        return
    try:
        name = store_document(document, "held")
    except StorageUnavailable:
        return
    held = session.get(HELD_SESSION_KEY, {})
    previous = held.get(str(token))
    if previous:
        storages["private"].delete(previous["stored"])
    held[str(token)] = {
        "stored": name, "name": document.display_name, "size": document.size, "kind": document.kind.extension,
    }
    session[HELD_SESSION_KEY] = held
    form.show_held(_document(held[str(token)]))


def release_held(session, token):
    """The form was submitted: its held copy is no longer needed."""
    held = session.get(HELD_SESSION_KEY, {})
    entry = held.pop(str(token), None)
    if entry:
        storages["private"].delete(entry["stored"])
        session[HELD_SESSION_KEY] = held


def purge_held_uploads(*, older_than) -> int:
    """Delete held résumés whose form session was abandoned; returns how many."""
    storage = storages["private"]
    deleted = 0
    cutoff = timezone.now() - older_than
    for name in walk(storage, "held"):
        if storage.get_modified_time(name) < cutoff:
            storage.delete(name)
            deleted += 1
    return deleted
