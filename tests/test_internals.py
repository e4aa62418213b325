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


def plain(value, depth=0):
    """True for settings data: text, numbers, and lists, tuples and dicts of them."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return True
    if depth < 8 and isinstance(value, (list, tuple, set, frozenset)):
        return all(plain(item, depth + 1) for item in value)
    if depth < 8 and isinstance(value, dict):
        return all(plain(k, depth + 1) and plain(v, depth + 1) for k, v in value.items())
    return False


def test_pelicans_settings_hold_only_settings_in_every_run(tmp_path):
    """What a build makes or finds (the index, caches, photos, catalogues) is in the build context,
    never in the settings a language's run gets; SITEURL is that run's site, as Pelican means it."""
    from pelican import signals  # noqa: PLC0415
    from pelican.settings import DEFAULT_CONFIG  # noqa: PLC0415

    from sitebuilder.context import current  # noqa: PLC0415
    from sitebuilder.pipeline import build  # noqa: PLC0415

    seen = {}

    def finalized(pelican):
        seen[pelican.settings["DEFAULT_LANG"]] = (dict(pelican.settings), current())

    signals.finalized.connect(finalized)
    try:
        result = build(str(ROOT / "publishconf.py"), output=str(tmp_path / "output"), jobs=1,
                       extra={"SITEURL": "https://example.org", "CACHE_PATH": str(tmp_path / "cache"),
                              "SEARCH_INDEX": False})
    finally:
        signals.finalized.disconnect(finalized)
    assert result.ok, result
    assert sorted(seen) == ["en", "lv"]
    for lang, (settings, context) in seen.items():
        ours = {name: value for name, value in settings.items()
                if name not in DEFAULT_CONFIG and name != "JINJA_ENVIRONMENT"}  # Jinja's cache object: its own setting
        assert [name for name, value in ours.items() if not plain(value)] == [], lang
        assert settings["SITEURL"] == ("https://example.org" if lang == "lv" else "https://example.org/en")
        assert context.site_root == "https://example.org" and context.lang == lang
        assert len(context.index.documents) > 30


def test_plugins_holds_pelican_plugins_and_the_settings_load_each_of_them():
    """plugins/ is Pelican's plugin folder: every package in it is a plugin (it has register())
    and is loaded by the settings; the application (command line, pipeline, caches) is sitebuilder/."""
    import importlib  # noqa: PLC0415

    from pelican.settings import read_settings  # noqa: PLC0415

    packages = sorted(path.parent.name for path in (ROOT / "plugins").glob("*/__init__.py"))
    assert packages and all(callable(getattr(importlib.import_module(name), "register", None)) for name in packages)
    loaded = set(read_settings(str(ROOT / "publishconf.py"))["PLUGINS"]) | {"site_incremental"}  # the pipeline's
    assert set(packages) == loaded
