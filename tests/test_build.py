"""The build as organisers and staff run it: commands, failures, the dev server."""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import ROOT, build_site
from sitecheck import half_built, tree_digest

PYTHONPATH = os.pathsep.join((str(ROOT), str(ROOT / "plugins")))


def copy_project(destination):
    """A copy of the project (settings, theme, plugins, content) to change freely."""
    for name in ("pelicanconf.py", "publishconf.py"):
        shutil.copy(ROOT / name, destination / name)
    for name in ("theme", "plugins", "sitebuilder", "content", "editor"):
        shutil.copytree(ROOT / name, destination / name, ignore=shutil.ignore_patterns("__pycache__"))
    return destination


def run_build(project, *arguments):
    return subprocess.run(
        [sys.executable, "-m", "sitebuilder", "--settings", str(project / "pelicanconf.py"), *arguments],
        env=dict(os.environ, PYTHONPATH=PYTHONPATH),
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_command_line_build_reports_and_exits_zero(tmp_path):
    project = copy_project(tmp_path)
    result = run_build(project)
    assert result.returncode == 0, result.stderr
    built = sum(1 for path in (project / "output").rglob("*.html"))
    assert result.stdout.splitlines()[-1].startswith(f"Built {built} pages into ")
    assert "WARNING" not in result.stdout + result.stderr
    assert (project / "output" / "index.html").is_file()
    assert (project / "output" / "en" / "index.html").is_file()


def test_a_failed_build_leaves_the_previous_site_as_it_was(tmp_path):
    project = copy_project(tmp_path)
    assert run_build(project).returncode == 0
    before = tree_digest(project / "output")
    broken = project / "content" / "stories" / "mezinieku-viedais-ciems.lv.md"
    broken.write_text(broken.read_text(encoding="utf-8").replace("title:", "title: [", 1), encoding="utf-8")
    content_before = tree_digest(project / "content")

    result = run_build(project, "--strict")  # as publishing builds: a content problem fails

    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "content/stories/mezinieku-viedais-ciems.lv.md:2: šajā rindā ar '[' atvērtais saraksts nav"
        " aizvērts: noslēdziet to ar ']', piemēram, [baldone, kekava]",
        "Atrasta 1 kļūda satura failos; nekas netika publicēts.",
    ]
    assert tree_digest(project / "output") == before
    assert tree_digest(project / "content") == content_before
    assert half_built(project) == []


def test_a_template_error_fails_the_build(tmp_path):
    project = copy_project(tmp_path)
    story = project / "theme" / "templates" / "story.html"
    template = story.read_text(encoding="utf-8").replace("item.content|safe", "item.content|no_such_filter")
    story.write_text(template, encoding="utf-8")
    result = run_build(project)
    assert result.returncode == 1
    assert "no_such_filter" in result.stderr + result.stdout
    assert not (project / "output").exists()


def test_the_languages_built_one_by_one_give_the_same_site(site, tmp_path):
    output = tmp_path / "output"
    from sitebuilder.pipeline import build  # noqa: PLC0415

    result = build(
        str(ROOT / "publishconf.py"), output=str(output), jobs=1,
        extra={"SITEURL": site.site_url, "FEED_DOMAIN": site.site_url},
    )
    assert result.ok
    assert tree_digest(output) == tree_digest(site.output)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def wait_for(condition, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if condition():
                return True
        except OSError:
            pass
        time.sleep(0.3)
    return False


@pytest.fixture
def dev_server(tmp_path):
    project = copy_project(tmp_path)
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "sitebuilder.serve", "--settings", str(project / "pelicanconf.py"), "--port", str(port)],
        env=dict(os.environ, PYTHONPATH=PYTHONPATH),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        assert wait_for(lambda: fetch(base + "/")[0] == 200), "the dev server did not start"
        yield project, base
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_dev_server_serves_both_languages_with_pretty_urls_and_404s(dev_server):
    _project, base = dev_server
    status, body = fetch(base + "/en/stories/mezinieki-smart-village/")
    assert status == 200 and '<html lang="en">' in body
    status, body = fetch(base + "/stasti/nav-tada/")
    assert status == 404 and "Lapa nav atrasta" in body
    status, body = fetch(base + "/en/no-such-page/")
    assert status == 404 and "Page not found" in body


def test_dev_server_rebuilds_when_content_changes(dev_server):
    project, base = dev_server
    story = project / "content" / "stories" / "mezinieku-viedais-ciems.en.md"
    story.write_text(
        story.read_text(encoding="utf-8").replace("title: ", "title: Edited ", 1), encoding="utf-8"
    )
    url = base + "/en/stories/mezinieki-smart-village/"
    assert wait_for(lambda: '<h1 data-pagefind-weight="10">Edited ' in fetch(url)[1]), "the page was not rebuilt"


def test_dev_server_rebuilds_when_the_theme_changes(dev_server):
    project, base = dev_server
    css = project / "theme" / "static" / "css" / "site.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n/* changed */\n", encoding="utf-8")
    assert wait_for(lambda: "/* changed */" in fetch(base + "/theme/css/site.css")[1])


def test_the_dev_server_reloads_the_open_tab_and_shows_content_problems(dev_server, browser):
    """A real Chromium on a story: an edit reloads it; a broken one shows the problem in Latvian."""
    project, base = dev_server
    story = project / "content" / "stories" / "mezinieku-viedais-ciems.lv.md"
    original = story.read_text(encoding="utf-8")
    page = browser.new_page()
    try:
        page.goto(base + "/stasti/mezinieku-viedais-ciems/")
        page.evaluate("window.notReloaded = true")
        story.write_text(original + "\nŠo rindkopu pārlūks parāda pats.\n", encoding="utf-8")
        page.wait_for_function("window.notReloaded === undefined", timeout=60_000)  # a new document
        page.wait_for_selector("text=Šo rindkopu pārlūks parāda pats.")
        assert page.locator("#dev-problems").count() == 0

        page.evaluate("window.notReloaded = true")
        story.write_text(original.replace("communities: [mezinieki]", "communities: [mezinieki", 1), encoding="utf-8")
        page.wait_for_function("window.notReloaded === undefined", timeout=60_000)
        problems = page.locator("#dev-problems")
        problems.wait_for(timeout=10_000)
        text = problems.inner_text()
        assert "Satura problēmas: lapas ir uzbūvētas, taču šādā veidā tās nevarēs publicēt." in text
        assert "content/stories/mezinieku-viedais-ciems.lv.md:6: šajā rindā ar '[' atvērtais saraksts" in text

        page.evaluate("window.notReloaded = true")
        story.write_text(original, encoding="utf-8")
        page.wait_for_function("window.notReloaded === undefined", timeout=60_000)
        page.wait_for_load_state()
        assert page.locator("#dev-problems").count() == 0
    finally:
        page.close()
    # The script is the dev server's alone: no built page has it.
    built = (project / "output" / "stasti" / "mezinieku-viedais-ciems" / "index.html").read_text(encoding="utf-8")
    assert "_dev/" not in built
    assert '<script src="/_dev/reload.js"' in fetch(base + "/stasti/mezinieku-viedais-ciems/")[1]


def test_the_dev_servers_builder_starts_again_when_a_plugins_code_changes(tmp_path):
    from sitebuilder.builder import Builder  # noqa: PLC0415
    from sitebuilder.serve import build_arguments  # noqa: PLC0415

    project = copy_project(tmp_path)
    # The project's own copy of the plugins, so that the edit below is what Python imports.
    env = dict(os.environ, PYTHONPATH=os.pathsep.join((str(project), str(project / "plugins"))))
    builder = Builder(build_arguments(str(project / "pelicanconf.py")), env=env)
    try:
        assert builder.build() == 0
        first = builder.process.pid
        home = project / "output" / "index.html"
        assert "https://schema.org" in home.read_text(encoding="utf-8")
        story = project / "content" / "stories" / "mezinieku-viedais-ciems.lv.md"
        story.write_text(story.read_text(encoding="utf-8") + "\nVēl viena rindkopa.\n", encoding="utf-8")
        assert builder.build() == 0
        assert builder.process.pid == first  # the same builder: nothing but content changed
        assert "Vēl viena rindkopa." in (project / "output" / "stasti" / "mezinieku-viedais-ciems" / "index.html").read_text(encoding="utf-8")
        plugin = project / "plugins" / "site_metadata" / "__init__.py"
        plugin.write_text(
            plugin.read_text(encoding="utf-8").replace('SCHEMA = "https://schema.org"', 'SCHEMA = "https://schema.org/x"'),
            encoding="utf-8",
        )
        assert builder.build() == 0
        assert builder.process.pid != first
        assert "https://schema.org/x" in home.read_text(encoding="utf-8")
    finally:
        builder.close()
