from io import BytesIO

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import InMemoryUploadedFile
from PIL import Image, ImageOps, UnidentifiedImageError

FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}


def downscale_image(upload, max_pixels):
    """Validate an uploaded image with Pillow and fit it within ``max_pixels`` on its longer side.

    Re-encoding also drops metadata such as EXIF location data.
    """
    try:
        upload.seek(0)
        image = Image.open(upload)
        image.load()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as error:
        raise ValidationError("Upload a valid JPEG, PNG or WebP image.", code="invalid_image") from error
    fmt = image.format if image.format in FORMATS else "PNG"
    image = ImageOps.exif_transpose(image)
    image.thumbnail((max_pixels, max_pixels))
    if fmt == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    buffer = BytesIO()
    image.save(buffer, format=fmt, quality=85)
    stem = upload.name.rsplit(".", 1)[0]
    extension = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}[fmt]
    return InMemoryUploadedFile(
        buffer, "image", f"{stem}.{extension}", FORMATS[fmt], buffer.tell(), None
    )
