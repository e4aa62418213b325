"""The settings of offline reading, merged once, and the addresses it needs."""

from urllib.parse import urlsplit

from site_content.model import language_root

from sitebuilder.context import site_root

__all__ = ["DEFAULTS", "options", "site_root", "root_path", "language_path"]

# OFFLINE in the settings overrides these, key by key.
DEFAULTS = {
    # The service worker (sw.js at the site's root) and the script that
    # registers it. Off in development (`make serve`): a worker serving kept
    # pages first would show organisers their previous preview.
    "worker": False,
    # The offline page of each language, relative to the language's root.
    "pages": {},
    # The colours an installed site uses for its window and splash screen.
    "theme_color": "#1f5f4a",
    "background_color": "#ffffff",
    # At most this many responses are kept (pages, photos, theme files); the
    # oldest kept go first. About 300 pages and photos of this site are ~15 MB.
    "limit": 300,
}


def options(settings):
    """OFFLINE over the defaults (the settings themselves are never changed)."""
    return {**DEFAULTS, **settings.get("OFFLINE", {})}


def root_path(settings):
    """The path of the site's root on its host, without the final slash: "" or "/sub"."""
    return urlsplit(site_root(settings)).path.rstrip("/")


def language_path(settings, lang, path=""):
    """Root-relative path of a page of a language: ("en", "offline/") -> "/en/offline/"."""
    return root_path(settings) + language_root(settings["LANGUAGES"], lang) + path
