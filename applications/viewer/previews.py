"""Previews of stored candidate documents: converted in a limited child process, cached per file.

The child (``applications/viewer/convert.py``) gets the bytes on stdin, an empty working
folder, no environment beyond PATH (no secrets, no database or storage credentials), and
hard limits: CPU seconds, address space and a wall-clock timeout. A document that takes
longer, or needs more memory, gets "no preview" and the download link, never a stuck worker.

Previews are cached under the stored file's (random) name for an hour at most, and dropped
when the application is deleted (erasure and retention alike: ``forget_previews``), so no
converted copy outlives the file.
"""

import hashlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from django.core.cache import cache

from ..uploads import extension_of
from .convert import CONVERTERS  # the converters themselves (only the standard library at import)

CONVERTER_VERSION = 1  # bump when convert.py's output changes: old cache entries are then ignored
TIMEOUT_SECONDS = 20
CPU_SECONDS = 15
MEMORY_BYTES = 1024 * 1024 * 1024
CACHE_SECONDS = 60 * 60
CACHE_MAX_BYTES = 8 * 1024 * 1024  # bigger previews are converted again on each view, never cached
PROJECT_ROOT = Path(__file__).resolve().parents[2]


def convert_in_child(kind: str, data: bytes) -> dict:
    """Run the converter on ``data`` in a limited child process; a failure is a preview with format none."""
    with tempfile.TemporaryDirectory(prefix="viewer-") as folder:
        try:
            result = subprocess.run(
                # The child sets its own CPU and memory limits first (no preexec_fn: unsafe with threads).
                [sys.executable, "-m", "applications.viewer.convert", kind, str(CPU_SECONDS), str(MEMORY_BYTES)],
                input=data, capture_output=True, check=False, timeout=TIMEOUT_SECONDS, cwd=folder,
                env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "PYTHONPATH": str(PROJECT_ROOT),
                     "HOME": folder, "TMPDIR": folder, "PYTHONDONTWRITEBYTECODE": "1"},
            )
        except subprocess.TimeoutExpired:
            return {"format": "none", "reason": "timeout"}
    if result.returncode != 0:
        return {"format": "none", "reason": "unreadable"}
    try:
        return json.loads(result.stdout)
    except ValueError:
        return {"format": "none", "reason": "unreadable"}


def _cache_key(stored_name: str) -> str:
    return f"viewer:{CONVERTER_VERSION}:" + hashlib.sha256(stored_name.encode()).hexdigest()


def document_preview(field) -> dict:
    """The preview of one stored document (a FileField value), from the cache or converted now."""
    kind = extension_of(field.name)
    if kind not in CONVERTERS:  # a kind with no converter (.doc): nothing to read, no child to start
        return {"format": "none", "reason": "unsupported"}
    key = _cache_key(field.name)
    if (cached := cache.get(key)) is not None:
        return cached
    try:
        with field.storage.open(field.name, "rb") as stored:
            data = stored.read()
    except OSError:  # gone from storage (or the store is down): say so, cache nothing
        return {"format": "none", "reason": "missing"}
    preview = convert_in_child(kind, data)
    if preview.get("reason") != "timeout" and len(json.dumps(preview)) <= CACHE_MAX_BYTES:
        cache.set(key, preview, CACHE_SECONDS)
    return preview


def forget_previews(sender, instance, **kwargs):
    """post_delete of an Application: its files' previews leave the cache with it."""
    cache.delete_many([_cache_key(f.name) for f in (instance.resume, instance.cover_letter_file) if f])
