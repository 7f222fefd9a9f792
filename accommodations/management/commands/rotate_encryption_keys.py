from django.core.management.base import BaseCommand
from django.db import transaction

from accommodations.crypto import EncryptedTextField
from accommodations.models import AccommodationRequest

ENCRYPTED_MODELS = [AccommodationRequest]


class Command(BaseCommand):
    help = (
        "Re-encrypt every encrypted field with the first key in FIELD_ENCRYPTION_KEYS. "
        "Put the new key first, keep the old ones after it, run this, then drop the old keys."
    )

    def handle(self, *args, **options):
        for model in ENCRYPTED_MODELS:
            fields = [f.name for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField)]
            count = 0
            for pk in model.objects.values_list("pk", flat=True).iterator():
                with transaction.atomic():
                    # Loading decrypts with whichever key matches; saving encrypts with the newest.
                    row = model.objects.select_for_update().filter(pk=pk).first()
                    if row is not None:
                        row.save(update_fields=fields)
                        count += 1
            self.stdout.write(f"{model._meta.verbose_name_plural}: re-encrypted {count} row(s) with the newest key.")
