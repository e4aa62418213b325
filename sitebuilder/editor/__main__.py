"""`python -m sitebuilder.editor config|vendor`: what `invoke editor-config` and `invoke editor-vendor` run.

  config   write the editor's config.yml from the content schema and the communities
  vendor   copy the pinned editor bundle and its fonts from node_modules into editor/vendor/
"""

import argparse
import os
import sys

from pelican.settings import read_settings

from site_content.index import ContentIndex

from . import editor_folder
from .config import choices_from, editor_config, render
from .vendor import VendorError, vendor




def config_text(settings_file):
    """The configuration the content of `settings_file`'s site gives."""
    settings = read_settings(os.path.abspath(settings_file))
    return render(editor_config(settings, choices_from(ContentIndex.from_settings(settings)))), settings


def main(argv=None):
    parser = argparse.ArgumentParser(prog="sitebuilder.editor", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=("config", "vendor"))
    parser.add_argument("--settings", default="pelicanconf.py")
    parser.add_argument("--node-modules", default="node_modules")
    args = parser.parse_args(argv)
    settings_folder = os.path.dirname(os.path.abspath(args.settings))
    if args.command == "config":
        text, settings = config_text(args.settings)
        path = os.path.join(editor_folder(settings, settings_folder), "config.yml")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        print(f"Wrote {os.path.relpath(path)}")
        return 0
    settings = read_settings(os.path.abspath(args.settings))
    target = os.path.join(editor_folder(settings, settings_folder), "vendor")
    try:
        manifest = vendor(args.node_modules, target)
    except VendorError as error:
        print(f"Nothing vendored: {error}", file=sys.stderr)
        return 1
    for package, version in manifest["packages"].items():
        print(f"{package}@{version}")
    print(f"Wrote {len(manifest['files'])} files into {os.path.relpath(target)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
