"""The service worker: its settings, written before its code into sw.js at the site's root.

One worker for the whole site, not one per language: its scope then covers
both languages, so a visitor who reads in both keeps one cache (the theme's
files once), and a page never opened shows the offline page of the language
of its address. The code (worker.js beside this file) is ours, without a
framework: sw.js is 6.0 KB, 2.2 KB gzipped (2.1 KB in Brotli).
"""

import json
import os

from .config import language_path, root_path

__all__ = ["WORKER", "CACHE_PREFIX", "worker_config", "worker_script", "kept_assets"]

WORKER = "sw.js"  # at the root of the site: its scope is the whole site
CACHE_PREFIX = "offline-"  # the caches of this site's worker: offline-<release>
SOURCE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "worker.js")
# Theme files every page uses, kept when the worker is installed (fingerprinted:
# a changed file is a new name). The search's script is of no use offline.
KEPT_FOLDERS = ("css/", "fonts/", "images/")
KEPT_SCRIPTS = ("js/offline.js", "js/kept.js")


def kept_assets(assets):
    """The theme files the worker keeps from its start: relative paths of the theme's static folder."""
    return sorted(relative for relative in assets
                  if (relative.startswith(KEPT_FOLDERS) and not relative.endswith(".txt")) or relative in KEPT_SCRIPTS)


def worker_config(settings, release, offline_pages, precache, never, limit):
    """What the worker is told: a JSON-able dict.

    offline_pages: {lang: path relative to its root}; precache and never:
    root-relative URLs and path prefixes. The offline pages are tried longest
    language prefix first ("/en/" before "/").
    """
    pages = sorted(
        ((language_path(settings, lang), language_path(settings, lang, path.strip("/") + "/"))
         for lang, path in offline_pages.items()),
        key=lambda pair: (-len(pair[0]), pair[0]),
    )
    return {
        "cache": CACHE_PREFIX,
        "release": release,
        "scope": root_path(settings) + "/",
        "offline": [list(pair) for pair in pages],
        "precache": sorted(set(precache) | {page for _prefix, page in pages}),
        "never": sorted(never),
        "limit": limit,
    }


def worker_script(config):
    """sw.js: the settings, then the worker's code, as bytes."""
    with open(SOURCE, encoding="utf-8") as f:
        code = f.read()
    head = "const CONFIG = " + json.dumps(config, ensure_ascii=False, sort_keys=True, indent=1) + ";\n"
    return (head + code).encode("utf-8")
