"""The HTML of each Markdown body, kept between builds (see kept.py).

Converting Markdown is most of the work of reading a file. The HTML depends
only on the body and on the Markdown settings (extensions, the version of
Python-Markdown, and the code of this package, which has extensions of its
own): those are the key. A build converts only new or edited
bodies. One file per content folder and language (site_build names it).

On a first build every body is new: `convert_ahead` converts them on every
core before the languages' runs start, in small batches that a faster core
takes more of, so that the runs, one per language, only look them up. Converted
in the runs, Markdown made each run's time depend on the speed of the core it
got: on the 2-core development machine, whose cores differ by up to 1.7 times,
the Latvian run ended 1.3 to 1.9 s after the English one (the same work, counted
in instructions), one core idle meanwhile.
"""

import hashlib
import json
import multiprocessing
import os
import pickle

import markdown

from .kept import Kept

__all__ = ["MarkdownCache", "body_key", "convert_ahead"]

AHEAD_MIN = 200  # bodies to convert; fewer are converted as they are read


def body_key(body):
    """The key of a body's HTML."""
    return hashlib.blake2b(body.encode("utf-8"), digest_size=16).digest()


class MarkdownCache(Kept):
    def __init__(self, path, markdown_settings):
        from .index import kept_namespace  # noqa: PLC0415

        namespace = json.dumps(
            [markdown.__version__, kept_namespace(), markdown_settings], sort_keys=True, default=repr
        )
        super().__init__(path, namespace)

    def convert(self, body, make_parser):
        """The HTML of `body`; when not kept, converted with `make_parser()` (a Markdown instance)."""
        key = body_key(body)
        html = self.get(key)
        if html is None:
            parser = make_parser()
            parser.reset()
            html = parser.convert(body)
            self.put(key, html)
        return html


def convert_ahead(caches, markdown_settings, minimum=AHEAD_MIN):
    """Convert on every core the bodies of `caches` ([(MarkdownCache, a function giving its bodies)]).

    Only for caches that have no file yet (a first build, or a new cache):
    looking into a kept file would load it in this process, which a rebuild
    that reads a few files never needs. Returns the number of bodies converted.
    """
    todo, wanted = {}, []
    for cache, bodies in caches:
        if os.path.exists(cache.path):
            continue
        for body in bodies():
            key = body_key(body)
            todo.setdefault(key, body)
            wanted.append((cache, key))
    if len(todo) < minimum or (os.cpu_count() or 1) < 2:
        return 0
    keys = list(todo)
    # The workers are forked with the bodies (initargs are not pickled under fork): only
    # keys go to them, and the HTML comes back pickled, as the cache keeps it.
    with multiprocessing.get_context("fork").Pool(initializer=_start, initargs=(markdown_settings, todo)) as pool:
        converted = pool.map(_convert, keys, chunksize=32)
    made = dict(zip(keys, converted))
    for cache, key in wanted:
        cache.put_pickled(key, made[key])
    return len(keys)


_WORKER = {}  # a pool worker's parser and bodies


def _start(markdown_settings, bodies):
    _WORKER["parser"] = markdown.Markdown(**markdown_settings)  # one per worker, as the reader keeps one
    _WORKER["bodies"] = bodies


def _convert(key):
    parser = _WORKER["parser"]
    parser.reset()
    return pickle.dumps(parser.convert(_WORKER["bodies"][key]), protocol=pickle.HIGHEST_PROTOCOL)
