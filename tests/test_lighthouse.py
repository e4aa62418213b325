"""Lighthouse in Chromium against nginx: scores and every failed audit.

`make test` audits the home page, a story, a list, the communities and the
search page in both languages on a phone; `invoke audit-pages` (LIGHTHOUSE=all)
audits every kind of page in both languages, on a phone and on a desktop.
Each run's report goes to test-artefacts/lighthouse-<form factor>.txt and to
the end of the test run's output.
"""

import os

import pytest

from lighthouse_audit import audit, report
from pages import KINDS
from tools import LIGHTHOUSE_REPORT, ROOT, url_of

ARTEFACTS = ROOT / "test-artefacts"
QUICK = ["home", "story", "stories list", "communities list", "search"]
EVERY = os.environ.get("LIGHTHOUSE") == "all"
FORM_FACTORS = ["mobile", "desktop"] if EVERY else ["mobile"]


@pytest.mark.parametrize("form_factor", FORM_FACTORS)
def test_lighthouse_scores(served_site, form_factor):
    kinds = [kind for kind in KINDS["lv"] if kind != "404"] if EVERY else QUICK
    pages = {url_of(served_site, KINDS[lang][kind]): f"{lang} {kind}" for lang in KINDS for kind in kinds}
    results = audit(list(pages), form_factor)
    # The offline pages ask search engines not to index them (site_offline): that audit fails on purpose.
    expected = {url: {"is-crawlable"} for url, label in pages.items() if label.endswith("offline page")}
    lines, misses = report(results, form_factor, name=lambda url: pages[url], expected=expected)
    ARTEFACTS.mkdir(exist_ok=True)
    (ARTEFACTS / f"lighthouse-{form_factor}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    LIGHTHOUSE_REPORT.extend(lines)
    assert misses == [], "\n".join(misses + lines)
