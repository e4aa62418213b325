"""A share card drawn: 1200×630 pixels, the size link previews show without cropping.

Pure: words in (a `Words`), a list of placed lines (`compose`) and then the
image's bytes out (`render`; its file type from `extension`). The site's palette (theme/static/css/site.css):
white and gold on its dark green; over a cover photo, white on a scrim of
that green, dense enough (SCRIM_ALPHA) that white text keeps a contrast of
at least 4.5:1 (WCAG AA) even over a white sky.

Formats, by measurement (bench/RESULTS.md, Share cards): a card without a
photo is a PNG of 64 colours, the card's own (`_palette`: the steps from the
dark green to each colour drawn on it, the edges of its letters), written
with zlib level 3: mapping to a known palette is several times faster than
Pillow's octree, which must find the colours first, and level 3 takes half
the time of level 6 for files a fifth larger (level 9 saves a fifth more
at six times the time); an RGB PNG is three times larger, and a JPEG of
quality 85 larger still, with blurred letters. What every card of a
language shares (the background, the gold rule, the wordmark) is drawn and
mapped to the palette once (`_base_indices`); the card's own words are then
drawn straight in the palette's indices (`_to_index`), a word at a time,
each word's drawing kept (`_placed_words`). A card over a photo
is a JPEG of quality 80, about 50 KB over a phone's photo (a PNG of it is
over 300 KB); one over MAX_BYTES is made again at a lower quality, so no
card is larger than that.
"""

import io
import math
from dataclasses import dataclass
from functools import lru_cache

from PIL import Image, ImageColor, ImageDraw

from .fonts import load
from .layout import Box, advance, drawn_words, fit_line, fit_title, ink_box

__all__ = ["HEIGHT", "MAX_BYTES", "SCRIM_ALPHA", "WIDTH", "Composition", "Words", "compose", "extension", "render"]

WIDTH, HEIGHT = 1200, 630
MAX_BYTES = 150_000
MARGIN = 72
TOP = 64
BOTTOM = 56
# The theme's colours (site.css): --accent-dark, --accent, --gold, --river, --background.
DARK, GREEN, GOLD, RIVER, PAPER = "#123b2e", "#1f5f4a", "#f2c14e", "#a8d8ea", "#fffdf8"
SCRIM_ALPHA = 0.72  # share of --accent-dark over a photo
PNG_LEVEL = 3
JPEG_QUALITIES = (80, 70, 60, 50)

KICKER_SIZE, WHEN_SIZE, WHERE_SIZE = 32, 36, 32
NAME_SIZE, ORGANISATION_SIZE = 36, 26
LOGO = 76  # pixels square, at the bottom left


@dataclass(frozen=True)
class Words:
    """What a card says, in the page's language."""

    title: str
    kicker: str = ""  # the kind of page, and what it belongs to: "Stāsts · Mežinieki"
    when: str = ""  # a meeting's day and time
    where: str = ""  # a meeting's place and address
    sitename: str = ""
    organisation: str = ""


@dataclass(frozen=True)
class Composition:
    """Every line of a card where it is drawn, with its colour; the title's box, and whether the title was cut."""

    lines: tuple  # ((Line, colour), ...), the wordmark's two first
    title_box: Box
    title: tuple  # the title's Lines
    cut: bool


def compose(fonts, words, photo=False):
    """Place a card's words (pure: measured with `fonts`, a fonts.Fonts)."""
    width = WIDTH - 2 * MARGIN
    light = PAPER if not photo else "#ffffff"
    accent = GOLD if not photo else "#ffffff"
    soft = RIVER if not photo else "#ffffff"
    lines = []
    logo_top = HEIGHT - BOTTOM - LOGO
    text_left = MARGIN + LOGO + 24
    lines.append((fit_line(fonts, words.sitename, text_left, logo_top + 34, WIDTH - MARGIN - text_left,
                           NAME_SIZE, "bold"), light))
    lines.append((fit_line(fonts, words.organisation, text_left, logo_top + 70, WIDTH - MARGIN - text_left,
                           ORGANISATION_SIZE, "regular"), soft))
    bottom = logo_top - 40  # the lowest baseline above the wordmark
    meeting = []
    if words.where:
        meeting.append(fit_line(fonts, words.where, MARGIN, bottom, width, WHERE_SIZE, "regular"))
        bottom -= round(WHERE_SIZE * 1.45)
    if words.when:
        meeting.append(fit_line(fonts, words.when, MARGIN, bottom, width, WHEN_SIZE, "bold"))
    lines += [(line, soft if line.size == WHERE_SIZE else light) for line in meeting]
    top = TOP
    if words.kicker:
        lines.append((fit_line(fonts, words.kicker, MARGIN, TOP + KICKER_SIZE, width, KICKER_SIZE, "bold"), accent))
        top = TOP + KICKER_SIZE + 36
    title_bottom = (min(line.baseline for line in meeting) - round(WHEN_SIZE * 1.1) - 24) if meeting else logo_top - 36
    box = Box(MARGIN, top, WIDTH - MARGIN, title_bottom)
    title, cut = fit_title(fonts, words.title, box)
    lines += [(line, light) for line in title]
    return Composition(tuple(lines), box, tuple(title), cut)


def extension(photo):
    """The file type of a card: a JPEG over a photo, else a PNG."""
    return "jpg" if photo is not None else "png"


def render(fonts, words, photo=None):
    """The bytes of a card (of type `extension(photo)`); `photo` is the path of a JPEG to set behind it, or None."""
    composition = compose(fonts, words, photo=photo is not None)
    wordmark, lines = composition.lines[:2], composition.lines[2:]
    if photo is None:
        image = _base_indices(wordmark).copy()
        for line, colour in lines:
            for key, x, y in _placed_words(line):
                indices, inked = _indexed_word(*key, colour)
                image.paste(indices, (x, y), inked)
        image.putpalette(_palette_data())
        return _png(image)
    image = _decorated(_photo_background(photo), wordmark)
    _write(image, lines)
    return _jpeg(image)


def _write(image, lines):
    draw = ImageDraw.Draw(image)
    for line, colour in lines:
        for key, x, y in _placed_words(line):
            draw.bitmap((x, y), _word_mask(*key), fill=colour)


FRACTIONS = 4  # a word's place is kept to a quarter of a pixel


def _placed_words(line):
    """Each word of a line (the key of its drawing: font, size, word, fraction of a pixel) and where
    its mask goes: where the line's own layout puts it, to the nearest quarter of a pixel.

    A line is drawn a word at a time (layout.drawn_words), and each word's
    drawing is kept (`_indexed_word`): titles share many words, and
    FreeType's drawing of a large letter was most of a card's time. Pillow
    draws a text at the fraction of a pixel it is given; a quarter keeps
    each word within an eighth of a pixel of its place on the line, and
    four drawings of a word at most: to the 1/64 pixel (the pixels of the
    line drawn whole) a word is drawn again for most of its uses.
    """
    start = 0
    for word in drawn_words(line.text):
        if word:
            x = line.x + advance(line.font_file, line.size, line.text[:start])
            whole = math.floor(x)
            fraction = round((x - whole) * FRACTIONS)
            if fraction == FRACTIONS:
                whole, fraction = whole + 1, 0
            left, top, _right, _bottom = ink_box(line.font_file, line.size, word)
            yield (line.font_file, line.size, word, fraction), whole + left - 1, line.baseline + top
        start += len(word) + 1


def _word_mask(font_file, size, word, fraction):
    """A word's mask, drawn `fraction` (in FRACTIONS of a pixel) right of its origin, which is at
    (1 - left, -top) of the mask (the word's `ink_box`)."""
    font = load(font_file, size)
    left, top, right, bottom = ink_box(font_file, size, word)
    mask = Image.new("L", (right - left + 2, bottom - top + 1))
    ImageDraw.Draw(mask).text((1 - left + fraction / FRACTIONS, -top), word, font=font, fill=255, anchor="ls")
    return mask


@lru_cache(maxsize=512)
def _indexed_word(font_file, size, word, fraction, colour):
    """A word in `colour` as the palette's indices, and the mask of the pixels it touches."""
    mask = _word_mask(font_file, size, word, fraction)
    return mask.point(_to_index(colour)), mask.point(_INKED, "1")


_INKED = [0] + [255] * 255  # a word's mask as a paste mask: every pixel it touches


@lru_cache(maxsize=8)
def _to_index(colour):
    """Each of a mask's 256 values as the palette index of `colour` drawn at that value over the dark
    green: Pillow's own blend and mapping to the palette, so that a card drawn straight in the palette's
    indices has the pixels of one drawn in RGB and then mapped."""
    ramp = Image.new("L", (256, 1))
    ramp.putdata(range(256))
    image = Image.new("RGB", (256, 1), DARK)
    ImageDraw.Draw(image).bitmap((0, 0), ramp, fill=colour)
    return list(image.quantize(palette=_palette(), dither=Image.Dither.NONE).tobytes())


def _decorated(image, wordmark):
    """The background with what every card has: the gold rule at the top, the logo and the wordmark."""
    ImageDraw.Draw(image).rectangle((0, 0, WIDTH - 1, 7), fill=GOLD)
    logo = _logo(LOGO)
    image.paste(logo, (MARGIN, HEIGHT - BOTTOM - LOGO), logo)
    _write(image, wordmark)
    return image


@lru_cache(maxsize=4)
def _base_indices(wordmark):
    """A card without a photo before its own words, as the palette's indices (an "L" image, made a
    palette image by `putpalette`); one a language: the wordmark is the site's."""
    base = _decorated(Image.new("RGB", (WIDTH, HEIGHT), DARK), wordmark)
    paletted = base.quantize(palette=_palette(), dither=Image.Dither.NONE)
    return Image.frombytes("L", paletted.size, paletted.tobytes())


def _steps(start, end, count):
    """`count` colours from `start` towards `end`, `end` the last, `start` left out."""
    start, end = ImageColor.getrgb(start), ImageColor.getrgb(end)
    return [tuple(round(a + (b - a) * step / count) for a, b in zip(start, end)) for step in range(1, count + 1)]


@lru_cache(maxsize=1)
def _palette():
    """The 64 colours of a card without a photo: the dark green, then the steps from it to each colour
    drawn over it (text: 16 each), and from the logo's green to its strokes and to the dark corners."""
    colours = [ImageColor.getrgb(DARK)]
    colours += _steps(DARK, PAPER, 16) + _steps(DARK, GOLD, 16) + _steps(DARK, RIVER, 16)
    colours += _steps(DARK, GREEN, 4) + _steps(GREEN, GOLD, 6) + _steps(GREEN, RIVER, 5)
    assert len(colours) == 64
    palette = Image.new("P", (1, 1))
    palette.putpalette([channel for colour in colours for channel in colour])
    return palette


def _palette_data():
    return _palette().getpalette()[: 64 * 3]


def _photo_background(photo):
    with Image.open(photo) as source:
        source.draft("RGB", (WIDTH, HEIGHT))  # decode a large JPEG at a fraction of its size: faster
        source = source.convert("RGB")
        scale = max(WIDTH / source.width, HEIGHT / source.height)
        crop_w, crop_h = WIDTH / scale, HEIGHT / scale
        left, top = (source.width - crop_w) / 2, (source.height - crop_h) / 2
        image = source.resize((WIDTH, HEIGHT), Image.Resampling.LANCZOS,
                              box=(left, top, left + crop_w, top + crop_h), reducing_gap=3.0)
    scrim = Image.new("RGB", (WIDTH, HEIGHT), DARK)
    return Image.blend(image, scrim, SCRIM_ALPHA)


@lru_cache(maxsize=2)
def _logo(size):
    """The site's logo (theme/static/images/logo.svg: two roofs over the Daugava), drawn at 4× and reduced."""
    scale = size * 4 / 48
    big = Image.new("RGBA", (size * 4, size * 4), (0, 0, 0, 0))
    draw = ImageDraw.Draw(big)
    draw.rounded_rectangle((0, 0, size * 4 - 1, size * 4 - 1), radius=round(10 * scale), fill=GREEN)

    def stroke(points, colour):
        points = [(x * scale, y * scale) for x, y in points]
        draw.line(points, fill=colour, width=round(4 * scale), joint="curve")
        radius = 2 * scale
        for x, y in (points[0], points[-1]):  # round caps
            draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=colour)

    stroke([(9, 27), (16.5, 19), (24, 27), (31.5, 19), (39, 27)], GOLD)
    # M6 37 c6-4 12 4 18 0 s12-4 18 0: two cubic curves
    wave = []
    for start, c1, c2, end in (((6, 37), (12, 33), (18, 41), (24, 37)), ((24, 37), (30, 33), (36, 33), (42, 37))):
        for step in range(0 if not wave else 1, 25):
            t = step / 24
            wave.append(tuple(
                (1 - t) ** 3 * p0 + 3 * (1 - t) ** 2 * t * p1 + 3 * (1 - t) * t ** 2 * p2 + t ** 3 * p3
                for p0, p1, p2, p3 in zip(start, c1, c2, end)
            ))
    stroke(wave, RIVER)
    return big.resize((size, size), Image.Resampling.LANCZOS)


def _png(image):
    buffer = io.BytesIO()
    image.save(buffer, "PNG", compress_level=PNG_LEVEL)
    return buffer.getvalue()


def _jpeg(image):
    for quality in JPEG_QUALITIES:
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=quality, optimize=True, progressive=True)
        if buffer.tell() <= MAX_BYTES:
            break
    return buffer.getvalue()
