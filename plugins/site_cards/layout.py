"""Where the words of a share card go: pure functions over measured text.

Everything is measured with the font that draws it (Pillow's FreeType, with
kerning), so what fits here fits on the card. A title is wrapped at spaces
only, never inside a word; it is set at the largest of TITLE_SIZES at which
it fits its box, and when it does not fit even at the smallest, it is cut
after the last whole word that fits, with an ellipsis. Only a single word
wider than the whole line at the smallest size (some 40 letters) is cut
inside, as nothing else can show it.
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from .fonts import load

__all__ = ["Box", "TITLE_SIZES", "Line", "fit_line", "fit_title", "advance", "drawn_words", "ink_box", "normalise"]

# The title's sizes in pixels, largest first; measured on the real titles: at
# 76 px a title of up to ~25 letters is one line, the longest (about 90
# letters) fit in four lines at 56 px.
TITLE_SIZES = tuple(range(76, 43, -4))
LINE_HEIGHT = 1.2  # of the size: Latvian capitals carry marks above (Ā, Ē) and cedillas below (ķ, ļ, ņ)
ASCENT = 0.96  # of the size, from the top of a box to the first baseline: room for Ā and Ž
DESCENT = 0.3  # of the size, below the last baseline: g, j, ķ, ļ, ņ, ģ
ELLIPSIS = "…"
_NUMBER = re.compile(r"^\d+\.?$")


@dataclass(frozen=True)
class Box:
    left: int
    top: int
    right: int
    bottom: int

    @property
    def width(self):
        return self.right - self.left

    @property
    def height(self):
        return self.bottom - self.top

    def holds(self, other):
        return (self.left <= other.left and self.top <= other.top
                and other.right <= self.right and other.bottom <= self.bottom)


@dataclass(frozen=True)
class Line:
    """A line of text and where it is drawn: its baseline's left end, its font file and size."""

    text: str
    x: int
    baseline: int
    size: int
    font_file: str

    def font(self):
        return load(self.font_file, self.size)

    def ink(self):
        """The box the line's glyphs cover on the card (Pillow's measure of the drawn text)."""
        left, top, right, bottom = ink_box(self.font_file, self.size, self.text)
        return Box(self.x + left, self.baseline + top, self.x + right, self.baseline + bottom)


def normalise(text):
    """One line of text as drawn: composed (ā, not a + macron), single spaces."""
    return " ".join(unicodedata.normalize("NFC", str(text)).split())


class _Measure:
    """Widths of text in the font file a whole text is set in, at one size.

    A line's width is from its ink's left edge (some letters, "A", "J", reach
    left of where the line starts) to the farther of its advance and its ink.
    """

    def __init__(self, fonts, text, weight, size):
        self.file = fonts.file_for(text + ELLIPSIS, weight)
        self.size = size

    def __call__(self, text):
        left, right = self._ink(text)
        return max(advance(self.file, self.size, text), right) - min(left, 0)

    def overhang(self, text):
        """How far the ink reaches left of the line's start: the line starts that much further right."""
        return -min(self._ink(text)[0], 0)

    def _ink(self, text):
        """The left and right edges of a line's ink, as draw.py draws it: a word at a time (`drawn_words`),
        each where the line's layout puts it, so from the first word's ink to the last's."""
        parts = drawn_words(text)
        left = ink_box(self.file, self.size, parts[0])[0]
        last = len(text) - len(parts[-1])
        right = advance(self.file, self.size, text[:last]) + ink_box(self.file, self.size, parts[-1])[2]
        return left, right


# Kept: wrapping a title measures the same beginnings of it again, and drawing it once more.
@lru_cache(maxsize=4096)
def ink_box(font_file, size, text):
    """The box of a text's ink from its origin (Pillow's, anchor "ls"): left, top, right, bottom."""
    return load(font_file, size).getbbox(text, anchor="ls")


@lru_cache(maxsize=4096)
def advance(font_file, size, text):
    """How far a text moves the pen (Pillow's length, with kerning)."""
    return load(font_file, size).getlength(text) if text else 0


@lru_cache(maxsize=4096)
def drawn_words(text):
    """A line's words as it is drawn, one at a time; a line with right-to-left letters is one
    piece, as its words' order is not their order on the line."""
    if any(unicodedata.bidirectional(character) in ("R", "AL", "AN") for character in text):
        return (text,)
    return tuple(text.split(" "))


def _wrap(words, width, measure):
    """Words as lines no wider than `width`, or None when one word alone is wider."""
    lines, current = [], ""
    for word in words:
        candidate = f"{current} {word}" if current else word
        if measure(candidate) <= width:
            current = candidate
            continue
        if not current or measure(word) > width:
            return None
        lines.append(current)
        current = word
    if current:
        lines.append(current)
    return lines


def block_height(count, size):
    """The height `count` lines of `size` take, from the box's top to the last line's descent."""
    return round(size * ASCENT + (count - 1) * size * LINE_HEIGHT + size * DESCENT)


def _max_lines(size, height):
    count = 0
    while block_height(count + 1, size) <= height:
        count += 1
    return count


def _units(text):
    """The title's words as wrapped: a number stays with the word after it ("7 October", "2022. gada")."""
    units = []
    for word in text.split(" "):
        if units and _NUMBER.match(units[-1]):  # a unit of one word that is a number
            units[-1] = f"{units[-1]} {word}"
        else:
            units.append(word)
    return units


def fit_title(fonts, text, box, weight="bold", sizes=TITLE_SIZES):
    """(lines, cut): the title set in `box` (a Box), as large as it fits; cut is True when ellipsised."""
    text = fonts.drawable(normalise(text), weight)
    words = _units(text)
    for size in sizes:
        measure = _Measure(fonts, text, weight, size)
        lines = _wrap(words, box.width, measure)
        if lines is not None and len(lines) <= _max_lines(size, box.height):
            return _placed(lines, box, measure), False
    measure = _Measure(fonts, text, weight, sizes[-1])
    room = max(_max_lines(measure.size, box.height), 1)
    lines, rest = [], list(words)
    while rest and len(lines) < room:
        line = rest.pop(0)
        if measure(line) > box.width and " " in line:  # a number and its word: apart after all
            rest[:0] = line.split(" ")[1:]
            line = line.split(" ")[0]
        if measure(line) > box.width:  # one word wider than the line: nothing else shows it
            lines.append(_cut_inside(line, box.width, measure))
            rest = []
            break
        while rest and measure(f"{line} {rest[0]}") <= box.width:
            line = f"{line} {rest.pop(0)}"
        lines.append(line)
    if rest:
        lines[-1] = _ellipsised(lines[-1], box.width, measure)
    return _placed(lines, box, measure), True


def _ellipsised(text, width, measure):
    """A line cut after its last whole word that leaves room for an ellipsis."""
    words = text.split(" ")
    while len(words) > 1 and measure(" ".join(words).rstrip(",.;:–—-·") + ELLIPSIS) > width:
        words.pop()
    shown = " ".join(words).rstrip(",.;:–—-·")
    return shown + ELLIPSIS if measure(shown + ELLIPSIS) <= width else _cut_inside(shown, width, measure)


def _cut_inside(word, width, measure):
    """A word too long for any line, cut where it still fits with an ellipsis."""
    while word and measure(word + ELLIPSIS) > width:
        word = word[:-1]
    return word + ELLIPSIS


def _placed(lines, box, measure):
    first = box.top + round(measure.size * ASCENT)
    step = measure.size * LINE_HEIGHT
    return [Line(text, box.left + measure.overhang(text), round(first + index * step), measure.size, measure.file)
            for index, text in enumerate(lines)]


def fit_line(fonts, text, x, baseline, width, size, weight):
    """One line of smaller text (kind, date, place): cut after a whole word, with an ellipsis, when too long."""
    text = fonts.drawable(normalise(text), weight)
    measure = _Measure(fonts, text, weight, size)
    if measure(text) > width:
        text = _ellipsised(text, width, measure)
    return Line(text, x + measure.overhang(text), baseline, size, measure.file)
