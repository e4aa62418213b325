"""The editor's pinned bundle, vendored: copied from node_modules into editor/vendor/.

Sveltia CMS is pinned in package.json (package-lock.json); `invoke editor-vendor`
copies its one script (`dist/sveltia-cms.js`, no source maps, never
node_modules) and the fonts that script would fetch from a CDN into the
repository, so that publishing needs neither npm nor the network and
`/admin/` asks no other host for anything.

The one change to the script: the addresses of its three fonts on
cdn.jsdelivr.net become the same files beside it (`vendor/fonts/`), taken
from the fontsource packages of exactly the versions those addresses name.
`manifest.json` records the versions and the SHA-256 of every file; a test
checks the files against it, and that vendoring again gives the same bytes.
"""

import hashlib
import json
import os
import re
import shutil

BUNDLE = ("@sveltia/cms", "dist/sveltia-cms.js")
LICENSES = {"@sveltia/cms": "LICENSE.txt"}
# https://cdn.jsdelivr.net/fontsource/fonts/source-sans-3:vf@5.3.0/latin-wght-normal.woff2
FONT_URL = re.compile(
    r"https://cdn\.jsdelivr\.net/fontsource/fonts/(?P<name>[a-z0-9-]+)(?P<vf>:vf)?@(?P<version>[0-9.]+)/(?P<file>[a-z0-9-]+\.woff2)"
)
MANIFEST = "manifest.json"


class VendorError(Exception):
    """Vendoring cannot go on; the message says what to do."""


def _package(node_modules, name):
    path = os.path.join(node_modules, name, "package.json")
    if not os.path.exists(path):
        raise VendorError(f"{name} is not installed: run `npm ci` (package.json pins it)")
    with open(path, encoding="utf-8") as f:
        return json.load(f)["version"]


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def vendor(node_modules, target):
    """Write the bundle, its fonts, licences and manifest.json into `target`; returns the manifest."""
    name, relative = BUNDLE
    versions = {name: _package(node_modules, name)}
    with open(os.path.join(node_modules, name, relative), encoding="utf-8") as f:
        script = f.read()
    fonts = {}

    def local(match):
        package = f"@fontsource{'-variable' if match['vf'] else ''}/{match['name']}"
        installed = _package(node_modules, package)
        if installed != match["version"]:
            raise VendorError(
                f"the editor loads {match[0]}: pin {package} at {match['version']} in package.json"
                f" (installed: {installed}), then run `npm install` and this task again"
            )
        versions[package] = installed
        file_name = f"{match['name']}-{match['file']}"
        fonts[file_name] = os.path.join(node_modules, package, "files", file_name)
        return f"vendor/fonts/{file_name}"

    script, count = FONT_URL.subn(local, script)
    if count == 0 or "cdn.jsdelivr.net" in script:
        raise VendorError("the editor's fonts are no longer where this task expects them: check vendor.py")
    if os.path.exists(target):
        shutil.rmtree(target)
    os.makedirs(os.path.join(target, "fonts"))
    with open(os.path.join(target, os.path.basename(relative)), "w", encoding="utf-8", newline="") as f:
        f.write(script)
    for file_name, source in sorted(fonts.items()):
        if not os.path.exists(source):
            raise VendorError(f"{source} is missing: run `npm ci`")
        shutil.copyfile(source, os.path.join(target, "fonts", file_name))
    for package in sorted(versions):
        licence = LICENSES.get(package, "LICENSE")
        shown = package.lstrip("@").replace("/", "--")
        shutil.copyfile(os.path.join(node_modules, package, licence),
                        os.path.join(target, f"{shown}.LICENSE.txt"))
    manifest = {"packages": dict(sorted(versions.items())), "files": files_of(target)}
    with open(os.path.join(target, MANIFEST), "w", encoding="utf-8") as f:
        json.dump(manifest, f, indent=2, sort_keys=True)
        f.write("\n")
    return manifest


def files_of(target):
    """{relative path: sha256} of every vendored file but the manifest."""
    found = {}
    for dirpath, _dirnames, filenames in os.walk(target):
        for file_name in filenames:
            path = os.path.join(dirpath, file_name)
            relative = os.path.relpath(path, target).replace(os.sep, "/")
            if relative != MANIFEST:
                found[relative] = sha256(path)
    return dict(sorted(found.items()))


def verify(target):
    """Problems of the vendored files against their manifest ([] when they agree)."""
    with open(os.path.join(target, MANIFEST), encoding="utf-8") as f:
        expected = json.load(f)["files"]
    actual = files_of(target)
    problems = [f"{path}: missing" for path in expected if path not in actual]
    problems += [f"{path}: not in {MANIFEST}" for path in actual if path not in expected]
    problems += [f"{path}: changed since it was vendored" for path in expected
                 if path in actual and actual[path] != expected[path]]
    return problems
