"""The keys of what the incremental build reuses: every page write and the digests they start from.

What a page depends on is split in two (see site_incremental.writer): the
digests of what every page may show (settings, code, theme, photos, every
document's front matter and address: `pages_digests`), and the texts of the
documents the page itself shows (`CallKeys.key`).
"""

import dataclasses
import hashlib

from pelican.contents import Content

from sitebuilder.internals.pelican import content_html

from . import key as cache_key
from .documents import NARROW_KINDS
from .fresh import hash_tree

__all__ = ["CallKeys", "pages_digests"]


def pages_digests(code, index, settings):
    """What pages depend on but the documents' text: {"digest", "narrow", "groups", "states"}.

    code: the digest of settings, theme, plugins and packages (fresh.fingerprint without content).
    """
    files = hashlib.blake2b(digest_size=16)
    # The photos and other files beside the documents: the pages show their sizes and names.
    hash_tree(files, settings["PATH"], skip=set(index.files) | index.unreadable)
    shared, meta, states = index.digests()
    narrow = cache_key(code, files.hexdigest(), shared)
    full = cache_key(narrow, tuple(sorted(meta.items())))
    return {"digest": full, "narrow": narrow, "groups": meta, "states": states}



class CallKeys:
    """Call keys; each document's text is hashed once per run."""

    def __init__(self, state):
        self.digest = state.digest
        self.narrow = state.narrow
        self.groups = state.groups
        self.states = state.states
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
            found = self.texts[id(content)] = cache_key(content_html(content))
        return found

    def _walk(self, value, texts, depth=0):
        """The texts of documents, of a dataclass's documents (a guide's chapters), of a list."""
        if isinstance(value, Content):
            texts.append(self.text(value))
        elif depth < 3 and isinstance(value, (list, tuple)):
            for item in value:
                self._walk(item, texts, depth + 1)
        elif depth < 3 and dataclasses.is_dataclass(value) and not isinstance(value, type):
            for item in dataclasses.fields(value):
                self._walk(getattr(value, item.name), texts, depth + 1)

    def key(self, kind, name, template, shown):
        """The key of one call; `shown` are the documents (or lists of them) whose text it shows."""
        texts = []
        for value in shown:
            self._walk(value, texts)
        return cache_key(self.base(shown), kind, name, str(template), tuple(texts))
