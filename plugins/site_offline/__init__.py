"""Offline reading: a web app manifest, a service worker of our own, an offline page per language.

Every language's folder gets `manifest.webmanifest` (the site's name,
colours and icons once installed) and its offline page (OFFLINE["pages"]:
/bezsaiste/, /en/offline/), a page of the theme (offline.html) that asks not
to be indexed, so neither the sitemap nor the search lists it. With
OFFLINE["worker"] on (publishconf.py), the default language's run writes the
service worker to the site's root (sw.js, worker.py and worker.js) and every
page loads the small script that registers it (theme/static/js/offline.js).
The worker keeps the offline pages, the theme's files and both guides' print
pages from the start, and every page a visitor opens; its cache is named
after the release (release.py).
"""

import os

from pelican import signals
from pelican.generators import Generator

from site_guides import chapter_section, guide_languages
from site_guides.model import options as guide_options, print_paths
from site_languages import path_alternates
from site_search import bundle_path

from sitebuilder.context import current

from .config import language_path, options, root_path, site_root
from .manifest import MANIFEST, web_manifest
from .release import release_digest
from .worker import CACHE_PREFIX, WORKER, kept_assets, worker_config, worker_script

__all__ = ["guide_pages", "register"]

TEMPLATE = "offline"


def guide_pages(settings):
    """{lang: [each guide's print page, relative to the language's root]} where the guide has chapters."""
    section = chapter_section(settings)
    build = current()
    if section is None or build is None:
        return {}
    index = build.index
    config = guide_options(settings)
    found = {lang: [] for lang in settings["LANGUAGES"]}
    for guide in settings.get("GUIDES", ()):
        for lang in sorted(guide_languages(index, section, guide)):
            if lang in found:
                found[lang].append(print_paths(config, settings["SECTIONS"][section][lang], lang, guide)[0])
    return found


def _others(settings, lang):
    """The roots of the languages inside this language's folder ("/en/" inside "/")."""
    own = language_path(settings, lang)
    return sorted(language_path(settings, other) for other in settings["LANGUAGES"]
                  if other != lang and language_path(settings, other).startswith(own))


def template_values(settings, guides):
    """What the theme's templates use (partials/offline.html, offline.html): `offline`."""
    config = options(settings)
    lang = settings["DEFAULT_LANG"]
    page = config["pages"].get(lang)
    return {
        "manifest": f"{settings['SITEURL']}/{MANIFEST}",
        "theme_color": config["theme_color"],
        "worker": f"{site_root(settings)}/{WORKER}" if config["worker"] else "",
        "scope": root_path(settings) + "/",
        "cache": CACHE_PREFIX,
        "root": language_path(settings, lang),
        "others": _others(settings, lang),
        "shown": [language_path(settings, lang, path) for path in guides.get(lang, [])]
        + ([language_path(settings, lang, page + "/")] if page else []),
    }


def add_template_values(generator):
    settings = generator.settings
    generator.env.globals["offline"] = template_values(settings, guide_pages(settings))


class OfflinePageGenerator(Generator):
    """Writes the offline page of this run's language."""

    def generate_output(self, writer):
        pages = options(self.settings)["pages"]
        path = pages.get(self.settings["DEFAULT_LANG"])
        if not path:
            return
        writer.write_file(
            f"{path}/index.html",
            self.get_template(TEMPLATE),
            self.context,
            url=f"{path}/",
            alternates=path_alternates(self.settings, {lang: f"{p}/" for lang, p in pages.items()}),
            noindex=True,  # the page says so to search engines, and the sitemap leaves it out
        )


def get_generators(pelican):
    return OfflinePageGenerator


def _write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def manifest_icons(settings):
    """The icons of the manifest: the PNGs at the site's root, and the logo."""
    root = root_path(settings)
    icons = [(f"{root}/icon-{size}.png", f"{size}x{size}", "image/png") for size in (192, 512)]
    logo = settings.get("THEME_ASSETS", {}).get("images/logo.svg")
    if logo:
        icons.append((f"{root}/{settings['THEME_STATIC_DIR']}/{logo}", "any", "image/svg+xml"))
    return icons


def precache_list(settings, config, guides):
    """Root-relative URLs the worker keeps from its start: theme files and the guides' print pages."""
    assets = settings.get("THEME_ASSETS", {})
    base = f"{root_path(settings)}/{settings['THEME_STATIC_DIR']}"
    urls = [f"{base}/{assets[relative]}" for relative in kept_assets(assets)]
    for lang, paths in sorted(guides.items()):
        urls += [language_path(settings, lang, path) for path in paths]
    return urls


def never_list(settings):
    """What the worker never touches: the web editor and the search index (each language's bundle)."""
    root = root_path(settings)
    never = [f"{root}/{bundle_path(settings, lang)}/" for lang in settings["LANGUAGES"]]
    editor = (settings.get("EDITOR") or {}).get("path")
    if editor:
        never.append(f"{root}/{editor.strip('/')}/")
    return never


def write_files(pelican):
    """The manifest of this run's language; the worker, in the default language's run."""
    settings = pelican.settings
    config = options(settings)
    lang = settings["DEFAULT_LANG"]
    _write(os.path.join(settings["OUTPUT_PATH"], MANIFEST),
           web_manifest(settings, lang, config, manifest_icons(settings)))
    if not config["worker"] or lang != settings.get("SITE_DEFAULT_LANG", lang):
        return
    guides = guide_pages(settings)
    script = worker_script(worker_config(
        settings,
        release_digest(settings, current().index, current().photos, site_root(settings)),
        config["pages"],
        precache_list(settings, config, guides),
        never_list(settings),
        config["limit"],
    ))
    _write(os.path.join(settings["OUTPUT_PATH"], WORKER), script)


def register():
    signals.generator_init.connect(add_template_values)
    signals.get_generators.connect(get_generators)
    signals.finalized.connect(write_files)
