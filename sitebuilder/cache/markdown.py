"""The HTML of each Markdown body, kept between builds (see kept.py).

Converting Markdown is most of the work of reading a file. The HTML depends
only on the body and on the Markdown settings (extensions, the version of
Python-Markdown, and the code of this package, which has extensions of its
own): those are the key. A build converts only new or edited
bodies. One file per content folder and language (the pipeline names it).
"""

import functools
import json

import markdown

from . import key as cache_key
from .kept import Kept

__all__ = ["MarkdownCache", "body_key"]


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
