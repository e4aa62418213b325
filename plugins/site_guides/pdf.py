"""PDFs of the guides' print pages, rendered by WeasyPrint, offline and reproducible.

WeasyPrint lays out the print page as a printer would (the `print` media of
the site's own stylesheets). It never reaches the network: the site's files
are read from disk (theme files from the theme, by their fingerprinted
names), anything else is refused and reported. The PDF carries no date, so
the same page gives the same bytes.
"""

import logging
import mimetypes
from contextlib import contextmanager
from urllib.parse import urldefrag

__all__ = ["site_files", "render_pdf"]


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


def render_pdf(html, base_url, files):
    """(PDF bytes, [URLs refused]) of an HTML page whose resources are in `files`."""
    from weasyprint import HTML  # noqa: PLC0415 (a heavy import, only when PDFs are made)
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

    with _quiet():
        document = HTML(string=html, base_url=base_url, url_fetcher=SiteFetcher())
        pdf = document.write_pdf(pdf_tags=True)
    return pdf, refused
