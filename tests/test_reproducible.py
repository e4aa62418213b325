"""The published build's bytes depend on the commit and the lock, not on the machine.

The guides' PDFs are laid out with the theme's own fonts whatever fonts the
machine has; and two fresh venvs made from requirements/build.txt, one by the
publishing hook's own function and one as the hosted workflows make it, build
the fixture site with publishconf.py into byte-identical folders, under
different time zones, locales and hash seeds. Two venvs and two builds: about a
minute and a half.
"""

import gzip
import importlib.machinery
import importlib.util
import os
import subprocess
import sys
from io import BytesIO

import pytest
from pypdf import PdfReader

from conftest import ROOT, SITE_URL
from sitecheck import tree_digest
from site_guides.pdf import fontconfig_file, render_pdf

THEME_FONTS = ROOT / "theme" / "pdf-fonts"
PAGE = """<!DOCTYPE html><html lang="lv"><head><meta charset="utf-8"><title>Ķekava</title></head>
<body style="font-family: system-ui, 'Noto Sans', sans-serif">
<h1>Ģimeņu sarunas Ķekavā</h1>
<p>Ļaudis, <em>ūdens</em> un <strong>žogi</strong>: „čaklās” rokas, <code>ņēma()</code></p>
</body></html>"""


def embedded_fonts(pdf):
    """The base names of the fonts a PDF embeds, without the subset prefix (ABCDEF+)."""
    reader = PdfReader(BytesIO(pdf))
    return {
        str(font.get_object()["/BaseFont"]).split("+", 1)[-1]
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }


def test_the_pdf_fonts_are_the_theme_s_whatever_fonts_the_machine_has(tmp_path, monkeypatch):
    own, refused = render_pdf(PAGE, f"{SITE_URL}/", {}, str(THEME_FONTS))
    assert refused == []
    assert embedded_fonts(own) == {"DejaVu-Sans", "DejaVu-Sans-Bold", "DejaVu-Sans-Oblique", "DejaVu-Sans-Mono"}
    text = PdfReader(BytesIO(own)).pages[0].extract_text()
    assert "Ģimeņu sarunas Ķekavā" in text and "Ļaudis, ūdens un žogi: „čaklās” rokas, ņēma()" in text
    # A machine whose Fontconfig knows no fonts at all: the same bytes.
    (tmp_path / "none").mkdir()
    (tmp_path / "fonts.conf").write_text(fontconfig_file(tmp_path / "none", tmp_path / "cache"), encoding="utf-8")
    monkeypatch.setenv("FONTCONFIG_FILE", str(tmp_path / "fonts.conf"))
    assert render_pdf(PAGE, f"{SITE_URL}/", {}, str(THEME_FONTS))[0] == own


def test_the_pdf_fonts_are_shipped_with_their_licence():
    names = sorted(path.name for path in THEME_FONTS.iterdir())
    assert "LICENSE" in names and "README.md" in names
    assert "License: bitstream-vera" in (THEME_FONTS / "LICENSE").read_text(encoding="utf-8")
    from fontTools.ttLib import TTFont  # noqa: PLC0415

    latvian = "āčēģīķļņšūžĀČĒĢĪĶĻŅŠŪŽ„”–"
    for name in (n for n in names if n.endswith(".ttf")):
        cmap = TTFont(THEME_FONTS / name).getBestCmap()
        assert [c for c in latvian if ord(c) not in cmap] == [], name


def hook_environment():
    """The publishing hook's environment(root, tree) function, loaded from deploy/publish/pre-receive."""
    path = str(ROOT / "deploy" / "publish" / "pre-receive")
    sys.path.insert(0, str(ROOT / "deploy" / "publish"))
    loader = importlib.machinery.SourceFileLoader("pre_receive", path)
    module = importlib.util.module_from_spec(importlib.util.spec_from_loader("pre_receive", loader))
    loader.exec_module(module)
    return module.environment


def build_fixture_site(python, output, **env):
    command = [
        python, "-m", "sitebuilder", "--settings", "publishconf.py", "--strict", "--output", str(output),
        "--set", f"PATH={ROOT / 'tests' / 'fixtures' / 'site'}", "--set", f"SITEURL={SITE_URL}",
        "--set", f"CACHE_PATH={output.parent / 'cache'}",
    ]
    environment = dict(os.environ, PYTHONPATH=str(ROOT / "plugins"), **env)
    done = subprocess.run(command, cwd=ROOT, env=environment, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]


def test_two_fresh_venvs_from_the_lock_build_the_same_bytes(tmp_path):
    # One venv as the publishing hook makes it, one as the hosted workflows do.
    hook_python = hook_environment()(str(tmp_path / "hook-root"), str(ROOT))
    workflow_venv = tmp_path / "workflow" / ".venv"
    subprocess.run([sys.executable, "-m", "venv", workflow_venv], check=True)
    subprocess.run(
        [workflow_venv / "bin" / "pip", "install", "--quiet", "--disable-pip-version-check", "--require-hashes",
         "-r", ROOT / "requirements" / "build.txt"],
        check=True, capture_output=True, text=True,
    )
    # Not the test's venv: each has only the locked build packages, at their locked versions.
    for python in (hook_python, workflow_venv / "bin" / "python"):
        assert not str(python).startswith(sys.prefix)
        frozen = subprocess.run([python, "-m", "pip", "freeze"], capture_output=True, text=True, check=True).stdout
        assert "pelican==4.12.0" in frozen.splitlines() and "pytest" not in frozen
    first, second = tmp_path / "a" / "output", tmp_path / "b" / "output"
    build_fixture_site(hook_python, first, TZ="Pacific/Auckland", LC_ALL="C.UTF-8", PYTHONHASHSEED="1")
    build_fixture_site(workflow_venv / "bin" / "python", second, TZ="America/Lima", LC_ALL="C",
                       PYTHONHASHSEED="2")
    a, b = tree_digest(first), tree_digest(second)
    assert any(name.endswith(".pdf") for name in a), "the fixture site has a guide: its PDF is compared too"
    assert sorted(a) == sorted(b)
    assert [name for name in a if a[name] != b[name]] == []


def test_the_gz_files_are_the_same_under_every_python():
    """gzip.compress marks the OS as Unix (3) under Python 3.11, as unknown (255) from 3.12 on:
    the build writes its own header, the same under each."""
    from sitebuilder.precompress import gzip_bytes  # noqa: PLC0415

    data = ("Ķekavas kopienas: ūdens, ļaudis, žogi. " * 200).encode("utf-8")
    made = gzip_bytes(data)
    assert gzip.decompress(made) == data
    assert made[:10] == b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"
    assert made[10:] == gzip.compress(data, compresslevel=9, mtime=0)[10:]  # the same deflate stream
