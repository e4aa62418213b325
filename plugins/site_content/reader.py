"""Pelican reader for Markdown files with YAML front matter.

Language, translation key and kind come from the file's name and folder; the
front matter comes from the content index (parsed and checked once per build),
merged with the shared fields of the default-language original. One Markdown
parser is reused for every file: creating a new one per file cost 9% of a build.
With a Markdown cache in the build context (sitebuilder.cache.markdown), a body
converted by an earlier build is not converted again.

A body that holds raw HTML is cleaned (html_policy): what the policy does not
allow never reaches a page, and the content check has said so.

A file the index left out (it has a problem, it is a draft, its date is still
to come) is skipped without a word: the content check has already said why.
A page also learns whether it is held back (in a preview build) and whether
it is a translation its original has moved on from (`stale_translation`).
"""

import datetime
import html
import os

from markdown import Markdown

from sitebuilder.context import current
from pelican.readers import BaseReader

from .html_policy import clean, needs_cleaning
from .model import ARTICLE_KINDS
from .translations import STALE, UNCONFIRMED

# Fields Pelican itself interprets; everything else is passed through as is.
_PELICAN_FIELDS = ("title", "slug", "status", "author", "authors", "category", "tags")


_PARSERS = {}  # repr(configuration) -> Markdown


def parser(config):
    """The process's Markdown parser for this configuration, made once (0.04 s: its extensions).

    site_build makes it before the languages' runs fork (building.warm_up),
    while the content index is built elsewhere, so no run makes its own.
    """
    key = repr(config)
    found = _PARSERS.get(key)
    if found is None:
        found = Markdown(**config)
        if " at 0x" not in key:  # an object in the configuration: no telling it is the same
            _PARSERS[key] = found
    return found


class YamlMarkdownReader(BaseReader):
    enabled = True
    file_extensions = ["md"]

    def __init__(self, settings):
        super().__init__(settings)
        self._parser = None  # made when first needed: most reads of a rebuild need none

    @property
    def _markdown(self):
        if self._parser is None:
            self._parser = parser(self.settings["MARKDOWN"])
        return self._parser

    def read(self, source_path):
        build = current()
        index = build.index
        source = os.path.relpath(source_path, self.settings["PATH"])
        document = index.documents.get(source.replace(os.sep, "/"))
        if document is None:
            return "", {"status": "skip"}
        body = index.body(document.source, source_path)
        cache = build.markdown
        if cache is not None:
            content = cache.convert(body, lambda: self._markdown)
        else:
            self._markdown.reset()
            content = self._markdown.convert(body)
        if needs_cleaning(body):  # raw HTML: only what html_policy allows (the check reported the rest)
            content = clean(content)
        metadata = self.metadata_for(document, index.metadata(document))
        metadata["status"] = "published"  # what reaches here is published, or previewed
        held = index.held_back.get(document.source)
        if held is not None:
            metadata["held_back"] = held.reason
            metadata["publish_date"] = held.date
        metadata["stale_translation"] = index.translation_state(document) in (STALE, UNCONFIRMED)
        return content, metadata

    def metadata_for(self, document, meta):
        """Pelican metadata for a document: ours, plus Pelican's own fields processed."""
        result = {
            name: value for name, value in meta.items() if name not in _PELICAN_FIELDS
        }
        for name in _PELICAN_FIELDS:
            if name in meta and meta[name] is not None:
                result[name] = self.process_metadata(name, str(meta[name]))
        result.update(
            kind=document.kind,
            section=document.section,
            key=document.key,
            lang=document.lang,
            slug=document.slug,
            url=document.url,
            save_as=document.url + "index.html",
            template=document.kind,
        )
        if "summary" in meta:
            result["summary"] = html.escape(str(meta["summary"]).strip())
        if "date" in meta:
            result["date"] = as_datetime(meta["date"])
        if document.kind in ARTICLE_KINDS:
            result["category"] = self.process_metadata("category", document.section)
        return result


def as_datetime(value):
    """A front-matter date (YAML date, datetime or text) as a naive datetime."""
    if isinstance(value, datetime.datetime):
        return value.replace(tzinfo=None) if value.tzinfo else value
    if isinstance(value, datetime.date):
        return datetime.datetime.combine(value, datetime.time())
    text = str(value).strip()
    for pattern in ("%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d"):
        try:
            return datetime.datetime.strptime(text, pattern)
        except ValueError:
            continue
    raise ValueError(f"'{text}' is not a date; write it as YYYY-MM-DD")
