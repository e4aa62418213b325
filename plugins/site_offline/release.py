"""The release's digest: what the site's files are made from, so that a new release is known.

The worker's cache is named after it: a release whose pages may differ gets a
new cache, and the old one is dropped. Made from what the pages are made of
(every content file's bytes as the content index read them, each photo's key,
the theme, the plugins' code, the site's address, languages and day), not from
the finished pages: the runs write the two languages' pages at once, and an
incremental build does not rewrite the pages it keeps. No machine path, clock
or file time enters it: two builds of one commit on one day give one digest.
Measured: 0.12 s for 2,000 content files of 5 KB, of which 0.065 s is the
theme and the plugins; once per build, in the default language's run.
"""

import hashlib
import json
import os

__all__ = ["release_digest"]

SKIPPED_FOLDERS = {"__pycache__", ".git"}
SKIPPED_SUFFIXES = (".pyc", ".mo")  # made from files that are hashed (.py, .po)


def _tree(digest, label, folder):
    """Every file's name and bytes below a folder of ours (theme, plugins), in a stable order."""
    digest.update(f"tree\0{label}\0".encode())
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(name for name in dirnames if name not in SKIPPED_FOLDERS)
        for name in sorted(filenames):
            if name.endswith(SKIPPED_SUFFIXES):
                continue
            path = os.path.join(dirpath, name)
            if os.path.islink(path) or not os.path.isfile(path):
                continue
            relative = os.path.relpath(path, folder).replace(os.sep, "/")
            with open(path, "rb") as f:
                data = f.read()
            digest.update(f"{relative}\0{len(data)}\0".encode("utf-8", "surrogateescape") + data)


def release_digest(settings):
    """A hex digest of the inputs of this build's pages (see the module's docstring)."""
    digest = hashlib.blake2b(digest_size=16)
    described = {
        "site": settings.get("SITE_ROOT", settings["SITEURL"]),
        "today": str(settings.get("SITE_TODAY", "")),
        "languages": settings["LANGUAGES"],
    }
    digest.update(json.dumps(described, sort_keys=True, ensure_ascii=False, default=str).encode())
    index = settings.get("SITE_INDEX")
    for source, data in sorted(getattr(index, "data", {}).items()):
        digest.update(f"content\0{source}\0{len(data)}\0".encode("utf-8", "surrogateescape") + data)
    for source, photo in sorted(settings.get("SITE_PHOTOS", {}).items()):
        digest.update(f"photo\0{source}\0{getattr(photo, 'key', '')}\0".encode("utf-8", "surrogateescape"))
    _tree(digest, "theme", settings["THEME"])
    for number, folder in enumerate(settings.get("PLUGIN_PATHS", ())):
        if os.path.isdir(folder):
            _tree(digest, f"plugins {number}", folder)
    return digest.hexdigest()
