"""Markdown content with YAML front matter, one file per language.

Builds the content index when the build did not hand one over, and replaces
Pelican's Markdown reader with ours.
"""

from pelican import signals

from .index import ContentIndex
from .reader import YamlMarkdownReader

__all__ = ["ContentIndex", "YamlMarkdownReader", "register"]


def ensure_index(pelican):
    """The index lives in this run's settings, the build context of every plugin."""
    if "SITE_INDEX" not in pelican.settings:
        pelican.settings["SITE_INDEX"] = ContentIndex.from_settings(pelican.settings)


def use_our_reader(readers):
    """Content is `.md` only: other formats' readers are switched off."""
    for extension in readers.reader_classes:
        readers.reader_classes[extension] = None
    readers.reader_classes["md"] = YamlMarkdownReader


def register():
    signals.initialized.connect(ensure_index)
    signals.readers_init.connect(use_our_reader)
