"""What is known about a processed photo: plain, picklable records.

A `Photo` is the outcome of processing one file of the photo folder: its
upright size and its files in the cache, or the reason it cannot be
published. The build's catalogue maps each photo's path in content/
("images/2022/mezauli.jpg") to its Photo.
"""

import posixpath
import re
import unicodedata
from dataclasses import dataclass, field

from .config import FORMATS

DIGEST_LENGTH = 10  # as theme_assets, and nginx's rule for files cached a year


@dataclass(frozen=True)
class Variant:
    width: int
    height: int
    kind: str  # "webp" or "jpeg"
    digest: str  # the first 10 hex digits of the file's sha256
    size: int  # bytes

    @property
    def file(self):
        """The file's name in the photo's cache folder."""
        return f"{self.width}.{self.digest}.{FORMATS[self.kind][1]}"

    @property
    def mime(self):
        return FORMATS[self.kind][2]


@dataclass(frozen=True)
class Photo:
    source: str  # path in content/, "images/2022/mezauli.jpg"
    key: str  # cache key (sitebuilder.cache.key) of the bytes and of the settings
    width: int = 0  # upright size of the original
    height: int = 0
    variants: tuple = ()
    problem: object = None  # why it cannot be published (a site_content.messages.Text); None when it can
    processed: bool = field(default=False, compare=False)  # made in this build, not taken from the cache

    @property
    def ok(self):
        return self.problem is None

    def of_kind(self, kind):
        return [variant for variant in self.variants if variant.kind == kind]

    def largest(self, kind="jpeg"):
        return max(self.of_kind(kind), key=lambda variant: variant.width)


# Latvian letters folded the way Latvians write them without diacritics.
_FOLD = str.maketrans("āčēģīķļņōŗšūžĀČĒĢĪĶĻŅŌŖŠŪŽ", "acegiklnorsuzACEGIKLNORSUZ")


def published_stem(source):
    """`images/2022/Mežauļi 1.JPG` -> `2022/mezauli-1`: the name under the output folder."""
    folder, name = posixpath.split(source)
    stem = posixpath.splitext(name)[0].translate(_FOLD)
    plain = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", plain).strip("-") or "photo"
    inner = folder.split("/", 1)[1] if "/" in folder else ""
    return posixpath.join(inner, slug) if inner else slug


def published_name(source, variant):
    """`2022/mezauli-960.0123456789.webp`, relative to the output's photo folder."""
    return f"{published_stem(source)}-{variant.width}.{variant.digest}.{FORMATS[variant.kind][1]}"
