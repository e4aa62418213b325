"""PDFs of the guides' print pages, rendered by WeasyPrint, offline and reproducible.

WeasyPrint lays out the print page as a printer would (the `print` media of
the site's own stylesheets). It never reaches the network: the site's files
are read from disk (theme files from the theme, by their fingerprinted
names), anything else is refused and reported. The PDF carries no date, so
the same page gives the same bytes.

Nor does it depend on the machine's fonts: Fontconfig, through which Pango finds
fonts, is given a configuration of its own that knows only the theme's folder of
PDF fonts (`pdf-fonts/`, DejaVu Sans and Sans Mono), every generic family (serif,
sans-serif, monospace, system-ui) and any family the theme names resolving to
them. Measured: with the system's Fontconfig, a page with italics gave other
PDF bytes on a Debian with fonts-dejavu-core alone than on one with
fonts-dejavu-extra too (slanted regular glyphs, not DejaVu Sans Oblique); with
this configuration both give the same bytes (tests/test_reproducible.py).
"""

import logging
import mimetypes
import os
import tempfile
from contextlib import contextmanager
from xml.sax.saxutils import escape
from urllib.parse import urldefrag

__all__ = ["site_files", "render_pdf", "fontconfig_file"]


def site_files(site_root, theme_dir, theme_assets, theme_static, static_content):
    """{absolute URL: file on disk} of what a page of the site may load.

    theme_assets: {relative: fingerprinted relative} (theme_assets plugin);
    static_content: Pelican's Static objects (`.url`, `.source_path`).
    """
    files = {
        f"{site_root}/{theme_dir}/{named}": f"{theme_static}/{relative}"
        for relative, named in theme_assets.items()
    }
    # the theme's files under their own names too: a stylesheet names its fonts so (site.css)
    files.update({f"{site_root}/{theme_dir}/{relative}": f"{theme_static}/{relative}" for relative in theme_assets})
    for static in static_content:
        files[f"{site_root}/{static.url}"] = static.source_path
    return files


@contextmanager
def _quiet(name="weasyprint"):
    """Silence WeasyPrint: it logs every CSS property it skips (screen-only ones), and
    the resources it could not load are reported by the caller."""
    weasy_logger = logging.getLogger(name)
    level = weasy_logger.level
    weasy_logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        weasy_logger.setLevel(level)


def fontconfig_file(font_dir, cache_dir):
    """A Fontconfig configuration (XML text) that sees the fonts of `font_dir` and nothing else."""
    aliases = "".join(
        f"<alias binding=\"same\"><family>{generic}</family><prefer><family>{family}</family></prefer></alias>"
        for generic, family in (("sans-serif", "DejaVu Sans"), ("serif", "DejaVu Sans"),
                                ("system-ui", "DejaVu Sans"), ("monospace", "DejaVu Sans Mono"))
    )
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n<fontconfig>'
        f"<dir>{escape(os.path.abspath(font_dir))}</dir><cachedir>{escape(os.path.abspath(cache_dir))}</cachedir>"
        f"{aliases}</fontconfig>\n"
    )


@contextmanager
def _own_fonts(font_dir):
    """WeasyPrint's FontConfiguration over `font_dir` alone (None: the system's fonts).

    Fontconfig reads FONTCONFIG_FILE when WeasyPrint loads its configuration, so the
    variable is set for that moment only.
    """
    from weasyprint.text.fonts import FontConfiguration  # noqa: PLC0415

    if not font_dir or not os.path.isdir(font_dir):
        yield FontConfiguration()
        return
    with tempfile.TemporaryDirectory(prefix="pdf-fonts-") as folder:
        config = os.path.join(folder, "fonts.conf")
        with open(config, "w", encoding="utf-8") as f:
            f.write(fontconfig_file(font_dir, os.path.join(folder, "cache")))
        before = os.environ.get("FONTCONFIG_FILE")
        os.environ["FONTCONFIG_FILE"] = config
        try:
            font_config = FontConfiguration()
        finally:
            if before is None:
                del os.environ["FONTCONFIG_FILE"]
            else:
                os.environ["FONTCONFIG_FILE"] = before
        yield font_config


def render_pdf(html, base_url, files, font_dir=None, fits=None):
    """(PDF bytes, [URLs refused]) of an HTML page whose resources are in `files`.

    font_dir: the only fonts the PDF may use (the theme's `pdf-fonts/`); None: the system's.
    fits: a test of the laid-out document (WeasyPrint's, e.g. its `pages`); when it
    fails, no PDF is written and the bytes are None.
    """
    from weasyprint import DEFAULT_OPTIONS, HTML  # noqa: PLC0415 (a heavy import, only when PDFs are made)
    from weasyprint.urls import URLFetcher, URLFetcherResponse  # noqa: PLC0415

    refused = []

    class SiteFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            path = files.get(urldefrag(url)[0])
            if path is None:
                refused.append(url)
                raise ValueError(f"{url} is not a file of this site")
            with open(path, "rb") as f:
                body = f.read()
            kind = mimetypes.guess_type(path)[0] or "application/octet-stream"
            return URLFetcherResponse(url, body, {"Content-Type": kind})

    with _quiet(), _own_fonts(font_dir) as font_config:
        document = HTML(string=html, base_url=base_url, url_fetcher=SiteFetcher())
        options = dict(DEFAULT_OPTIONS, pdf_tags=True)  # as HTML.write_pdf does it, in two steps
        laid_out = document.render(font_config=font_config, **options)
        if fits is not None and not fits(laid_out):
            return None, refused
        pdf = laid_out.write_pdf(**options)
    return pdf, refused
