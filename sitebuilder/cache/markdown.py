"""The HTML of each Markdown body, kept between builds (see kept.py).

Converting Markdown is most of the work of reading a file. The HTML depends
only on the body and on the Markdown settings (extensions, the version of
Python-Markdown, and the code of this package, which has extensions of its
own): those are the key. A build converts only new or edited
bodies. One file per content folder and language (the pipeline names it).

On a first build every body is new: `Ahead` converts them on every core
before the languages' runs start, in small batches that a faster core takes
more of, so that the runs, one per language, only look them up; converted in
the runs, each run's time would depend on the speed of the core it got.
"""

import functools
import json
import multiprocessing
import os
import pickle

import markdown

from site_content import frontmatter
from site_content.boundary import MAX_TEXT_BYTES, markup_overflow

from . import key as cache_key
from .kept import Kept

__all__ = ["Ahead", "MarkdownCache", "body_key"]

AHEAD_MIN = 200  # bodies to convert; fewer are converted as they are read


@functools.lru_cache(maxsize=4)  # a run asks for a body's key to convert it, then to keep the document
def body_key(body):
    """The key of a body's HTML."""
    return bytes.fromhex(cache_key(body))


class MarkdownCache(Kept):
    def __init__(self, path, markdown_settings):
        from site_content.index import kept_namespace  # noqa: PLC0415

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


class Ahead:
    """Markdown files converted on every core while the build does its first steps.

    A first build (a language's cache has no file yet) starts converting the
    files of such languages before it builds the content index, which leaves
    a core idle for much of its time; each worker reads a file, takes its body
    as the reader will, converts it and sends the HTML back pickled, as the
    cache keeps it. put() then puts it into the caches, for the bodies the
    runs will ask for: a file edited in between has another body, and is
    converted when it is read, as are files too few to be worth the workers.
    """

    def __init__(self, pool, result):
        self._pool, self._result = pool, result

    @classmethod
    def start(cls, paths, markdown_settings, minimum=AHEAD_MIN):
        """Start converting the files at `paths`; None when they are too few or there is one core."""
        if len(paths) < minimum or (os.cpu_count() or 1) < 2:
            return None
        pool = multiprocessing.get_context("fork").Pool(initializer=_start, initargs=(markdown_settings,))
        return cls(pool, pool.map_async(_convert_file, paths, chunksize=32))

    def put(self, caches):
        """Wait for the HTML and put it into caches ([(MarkdownCache, a function giving its bodies)]).

        A cache that has a file is left alone (looking into it would load it).
        Returns the number of bodies put.
        """
        try:
            made = dict(found for found in self._result.get() if found is not None)
        finally:
            self.stop()
        count = 0
        for cache, bodies in caches:
            if os.path.exists(cache.path):
                continue
            for body in bodies():
                key = body_key(body)
                if key in made:
                    cache.put_pickled(key, made[key])
                    count += 1
        return count

    def __enter__(self):
        return self

    def __exit__(self, *_exception):
        self.stop()

    def stop(self):
        """End the workers (at once, when the build stops before put())."""
        self._pool.terminate()
        self._pool.join()


_WORKER = {}  # a pool worker's parser


def _start(markdown_settings):
    _WORKER["parser"] = markdown.Markdown(**markdown_settings)  # one per worker, as the reader keeps one


def _convert_file(path):
    """(key, pickled HTML) of the body of the file at `path`; None when it cannot be read."""
    try:
        with open(path, "rb") as f:
            data = f.read(MAX_TEXT_BYTES + 1)
        if len(data) > MAX_TEXT_BYTES:
            return None  # too large to be read at all (boundary.py)
        body = frontmatter.body_of(data)
        if markup_overflow(body) is not None:
            return None  # refused by the content check before any conversion
    except (OSError, UnicodeDecodeError, frontmatter.FrontMatterError):
        return None  # the content index says what is wrong with it
    parser = _WORKER["parser"]
    parser.reset()
    return body_key(body), pickle.dumps(parser.convert(body), protocol=pickle.HIGHEST_PROTOCOL)
