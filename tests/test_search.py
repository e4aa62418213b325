"""Search with Pagefind, one index per language, tried in Chromium on the served site."""

import json
import time
from urllib.parse import quote

import pytest

from pages import KINDS
from sitecheck import page_url

SEARCH = {"lv": "/meklet/", "en": "/en/search/"}


def wait_for_status(page, seconds=15):
    """Until the search reports a result (polled from here: the site's CSP forbids eval)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        status = page.text_content("#search-status") or ""
        if status and not status.endswith("…"):
            return status
        time.sleep(0.1)
    raise AssertionError(f"no search result after {seconds} s")


def search(browser, site, lang, query, typed=True):
    """The result URLs (paths) a visitor sees after searching."""
    context = browser.new_context()
    page = context.new_page()
    try:
        if typed:
            page.goto(site.site_url + SEARCH[lang])
            page.fill("#search-query", query)
            page.press("#search-query", "Enter")
        else:
            page.goto(site.site_url + SEARCH[lang] + "?q=" + quote(query))
        wait_for_status(page)
        links = page.eval_on_selector_all("#search-results a", "links => links.map(a => a.getAttribute('href'))")
        return [link.replace(site.site_url, "") for link in links]
    finally:
        context.close()


def test_a_query_without_diacritics_finds_the_latvian_invitation(browser, served_site):
    results = search(browser, served_site, "lv", "kopsanaksme mezinieki")
    assert results[0] == page_url(KINDS["lv"]["invitation"])


def test_a_word_in_another_form_finds_its_stem(browser, served_site):
    # "kopsanāksmes" (genitive) is not in the text; "kopsanāksme", "kopsanāksmi" are
    results = search(browser, served_site, "lv", "kopsanaksmes", typed=False)
    assert page_url(KINDS["lv"]["invitation"]) in results


def test_the_english_index_holds_only_english_pages(browser, served_site):
    results = search(browser, served_site, "en", "gathering Mezinieki")
    assert results[0] == page_url(KINDS["en"]["invitation"])
    assert all(url.startswith("/en/") for url in results), results


def test_list_pages_and_navigation_are_not_indexed(served_site):
    entry = json.loads((served_site.output / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    counts = {lang: info["page_count"] for lang, info in entry["languages"].items()}
    documents = {"lv": 0, "en": 0}
    for relative in served_site.pages:
        if 'data-pagefind-body' in (served_site.output / relative).read_text(encoding="utf-8"):
            documents["en" if relative.startswith("en/") else "lv"] += 1
    assert counts == documents
    assert counts["lv"] == 22  # 3 news and stories, 7 communities, 3 goals, 6 chapters, 3 pages


def test_without_javascript_the_search_page_links_the_list_pages(browser, served_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(served_site.site_url + SEARCH["lv"])
        assert not page.is_visible("form[data-search]")
        assert "JavaScript" in page.inner_text("main")
        hrefs = page.eval_on_selector_all("main ul a", "links => links.map(a => a.getAttribute('href'))")
        assert [h.replace(served_site.site_url, "") for h in hrefs] == [
            "/stasti/", "/jaunumi/", "/metodologija/", "/kopienas/", "/merki/"
        ]
    finally:
        context.close()
