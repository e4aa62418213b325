"""Render only what changed: a writer that reuses the previous build's files.

Every call a generator makes to write a page (`write_file`) or a feed
(`write_feed`) gets a key, a hash of
  - the build's digest: settings, theme, plugins, installed packages, the
    day of the build, the photos, and every document's front matter,
    address (site_content's `ContentIndex.digests`), and for a document's
    own page its translation and publication state (only that page says
    that a translation is out of date, or that it is a draft). A story's
    page has a narrower one: of the stories and news only its own front
    matter (in every language) counts, as it never shows another story's
    or news item's title or date (a news report does: it links its meeting);
  - the output name and the template;
  - the text (HTML made of the Markdown) of the documents whose text the
    page or feed shows: the document of a page (`article`, `page`, a
    guide's chapters on its print page) and the items of a feed.
Everything else a template can reach (titles, summaries, dates, addresses,
communities of every document) is in the build's digest. That is the rule
the theme keeps: a list shows of its items only what their front matter
says (`summary` is required, so Pelican never makes one of the text).
Editing a story's text re-renders its page and the feeds that hold it;
editing its front matter re-renders its pages and every list; adding or
removing a document, a template or a setting re-renders everything.

When a call's key is the one the previous build of the same output recorded,
and the files that call wrote are still there as that build left them, they
are hard-linked into the new build instead of rendered: the same bytes,
without the work. A new build is still a folder swapped in whole
(sitebuilder.pipeline), so a failed build leaves the old site as it was.

Each call's record also holds what the sitemap needs of a page (its
language alternates, `sitemap_entry`), kept with the call when its files are
reused: the sitemap is made of these records, never of the pages read back.

The text of a document is its HTML as read (Pelican's private content, the HTML
before Pelican's link substitution), read through sitebuilder.internals.
"""

import dataclasses
import os
import re

from pelican import signals
from pelican.contents import Content

from sitebuilder import progress
from sitebuilder.cache.keys import CallKeys
from sitebuilder.context import current
from sitebuilder.internals.pelican import TrackingWriter
from site_languages import alternates_for

__all__ = ["IncrementalWriter", "records", "register", "sitemap_entry"]

# What this process's writer did: {call: [key, [files relative to the site], sitemap entry or None]}.
_RECORDS = {}


def records():
    return dict(_RECORDS)


def rendered():
    """How many of this run's writes were rendered, not reused."""
    return _RENDERED[0]


_RENDERED = [0]
_PAGES = [progress.Pages("")]  # this run's count of writes, for progress reports


def finish_progress():
    """Report this run's writes as all done (progress.py)."""
    _PAGES[0].finish(_RENDERED[0])


class IncrementalWriter(TrackingWriter):
    """Pelican's writer, linking the previous build's files where nothing they show changed."""

    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings=settings)
        state = current().incremental
        self.site = state.site  # the whole new site; this run writes below it
        self.previous = state.previous  # the last build's site folder, or None
        self.previous_calls = state.calls  # its records for this language
        self.previous_files = state.files  # its files: {path: [size, mtime_ns]}
        self.keys = CallKeys(state)
        self._writing = []  # the files the current call writes
        _RECORDS.clear()
        _RENDERED[0] = 0
        _PAGES[0] = progress.Pages(settings.get("DEFAULT_LANG", ""), state.expected)

    def write_file(self, name, template, context, *args, **kwargs):
        if not name:
            return super().write_file(name, template, context, *args, **kwargs)
        shown = [
            value for value in kwargs.values()
            if isinstance(value, Content) or (dataclasses.is_dataclass(value) and not isinstance(value, type))
        ]
        key = self.keys.key("page", name, getattr(template, "name", template), shown)
        self._reuse_or(name, key, lambda: super(IncrementalWriter, self).write_file(
            name, template, context, *args, **kwargs), lambda: sitemap_entry(self.settings, name, kwargs, self._site_path(name)))

    def write_feed(self, elements, context, path=None, *args, **kwargs):
        if not path:
            return super().write_feed(elements, context, path, *args, **kwargs)
        key = self.keys.key("feed", path, repr((args, sorted(kwargs.items()))), [list(elements)])
        return self._reuse_or(path, key, lambda: super(IncrementalWriter, self).write_feed(
            elements, context, path, *args, **kwargs))

    def write_data(self, name, make):
        """Write the bytes `make()` returns at `name` (below this run's output), unless the
        previous build wrote them from the same front matter: for files a plugin makes
        of the documents' front matter alone (calendars).
        """
        key = self.keys.key("data", name, "", [])
        path = os.path.join(self.output_path, *name.split("/"))

        def write():
            data = make()
            os.makedirs(os.path.dirname(path), exist_ok=True)
            _clear(path)
            self._writing.append(path)
            self._written_files.add(path)
            with open(path, "wb") as f:
                f.write(data)

        self._reuse_or(name, key, write)

    def _site_path(self, name):
        """A path below this run's output as a path below the whole site."""
        return os.path.relpath(os.path.join(self.output_path, *name.split("/")), self.site).replace(os.sep, "/")

    def opening(self, filename):
        self._writing.append(filename)
        _clear(filename)

    def _reuse_or(self, call, key, render, entry=None):
        _PAGES[0].add()
        if not self._reuse(call, key):
            self._writing = []
            result = render()
            written = sorted({os.path.relpath(path, self.site) for path in self._writing})
            _RENDERED[0] += 1
            _RECORDS[call] = [key, written, entry() if entry is not None else None]
            return result
        return None

    def _reuse(self, call, key):
        """Link the files of an unchanged call from the last build; False when it must render."""
        recorded = self.previous_calls.get(call)
        if self.previous is None or recorded is None or recorded[0] != key:
            return False
        files = recorded[1]
        for relative in files:
            try:
                stat = os.stat(os.path.join(self.previous, relative))
            except OSError:
                return False
            if [stat.st_size, stat.st_mtime_ns] != self.previous_files.get(relative):
                return False  # changed by hand since: render it again
        for relative in files:
            target = os.path.join(self.site, relative)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            _clear(target)
            os.link(os.path.join(self.previous, relative), target)
            self._written_files.add(target)
        _RECORDS[call] = [key, files, recorded[2] if len(recorded) > 2 else None]
        return True


PAGINATED = re.compile(r"(^|/)\d+/index\.html$")


def sitemap_entry(settings, name, kwargs, path):
    """What the sitemap lists of a page written at `name`: (its path in the site, [(hreflang,
    href)] of its available languages), or None for what it does not list (error pages, pages
    written with `noindex=True`, files that are not a folder's index.html); a paginated list is
    listed by its first page. The same
    alternates as the page's <head> (base.html): passed to the template, the document's own, a
    section's or the home page's."""
    if not name.endswith("index.html") or name != "index.html" and not name.endswith("/index.html"):
        return None
    if PAGINATED.search(name) or kwargs.get("error_page") or kwargs.get("noindex"):
        return None
    alternates = kwargs.get("alternates")
    if alternates is None:
        item = kwargs.get("article") or kwargs.get("page")
        if item is not None:
            alternates = getattr(item, "alternates", None)
        elif kwargs.get("section"):
            alternates = alternates_for(settings, section=kwargs["section"])
        else:
            alternates = alternates_for(settings)
    if alternates is None:
        return None
    found = [(entry.lang, entry.href) for entry in alternates if entry.available]
    default = settings.get("SITE_DEFAULT_LANG", settings["DEFAULT_LANG"])
    return path, found + [("x-default", href) for lang, href in found if lang == default]


def _clear(path):
    """Never write into a file in place: it may be a link to the live site's file."""
    if os.path.lexists(path):
        os.unlink(path)


def incremental_writer(pelican):
    build = current()
    if build is not None and build.incremental is not None:
        return IncrementalWriter
    return None


def register():
    signals.get_writer.connect(incremental_writer)
