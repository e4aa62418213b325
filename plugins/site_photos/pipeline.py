"""From a photo's bytes to clean, upright, sRGB files of a few widths.

Pure functions over bytes and Pillow images; nothing here touches the disk.
The order matters:

1. Open with only the JPEG, PNG, WebP, HEIF (HEIC, as iPhones save photos:
   pillow-heif's decoder, libheif) and AVIF (Pillow's own) decoders, and
   check the size from the header before anything is decoded (a
   decompression bomb, a 10000x16 strip, a 4x4 icon are refused with a
   message, not a crash). libheif turns a HEIF photo upright as it decodes
   it (the file's rotation boxes, which phones write along with the EXIF
   orientation; pillow-heif then sets the EXIF orientation to 1), so the
   steps below treat it as any upright photo.
2. Decode a JPEG at reduced size (`Image.draft`: libjpeg scales by 1/2, 1/4
   or 1/8 while decoding), never smaller than the widest file to be made.
3. Resize (Lanczos, with `reducing_gap`) to the widest file, then turn it
   upright as its EXIF orientation says (the transposition ImageOps.exif_transpose
   makes, on 1600x1200 pixels instead of 4000x3000: 5 ms instead of 97), so a
   photo taken sideways is shown the right way up; then convert its colours
   to sRGB with the photo's ICC profile. Smaller widths are made from it.
4. Encode with no metadata at all: no EXIF (with its GPS position), XMP,
   IPTC, ICC profile or JPEG comment. Pillow copies an image's `info` along
   through every operation, and a JPEG keeps its comment unless told
   otherwise, so `info` is emptied and nothing is passed on.

The widest file is at most the widest setting on its longer side (1600x1200
or 1200x1600): a portrait photo is not made taller than a landscape one is
wide, which also lets libjpeg decode both at half size.
"""

import contextlib
import io
import warnings

import pillow_heif
from PIL import Image, ImageCms, ImageFile, UnidentifiedImageError

from .config import FORMATS

# Thumbnails, depth maps and other auxiliary images of a HEIF file are never used: not read.
pillow_heif.register_heif_opener(thumbnails=False, depth_images=False, aux_images=False)
READABLE = ("JPEG", "PNG", "WEBP", "HEIF", "AVIF")
# The brands of an ISO base media file (its `ftyp` box) that HEIF and AVIF photos carry.
_HEIF_BRANDS = (b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1", b"avif", b"avis")
_ORIENTATION = 0x0112
# What each EXIF orientation asks for to show the photo upright (as ImageOps.exif_transpose).
_UPRIGHT = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
# Orientations that turn the photo by a quarter: width and height swap.
_QUARTER_TURNS = {5, 6, 7, 8}


class BadPhoto(Exception):
    """A photo that cannot be published: a message code of site_content.messages, and its values."""

    def __init__(self, code, **params):
        super().__init__(code, params)
        self.code = code
        self.params = params


def output_widths(width, height, widths):
    """The widths to make of a photo of this (upright) size.

    Never wider than the original, and the widest file no longer on either
    side than the widest setting: widths at least that wide are left out and
    that width is made instead.
    """
    largest = min(width, max(widths), max(1, round(max(widths) * width / height)))
    return sorted({w for w in widths if w < largest} | {largest})


def scaled_height(width, height, new_width):
    return max(1, round(height * new_width / width))


def check_size(size, max_pixels, min_side, max_aspect):
    """Refuse absurd dimensions, from the header, before decoding."""
    width, height = size
    if width * height > max_pixels:
        raise BadPhoto("photo_too_large", width=width, height=height,
                       millions=round(width * height / 1e6), limit=round(max_pixels / 1e6))
    if min(width, height) < min_side:
        raise BadPhoto("photo_too_small", width=width, height=height, minimum=min_side)
    if max(width, height) > max_aspect * min(width, height):
        raise BadPhoto("photo_shape", width=width, height=height, ratio=max_aspect)


def open_photo(data, max_pixels, min_side=1, max_aspect=1000):
    """A Pillow image of the photo's first frame, header read, pixels not yet decoded."""
    saved = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = max_pixels  # Pillow refuses twice this, before decoding
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=READABLE)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        image = None  # reported with the size its header claims, below
    except UnidentifiedImageError:
        if _looks_like_heif(data):  # a HEIC whose boxes cannot be read: cut short, or damaged
            raise BadPhoto("photo_damaged", detail="HEIF") from None
        raise BadPhoto("photo_format") from None
    except (OSError, ValueError, SyntaxError) as error:
        raise BadPhoto("photo_damaged", detail=str(error)) from None
    finally:
        Image.MAX_IMAGE_PIXELS = saved
    size = image.size if image is not None else _header_size(data)
    check_size(size, max_pixels, min_side, max_aspect)
    if image is None:  # a header Pillow found too large, but whose size cannot be read
        raise BadPhoto("photo_too_large", width=size[0], height=size[1],
                       millions=round(size[0] * size[1] / 1e6), limit=round(max_pixels / 1e6))
    return image


def _looks_like_heif(data):
    return data[4:8] == b"ftyp" and data[8:12] in _HEIF_BRANDS


def _header_size(data):
    """The size a header claims, read without Pillow's decompression-bomb check."""
    saved = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = None
    try:
        return Image.open(io.BytesIO(data), formats=READABLE).size
    except Exception:  # noqa: BLE001 - any header that cannot be read is simply too large
        return (1 << 16, 1 << 16)
    finally:
        Image.MAX_IMAGE_PIXELS = saved


def orientation(image):
    try:
        value = image.getexif().get(_ORIENTATION, 1)
    except Exception:  # noqa: BLE001 - a broken EXIF block: treat the photo as upright
        return 1
    return value if value in _UPRIGHT else 1


def stored(size, turn):
    """A size as the photo is stored, for an upright size and its orientation."""
    return (size[1], size[0]) if turn in _QUARTER_TURNS else size


def decode(image, size):
    """Decode the pixels; a JPEG at the smallest scale still at least `size` (as stored).

    A truncated file is refused even where another library has told Pillow
    to accept them (WeasyPrint sets ImageFile.LOAD_TRUNCATED_IMAGES on import).
    """
    if image.format == "JPEG":
        image.draft("RGB", size)
    return _load(image)


def _load(image):
    """Decode what is left to decode; a damaged file raises BadPhoto."""
    with strict_decoding():
        try:
            image.load()
        except (OSError, ValueError, SyntaxError, EOFError, RuntimeError) as error:
            raise BadPhoto("photo_damaged", detail=str(error) or type(error).__name__) from None
    return image


@contextlib.contextmanager
def strict_decoding():
    """Pillow refuses truncated files inside this block, whatever another library set.

    Not only the pixels: reading a PNG's EXIF (orientation) loads the whole file
    too, so derive() reads everything under it.
    """
    saved = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        yield
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = saved


def inspect(data, config):
    """Raise BadPhoto for a photo that the build could not publish; decode as little as that takes.

    The content check's look at a photo (site_photos.checking): the header
    (format, size, limits), then a cheap read of the whole file. A JPEG is
    decoded at an eighth of its size: libjpeg still reads every byte of it,
    so a truncated or damaged file is found (0.03 s of CPU for 12
    megapixels, against 0.24 s for all that derive() does). A PNG, WebP, HEIF
    or AVIF file is decoded whole, as derive() decodes it: its decoder reads
    all of it only so. Whatever derive() accepts, this accepts; the build
    reports this function's words for a photo derive() refuses (cache.make),
    so the check and the build say the same.
    """
    image = open_photo(data, config["max_pixels"], config["min_side"], config["max_aspect"])
    if image.format == "JPEG":
        image.draft("RGB", (max(1, image.size[0] // 8), max(1, image.size[1] // 8)))
    _load(image)


def upright(image, turn):
    """The image turned as an EXIF orientation says."""
    return image.transpose(_UPRIGHT[turn]) if turn in _UPRIGHT else image


def flatten(image):
    """RGB, L or CMYK pixels: transparency laid over white, other modes converted."""
    if image.mode in ("RGB", "L", "CMYK"):
        return image
    if image.mode in ("RGBA", "LA", "PA", "La", "RGBa") or "transparency" in image.info:
        rgba = image.convert("RGBA")
        flat = Image.new("RGB", image.size, "white")
        flat.paste(rgba, mask=rgba.getchannel("A"))
        flat.info = dict(image.info)
        return flat
    if image.mode.startswith("I") or image.mode == "F":
        grey = image.point(lambda value: value / 256).convert("L")
        grey.info = dict(image.info)
        return grey
    return image.convert("RGB")


def to_srgb(image):
    """RGB pixels in sRGB: converted with the photo's ICC profile when it has one."""
    profile = image.info.get("icc_profile")
    if profile:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
            converted = ImageCms.profileToProfile(
                image, source, ImageCms.createProfile("sRGB"), outputMode="RGB"
            )
            if converted is not None:
                return converted
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # an unreadable profile: the colours are taken as sRGB
    return image.convert("RGB") if image.mode != "RGB" else image


def resize(image, width, height):
    return image.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)


def encode(image, kind, options):
    """The image's bytes in a format, with no metadata of any kind."""
    image.info = {}  # nothing carried over: no exif, xmp, icc_profile, comment, photoshop
    pillow_format, _extension, _mime = FORMATS[kind]
    buffer = io.BytesIO()
    if pillow_format == "JPEG":
        image.save(buffer, "JPEG", comment=b"", **options)
    else:
        image.save(buffer, pillow_format, **options)
    return buffer.getvalue()


def derive(data, config):
    """(upright width, upright height, [(width, height, format, bytes)]) of a photo.

    Raises BadPhoto, saying why, when the photo cannot be published.
    """
    with strict_decoding():
        return _derive(data, config)


def _derive(data, config):
    image = open_photo(data, config["max_pixels"], config["min_side"], config["max_aspect"])
    turn = orientation(image)
    width, height = stored(image.size, turn)  # upright
    widths = output_widths(width, height, config["widths"])
    largest = (widths[-1], scaled_height(width, height, widths[-1]))
    image = flatten(decode(image, stored(largest, turn)))
    if image.size != stored(largest, turn):
        image = resize(image, *stored(largest, turn))
    current = to_srgb(upright(image, turn))
    made = []
    for new_width in reversed(widths):
        if new_width != current.width:
            current = resize(current, new_width, scaled_height(width, height, new_width))
        for kind, options in config["formats"].items():
            made.append((new_width, current.height, kind, encode(current, kind, options)))
    return width, height, sorted(made, key=lambda item: (item[0], item[2]))
