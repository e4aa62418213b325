"""The build's photos: every file of the photo folder, processed or from the cache.

Built once per build, before the languages' runs (the pipeline calls
`prepare_build`), so that a photo used in both languages is processed once;
the runs inherit the catalogue and only write HTML and link files. A photo
that cannot be published is a content problem of its file, in the words and
the language of the content check (site_content.messages).
"""

import fnmatch
import logging
import os
import posixpath
import time

from .cache import process_all
from .config import photo_config
from .records import is_record

logger = logging.getLogger(__name__)


def photo_files(content_path, folder, ignore=()):
    """(source, path) of every photo in the photo folder, sorted; hidden and ignored files, records left out."""
    return [(source, path) for source, path in _files(content_path, folder, ignore) if not is_record(source)]


def record_files(content_path, folder, ignore=()):
    """(source, path) of every photo's record (records.py) in the photo folder, sorted."""
    return [(source, path) for source, path in _files(content_path, folder, ignore) if is_record(source)]


def _files(content_path, folder, ignore):
    """(source, path) of every file in the photo folder, sorted; hidden and ignored files left out.

    Symbolic links are left out too, and linked folders never entered: the
    content check refuses them (site_content.boundary), no photo comes from
    outside content/.
    """
    root = os.path.join(content_path, folder)
    found = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(name for name in dirnames
                             if not name.startswith(".") and not os.path.islink(os.path.join(dirpath, name)))
        for name in sorted(filenames):
            if name.startswith(".") or any(fnmatch.fnmatch(name, pattern) for pattern in ignore):
                continue
            path = os.path.join(dirpath, name)
            if os.path.islink(path):
                continue
            source = os.path.relpath(path, content_path).replace(os.sep, "/")
            found.append((source, path))
    return found


def build_catalogue(settings, jobs=None):
    """{source: Photo} for the site's photo folder: every photo processed, or from the cache."""
    config = photo_config(settings)
    started = time.perf_counter()
    files = photo_files(settings["PATH"], config["folder"], settings.get("IGNORE_FILES", ()))
    photos = process_all(files, config, jobs=jobs)
    made = sum(photo.processed for photo in photos)
    logger.info(
        "Photos: %d in %s, %d processed, %d from the cache, in %.2f s",
        len(photos), posixpath.join(os.path.basename(settings["PATH"]), config["folder"]),
        made, len(photos) - made, time.perf_counter() - started,
    )
    return {photo.source: photo for photo in photos}
