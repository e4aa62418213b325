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
without the work. When the build starts from the site before the last one
(site_build's spare) and that site's files of the call have the same key,
they are left where they are. A new build is still a folder swapped in whole
(see site_build), so a failed build leaves the old site as it was; a file of
the new build is never written to in place (it may be a link to the live
site's): it is removed first and written anew.
"""

import dataclasses
import hashlib
import os

from pelican import signals
from pelican.contents import Content
from pelican.writers import Writer

from . import progress

# The kinds of document whose page shows no other story's or news item's front matter.
NARROW_KINDS = {"story"}

__all__ = ["IncrementalWriter", "records", "register", "remove_file"]

# What this process's writer did: {call: [key, [files relative to the site]]}.
_RECORDS = {}


def remove_file(root, relative):
    """Remove root/relative, and the folders it leaves empty up to root."""
    path = os.path.join(root, relative)
    try:
        os.unlink(path)
    except FileNotFoundError:
        return
    folder = os.path.dirname(path)
    while len(folder) > len(root):
        try:
            os.rmdir(folder)
        except OSError:  # not empty
            return
        folder = os.path.dirname(folder)


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


class _Keys:
    """Call keys; each document's text is hashed once per run."""

    def __init__(self, state):
        self.digest = state["digest"]
        self.narrow = state["narrow"]
        self.groups = state["groups"]
        self.states = state["states"]
        self.texts = {}

    def base(self, shown):
        """The build's digest for a call, and a document's own state for its own page."""
        if len(shown) != 1 or not isinstance(shown[0], Content):
            return self.digest
        item = shown[0]
        name = f"{getattr(item, 'section', '')}/{getattr(item, 'key', '')}"
        state = self.states.get(name, "")
        if getattr(item, "kind", None) in NARROW_KINDS and name in self.groups:
            return f"{self.narrow}/{self.groups[name]}/{state}"
        return f"{self.digest}/{state}"

    def text(self, content):
        found = self.texts.get(id(content))
        if found is None:
            text = getattr(content, "_content", "") or ""
            found = hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()
            self.texts[id(content)] = found
        return found

    def _walk(self, value, digest, depth=0):
        """The texts of documents, of a dataclass's documents (a guide's chapters), of a list."""
        if isinstance(value, Content):
            digest.update(self.text(value))
        elif depth < 3 and isinstance(value, (list, tuple)):
            for item in value:
                self._walk(item, digest, depth + 1)
        elif depth < 3 and dataclasses.is_dataclass(value) and not isinstance(value, type):
            for item in dataclasses.fields(value):
                self._walk(getattr(value, item.name), digest, depth + 1)

    def key(self, kind, name, template, shown):
        """The key of one call; `shown` are the documents (or lists of them) whose text it shows."""
        digest = hashlib.blake2b(digest_size=16)
        for part in (self.base(shown), kind, name, template):
            digest.update(str(part).encode("utf-8") + b"\0")
        for value in shown:
            self._walk(value, digest)
        return digest.hexdigest()


class IncrementalWriter(Writer):
    """Pelican's writer, linking the previous build's files where nothing they show changed."""

    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings=settings)
        state = settings["INCREMENTAL"]
        self.site = state["site"]  # the whole new site; this run writes below it
        self.previous = state["previous"]  # the last build's site folder, or None
        self.previous_calls = state["calls"]  # its records for this language
        self.previous_files = state["files"]  # its files: {path: [size, mtime_ns]}
        # The site before it, which this build started from (site_build's spare), and its records.
        self.spare_calls = state.get("spare_calls", {})
        self.spare_files = state.get("spare_files", {})
        self.keys = _Keys(state)
        self._writing = []  # the files the current call writes
        _RECORDS.clear()
        _RENDERED[0] = 0
        _PAGES[0] = progress.Pages(settings.get("DEFAULT_LANG", ""), state.get("expected"))

    def write_file(self, name, template, context, *args, **kwargs):
        if not name:
            return super().write_file(name, template, context, *args, **kwargs)
        shown = [
            value for value in kwargs.values()
            if isinstance(value, Content) or (dataclasses.is_dataclass(value) and not isinstance(value, type))
        ]
        key = self.keys.key("page", name, getattr(template, "name", template), shown)
        self._reuse_or(name, key, lambda: super(IncrementalWriter, self).write_file(
            name, template, context, *args, **kwargs))

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

    def _open_w(self, filename, encoding, override=False):
        if filename not in self._overridden_files:  # else Pelican skips it, writing to /dev/null
            self._writing.append(filename)
            _clear(filename)
        return super()._open_w(filename, encoding, override)

    def _reuse_or(self, call, key, render):
        _PAGES[0].add()
        if not self._reuse(call, key):
            self._writing = []
            result = render()
            written = sorted({os.path.relpath(path, self.site) for path in self._writing})
            _RENDERED[0] += 1
            _RECORDS[call] = [key, written]
            return result
        return None

    def _in_place(self, call, key):
        """True when the spare this build started from has the files of this call, unchanged."""
        recorded = self.spare_calls.get(call)
        if recorded is None or recorded[0] != key:
            return False
        for relative in recorded[1]:
            try:
                stat = os.stat(os.path.join(self.site, relative))
            except OSError:
                return False
            if [stat.st_size, stat.st_mtime_ns] != self.spare_files.get(relative):
                return False
        return True

    def _reuse(self, call, key):
        """Keep or link the files of an unchanged call; False when it must render."""
        if self._in_place(call, key):
            for relative in self.spare_calls[call][1]:
                self._written_files.add(os.path.join(self.site, relative))
            _RECORDS[call] = [key, self.spare_calls[call][1]]
            return True
        for relative in self.spare_calls.get(call, (None, ()))[1]:  # out of date: made anew below
            remove_file(self.site, relative)
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
        _RECORDS[call] = [key, files]
        return True


def _clear(path):
    """Never write into a file of the spare: it may be a link to the live site's file."""
    if os.path.lexists(path):
        os.unlink(path)


def incremental_writer(pelican):
    if pelican.settings.get("INCREMENTAL"):
        return IncrementalWriter
    return None


def register():
    signals.get_writer.connect(incremental_writer)
