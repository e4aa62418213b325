"""What a template needs to show a photo: URLs, srcsets, sizes; and its files in output/.

The files are named `<stem>-<width>.<hash>.<ext>` (hash: 10 hex digits of the
file's sha256), so that web servers may cache them for a year (see
deploy/nginx/site.conf); they are hard links to the cache where the file
system allows it, copies otherwise.
"""

import os
import posixpath
import shutil
import tempfile

from sitebuilder.context import site_root
from dataclasses import dataclass

from .cache import entry_path
from .model import published_name

FALLBACK_WIDTH = 960  # the JPEG for browsers that know no srcset


@dataclass(frozen=True)
class Source:
    type: str  # MIME type
    srcset: str


@dataclass(frozen=True)
class Picture:
    """One photo, ready for the `picture` macros of theme/templates/macros/photos.html."""

    sources: tuple  # Source for each format but JPEG, in order of preference
    src: str  # JPEG for browsers without srcset
    srcset: str  # JPEG widths
    width: int  # of the widest file: with height, the shape the page reserves
    height: int
    large: str  # the widest JPEG, opened from a gallery
    large_bytes: int


def picture_for(photo, base_url):
    """A Picture of a processed photo; base_url is the URL of the output's photo folder."""

    def url(variant):
        return f"{base_url}/{published_name(photo.source, variant)}"

    def srcset(variants):
        return ", ".join(f"{url(v)} {v.width}w" for v in sorted(variants, key=lambda v: v.width))

    kinds = list(dict.fromkeys(variant.kind for variant in photo.variants))
    jpegs = photo.of_kind("jpeg")
    fallback = min(jpegs, key=lambda v: (abs(v.width - FALLBACK_WIDTH), v.width))
    largest = photo.largest("jpeg")
    return Picture(
        sources=tuple(Source(photo.of_kind(kind)[0].mime, srcset(photo.of_kind(kind))) for kind in kinds if kind != "jpeg"),
        src=url(fallback),
        srcset=srcset(jpegs),
        width=largest.width,
        height=largest.height,
        large=url(largest),
        large_bytes=largest.size,
    )


def publish(photo, cache, output_folder):
    """Put a photo's files into the output's photo folder; safe when two runs do it at once."""
    source_folder = entry_path(cache, photo.key)
    for variant in photo.variants:
        target = os.path.join(output_folder, *published_name(photo.source, variant).split("/"))
        if os.path.exists(target):
            continue
        os.makedirs(os.path.dirname(target), exist_ok=True)
        handle, scratch = tempfile.mkstemp(prefix=".photo-", dir=os.path.dirname(target))
        os.close(handle)
        os.unlink(scratch)
        original = os.path.join(source_folder, variant.file)
        try:
            os.link(original, scratch)
        except OSError:  # another file system, or links not allowed
            shutil.copyfile(original, scratch)
            os.chmod(scratch, 0o644)
        os.replace(scratch, target)  # whole file or none, whichever run gets there first
        if os.path.lexists(scratch):
            # The other run linked the same cached file first: renaming a link over
            # another link of the same file does nothing (POSIX), the scratch name stays.
            os.unlink(scratch)


def output_url(settings, folder):
    """The URL of the output's photo folder: at the site's root, whatever the language."""
    root = site_root(settings)
    return posixpath.join(root, folder) if root else f"/{folder}"
