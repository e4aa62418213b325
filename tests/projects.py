"""Projects to change freely in the organisers' tests: the settings, the theme and
plugins linked, content/ copied from a fixture plus the files of some cases."""

import shutil
from pathlib import Path

from conftest import ROOT

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def make_project(root, *additions, base="site"):
    """A project at `root`: content/ is tests/fixtures/<base> plus each folder of `additions`."""
    root.mkdir(parents=True, exist_ok=True)
    for name in ("pelicanconf.py", "publishconf.py"):
        shutil.copy(ROOT / name, root / name)
    for name in ("theme", "plugins", "sitebuilder", "editor"):
        (root / name).symlink_to(ROOT / name)
    shutil.copytree(FIXTURES / base, root / "content")
    for folder in additions:
        shutil.copytree(folder, root / "content", dirs_exist_ok=True)
    return root
