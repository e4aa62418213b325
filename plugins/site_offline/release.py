"""The release's digest: what the site's files are made from, so that a new release is known.

The worker's cache is named after it: a release whose pages may differ gets a
new cache, and the old one is dropped. Made from what the pages are made of
(every content file's bytes as the content index read them, each photo's key,
the theme, the plugins' and the application's code, the site's address, languages and day), not from
the finished pages: the runs write the two languages' pages at once, and an
incremental build does not rewrite the pages it keeps. No machine path, clock
or file time enters it: two builds of one commit on one day give one digest.
Measured: 0.12 s for 2,000 content files of 5 KB, of which 0.065 s is the
theme and the plugins; once per build, in the default language's run.
"""

import json
import os

from sitebuilder.cache import key
from sitebuilder.cache.fresh import APPLICATION

__all__ = ["release_digest"]

SKIPPED_FOLDERS = {"__pycache__", ".git"}
SKIPPED_SUFFIXES = (".pyc", ".mo")  # made from files that are hashed (.py, .po)


def _tree(folder):
    """((name, bytes), ...) of every file below a folder of ours (theme, code), in a stable order."""
    found = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(name for name in dirnames if name not in SKIPPED_FOLDERS)
        for name in sorted(filenames):
            if name.endswith(SKIPPED_SUFFIXES):
                continue
            path = os.path.join(dirpath, name)
            if os.path.islink(path) or not os.path.isfile(path):
                continue
            with open(path, "rb") as f:
                found.append((os.path.relpath(path, folder).replace(os.sep, "/"), f.read()))
    return tuple(found)


def release_digest(settings, index, photos, site_root):
    """A hex digest of the inputs of this build's pages (see the module's docstring).

    index: the content index (its `data`: each content file's bytes); photos: {source: photo
    with its cache `key`}; site_root: the site's address.
    """
    described = json.dumps({"today": str(settings.get("SITE_TODAY", "")), "languages": settings["LANGUAGES"]},
                           sort_keys=True, ensure_ascii=False, default=str)
    content = tuple(sorted(getattr(index, "data", {}).items()))
    photo_keys = tuple(sorted((source, getattr(photo, "key", "")) for source, photo in (photos or {}).items()))
    folders = [settings["THEME"], APPLICATION, *settings.get("PLUGIN_PATHS", ())]
    return key(site_root, described, content, photo_keys, tuple(_tree(folder) for folder in folders
                                                                if os.path.isdir(folder)))
