"""Keep the documents Pelican read for the next build: only changed ones are read again.

Every run turns each content file into a Pelican Content object: our reader,
Pelican's metadata processing and the content_object_init hooks (translation
links, photos). With the Markdown HTML kept (site_content.markdown_cache) this
is still ~0.4 ms a document, and most of a rebuild after one edit when a site
has thousands. A document's object depends on its file, on the front matter
of its own translations, on its state (an out-of-date translation, held back
in a preview) and on what every page depends on (settings, theme, plugins,
photos: the build's digests, see incremental.py). Those are its key here; an
object read with the same key is unpickled instead of read. A story's object
has the narrow digest, as its page (NARROW_KINDS): another story's or news
item's front matter is not part of it.

An object is kept as it was right after it was read, before the generators
link translations and lists to it. The settings, the build context and
Pelican's URL wrappers (a category, an author) are not pickled with it but
named, and restored as this run's own: a restored object belongs to this run
as a read one does. A document whose reading logged a warning is not kept,
so the warning is given again by every build until it is fixed. A hook with
effects beyond the object (site_photos remembers the photos a page uses)
connects to `content_restored`, sent for each restored object.

Hooked into Pelican's own cache interface of its generators (get_cached_data,
cache_data, save_cache), which Pelican asks for every file whether or not its
content cache is on (CACHE_CONTENT stays off: its cache has no key but the
file's time, and pickles the settings with every document).
"""

import fnmatch
import hashlib
import io
import logging
import os
import pickle
import re

from blinker import signal
from pelican import signals
from pelican.generators import ArticlesGenerator, PagesGenerator
from pelican import urlwrappers
from pelican.urlwrappers import URLWrapper

from site_content.kept import Kept
from site_content.markdown_cache import body_key

from .incremental import NARROW_KINDS

__all__ = ["KeptDocuments", "content_restored", "register"]

BODY_KEY_SIZE = 16  # an entry: the key of its body's HTML (markdown_cache), then the object

# Sent with each object restored from an earlier build (sender: the object).
content_restored = signal("site_build.content_restored")


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

    def __init__(self, path, namespace, state):
        super().__init__(path, namespace)
        self.digest = state["digest"]
        self.narrow = state["narrow"]
        self.groups = state["groups"]
        self.states = state["states"]
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
        digest = hashlib.blake2b(f"{base}\0{self.states.get(name, '')}\0{source}\0".encode(), digest_size=20)
        digest.update(data)
        return digest.digest()

    def restore(self, key, settings, context):
        self.asked += 1
        found = self._entries_get(key)
        if found is None:
            return None
        markdown = settings.get("MARKDOWN_CACHE")
        if markdown is not None:  # its HTML is still in use: kept for the next reading of it
            markdown.touch(found[:BODY_KEY_SIZE])

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


class _Warnings(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.count = 0

    def emit(self, record):
        self.count += 1


def include_path(generator):
    """Pelican's Generator._include_path for `generator`, with IGNORE_FILES matched by one
    regular expression instead of fnmatch per pattern per file (a tenth of a rebuild's
    reading, for the same answers: tests/test_incremental.py compares them)."""
    ignores = [fnmatch.translate(os.path.normcase(pattern)) for pattern in generator.settings["IGNORE_FILES"]]
    ignored = re.compile("|".join(ignores)).match if ignores else None
    readable = []

    def _include_path(path, extensions=None):
        if extensions is None:
            if not readable:
                readable.append(tuple(generator.readers.extensions))
            extensions = readable[0]
        basename = os.path.basename(path)
        if ignored is not None and ignored(os.path.normcase(basename)):
            return False
        return extensions is False or os.path.splitext(basename)[1][1:] in extensions

    return _include_path


def _attach(generator):
    readers = getattr(generator, "readers", None)
    if readers is not None:
        generator._include_path = include_path(generator)
        if not readers.disabled_extensions:
            # Pelican walks the content folders once more to warn of files no enabled
            # reader reads; with every reader enabled the walk finds nothing.
            generator._check_disabled_readers = lambda paths, exclude=None: None
    if not isinstance(generator, (ArticlesGenerator, PagesGenerator)):
        return
    settings = generator.settings
    state = settings.get("KEPT_DOCUMENTS")
    index = settings.get("SITE_INDEX")
    if state is None or index is None:
        return
    kept = state["kept"]
    context = generator.context
    warnings = _Warnings()
    logging.getLogger().addHandler(warnings)
    pending = {}
    root = settings["PATH"]

    def get_cached_data(filename, default=None):
        source = filename.replace("\\", "/")
        if source.startswith(root):
            source = source[len(root) + 1:]
        key = kept.key(index, source)
        if key is None:
            return default
        content = kept.restore(key, settings, context)
        if content is None:
            pending[filename] = (key, warnings.count, source)
            return default
        content_restored.send(content)
        return content

    def cache_data(filename, data):
        key, count, source = pending.pop(filename, (None, None, None))
        if key is not None and count == warnings.count:
            kept.keep(key, data, settings, context, index.body(source))

    def save_cache():
        logging.getLogger().removeHandler(warnings)

    generator.get_cached_data = get_cached_data
    generator.cache_data = cache_data
    generator.save_cache = save_cache


def register():
    signals.generator_init.connect(_attach)
