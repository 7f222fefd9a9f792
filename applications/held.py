"""Résumés held between attempts at the apply form.

When the form fails on another field, a valid résumé is kept in private
storage for this browser session so the candidate need not upload it again.
"""

from django.core.files.storage import storages
from django.utils import timezone

from . import uploads
from .services import Document, store_document
from .storage import walk

# When the form fails on another field, a valid résumé is kept in private
# storage for this browser session so the candidate need not upload it again.

HELD_SESSION_KEY = "held_resumes"


def hold_upload(session, token, document: Document):
    name = store_document(document, "held")
    held = session.get(HELD_SESSION_KEY, {})
    previous = held.get(str(token))
    if previous:
        storages["private"].delete(previous["stored"])
    held[str(token)] = {
        "stored": name, "name": document.display_name, "size": document.size, "kind": document.kind.extension,
    }
    session[HELD_SESSION_KEY] = held
    return held[str(token)]


def held_upload(session, token):
    held = session.get(HELD_SESSION_KEY, {}).get(str(token))
    if held and storages["private"].exists(held["stored"]):
        return held
    return None


def held_document(held) -> Document:
    return Document(
        kind=uploads.KINDS[held["kind"]], display_name=held["name"], size=held["size"], held_name=held["stored"]
    )


def purge_held_uploads(*, older_than) -> int:
    """Delete held résumés whose form session was abandoned; returns how many."""
    storage = storages["private"]
    deleted = 0
    if not storage.exists("held"):
        return 0
    cutoff = timezone.now() - older_than
    for name in walk(storage, "held"):
        if storage.get_modified_time(name) < cutoff:
            storage.delete(name)
            deleted += 1
    return deleted


def release_held(session, token):
    held = session.get(HELD_SESSION_KEY, {})
    entry = held.pop(str(token), None)
    if entry:
        storages["private"].delete(entry["stored"])
        session[HELD_SESSION_KEY] = held
