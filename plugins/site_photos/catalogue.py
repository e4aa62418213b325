"""The build's photos: every file of the photo folder, processed or from the cache.

Built once per build, before the languages' runs (site_build calls
`prepare_build`), so that a photo used in both languages is processed once;
the runs inherit the catalogue and only write HTML and link files.
"""

import fnmatch
import logging
import os
import posixpath
import time

from .cache import process_all
from .config import photo_config

logger = logging.getLogger(__name__)


def photo_files(content_path, folder, ignore=()):
    """(source, path) of every file in the photo folder, sorted; hidden and ignored files left out."""
    root = os.path.join(content_path, folder)
    found = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(name for name in dirnames if not name.startswith("."))
        for name in sorted(filenames):
            if name.startswith(".") or any(fnmatch.fnmatch(name, pattern) for pattern in ignore):
                continue
            path = os.path.join(dirpath, name)
            source = os.path.relpath(path, content_path).replace(os.sep, "/")
            found.append((source, path))
    return found


def shown(content_path, source):
    """A photo as an organiser finds it: "content/images/x.jpg" from the project's folder."""
    path = os.path.join(content_path, *source.split("/"))
    relative = os.path.relpath(path)
    return path if relative.startswith(os.pardir) else relative.replace(os.sep, "/")


def build_catalogue(settings, jobs=None):
    """({source: Photo}, [problem lines]) for the site's photo folder."""
    config = photo_config(settings)
    started = time.perf_counter()
    files = photo_files(settings["PATH"], config["folder"], settings.get("IGNORE_FILES", ()))
    photos = process_all(files, config, jobs=jobs)
    problems = [f"{shown(settings['PATH'], photo.source)}: {photo.problem}" for photo in photos if not photo.ok]
    made = sum(photo.processed for photo in photos)
    logger.info(
        "Photos: %d in %s, %d processed, %d from the cache, in %.2f s",
        len(photos), posixpath.join(os.path.basename(settings["PATH"]), config["folder"]),
        made, len(photos) - made, time.perf_counter() - started,
    )
    return {photo.source: photo for photo in photos}, problems
