"""Make the site's headings font: Source Sans 3 Bold, only the characters the site uses, as WOFF2.

Source: the npm package @fontsource-variable/source-sans-3 (pinned in
package-lock.json; `npm ci` installs it), SIL Open Font License 1.1, whose
text is copied beside the font (static/fonts/OFL.txt). The package splits
the variable font by script; this takes its "latin" and "latin-ext" parts,
fixes the weight at 700 (fontTools' instancer), keeps the characters of
CHARACTERS and merges them into one file: static/fonts/source-sans-3-bold.woff2.

One weight only, by measurement: the variable font subset to these
characters is 20.7 KB (both parts), a single weight 10.3 KB, and a page of
the site must stay within 30 KB of HTML, CSS, scripts and fonts, gzipped.
Headings, the site's name, the menu and buttons are set in it; running text
stays in the reader's system font, which any device has with every Latvian
letter. Run it again after adding a character to CHARACTERS:
`.venv/bin/python theme/make_fonts.py` (`--cards`: only the cards' fonts); tests/test_theme.py checks that the
text of every heading of the built site is in the font.

It also makes the share cards' fonts (plugins/site_cards), which are drawn at
build time and never downloaded: card-fonts/source-sans-3-{bold,regular}.ttf,
weights 700 and 400, with every character of the "latin" and "latin-ext"
parts (781 characters, 117 KB each) rather than CHARACTERS, so that a title
with a letter the headings have not needed yet (ö, é, ő ...) is still set in
the site's typeface. TrueType, not WOFF2: FreeType reads WOFF2 only when it
was built with Brotli, TrueType always.
"""

import os
import shutil
import sys
import tempfile

from fontTools import subset
from fontTools.merge import Merger
from fontTools.ttLib import TTFont
from fontTools.varLib import instancer

HERE = os.path.dirname(os.path.abspath(__file__))
PACKAGE = os.path.join(HERE, "..", "node_modules", "@fontsource-variable", "source-sans-3")
TARGET = os.path.join(HERE, "static", "fonts")
FONT = "source-sans-3-bold.woff2"
WEIGHT = 700
# Printable ASCII, the Latvian letters, and the punctuation of Latvian and English texts.
CHARACTERS = (
    "".join(chr(code) for code in range(0x20, 0x7F))
    + "āčēģīķļņšūžĀČĒĢĪĶĻŅŠŪŽ"
    + "\u00a0„“”‘’–—…·«»©°€×"
)
PARTS = ("latin", "latin-ext")
CARD_TARGET = os.path.join(HERE, "card-fonts")
CARD_FONTS = {"source-sans-3-bold.ttf": 700, "source-sans-3-regular.ttf": 400}


def part(name, folder):
    """One of the package's parts at WEIGHT, cut to CHARACTERS, saved as TTF in `folder`."""
    font = TTFont(os.path.join(PACKAGE, "files", f"source-sans-3-{name}-wght-normal.woff2"))
    font = instancer.instantiateVariableFont(font, {"wght": WEIGHT})
    options = subset.Options()
    options.layout_features = ["kern", "liga", "locl", "ccmp", "mark", "mkmk"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(text="".join(c for c in CHARACTERS if has(font, c)))
    subsetter.subset(font)
    path = os.path.join(folder, f"{name}.ttf")
    font.flavor = None
    font.save(path)
    return path


def card_part(name, weight, folder):
    """One of the package's parts at `weight`, whole, saved as TTF in `folder`."""
    font = TTFont(os.path.join(PACKAGE, "files", f"source-sans-3-{name}-wght-normal.woff2"))
    font = instancer.instantiateVariableFont(font, {"wght": weight})
    font.flavor = None
    font.recalcTimestamp = False
    path = os.path.join(folder, f"{name}-{weight}.ttf")
    font.save(path)
    return path


def card_fonts():
    """The share cards' fonts: each weight of CARD_FONTS, every character of PARTS, one TTF."""
    os.makedirs(CARD_TARGET, exist_ok=True)
    source = TTFont(os.path.join(PACKAGE, "files", f"source-sans-3-{PARTS[0]}-wght-normal.woff2"))["head"]
    with tempfile.TemporaryDirectory() as folder:
        for name, weight in CARD_FONTS.items():
            merged = Merger().merge([card_part(part_name, weight, folder) for part_name in PARTS])
            # the same bytes from every run: the package's dates, not the clock's
            merged["head"].created, merged["head"].modified = source.created, source.modified
            merged.recalcTimestamp = False
            merged.save(os.path.join(CARD_TARGET, name))
            print(f"{name}: {os.path.getsize(os.path.join(CARD_TARGET, name))} bytes")
    shutil.copyfile(os.path.join(PACKAGE, "LICENSE"), os.path.join(CARD_TARGET, "OFL.txt"))


def has(font, character):
    return ord(character) in font.getBestCmap()


def main():
    os.makedirs(TARGET, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        merged = Merger().merge([part(name, folder) for name in PARTS])
        merged.flavor = "woff2"
        merged.save(os.path.join(TARGET, FONT))
    missing = [c for c in CHARACTERS if ord(c) not in TTFont(os.path.join(TARGET, FONT)).getBestCmap()]
    if missing:
        raise SystemExit(f"{FONT} lacks {''.join(missing)!r}")
    shutil.copyfile(os.path.join(PACKAGE, "LICENSE"), os.path.join(TARGET, "OFL.txt"))
    print(f"{FONT}: {os.path.getsize(os.path.join(TARGET, FONT))} bytes")


if __name__ == "__main__":
    if sys.argv[1:] == ["--cards"]:
        card_fonts()
    else:
        main()
        card_fonts()
