"""The web app manifest of each language: how the site looks once installed."""

import json

from .config import language_path, root_path

__all__ = ["MANIFEST", "web_manifest"]

MANIFEST = "manifest.webmanifest"  # in each language's folder


def web_manifest(settings, lang, config, icons):
    """The manifest of a language's site, as bytes (UTF-8 JSON, keys sorted).

    icons: [(root-relative URL, sizes, MIME type)]. One scope, the whole site
    (as the worker's): an installed site opens the other language's pages in
    its own window too.
    """
    language = settings["LANGUAGES"][lang]
    start = language_path(settings, lang)
    data = {
        "id": start,
        "name": language["sitename"],
        "short_name": language["sitename"],
        "description": language["tagline"],
        "lang": lang,
        "dir": "ltr",
        "start_url": start,
        "scope": root_path(settings) + "/",
        "display": "minimal-ui",
        "theme_color": config["theme_color"],
        "background_color": config["background_color"],
        "icons": [{"src": src, "sizes": sizes, "type": kind} for src, sizes, kind in icons],
    }
    return (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")
