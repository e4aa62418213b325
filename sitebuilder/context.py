"""What one build knows, made once by the pipeline and read by the plugins.

Pelican's settings hold settings, and each keeps Pelican's meaning in every
phase: in a language's run SITEURL is the address of the site that run
builds (that language's, e.g. https://example.org/en), OUTPUT_PATH its folder.
Everything else a build makes or finds and the plugins need (the content
index, the photos prepared once for all languages, the caches, what the last
build left) is here, in one frozen object, set before the runs start
(`use`) and read with `current()`. The languages' runs are forked from the
process that set it, so each sees the same object without it being copied
into settings or pickled.

A plain `pelican` run, without this package's pipeline, has no context until
site_content's `initialized` hook makes one of its settings (`for_settings`).
"""

from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Optional

__all__ = ["BuildContext", "Incremental", "current", "use", "site_root"]


@dataclass(frozen=True)
class Incremental:
    """What a language's run needs to reuse the last build's files (site_incremental)."""

    site: str  # the folder of the whole new site; a run writes below it
    digest: str  # what every page depends on but documents' texts (cache.keys.pages_digests)
    narrow: str  # the same without other stories' front matter (a story's own page)
    groups: dict  # {"section/key": digest of the front matter of a document's translations}
    states: dict  # {"section/key": a document's publication state}
    previous: Optional[str] = None  # the last build's site folder, None for a first build
    calls: dict = field(default_factory=dict)  # its record of this language's writes: {call: [key, files]}
    files: dict = field(default_factory=dict)  # its files: {path: [size, mtime_ns]}
    expected: int = 0  # how many writes this run will make, for the progress lines


@dataclass(frozen=True)
class BuildContext:
    site_root: str  # the address of the site's root ("" in development: root-relative links)
    index: Any  # site_content.ContentIndex: every document, read and checked once
    photos: Any = None  # site_photos' catalogue, prepared once for every language
    photo_records: Any = None  # site_photos' records (consent, captions) of the photos
    lang: Optional[str] = None  # the language of the run, None before the runs
    markdown: Any = None  # sitebuilder.cache.markdown.MarkdownCache of the run's language
    documents: Any = None  # site_incremental.documents.KeptDocuments of the run's language
    incremental: Optional[Incremental] = None


_CURRENT = [None]


def current():
    """The build's context, or None outside a build."""
    return _CURRENT[0]


@contextmanager
def use(context):
    """Make `context` the current one for the duration of the block."""
    before = _CURRENT[0]
    _CURRENT[0] = context
    try:
        yield context
    finally:
        _CURRENT[0] = before


def set_current(context):
    """Make `context` the current one for the rest of the process (a plain `pelican` run)."""
    _CURRENT[0] = context


def site_root(settings):
    """The address of the site's root: the context's, or a plain run's SITEURL."""
    context = current()
    return context.site_root if context is not None else settings["SITEURL"]
