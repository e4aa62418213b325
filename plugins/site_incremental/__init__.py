"""Render only what changed, read only what changed: the incremental build's Pelican hooks.

`writer` links the last build's files for every page whose inputs are
unchanged (and records what the sitemap needs of each page); `documents`
restores the documents Pelican read last time. Both are switched on by the
build context (sitebuilder.context) that the pipeline sets; a plain `pelican`
run has none, and renders and reads everything.
"""

from . import documents, writer

__all__ = ["register"]


def register():
    writer.register()
    documents.register()
