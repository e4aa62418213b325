"""Pelican reads only the documents that changed: the others come from the last build.

Hooked into Pelican's own cache interface of its generators (get_cached_data,
cache_data, save_cache), which Pelican asks for every file whether or not its
content cache is on (CACHE_CONTENT stays off: its cache has no key but the
file's time, and pickles the settings with every document). The documents
are kept by sitebuilder.cache.documents, the one in the build context.

A document whose reading logged a warning is not kept, so the warning is
given again by every build until it is fixed. A hook with effects beyond the
object (site_photos remembers the photos a page uses) connects to
`content_restored`, sent for each restored object.
"""

import logging

from blinker import signal
from pelican import signals
from pelican.generators import ArticlesGenerator, PagesGenerator

from sitebuilder.context import current

__all__ = ["content_restored", "register"]

# Sent with each object restored from an earlier build (sender: the object).
content_restored = signal("site_incremental.content_restored")


class _Warnings(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.count = 0

    def emit(self, record):
        self.count += 1


def _attach(generator):
    if not isinstance(generator, (ArticlesGenerator, PagesGenerator)):
        return
    build = current()
    if build is None or build.documents is None:
        return
    settings, index, kept = generator.settings, build.index, build.documents
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
