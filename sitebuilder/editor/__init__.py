"""The web editor at /admin/ (Sveltia CMS) for organisers who do not use git.

The editor's folder in the repository (EDITOR["source"], `editor/`, the same
whichever content folder a build reads) holds its
page (`index.html`), its configuration (`config.yml`, made from the content
schema by `invoke editor-config`, see config.py) and the pinned bundle
(`vendor/`, copied from node_modules by `invoke editor-vendor`, see
vendor.py). A step after the languages' runs (POST_BUILD) copies it into the
site at EDITOR["path"]; a vendored file that differs from its manifest fails
the build. `page.js` lets the editor's page be zoomed and gives it a main
landmark (the editor takes both away). The editor's page says `noindex`, so the sitemap leaves it out, and
it has no `data-pagefind-body`, so search does not index it.
"""

import os
import shutil

from .vendor import verify

__all__ = ["editor_folder", "publish_editor"]

# What of the editor's folder is published (its README is for the repository).
PUBLISHED = ("index.html", "page.js", "config.yml", "vendor")


def editor_folder(settings, settings_folder):
    """The editor's folder: EDITOR["source"], relative to the settings file's folder."""
    return os.path.join(settings_folder, settings["EDITOR"]["source"])


def publish_editor(output_path, settings, index=None):
    """Copy the editor into the built site; raises RuntimeError when the bundle was altered."""
    editor = settings.get("EDITOR")
    if not editor:  # EDITOR = None: a site without the web editor
        return
    source = editor_folder(settings, settings["SETTINGS_FOLDER"])
    if not os.path.isdir(source):
        raise RuntimeError(f"the editor's folder {source} is missing: restore editor/ from the"
                           " repository, or set EDITOR = None in pelicanconf.py for a site without it")
    problems = verify(os.path.join(source, "vendor"))
    if problems:
        raise RuntimeError(
            "the editor's vendored files differ from editor/vendor/manifest.json"
            " (run `invoke editor-vendor`): " + "; ".join(problems)
        )
    target = os.path.join(output_path, editor["path"])
    os.makedirs(target, exist_ok=True)
    for name in PUBLISHED:
        path = os.path.join(source, name)
        if os.path.isdir(path):
            shutil.copytree(path, os.path.join(target, name), ignore=shutil.ignore_patterns("manifest.json"))
        else:
            shutil.copyfile(path, os.path.join(target, name))
