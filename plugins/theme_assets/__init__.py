"""Fingerprinted theme assets, so that web servers may cache them for a year.

`asset_url("css/site.css")` gives "/theme/css/site.<hash>.css", where the hash
is taken from the file's content: a changed file gets a new name, an unchanged
one keeps its name (and visitors' cached copy). The copies are written by the
default language's run, which is the one that copies the theme's files.

The files of `static/root/` (favicon.ico, apple-touch-icon.png: browsers ask
for them at these addresses) are copied to the root of the site as they are,
not fingerprinted.
"""

import hashlib
import logging
import os
import shutil

from pelican import signals

from sitebuilder.context import site_root

__all__ = ["manifest", "fingerprinted", "links", "register"]

logger = logging.getLogger(__name__)

DIGEST_LENGTH = 10
# Files copied to the root of the site under their own names.
ROOT_FOLDER = "root"


def fingerprinted(relative, content):
    """`css/site.css` + its bytes -> `css/site.0123456789.css`."""
    stem, extension = os.path.splitext(relative)
    digest = hashlib.sha256(content).hexdigest()[:DIGEST_LENGTH]
    return f"{stem}.{digest}{extension}"


def links(theme):
    """The symbolic links in the theme's folder, relative to it; none is followed.

    What a build reads of the theme stays inside theme/, as what it reads of
    the content stays inside content/ (site_content.boundary): a link is an
    error of the build, which then publishes nothing.
    """
    found = []
    for dirpath, dirnames, filenames in os.walk(theme):
        for name in sorted(dirnames + filenames):
            if os.path.islink(os.path.join(dirpath, name)):
                found.append(os.path.relpath(os.path.join(dirpath, name), theme).replace(os.sep, "/"))
        dirnames[:] = sorted(name for name in dirnames if not os.path.islink(os.path.join(dirpath, name)))
    return found


def manifest(static_root):
    """{relative path: fingerprinted relative path} for every file of the theme (links left out)."""
    result = {}
    for dirpath, dirnames, filenames in os.walk(static_root):
        dirnames[:] = sorted(name for name in dirnames if not os.path.islink(os.path.join(dirpath, name)))
        for name in sorted(filenames):
            full = os.path.join(dirpath, name)
            if os.path.islink(full):
                continue
            relative = os.path.relpath(full, static_root).replace(os.sep, "/")
            if relative.startswith(ROOT_FOLDER + "/"):
                continue
            with open(full, "rb") as f:
                result[relative] = fingerprinted(relative, f.read())
    return result


def _static_root(settings):
    return os.path.join(settings["THEME"], "static")


def build_manifest(pelican):
    theme = pelican.settings["THEME"]
    for link in links(theme):
        logger.error("%s/%s is a symbolic link: the theme must hold the file itself; copy the file in",
                     os.path.basename(os.path.normpath(theme)), link)
    pelican.settings["THEME_ASSETS"] = manifest(_static_root(pelican.settings))


def add_template_functions(generator):
    settings = generator.settings
    assets = settings["THEME_ASSETS"]
    base = f"{site_root(settings)}/{settings['THEME_STATIC_DIR']}"
    generator.env.globals["asset_url"] = lambda relative: f"{base}/{assets[relative]}"


def write_fingerprinted_copies(pelican):
    settings = pelican.settings
    if not settings["THEME_STATIC_PATHS"]:
        return  # another language's run copies the theme
    target = os.path.join(settings["OUTPUT_PATH"], settings["THEME_STATIC_DIR"])
    for relative, named in settings["THEME_ASSETS"].items():
        destination = os.path.join(target, named)
        os.makedirs(os.path.dirname(destination), exist_ok=True)
        shutil.copyfile(os.path.join(_static_root(settings), relative), destination)
    root = os.path.join(_static_root(settings), ROOT_FOLDER)
    if os.path.isdir(root):
        for name in sorted(os.listdir(root)):
            shutil.copyfile(os.path.join(root, name), os.path.join(settings["OUTPUT_PATH"], name))


def register():
    signals.initialized.connect(build_manifest)
    signals.generator_init.connect(add_template_functions)
    signals.finalized.connect(write_fingerprinted_copies)
