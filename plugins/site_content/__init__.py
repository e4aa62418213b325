"""Markdown content with YAML front matter, one file per language, checked.

Builds the content index (which is also the content check) when the build
did not hand one over, and replaces Pelican's Markdown reader with ours.
"""

import logging
import os

from .index import ContentIndex
from .problems import Problem, messages_language, shown_folder

# Pelican is imported by what uses it (the reader, register), not by the
# package: the content index is built without it (sitebuilder.pipeline, before the runs).

__all__ = ["ContentIndex", "Problem", "YamlMarkdownReader", "REPORTED_BY_CHECK", "register"]

logger = logging.getLogger(__name__)

# Pelican's own warnings about what the content check reports in an
# organiser's words (a link to a missing page, an image without alt text):
# added to LOG_FILTER so that each mistake is reported once.
REPORTED_BY_CHECK = [
    (logging.WARNING, "Unable to find '%s', skipping url replacement."),
    (logging.WARNING, "Empty alt attribute for image %s in %s"),
    # a {static} link to a missing file: Pelican looks for the file to copy it
    (logging.WARNING, "Cannot get modification stamp for %s\n\t%s"),
]


def ensure_index(pelican):
    """The index is in the build context (sitebuilder.context), which the pipeline makes.

    A plain `pelican` run (not sitebuilder's) has none: its index is built,
    reported and made its context here.
    """
    from sitebuilder.context import BuildContext, current, set_current  # noqa: PLC0415

    settings = pelican.settings
    if current() is None:
        shown = shown_folder(settings["PATH"], ".")
        index = ContentIndex.from_settings(settings, shown=shown)
        set_current(BuildContext(site_root=settings["SITEURL"], index=index))
        lang = messages_language(settings)
        for problem in index.problems:
            logger.warning("%s", problem.format(lang, shown))


def keep_links_out(pelican):
    """Pelican never walks into a linked folder of content/ (it follows links, and loops).

    The content index has found every symbolic link without following any
    (boundary.py) and reported it; here each linked folder becomes an
    exclusion of Pelican's generators, and a linked section folder is not
    read at all. Linked files need nothing: the reader skips what the index
    did not publish, and no published text links to them.
    """
    from sitebuilder.context import current  # noqa: PLC0415

    settings = pelican.settings
    index = current().index
    if not index.links:
        return
    path = settings["PATH"]
    folders = [link for link in index.links if os.path.isdir(os.path.join(path, link))]
    for name in ("ARTICLE", "PAGE", "STATIC"):
        paths = settings.get(f"{name}_PATHS") or []
        settings[f"{name}_PATHS"] = [p for p in paths if os.path.normpath(p).replace(os.sep, "/") not in folders]
        settings[f"{name}_EXCLUDES"] = list(settings.get(f"{name}_EXCLUDES") or []) + folders


def __getattr__(name):
    if name == "YamlMarkdownReader":
        from .reader import YamlMarkdownReader  # noqa: PLC0415

        return YamlMarkdownReader
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def use_our_reader(readers):
    """Content is `.md` only: other formats' readers are switched off.

    The "static" reader stays: Pelican reads photos and other static files with it.
    """
    for extension in readers.reader_classes:
        if extension != "static":
            readers.reader_classes[extension] = None
    from .reader import YamlMarkdownReader  # noqa: PLC0415

    readers.reader_classes["md"] = YamlMarkdownReader


def register():
    from pelican import signals  # noqa: PLC0415

    signals.initialized.connect(ensure_index)
    signals.initialized.connect(keep_links_out)
    signals.readers_init.connect(use_our_reader)
