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
`.venv/bin/python theme/make_fonts.py`; tests/test_theme.py checks that the
text of every heading of the built site is in the font.
"""

import os
import shutil
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
    main()
