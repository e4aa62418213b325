"""Documents Pelican read, kept for the next build: only changed ones are read again.

Every run turns each content file into a Pelican Content object: our reader,
Pelican's metadata processing and the content_object_init hooks (translation
links, photos). Even with the Markdown HTML kept (sitebuilder.cache.markdown)
that is most of a rebuild after one edit when a site has thousands. A document's object depends on its file, on the front matter
of its own translations, on its state (an out-of-date translation, held back
in a preview) and on what every page depends on (settings, theme, plugins,
photos: the build's digests, see site_incremental.writer). Those are its key;
an object read with the same key is unpickled instead of read. A story's
object has the narrow digest, as its page (NARROW_KINDS): another story's or
news item's front matter is not part of it.

An object is kept as it was right after it was read, before the generators
link translations and lists to it. The settings, the Pelican context and
Pelican's URL wrappers (a category, an author) are not pickled with it but
named, and restored as this run's own: a restored object belongs to this run
as a read one does. An object that cannot be pickled is read again next time.
"""

import io
import pickle

from pelican import urlwrappers
from pelican.urlwrappers import URLWrapper

from . import key as cache_key
from .kept import Kept
from .markdown import body_key

__all__ = ["KeptDocuments", "NARROW_KINDS"]

# The kinds of document whose page shows no other story's or news item's front matter.
NARROW_KINDS = {"story"}
BODY_KEY_SIZE = 16  # an entry: the key of its body's HTML (markdown), then the object


class _Pickler(pickle.Pickler):
    """Pickles a document with its run's settings and context by name, its URL wrappers by name."""

    def __init__(self, file, names):
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.names = names  # {id(object): name}

    def persistent_id(self, obj):
        if isinstance(obj, URLWrapper):
            return (type(obj).__name__, obj.name)
        return self.names.get(id(obj))


class _Unpickler(pickle.Unpickler):
    """Restores what _Pickler named through `named(pid)` (a method: Python 3.13 forbids setting it)."""

    def __init__(self, file, named):
        super().__init__(file)
        self.named = named

    def persistent_load(self, pid):
        return self.named(pid)


class KeptDocuments(Kept):
    """{document key: pickled Content object} of one content folder and language."""

    def __init__(self, path, namespace, state, markdown=None):
        super().__init__(path, namespace)
        self.digest = state.digest
        self.narrow = state.narrow
        self.groups = state.groups
        self.states = state.states
        self.markdown = markdown  # the Markdown cache whose entries the kept documents hold
        self.wrappers = {}  # one category or author object per name, as a read makes
        self.asked = self.restored = 0  # documents of this run, and of them restored

    def key(self, index, source):
        document = index.documents.get(source)
        data = index.data.get(source)
        if document is None or data is None:
            return None
        name = f"{document.section}/{document.key}"
        base = self.digest
        if document.kind in NARROW_KINDS and name in self.groups:
            base = f"{self.narrow}/{self.groups[name]}"
        return cache_key(base, self.states.get(name, ""), source, data)

    def restore(self, key, settings, context):
        self.asked += 1
        found = self._entries_get(key)
        if found is None:
            return None
        if self.markdown is not None:  # its HTML is still in use: kept for the next reading of it
            self.markdown.touch(found[:BODY_KEY_SIZE])

        def named(pid):
            if pid == "settings":
                return settings
            if pid == "context":
                return context
            if pid not in self.wrappers:
                cls, name = pid
                self.wrappers[pid] = getattr(urlwrappers, cls)(name, settings)
            return self.wrappers[pid]

        content = _Unpickler(io.BytesIO(memoryview(found)[BODY_KEY_SIZE:]), named).load()
        self.restored += 1
        return content

    def _entries_get(self, key):
        if self._entries is None:
            self._load()
        found = self._entries.get(key)
        if found is not None:
            self._used[key] = found
        return found

    def keep(self, key, content, settings, context, body):
        """Keep a document just read; `body` is its Markdown."""
        buffer = io.BytesIO()
        buffer.write(body_key(body))
        try:
            _Pickler(buffer, {id(settings): "settings", id(context): "context"}).dump(content)
        except (pickle.PicklingError, TypeError, AttributeError):
            return  # read again next time
        self._used[key] = buffer.getvalue()
        self.made += 1
