"""The private parts of Pelican and Python-Markdown the build uses are fenced by version."""

import re

import markdown
import pelican
import pytest

from conftest import ROOT
from sitebuilder.internals import UnsupportedVersion, require


def pinned(name):
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    return re.search(rf'"{name}==([^"]+)"', text).group(1)


def test_the_fenced_modules_name_the_pinned_versions():
    from sitebuilder.internals import markdown as markdown_internals  # noqa: PLC0415
    from sitebuilder.internals import pelican as pelican_internals  # noqa: PLC0415

    assert pelican_internals.WRITTEN_FOR == pinned("pelican") == pelican.__version__
    assert markdown_internals.WRITTEN_FOR == pinned("markdown") == markdown.__version__


def test_another_version_is_refused_at_import_with_what_to_do():
    with pytest.raises(UnsupportedVersion) as refused:
        require("Pelican", "4.13.0", "4.12.0")
    assert str(refused.value) == (
        "sitebuilder uses private parts of Pelican 4.12.0, and Pelican 4.13.0 is installed: install the"
        " pinned version (make .venv/.installed), or check sitebuilder/internals/pelican.py against 4.13.0"
        " and change the version it names"
    )
    require("Markdown", "3.11.3", "3.11.3")  # the same version: nothing to say


def test_no_other_module_touches_the_private_parts():
    """Every use of the private names is in sitebuilder/internals/ (one module per library)."""
    private = re.compile(r"_open_w|_include_path|\._content\b|_InlineProcessor__|parseBlocks|_check_disabled_readers")
    found = []
    for folder in ("plugins", "sitebuilder"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            if "internals" in path.parts:
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                code = line.split("#", 1)[0]
                if private.search(code) and not code.strip().startswith(('"', "'")):
                    found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert found == []
