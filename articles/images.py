"""Pictures (lead images and pictures in the body): what an upload must be, how it is cleaned, and the
renditions made from it once."""

import contextlib
import io
import warnings
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db.models.fields.files import ImageFieldFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageCms, ImageOps

# The formats Pillow may open an upload as (nothing else is even tried), and their file extensions.
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
# How the cleaned original is stored, in the format it came in.
ORIGINAL_OPTIONS = {"JPEG": {"quality": 90}, "PNG": {}, "WEBP": {"quality": 90}}
# Every rendition width in both formats; browsers that read WebP take it, the others the JPEG.
RENDITION_FORMATS = {
    "webp": ("WEBP", {"quality": 80}),
    "jpg": ("JPEG", {"quality": 82, "optimize": True, "progressive": True}),
}
SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
# The crops of a lead image that search engines and link previews ask for (Google: 16:9, 4:3 and 1:1),
# as JPEG at most CROP_WIDTH wide, cut around the picture's focal point.
CROPS = {"wide": (16, 9), "standard": (4, 3), "square": (1, 1)}
CROP_WIDTH = 1200
CROP_FORMAT = RENDITION_FORMATS["jpg"]
CENTRE = (50, 50)


def clean_image(upload) -> ContentFile:
    """Check an uploaded picture and return it re-encoded: upright, in sRGB, with no metadata at all."""
    if upload.size > settings.LEAD_IMAGE_MAX_BYTES:
        raise ValidationError(
            _("This file is %(size)s; a picture may be at most %(limit)s."),
            code="too_big",
            params={
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(settings.LEAD_IMAGE_MAX_BYTES),
            },
        )
    upload.seek(0)
    image = open_image(upload)
    image_format = image.format
    buffer = io.BytesIO()
    normalised(image).save(buffer, image_format, **ORIGINAL_OPTIONS[image_format])
    return ContentFile(buffer.getvalue(), name=f"picture.{EXTENSIONS[image_format]}")


def open_image(file) -> Image.Image:
    """Decode a JPEG, PNG or WebP file fully, refusing anything else, too many pixels or a damaged file."""
    too_many_pixels = ValidationError(
        _("The picture has too many pixels; it may have at most %(limit)s million."),
        code="too_many_pixels",
        params={"limit": settings.LEAD_IMAGE_MAX_PIXELS // 1_000_000},
    )
    try:
        # A decompression bomb is refused before it is decoded. catch_warnings is process-wide, not
        # per thread: a concurrent upload may briefly miss the filter, but the pixel limit below holds.
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(file, formats=list(EXTENSIONS))
        if image.width * image.height > settings.LEAD_IMAGE_MAX_PIXELS:
            raise too_many_pixels
        image.load()
    except (Image.DecompressionBombWarning, Image.DecompressionBombError) as error:
        raise too_many_pixels from error
    except Image.UnidentifiedImageError as error:
        raise ValidationError(_("Upload a JPEG, PNG or WebP picture."), code="invalid_image") from error
    except (OSError, SyntaxError, ValueError) as error:
        raise ValidationError(
            _("The picture file is damaged or incomplete; save it again and upload the new file."),
            code="damaged_image",
        ) from error
    return image


def normalised(image: Image.Image) -> Image.Image:
    """The picture turned upright as the camera recorded it, in sRGB, as pixels only: no EXIF, ICC or XMP."""
    image = ImageOps.exif_transpose(image)
    if icc_profile := image.info.get("icc_profile"):
        # A broken profile leaves the colours as they are.
        with contextlib.suppress(ImageCms.PyCMSError, OSError, ValueError):
            image = ImageCms.profileToProfile(image, ImageCms.ImageCmsProfile(io.BytesIO(icc_profile)), SRGB)
    has_alpha = image.mode in {"RGBA", "LA", "PA"} or "transparency" in image.info
    image = image.convert("RGBA" if has_alpha else "RGB")
    image.info = {}
    return image


@dataclass(frozen=True)
class Rendition:
    name: str
    url: str
    width: int
    height: int


@dataclass(frozen=True)
class Crop(Rendition):
    box: tuple[int, int, int, int]  # what is cut from the original: left, top, right, bottom


@dataclass(frozen=True)
class Picture:
    """What a <picture> element needs: a srcset per format, and a fallback with its size; and its crops."""

    webp: list[Rendition]
    jpeg: list[Rendition]
    crops: dict[str, Crop]

    @property
    def webp_srcset(self) -> str:
        return srcset(self.webp)

    @property
    def jpeg_srcset(self) -> str:
        return srcset(self.jpeg)

    @property
    def fallback(self) -> Rendition:
        """The middle width, for the few browsers that read no srcset."""
        return self.jpeg[len(self.jpeg) // 2]

    @property
    def largest(self) -> Rendition:
        return self.jpeg[-1]


def srcset(renditions: list[Rendition]) -> str:
    return ", ".join(f"{rendition.url} {rendition.width}w" for rendition in renditions)


def rendition_widths(width: int) -> list[int]:
    """The configured widths, never wider than the original."""
    return sorted({min(rendition_width, width) for rendition_width in settings.LEAD_IMAGE_WIDTHS})


def measure(image: ImageFieldFile) -> None:
    """Fill in the picture's width and height fields, before its model is saved, if they are unset."""
    field = image.field
    if not getattr(image.instance, field.width_field):
        # FieldFile.save() with a nameless ContentFile leaves the size unset.
        field.update_dimension_fields(image.instance, force=True)


def stored_size(image: ImageFieldFile) -> tuple[int, int]:
    """The width and height kept in the picture's model fields."""
    return getattr(image.instance, image.field.width_field), getattr(image.instance, image.field.height_field)


def renditions(image: ImageFieldFile, extension: str) -> list[Rendition]:
    """The renditions of a stored picture in one format, narrowest first, named after it."""
    width, height = stored_size(image)
    stem = PurePosixPath(image.name).with_suffix("")
    result = []
    for rendition_width in rendition_widths(width):
        name = f"{stem}-{rendition_width}w.{extension}"
        result.append(
            Rendition(
                name,
                image.storage.url(name),
                rendition_width,
                max(1, round(height * rendition_width / width)),
            )
        )
    return result


def crop_box(width: int, height: int, ratio: tuple[int, int], focus: tuple[int, int]) -> tuple[int, ...]:
    """The largest part of a ``width`` × ``height`` picture in ``ratio``, centred on ``focus`` (per cent
    from the left and the top) as far as the edges allow."""
    crop_width = min(width, round(height * ratio[0] / ratio[1]))
    crop_height = min(height, round(crop_width * ratio[1] / ratio[0]))
    left = min(max(0, round(width * focus[0] / 100 - crop_width / 2)), width - crop_width)
    top = min(max(0, round(height * focus[1] / 100 - crop_height / 2)), height - crop_height)
    return left, top, left + crop_width, top + crop_height


def crops(image: ImageFieldFile, focus: tuple[int, int]) -> dict[str, Crop]:
    """The crops of a stored picture around ``focus``, named after both: a new focus makes new files."""
    width, height = stored_size(image)
    stem = PurePosixPath(image.name).with_suffix("")
    result = {}
    for name, ratio in CROPS.items():
        box = crop_box(width, height, ratio, focus)
        crop_width = min(CROP_WIDTH, box[2] - box[0])
        crop_height = max(1, round(crop_width * ratio[1] / ratio[0]))
        file_name = f"{stem}-{ratio[0]}x{ratio[1]}-{focus[0]}-{focus[1]}.jpg"
        result[name] = Crop(file_name, image.storage.url(file_name), crop_width, crop_height, box)
    return result


def picture(image: ImageFieldFile, focus: tuple[int, int] | None = None) -> Picture:
    """The renditions of a stored picture; the crops too when it has a ``focus`` (a lead image)."""
    return Picture(
        webp=renditions(image, "webp"),
        jpeg=renditions(image, "jpg"),
        crops=crops(image, focus) if focus else {},
    )


def make_renditions(image: ImageFieldFile, focus: tuple[int, int] | None = None) -> None:
    """Write the renditions (and with a ``focus``, the crops) of a stored picture not in storage yet."""
    storage = image.storage
    missing = [
        (rendition, image_format, options)
        for extension, (image_format, options) in RENDITION_FORMATS.items()
        for rendition in renditions(image, extension)
        if not storage.exists(rendition.name)
    ]
    missing += [
        (crop, *CROP_FORMAT)
        for crop in (crops(image, focus) if focus else {}).values()
        if not storage.exists(crop.name)
    ]
    if not missing:
        return
    with image.open("rb"):
        original = normalised(open_image(image))
    opaque = flattened(original)
    for rendition, image_format, options in missing:
        source = opaque if image_format == "JPEG" else original
        if isinstance(rendition, Crop):
            source = source.crop(rendition.box)
        resized = source.resize(
            (rendition.width, rendition.height), Image.Resampling.LANCZOS, reducing_gap=3.0
        )
        buffer = io.BytesIO()
        resized.save(buffer, image_format, **options)
        storage.save(rendition.name, ContentFile(buffer.getvalue()))


def flattened(image: Image.Image) -> Image.Image:
    """The picture on a white background, for JPEG, which has no transparency."""
    if image.mode != "RGBA":
        return image
    background = Image.new("RGB", image.size, "white")
    background.paste(image, mask=image.getchannel("A"))
    return background
