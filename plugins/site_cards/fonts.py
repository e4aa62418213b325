"""The cards' fonts: the site's typeface, and a fallback for the letters it lacks.

Source Sans 3 in the two weights of the theme's card-fonts/ (theme/make_fonts.py
makes them: every character of the typeface's Latin and Latin Extended parts,
781 characters, not the headings' web subset, which holds only the letters
the site uses today). A line with a character those lack (Greek, Cyrillic,
a symbol) is set whole in DejaVu Sans from the theme's pdf-fonts/ (the guides'
PDF fonts), never as empty boxes in the middle of Source Sans. A character
neither has (an emoji) is left out of the card; the page still shows it.
"""

import hashlib
import os
from dataclasses import dataclass
from functools import lru_cache

from fontTools.ttLib import TTFont
from PIL import ImageFont, features

__all__ = ["FONT_FILES", "Fonts", "load", "layout_engine"]

# By weight: the typeface, then the fallback; relative to the theme's folder.
FONT_FILES = {
    "bold": ("card-fonts/source-sans-3-bold.ttf", "pdf-fonts/DejaVuSans-Bold.ttf"),
    "regular": ("card-fonts/source-sans-3-regular.ttf", "pdf-fonts/DejaVuSans.ttf"),
}


@lru_cache(maxsize=1)
def layout_engine():
    """Raqm (HarfBuzz: the font's kerning and marks) where Pillow has it, else Pillow's basic one."""
    return ImageFont.Layout.RAQM if features.check("raqm") else ImageFont.Layout.BASIC


@lru_cache(maxsize=256)
def load(path, size):
    """The FreeType font of a file at a size in pixels (kept: a build sets thousands of lines)."""
    return ImageFont.truetype(path, size, layout_engine=layout_engine())


@lru_cache(maxsize=8)
def _characters(path):
    with TTFont(path, lazy=True) as font:
        return frozenset(font.getBestCmap())


@lru_cache(maxsize=8)
def _either(path, other):
    return _characters(path) | _characters(other)


@lru_cache(maxsize=8)
def _digest(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


@dataclass(frozen=True)
class Fonts:
    """The fonts of a theme (its folder, absolute)."""

    theme: str

    def path(self, relative):
        return os.path.join(self.theme, relative)

    def missing(self):
        """The font files the theme lacks (relative to it)."""
        return [relative for pair in FONT_FILES.values() for relative in pair if not os.path.isfile(self.path(relative))]

    def covers(self, relative, text):
        """Whether a font has a glyph for every character of `text`."""
        have = _characters(self.path(relative))
        return all(ord(character) in have for character in text)

    def drawable(self, text, weight):
        """The text without the characters neither font of the weight can draw, spaces made single."""
        main, fallback = FONT_FILES[weight]
        have = _either(self.path(main), self.path(fallback))
        return " ".join("".join(c for c in text if ord(c) in have or c.isspace()).split())

    def file_for(self, text, weight):
        """The font file a line is set in: Source Sans when it has every character, else DejaVu Sans."""
        main, fallback = FONT_FILES[weight]
        return self.path(main if self.covers(main, text) else fallback)

    def font(self, text, weight, size):
        return load(self.file_for(text, weight), size)

    def digests(self):
        """What the fonts are, for the cache key: every file's sha256."""
        return tuple(_digest(self.path(relative)) for pair in FONT_FILES.values() for relative in pair)
