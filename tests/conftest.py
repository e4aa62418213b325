"""Shared fixtures: the real site built once per test session."""

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugins"))
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from sitebuilder.pipeline import build  # noqa: E402
from sitecheck import html_files, tree_digest  # noqa: E402

# Under CI (CI=true), any skipped test fails (tests/ci_skips.py).
pytest_plugins = ["ci_skips"]

# The web editor's folder in the built site (EDITOR["path"] in pelicanconf.py).
EDITOR_FOLDER = "admin/"
# Where the published site would live; any absolute address does for the tests.
SITE_URL = "https://kopienas.example.org"


@dataclass
class Site:
    output: Path
    site_url: str
    result: object = field(repr=False)
    content_before: dict = field(repr=False)

    @property
    def pages(self):
        """The public pages: every .html file but the web editor's (test_editor.py checks that one)."""
        return [page for page in html_files(self.output) if not page.startswith(EDITOR_FOLDER)]


def build_site(output, settings="publishconf.py", **extra):
    """Build into `output` with the project's settings, absolute URLs under SITE_URL."""
    overrides = {"SITEURL": SITE_URL, "FEED_DOMAIN": SITE_URL, **extra}
    return build(str(ROOT / settings), output=str(output), extra=overrides)


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """The real content/ built with publishconf.py."""
    content_before = tree_digest(ROOT / "content")
    output = tmp_path_factory.mktemp("site") / "output"
    result = build_site(output)
    assert result.ok, f"the build of content/ failed: {result}"
    return Site(output, SITE_URL, result, content_before)


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory):
    """A small site of its own (tests/fixtures/site) for cases the real content lacks.

    One item a list page, so that the lists are paginated.
    """
    output = tmp_path_factory.mktemp("fixture") / "output"
    content = Path(__file__).resolve().parent / "fixtures" / "site"
    result = build_site(output, PATH=str(content), DEFAULT_PAGINATION=1)
    assert result.ok, f"the build of the fixture site failed: {result}"
    return Site(output, SITE_URL, result, {})


def pytest_configure(config):
    os.environ.setdefault("SITEURL", SITE_URL)


@pytest.fixture(scope="session")
def served_site(tmp_path_factory):
    """The real content/ built for, and served by, nginx on 127.0.0.1 with deploy/nginx/."""
    from tools import free_port, serve_with_project_config  # noqa: PLC0415

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    output = tmp_path_factory.mktemp("served") / "output"
    result = build(str(ROOT / "publishconf.py"), output=str(output), extra={"SITEURL": base})
    assert result.ok, f"the build of content/ failed: {result}"
    server = serve_with_project_config(tmp_path_factory.mktemp("nginx"), output, port)
    yield Site(output, base, result, {})
    server.stop()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, driven by Playwright (never a downloaded browser)."""
    from tools import CHROMIUM, CHROMIUM_ARGS, require  # noqa: PLC0415

    require(CHROMIUM, "apt-get install chromium")
    from playwright.sync_api import sync_playwright  # noqa: PLC0415

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def pytest_terminal_summary(terminalreporter):
    """The page-weight table, for people to see what a first visit costs."""
    from tools import LIGHTHOUSE_REPORT, PAGE_WEIGHTS  # noqa: PLC0415

    write = terminalreporter.write_line
    if LIGHTHOUSE_REPORT:
        terminalreporter.section("Lighthouse: scores and every failed audit")
        for line in LIGHTHOUSE_REPORT:
            write(line)
    if not PAGE_WEIGHTS:
        return
    terminalreporter.section("page weight without photos (gzip, bytes)")
    write(f"{'page':<28}{'HTML':>8}{'CSS/JS/fonts':>14}{'total':>8}")
    for name, document, other, total in PAGE_WEIGHTS:
        write(f"{name:<28}{document:>8}{other:>14}{total:>8}")
