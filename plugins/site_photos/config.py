"""The settings of site_photos: one `PHOTOS` dict, merged once over the defaults.

Everything that changes the files made from a photo (widths, formats and
their encoder options, the pipeline's version, Pillow's and pillow-heif's versions) is part of
the cache key, so changing any of it makes every photo be processed again;
`sizes` and the limits only change the HTML or what is accepted.
"""

import json
import os

import PIL
import pillow_heif

from sitebuilder.cache import key

# Bump when the pipeline (pipeline.py) changes what it writes for the same settings.
PIPELINE_VERSION = 1

DEFAULTS = {
    # The folder of photos, in content/ and in output/.
    "folder": "images",
    # Widths made of each photo, never wider than the original (which is
    # made at its own width when it is narrower than the widest of these).
    "widths": (480, 960, 1600),
    # Formats in order of preference, with Pillow's encoder options. WebP
    # method 2 instead of the default 4: measured 0.36 s against 0.50 s of
    # CPU per 12-megapixel photo (3 widths, both formats) for files 0.4%
    # larger; a progressive JPEG saved 8% of the fallback's bytes for 0.05 s
    # more, not worth it for a fallback few browsers still need.
    "formats": {
        "webp": {"quality": 80, "method": 2},
        "jpeg": {"quality": 82, "optimize": True},
    },
    # How wide a photo is shown: the theme's text column (42rem) or the screen.
    "sizes": "(min-width: 44rem) 42rem, calc(100vw - 2rem)",
    # How wide a gallery's thumbnail is shown (see .gallery in site.css).
    "gallery_sizes": "(min-width: 44rem) 10rem, calc(50vw - 1.5rem)",
    # What is accepted: at most this many pixels (a decompression bomb is
    # refused before it is decoded), sides at least `min_side` pixels, and
    # no side more than `max_aspect` times the other.
    "max_pixels": 120_000_000,
    "min_side": 16,
    "max_aspect": 20,
    # Where processed photos are kept between builds; default CACHE_PATH/photos.
    "cache": None,
    # Processes that make photos; default: one per core.
    "jobs": None,
}

# The formats the pipeline can write: (Pillow's name, extension, MIME type).
FORMATS = {"webp": ("WEBP", "webp", "image/webp"), "jpeg": ("JPEG", "jpg", "image/jpeg")}


def photo_config(settings):
    """The effective PHOTOS settings: the defaults with the site's PHOTOS over them."""
    config = dict(DEFAULTS, **settings.get("PHOTOS", {}))
    config["widths"] = tuple(sorted({int(width) for width in config["widths"]}))
    unknown = set(config["formats"]) - set(FORMATS)
    if unknown:
        raise ValueError(f"PHOTOS['formats']: unknown format {sorted(unknown)}; use {sorted(FORMATS)}")
    if "jpeg" not in config["formats"]:
        raise ValueError("PHOTOS['formats'] must include 'jpeg', the fallback every browser shows")
    if not config["cache"]:
        config["cache"] = os.path.join(settings.get("CACHE_PATH", "cache"), "photos")
    return config


def fingerprint(config):
    """What, besides a photo's bytes, decides the files made of it."""
    made_by = {
        "widths": list(config["widths"]),
        "formats": config["formats"],
        "limits": [config["max_pixels"], config["min_side"], config["max_aspect"]],
        "pipeline": PIPELINE_VERSION,
        "pillow": PIL.__version__,
        "pillow_heif": pillow_heif.__version__,
    }
    return json.dumps(made_by, sort_keys=True).encode("utf-8")


def cache_key(data, config_fingerprint):
    """The cache key of a photo's bytes and of the settings that make its files."""
    return key(config_fingerprint, data)
