"""Search with Pagefind, one index per language, tried in Chromium on the served site.

The table SEARCH_TABLE holds what residents type and the page each query must
bring first, in both languages, on the real content/.
"""

import json
import time
from urllib.parse import quote

import pytest

from pages import KINDS
from site_search.compounds import compound_parts, parts_field
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


def test_list_pages_and_navigation_are_not_indexed_and_each_language_has_its_own_bundle(served_site):
    counts = {}
    for lang, bundle in (("lv", "pagefind"), ("en", "en/pagefind")):
        entry = json.loads((served_site.output / bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
        assert list(entry["languages"]) == [lang]
        counts[lang] = entry["languages"][lang]["page_count"]
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


# (language, query, the first result): what residents type, and the page they expect.
SEARCH_TABLE = [
    ("lv", "sanāksme", "/jaunumi/kopsanaksme-mezinieki-2022/"),  # a compound found by its part
    ("lv", "tikšanās", "/jaunumi/kopsanaksme-mezinieki-2022/"),
    ("lv", "Ķekava", "/kopienas/kekava/"),
    ("lv", "Baldone", "/kopienas/baldone/"),
    ("lv", "Katlakalns", "/kopienas/katlakalns/"),
    ("lv", "Dzērumi", "/kopienas/dzerumi/"),
    ("lv", "Krustkalni", "/kopienas/krustkalni/"),
    ("lv", "Daugmale", "/kopienas/daugmale/"),
    ("lv", "mezinieki", "/kopienas/mezinieki/"),
    ("lv", "koprade", "/metodologija/koprade/"),
    ("lv", "rīcību karte", "/metodologija/ricibu-karte/"),
    ("lv", "vajadzības", "/metodologija/vajadzibas-un-atbalsts/"),
    ("lv", "sadarbība", "/metodologija/sadarbiba-ar-pasvaldibu/"),
    ("lv", "pašvaldība", "/metodologija/sadarbiba-ar-pasvaldibu/"),
    ("lv", "viedais ciems", "/stasti/mezinieku-viedais-ciems/"),
    ("lv", "sarunu cikls", "/jaunumi/kopienu-sarunu-cikls-nosledzies/"),
    ("lv", "apgaismojums", "/merki/apgaismojums-un-infrastruktura/"),
    ("lv", "sports", "/merki/sporta-bernu-un-atputas-vietas/"),
    ("lv", "bērni", "/merki/sporta-bernu-un-atputas-vietas/"),
    ("lv", "privātums", "/privatums/"),
    ("lv", "pieejamība", "/pieejamibas-pazinojums/"),
    ("lv", "projekts", "/par-projektu/"),
    ("en", "meeting", "/en/news/gathering-mezinieki-2022/"),  # the meeting before the pages that mention meetings
    ("en", "gathering", "/en/news/gathering-mezinieki-2022/"),
    ("en", "Kekava", "/en/communities/kekava/"),
    ("en", "Baldone", "/en/communities/baldone/"),
    ("en", "Dzerumi", "/en/communities/dzerumi/"),
    ("en", "co-creation", "/en/methodology/co-creation/"),
    ("en", "action map", "/en/methodology/action-map/"),
    ("en", "needs", "/en/methodology/needs-and-support/"),
    ("en", "cooperation", "/en/methodology/cooperation-with-the-municipality/"),
    ("en", "smart village", "/en/stories/mezinieki-smart-village/"),
    ("en", "conversations", "/en/news/first-conversation-cycle-closed/"),
    ("en", "lighting", "/en/goals/lighting-and-public-infrastructure/"),
    ("en", "children", "/en/goals/places-for-sport-children-gatherings-and-recreation/"),
    ("en", "privacy", "/en/privacy/"),
    ("en", "accessibility", "/en/accessibility-statement/"),
    ("en", "project", "/en/about-the-project/"),
]


def results_of(page, site, lang, query):
    """The result paths of one search typed into an open page."""
    page.goto(site.site_url + SEARCH[lang])
    page.fill("#search-query", query)
    page.press("#search-query", "Enter")
    status = wait_for_status(page)
    links = page.eval_on_selector_all("#search-results a", "links => links.map(a => a.getAttribute('href'))")
    return status, [link.replace(site.site_url, "") for link in links]


def test_the_search_table(browser, served_site):
    context = browser.new_context()
    page = context.new_page()
    wrong = []
    try:
        for lang, query, expected in SEARCH_TABLE:
            _, results = results_of(page, served_site, lang, query)
            if not results or results[0] != expected:
                wrong.append(f"{lang} {query!r}: expected {expected} first, got {results[:3]}")
    finally:
        context.close()
    assert len(SEARCH_TABLE) >= 20 and {lang for lang, _, _ in SEARCH_TABLE} == {"lv", "en"}
    assert wrong == []


@pytest.mark.parametrize(("lang", "word"), [("lv", "a"), ("en", "a"), ("en", "I")])
def test_a_one_letter_word_finds_nothing_and_says_why(browser, served_site, lang, word):
    context = browser.new_context()
    page = context.new_page()
    try:
        status, results = results_of(page, served_site, lang, word)
    finally:
        context.close()
    assert results == []
    assert status == {"lv": "Ierakstiet vārdu, kurā ir vismaz divi burti.", "en": "Type a word of at least two letters."}[lang]


def test_a_latvian_word_on_the_english_search_finds_no_page_of_a_and_offers_the_latvian_search(browser, served_site):
    context = browser.new_context()
    page = context.new_page()
    try:
        status, results = results_of(page, served_site, "en", "apgaismojums")
        assert results == []  # not the 22 pages that hold the word "a"
        assert status == "Nothing was found. Try another word or a shorter one."
        offer = page.locator("#search-elsewhere a")
        assert page.is_visible("#search-elsewhere") and offer.count() == 1
        assert offer.get_attribute("hreflang") == "lv"
        assert offer.inner_text() == "Latviešu: „apgaismojums”"
        offer.click()
        page.wait_for_load_state()
        assert page.url == served_site.site_url + "/meklet/?q=apgaismojums"
        wait_for_status(page)
        found = page.eval_on_selector_all("#search-results a", "links => links.map(a => a.getAttribute('href'))")
        assert found[0].replace(served_site.site_url, "") == "/merki/apgaismojums-un-infrastruktura/"
    finally:
        context.close()


def test_results_found_hide_the_offer_of_the_other_language(browser, served_site):
    context = browser.new_context()
    page = context.new_page()
    try:
        results_of(page, served_site, "lv", "Baldone")
        assert not page.is_visible("#search-elsewhere")
    finally:
        context.close()


def test_excerpts_hold_no_permalink_text(browser, served_site):
    context = browser.new_context()
    page = context.new_page()
    try:
        for lang, query, label in [("lv", "sadarbība", "Saite uz šo sadaļu"), ("en", "cooperation", "Link to this section")]:
            results_of(page, served_site, lang, query)
            excerpts = page.eval_on_selector_all("#search-results p", "ps => ps.map(p => p.textContent)")
            assert excerpts and not [e for e in excerpts if label in e or "#" in e], excerpts
    finally:
        context.close()


LAYOUT_SHIFT = """() => new Promise((resolve) => {
  let total = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
  }).observe({type: "layout-shift", buffered: true});
  setTimeout(() => resolve(total), 500);
})"""


@pytest.mark.parametrize("width", [360, 1280])
def test_the_form_has_large_targets_and_does_not_move_the_page(browser, served_site, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    try:
        page.goto(served_site.site_url + SEARCH["lv"])
        page.wait_for_load_state("load")
        page.wait_for_selector("form[data-search].is-ready")
        # the script shows the form in the space kept for it: nothing moves (Chromium's layout-shift score)
        assert page.evaluate(LAYOUT_SHIFT) == 0
        assert page.is_visible("form[data-search]")
        for target in ("#search-query", "form[data-search] button"):
            box = page.locator(target).bounding_box()
            assert box["height"] >= 44 and box["width"] >= 44, (target, box)
        assert page.evaluate("parseFloat(getComputedStyle(document.querySelector('#search-query')).fontSize)") >= 16
    finally:
        context.close()


def test_compounds_are_indexed_under_their_parts():
    assert compound_parts("Kopsanāksme Mežiniekos") == ["sanāksme", "nāksme"]
    assert "valdība" in compound_parts("<p>sadarbība ar pašvaldību un pašvaldība</p>")
    assert compound_parts("parks, sēta un iela") == []  # a rest shorter than five letters is no part
    assert compound_parts("Sanāksme un sanāksme") == ["nāksme"]  # a part that is a word of the page already is not repeated


def test_only_latvian_pages_get_compound_parts():
    assert parts_field("lv", "Kopsanāksme", None) == "parts:sanāksme nāksme"
    assert parts_field("en", "attending the gathering") == ""
    assert parts_field("lv", "Ķekava") == ""


# --- the bundles: one a language, kept in the cache by their pages -----------------------------------

LANGUAGES = {"lv": {"prefix": ""}, "en": {"prefix": "en"}}


def small_site(root, english="A gathering in Mežinieki"):
    """A site of a few pages: Latvian at the root and in folders (one named like the English one's start)."""
    pages = {
        "index.html": ("lv", "Sākums"),
        "stasti/talka/index.html": ("lv", "Talka Mežiniekos"),
        "ekspedicija/index.html": ("lv", "Ekspedīcija pa Daugavu"),
        "en/index.html": ("en", "Home"),
        "en/stories/talka/index.html": ("en", english),
    }
    for relative, (lang, text) in pages.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f'<!DOCTYPE html><html lang="{lang}"><head><title>{text}</title></head>'
                        f'<body><main data-pagefind-body><h1>{text}</h1><p>{text}.</p></main></body></html>',
                        encoding="utf-8")
    return root


def test_each_language_is_indexed_alone_and_an_unchanged_bundle_comes_from_the_cache(tmp_path):
    from site_search.bundles import build_bundles, language_files  # noqa: PLC0415

    settings = {"LANGUAGES": LANGUAGES, "CACHE_PATH": str(tmp_path / "cache")}
    first = small_site(tmp_path / "first")
    assert language_files(first, settings, "lv") == ["ekspedicija/index.html", "index.html", "stasti/talka/index.html"]
    assert language_files(first, settings, "en") == ["en/index.html", "en/stories/talka/index.html"]
    assert build_bundles(str(first), settings) == {"lv": 3, "en": 2}
    for lang, bundle in (("lv", first / "pagefind"), ("en", first / "en" / "pagefind")):
        entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
        assert list(entry["languages"]) == [lang]
    entries = sorted((tmp_path / "cache" / "search").glob("*/*"))
    assert len(entries) == 2

    # The English story changes: only the English pages are indexed again.
    second = small_site(tmp_path / "second", english="A gathering in Daugmale")
    assert build_bundles(str(second), settings) == {"lv": 3, "en": 2}
    again = sorted((tmp_path / "cache" / "search").glob("*/*"))
    assert len(again) == 3 and set(entries) < set(again)
    lv_first, lv_second = first / "pagefind" / "pagefind-entry.json", second / "pagefind" / "pagefind-entry.json"
    assert lv_first.stat().st_ino == lv_second.stat().st_ino  # the same kept file, linked
    en_first, en_second = (site / "en" / "pagefind" / "pagefind-entry.json" for site in (first, second))
    assert en_first.read_bytes() != en_second.read_bytes()
