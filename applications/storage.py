from django.core.files.storage import storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.functional import LazyObject, empty


class PrivateStorage(LazyObject):
    """The ``private`` storage alias, resolved on use (so settings overrides apply).

    Résumés and other candidate files live there: outside the public media
    root, with no URL; only the permission-checked download view reads them.
    """

    def _setup(self):
        self._wrapped = storages["private"]


private_storage = PrivateStorage()


@receiver(setting_changed)
def _reset_private_storage(*, setting, **kwargs):
    if setting == "STORAGES":
        private_storage._wrapped = empty


def walk(storage, folder):
    """Every file name below ``folder`` of ``storage`` (none if it has no such folder).

    Works for object storage too, where folders are only key prefixes: there is
    no ``exists()`` for a folder, and listing a missing one gives nothing.
    """
    try:
        directories, files = storage.listdir(folder)
    except FileNotFoundError:  # the local disk: the folder was never created
        return
    for name in files:
        yield f"{folder}/{name}"
    for directory in directories:
        yield from walk(storage, f"{folder}/{directory}")
