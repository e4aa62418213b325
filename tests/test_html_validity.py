"""Valid HTML: the Nu Html Checker (vnu.jar, pinned in package-lock.json) over all of output/."""

import json
import subprocess

import pytest

from tools import VNU, require


def vnu_errors(folder):
    """Every error vnu reports below `folder`, as 'file:line: message'."""
    java = require("java", "apt-get install default-jre-headless")
    jar = require(VNU, "run 'npm ci' (make test does)")
    result = subprocess.run(
        [java, "-jar", jar, "--skip-non-html", "--errors-only", "--format", "json", str(folder)],
        capture_output=True, text=True, check=False,
    )
    report = json.loads(result.stderr or '{"messages": []}')  # vnu writes its report on stderr
    return [
        f"{message['url'].split(str(folder), 1)[-1].lstrip('/')}:{message.get('lastLine', '?')}: {message['message']}"
        for message in report["messages"]
        if message["type"] == "error" or message.get("subType") == "fatal"
    ]


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


def test_vnu_names_the_page_line_and_rule_of_a_broken_page(broken_page):
    assert vnu_errors(broken_page) == [
        "stasti/salauzta/index.html:6: Duplicate ID “a”.",
        "stasti/salauzta/index.html:7: An “img” element must have an “alt” attribute, except under certain conditions. For details, consult guidance on providing text alternatives for images.",
    ]
