"""Valid HTML: the Nu Html Checker (vnu.jar, pinned in package-lock.json) over all of output/."""

import json
import subprocess
from pathlib import Path

import pytest

from tools import VNU, require


def vnu_errors(folder):
    """Every error vnu reports below `folder`, as 'file:line: message'.

    vnu's exit status is read (0: no error, 1: errors reported, anything else: it did not
    check), its report must parse, and every HTML file of the folder must be among the files
    it names as checked (--verbose): a folder it did not check is never a clean one.
    """
    java = require("java", "apt-get install default-jre-headless")
    jar = require(VNU, "run 'npm ci' (make test does)")
    pages = sorted(str(path) for path in Path(folder).rglob("*.html"))
    assert pages, f"no HTML file to check in {folder}"
    result = subprocess.run(
        [java, "-jar", jar, "--skip-non-html", "--errors-only", "--format", "json", "--verbose", str(folder)],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode in (0, 1), f"vnu stopped with status {result.returncode}: {result.stderr}"
    report = json.loads(result.stderr)  # vnu writes its report on stderr, the files it checked on stdout
    checked = {line.strip() for line in result.stdout.splitlines()}
    assert [page for page in pages if page not in checked] == [], "vnu did not check these"
    errors = [
        f"{message['url'].split(str(folder), 1)[-1].lstrip('/')}:{message.get('lastLine', '?')}: {message['message']}"
        for message in report["messages"]
        if message["type"] == "error" or message.get("subType") == "fatal"
    ]
    assert bool(errors) == (result.returncode == 1), f"status {result.returncode} with errors {errors}"
    return errors


def test_every_page_is_valid_html(site):
    assert vnu_errors(site.output) == []


@pytest.fixture(scope="module")
def broken_page(tmp_path_factory):
    folder = tmp_path_factory.mktemp("broken")
    page = folder / "stasti" / "salauzta" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text(
        '<!DOCTYPE html>\n<html lang="lv">\n<head><meta charset="utf-8"><title>Salauzta</title></head>\n'
        '<body>\n<p id="a">Viens</p>\n<p id="a">Divi</p>\n<img src="x.png">\n</body>\n</html>\n',
        encoding="utf-8",
    )
    return folder


def test_a_folder_without_html_is_not_a_valid_site(tmp_path):
    (tmp_path / "notes.txt").write_text("not a page", encoding="utf-8")
    with pytest.raises(AssertionError, match="no HTML file to check"):
        vnu_errors(tmp_path)


def test_vnu_names_the_page_line_and_rule_of_a_broken_page(broken_page):
    assert vnu_errors(broken_page) == [
        "stasti/salauzta/index.html:6: Duplicate ID “a”.",
        "stasti/salauzta/index.html:7: An “img” element must have an “alt” attribute, except under certain conditions. For details, consult guidance on providing text alternatives for images.",
    ]
