"""A poster's PDF: laid out on one A4 sheet, rendered by WeasyPrint as the guides' PDFs are, cached.

The guides' renderer (site_guides.pdf) is used, with a test of the layout: offline (the
poster loads nothing but its heading font, from the theme), the theme's own
PDF fonts only, no date in the PDF, so the same poster gives the same bytes.

Fitting: the title starts large and steps down, never below 36 pt (read
from 2 m); only then is the summary left out, and then the rest made
smaller. LADDER's first step that lays out on one sheet is taken: WeasyPrint
lays a poster out in about 0.25 s of CPU, so each step tried costs that much.
Measured: the fixture meetings' short titles stay at 60 pt (one layout); the
bench corpus's meetings (titles of some 50 characters, a sentence of
summary) took 2.25 layouts a poster, 0.5 s of CPU; a title of 200
characters (the longest the content check allows) fits only at the last,
compact step. A poster is made once: the cache gives it back in a
millisecond on every later build.
"""

import hashlib
import os

from sitebuilder.cache import key, store

__all__ = ["LADDER", "FORMAT", "engine", "fonts_digest", "make_poster"]

# (title size in pt, with the summary, compact), tried in order; compact: the facts and the
# QR code smaller, for a title near the longest the content check allows.
LADDER = ((60, True, False), (48, True, False), (40, True, False), (36, True, False),
          (36, False, False), (36, False, True))
# Changes with the way a poster is made here (not with the template, which is in its HTML).
FORMAT = "poster-1"


def engine():
    """The versions that decide a PDF's bytes besides its HTML and fonts: WeasyPrint, pydyf,
    and Debian's Pango, HarfBuzz and Fontconfig (as loaded; "" where one cannot be asked)."""
    import ctypes  # noqa: PLC0415
    import ctypes.util  # noqa: PLC0415

    import pydyf  # noqa: PLC0415
    import weasyprint  # noqa: PLC0415
    from weasyprint.text.ffi import pango  # noqa: PLC0415

    def native(library, function, result=ctypes.c_int):
        try:
            call = getattr(ctypes.CDLL(ctypes.util.find_library(library)), function)
        except (OSError, AttributeError, TypeError):
            return ""
        call.restype = result
        value = call()
        return value.decode() if isinstance(value, bytes) else str(value)

    return (weasyprint.__version__, pydyf.__version__, str(pango.pango_version()),
            native("harfbuzz", "hb_version_string", ctypes.c_char_p), native("fontconfig", "FcGetVersion"))


def fonts_digest(paths):
    """A digest of the bytes of the font files (every file of the folders given, and files)."""
    digest = hashlib.blake2b(digest_size=16)
    for path in paths:
        files = [os.path.join(path, name) for name in sorted(os.listdir(path))] if os.path.isdir(path) else [path]
        for name in files:
            if os.path.isfile(name):
                with open(name, "rb") as f:
                    digest.update(os.path.basename(name).encode() + b"\0" + hashlib.blake2b(f.read()).digest())
    return digest.hexdigest()


def make_poster(settings, html_at, base_url, files, font_dir, fixed):
    """(PDF bytes, [URLs refused], one sheet?) of a poster, from the cache when it was made before.

    html_at(title_size, with_summary, compact): the poster's HTML at a step of LADDER;
    fixed: a digest of what else decides the bytes (fonts_digest, engine).
    A poster that fits no step is made at the last one, over more than one sheet.
    """
    from site_guides.pdf import render_pdf  # noqa: PLC0415 (WeasyPrint only when needed)

    first = html_at(*LADDER[0])
    entry = key(FORMAT, first, fixed)
    cache = store(settings, "posters")
    pdf = cache.get(entry)
    if pdf is not None:
        return pdf, [], True
    refused, sheets = set(), []
    for number, step in enumerate(LADDER):
        last = number == len(LADDER) - 1

        def fits(document, last=last):
            sheets.append(len(document.pages))
            return last or sheets[-1] == 1

        pdf, missing = render_pdf(first if number == 0 else html_at(*step), base_url, files, font_dir, fits=fits)
        refused.update(missing)
        if pdf is not None:
            break
    one_sheet = sheets[-1] == 1
    if one_sheet and not refused:
        cache.put(entry, pdf)  # one that does not fit is made again, and said again, each build
    return pdf, sorted(refused), one_sheet
