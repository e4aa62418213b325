"""Pelican's private parts that the build uses, for Pelican 4.12.0 only.

- `Writer._open_w(filename, encoding, override)`: where Pelican opens each file
  it writes; the incremental writer (site_incremental) learns there which files
  a write made. No public hook tells it (`content_written` is not sent for feeds).
- `Content._content`: a document's HTML as read, before Pelican replaces
  {static}/{filename} links with the page's addresses. Read as the document's
  text for the incremental build's keys (the public `content` property would
  substitute the links each time); written by site_photos, which rewrites a
  page's photos before Pelican's substitution (there is no public setter).
"""

import pelican
from pelican.writers import Writer

from . import require

WRITTEN_FOR = "4.12.0"
require("Pelican", pelican.__version__, WRITTEN_FOR)

__all__ = ["TrackingWriter", "content_html", "set_content_html"]


class TrackingWriter(Writer):
    """Pelican's writer, telling `opening(filename)` of each file it is about to write."""

    def opening(self, filename):
        """Called before Pelican opens `filename` to write it (not for a file it skips)."""

    def _open_w(self, filename, encoding, override=False):
        if filename not in self._overridden_files:  # else Pelican skips it, writing to /dev/null
            self.opening(filename)
        return super()._open_w(filename, encoding, override)


def content_html(content):
    """A document's HTML before link substitution ("" when it has none)."""
    return getattr(content, "_content", "") or ""


def set_content_html(content, html):
    """Replace a document's HTML before link substitution."""
    content._content = html
