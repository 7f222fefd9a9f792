"""Keep each posting's stored search document in step with the names it includes.

A posting refreshes its own document when saved (``Posting.save``); its team's
name, its locations and its added sections live in other tables, so their changes
refresh it here. (Which changes the public pages show, and so bump the cache version,
is said in one place: careers/versioning.py ``connect_invalidation``.)
"""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import Signal

# Sent by ``Posting.close()`` (the one home of closing) inside its transaction, with ``posting``:
# other apps act on a closing (candidate_emails rejects open candidates) without careers knowing them.
posting_closed = Signal()

# The fields of a team or location that postings' search documents include.
NAME_FIELDS = {"Team": ("name",), "Location": ("city", "country")}


def _note_name_change(sender, instance, **kwargs):
    # Rewriting every posting of a team for an edit that left its name alone would be wasted work.
    fields = NAME_FIELDS[sender.__name__]
    before = sender.objects.filter(pk=instance.pk).values_list(*fields).first() if instance.pk else None
    instance._search_names_changed = before is not None and before != tuple(getattr(instance, f) for f in fields)


def _refresh_if_renamed(sender, instance, **kwargs):
    if instance.__dict__.pop("_search_names_changed", False):
        instance.postings.all().refresh_search_vector()


def _posting_locations_changed(sender, instance, action, reverse, pk_set, **kwargs):
    from .models import Posting

    if not reverse:  # posting.locations changed
        if action in ("post_add", "post_remove", "post_clear"):
            Posting.objects.filter(pk=instance.pk).refresh_search_vector()
        return
    # location.postings changed: refresh the postings that gained or lost it.
    if action == "pre_clear":
        instance._postings_before_clear = list(instance.postings.values_list("pk", flat=True))
    elif action in ("post_add", "post_remove"):
        Posting.objects.filter(pk__in=pk_set).refresh_search_vector()
    elif action == "post_clear":
        Posting.objects.filter(pk__in=instance.__dict__.pop("_postings_before_clear", [])).refresh_search_vector()


def _posting_section_changed(sender, instance, **kwargs):
    # Added sections are part of the search document; they are saved after their posting (inline).
    from .models import Posting

    Posting.objects.filter(pk=instance.posting_id).refresh_search_vector()


def connect():
    from .models import Location, Posting, PostingSection, Team

    post_save.connect(_posting_section_changed, sender=PostingSection, dispatch_uid="search-posting-section-save")
    post_delete.connect(_posting_section_changed, sender=PostingSection, dispatch_uid="search-posting-section-delete")

    for model in (Team, Location):
        pre_save.connect(_note_name_change, sender=model, dispatch_uid=f"search-names-before-{model.__name__}")
        post_save.connect(_refresh_if_renamed, sender=model, dispatch_uid=f"search-names-after-{model.__name__}")
    m2m_changed.connect(
        _posting_locations_changed, sender=Posting.locations.through, dispatch_uid="search-posting-locations"
    )
