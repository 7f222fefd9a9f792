"""The content version: what every cached page and fragment of public content is keyed by.

Any save or delete of the content public pages show bumps it (``connect_invalidation``), at
once and again when the change commits. The version lives in the shared cache; each process
re-reads it at most every PAGE_CACHE_VERSION_TTL seconds (default 0.5, under 1), so an admin
edit shows everywhere within a second while a cache hit costs no database or network round
trip. With the date (postings close at midnight) it makes the *content key*, read once before
a page's view reads anything (``pinned_content_key``), so a page and its fragments are
invalidated alike.
Whole pages: careers/caching.py; fragments: careers/fragments.py.
"""

import contextvars
import datetime
import time
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

VERSION_KEY = "careers:content-version"


_local = {"version": None, "read_at": 0.0}


def content_version():
    now = time.monotonic()
    if _local["version"] is not None and now - _local["read_at"] < settings.PAGE_CACHE_VERSION_TTL:
        return _local["version"]
    # One round trip for both: the version and when it next changes by itself.
    shared = cache.get_many((VERSION_KEY, NEXT_GO_LIVE_KEY))
    version = shared.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, time.time_ns(), None)
        version = cache.get(VERSION_KEY)
    version = _after_scheduled_go_live(version, shared.get(NEXT_GO_LIVE_KEY))
    _local.update(version=version, read_at=now)
    return version


def _bump():
    version = time.time_ns()
    cache.set(VERSION_KEY, version, None)
    _local.update(version=version, read_at=time.monotonic())
    return version


# --- scheduled publishing ----------------------------------------------------
# A posting published for a future time goes live without anything being saved, so no
# signal bumps the version then. The time of the next such go-live is kept beside the
# version (written whenever a posting is saved or deleted); the first process to re-read the
# version after that time bumps it, and every cached page and fragment is rebuilt.
NEXT_GO_LIVE_KEY = "careers:next-go-live"
NOTHING_SCHEDULED = 0


def note_next_go_live(**kwargs):
    """Store when the next scheduled posting goes live (epoch seconds), or that none is scheduled; return it."""
    from .models import Posting

    when = Posting.objects.scheduled().order_by("published_at").values_list("published_at", flat=True).first()
    due = when.timestamp() if when else NOTHING_SCHEDULED
    cache.set(NEXT_GO_LIVE_KEY, due, None)
    return due


def _after_scheduled_go_live(version, due):
    """``version``, or a new one when a scheduled posting's time has come since it was set.

    ``due`` is the stored time of the next go-live, read with the version (None when missing).
    """
    if version is None:  # the shared cache is unreachable: nothing is cached anyway
        return None
    if due is None:  # lost with the shared cache: learn it again (one query)
        due = note_next_go_live()
    if due and time.time() >= due:
        # Bumped once, at once: nothing was saved, so there is no transaction to wait for.
        version = _bump()
        note_next_go_live()
    return version


def bump_content_version(using=None, **kwargs):
    _bump()
    # Again once the change is committed: signals fire inside the saving transaction, and a page
    # another process builds between the first bump and the commit reads the old rows under the
    # new version. (At once as well, so this transaction's own requests and tests see the change.)
    transaction.on_commit(_bump, using=using)


def shared_version_known():
    """False while the shared cache (Redis) is unreachable: nothing is cached then, since
    no process could learn of an edit made through another."""
    return content_version() is not None


_today = {"label": "", "from": 0.0, "until": 0.0}


def _local_date():
    """``timezone.localdate()`` as ``YYYYMMDD``, worked out once a day (a cache hit asks for it)."""
    now = time.time()
    if not _today["from"] <= now < _today["until"]:
        zone = timezone.get_current_timezone()
        day = timezone.localdate()
        start = datetime.datetime.combine(day, datetime.time.min, tzinfo=zone)
        _today.update(label=f"{day:%Y%m%d}", **{"from": start.timestamp(),
                      "until": (start + datetime.timedelta(days=1)).timestamp()})
    return _today["label"]


# The key of the page being built, read once before its view queries anything: a fragment is
# never stored under a version newer than the rows it was rendered from.
pinned_content_key = contextvars.ContextVar("careers_content_key", default=None)


def content_key():
    """What every cached page or fragment depends on: the content version and the date.

    The date is part of it: a posting past its closing date stops showing at midnight.
    While the shared cache is unreachable the key is new every time, so no fragment kept
    by this process is reused: no process could learn of an edit made through another.
    """
    if (pinned := pinned_content_key.get()) is not None:
        return pinned
    version = content_version()
    if version is None:
        return f"unshared.{uuid.uuid4().hex}"
    return f"{version}.{_local_date()}"


def connect_invalidation():
    """Any change to what public pages show bumps the content version."""
    from .models import CompanyProfile, Location, Posting, PostingSection, PrivacyPolicy, Question, Team

    for model in (Posting, PostingSection, Team, Location, CompanyProfile, PrivacyPolicy, Question):
        post_save.connect(bump_content_version, sender=model, dispatch_uid=f"page-cache-save-{model.__name__}")
        post_delete.connect(bump_content_version, sender=model, dispatch_uid=f"page-cache-delete-{model.__name__}")
    m2m_changed.connect(bump_content_version, sender=Posting.locations.through, dispatch_uid="page-cache-locations")
    # Only a posting's own row can change when the next one goes live.
    post_save.connect(note_next_go_live, sender=Posting, dispatch_uid="page-cache-schedule-save")
    post_delete.connect(note_next_go_live, sender=Posting, dispatch_uid="page-cache-schedule-delete")
