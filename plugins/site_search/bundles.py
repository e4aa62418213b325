"""The search index: one Pagefind bundle per language, beside its language's pages.

The Latvian pages' bundle is /pagefind/, the English pages' /en/pagefind/
(`bundle_path`): each search page loads its own language's bundle. Pagefind
holds every page it indexes in memory until it writes the bundle, so indexing
one language after the other keeps a published build's peak memory at about
one language's share. A bundle is kept in the build's cache (namespace
"search") by a key of its language's HTML files, their paths and bytes, and
Pagefind's version: a push that changes only Latvian pages indexes only the
Latvian ones, and the other bundle is linked from the cache.

Which files belong to a language: for a language with a prefix, every HTML
file below its folder; for the language at the root, every HTML file that is
not below another language's folder. The same rule chooses the files of the
key (`language_files`) and Pagefind's glob (`language_glob`).
"""

import json
import os
import shutil
import subprocess
import sys
from importlib.metadata import version

from sitebuilder.cache import key, store

__all__ = ["BUNDLE", "build_bundles", "bundle_path", "language_files", "language_glob"]

BUNDLE = "pagefind"
NAMESPACE = "search"
KEEP = 6  # bundles kept in the cache besides this build's: a bundle is a thousand files and more
_GLOB_SPECIAL = set("\\{}[]*?,<>!")


def prefixes(settings):
    """{language: its folder ("" for the language at the root)}."""
    return {lang: (conf.get("prefix") or "").strip("/") for lang, conf in settings["LANGUAGES"].items()}


def bundle_path(settings, lang):
    """The bundle's folder relative to the site's root: "pagefind" or "en/pagefind"."""
    prefix = prefixes(settings)[lang]
    return f"{prefix}/{BUNDLE}" if prefix else BUNDLE


def _root_folders(root, settings):
    """The folders at the site's root that hold the root language's pages: all but the other
    languages' folders and the root language's bundle."""
    others = {prefix for prefix in prefixes(settings).values() if prefix} | {BUNDLE}
    return sorted(name for name in os.listdir(root)
                  if name not in others and os.path.isdir(os.path.join(root, name)))


def language_files(root, settings, lang):
    """The language's HTML files, relative to the site's root, sorted."""
    prefix = prefixes(settings)[lang]
    found, starts = [], [prefix]
    if not prefix:  # the pages at the root, and those of the root's own folders
        found = [name for name in os.listdir(root)
                 if name.endswith(".html") and os.path.isfile(os.path.join(root, name))]
        starts = _root_folders(root, settings)
    bundle = bundle_path(settings, lang)
    for start in starts:
        for folder, folders, names in os.walk(os.path.join(root, start)):
            relative = os.path.relpath(folder, root).replace(os.sep, "/")
            folders[:] = [name for name in folders if f"{relative}/{name}" != bundle]
            found += [f"{relative}/{name}" for name in names if name.endswith(".html")]
    return sorted(found)


def _escape(name):
    return "".join(f"\\{character}" if character in _GLOB_SPECIAL else character for character in name)


def language_glob(root, settings, lang):
    """Pagefind's glob (Wax patterns, relative to the site's root) of `language_files`."""
    prefix = prefixes(settings)[lang]
    if prefix:
        return f"{_escape(prefix)}/**/*.html"
    folders = [f"{_escape(name)}/**/*.html" for name in _root_folders(root, settings)]
    return "{" + ",".join(["*.html", *folders]) + "}"


def _index(root, glob, bundle):
    """Run Pagefind over the files of `glob`, writing the bundle into `bundle`."""
    command = [sys.executable, "-m", "pagefind", "--site", root, "--glob", glob, "--output-path", bundle, "--quiet"]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"Pagefind failed: {result.stdout}{result.stderr}")
    entry = os.path.join(bundle, "pagefind-entry.json")
    if not os.path.exists(entry):
        raise RuntimeError("Pagefind wrote no index")
    with open(entry, encoding="utf-8") as f:
        data = json.load(f)
    # Pagefind's order of keys may differ from run to run: the same content must give the same bytes.
    with open(entry, "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _digest_files(root, files):
    parts = []
    for relative in files:
        with open(os.path.join(root, *relative.split("/")), "rb") as f:
            parts.append((relative, key(f.read())))
    return tuple(parts)


def _link_tree(source, target):
    """The files of `source` at the same places below `target` (new folders): linked, or copied."""
    for folder, _folders, names in os.walk(source):
        into = os.path.join(target, os.path.relpath(folder, source))
        os.makedirs(into, exist_ok=True)
        for name in names:
            try:
                os.link(os.path.join(folder, name), os.path.join(into, name))
            except OSError:  # another file system, or links not allowed
                shutil.copyfile(os.path.join(folder, name), os.path.join(into, name))


def build_bundles(root, settings):
    """Every language's bundle in the site at `root`: {language: pages indexed}."""
    cache = store(settings, NAMESPACE)
    counts, used = {}, set()
    for lang in prefixes(settings):
        glob = language_glob(root, settings, lang)
        entry = key("search bundle", version("pagefind"), lang, glob,
                    _digest_files(root, language_files(root, settings, lang)))
        kept = cache.make_folder(entry, lambda bundle, glob=glob: _index(root, glob, bundle))
        os.utime(kept)  # used now: kept longest
        used.add(kept)
        _link_tree(kept, os.path.join(root, *bundle_path(settings, lang).split("/")))
        with open(os.path.join(kept, "pagefind-entry.json"), encoding="utf-8") as f:
            languages = json.load(f)["languages"]
        counts.update({found: info["page_count"] for found, info in languages.items()})
    _prune(cache.folder, used)
    return counts


def _prune(folder, used):
    """Remove all but this build's bundles and the KEEP newest others (a release already built keeps its
    files: they are linked, not borrowed)."""
    entries = [os.path.join(folder, shard, name) for shard in os.listdir(folder) if len(shard) == 2
               for name in os.listdir(os.path.join(folder, shard))]
    entries = sorted((path for path in entries if path not in used), key=os.path.getmtime, reverse=True)
    for path in entries[KEEP:]:
        shutil.rmtree(path, ignore_errors=True)
