"""The real content/ built into a site: every kind of page, in both languages."""

import os

import feedparser
import pytest

from conftest import ROOT, build_site
from sitecheck import local_path, page_url, parse, references, resolves, tree_digest

# One page of every kind in each language, as the content model (DESIGN.md) places them.
KINDS = {
    "lv": {
        "home": "index.html",
        "stories list": "stasti/index.html",
        "news list": "jaunumi/index.html",
        "methodology list": "metodologija/index.html",
        "communities list": "kopienas/index.html",
        "story": "stasti/mezinieku-viedais-ciems/index.html",
        "news item": "jaunumi/kopienu-sarunu-cikls-nosledzies/index.html",
        "invitation": "jaunumi/kopsanaksme-mezinieki-2022/index.html",
        "chapter": "metodologija/koprade/index.html",
        "community": "kopienas/mezinieki/index.html",
        "page": "par-projektu/index.html",
        "accessibility statement": "pieejamibas-pazinojums/index.html",
        "privacy statement": "privatums/index.html",
        "404": "404.html",
    },
    "en": {
        "home": "en/index.html",
        "stories list": "en/stories/index.html",
        "news list": "en/news/index.html",
        "methodology list": "en/methodology/index.html",
        "communities list": "en/communities/index.html",
        "story": "en/stories/mezinieki-smart-village/index.html",
        "news item": "en/news/first-conversation-cycle-closed/index.html",
        "invitation": "en/news/gathering-mezinieki-2022/index.html",
        "chapter": "en/methodology/co-creation/index.html",
        "community": "en/communities/mezinieki/index.html",
        "page": "en/about-the-project/index.html",
        "accessibility statement": "en/accessibility-statement/index.html",
        "privacy statement": "en/privacy/index.html",
        "404": "en/404.html",
    },
}
COMMUNITIES = ["baldone", "kekava", "daugmale", "katlakalns", "dzerumi", "krustkalni", "mezinieki"]


def alternates(soup):
    return {
        link["hreflang"]: link["href"]
        for link in soup.find_all("link", rel="alternate", hreflang=True)
    }


@pytest.mark.parametrize(
    ("lang", "kind"), [(lang, kind) for lang, kinds in KINDS.items() for kind in kinds]
)
def test_every_kind_of_page_exists_in_its_language(site, lang, kind):
    soup = parse(site.output, KINDS[lang][kind])
    assert soup.html["lang"] == lang
    assert soup.find("main", id="main") is not None
    assert soup.h1 is not None and soup.h1.get_text(strip=True)


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_a_page_for_every_community(site, lang):
    section = {"lv": "kopienas", "en": "en/communities"}[lang]
    for community in COMMUNITIES:
        assert (site.output / section / community / "index.html").is_file(), community


def test_every_page_has_the_lang_of_its_folder(site):
    for page in site.pages:
        expected = "en" if page.startswith("en/") else "lv"
        assert parse(site.output, page).html["lang"] == expected, page


def test_translations_link_each_other_both_ways(site):
    checked = 0
    for page in site.pages:
        soup = parse(site.output, page)
        links = alternates(soup)
        if page.endswith("404.html"):
            assert links == {}, f"{page}: an error page has no translations to announce"
            continue
        own_lang = soup.html["lang"]
        assert links[own_lang] == site.site_url + page_url(page), f"{page}: hreflang of itself"
        for lang, href in links.items():
            if lang in (own_lang, "x-default"):
                continue
            target = local_path(href, page_url(page), site.site_url)
            assert resolves(site.output, target), f"{page}: hreflang={lang} -> {href}"
            back = alternates(parse(site.output, target))
            assert back[own_lang] == site.site_url + page_url(page), f"{target} does not link back to {page}"
            checked += 1
    assert checked >= 40


def test_hreflang_urls_are_absolute_under_publishconf(site):
    soup = parse(site.output, KINDS["lv"]["story"])
    assert alternates(soup) == {
        "lv": f"{site.site_url}/stasti/mezinieku-viedais-ciems/",
        "en": f"{site.site_url}/en/stories/mezinieki-smart-village/",
        "x-default": f"{site.site_url}/stasti/mezinieku-viedais-ciems/",
    }


def test_language_switcher_goes_to_the_translation(site):
    for lang, other in (("lv", "en"), ("en", "lv")):
        for kind, page in KINDS[lang].items():
            if kind == "404":
                continue
            switcher = parse(site.output, page).find("nav", class_="language-switcher")
            link = switcher.find("a", hreflang=other)
            target = local_path(link["href"], page_url(page), site.site_url)
            assert target == KINDS[other][kind], f"{page}: switcher -> {link['href']}"
            assert switcher.find(attrs={"aria-current": "true"})["lang"] == lang


def test_no_switcher_or_hreflang_link_points_at_a_missing_file(site):
    for page in site.pages:
        soup = parse(site.output, page)
        hrefs = [a["href"] for a in soup.select("nav.language-switcher a[href]")]
        hrefs += list(alternates(soup).values())
        for href in hrefs:
            target = local_path(href, page_url(page), site.site_url)
            assert target is not None and resolves(site.output, target), f"{page}: {href}"


def test_every_internal_link_and_asset_resolves(site):
    broken = []
    count = 0
    for page in site.pages:
        for attribute, value in references(parse(site.output, page)):
            target = local_path(value, page_url(page), site.site_url)
            if target is None:
                continue
            count += 1
            if not resolves(site.output, target):
                broken.append(f"{page}: {attribute}={value}")
    assert broken == []
    assert count > 500


@pytest.mark.parametrize(("lang", "path"), [("lv", "feeds/atom.xml"), ("en", "en/feeds/atom.xml")])
def test_each_feed_parses_and_holds_only_its_language(site, lang, path):
    feed = feedparser.parse((site.output / path).read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.language == lang
    own = {"lv": "/feeds/atom.xml", "en": "/en/feeds/atom.xml"}[lang]
    assert [link.href for link in feed.feed.links if link.rel == "self"] == [site.site_url + own]
    assert len(feed.entries) == 3  # the news item, the invitation and the story
    for entry in feed.entries:
        target = local_path(entry.link, "/", site.site_url)
        assert entry.link.startswith(site.site_url + "/")
        assert parse(site.output, target).html["lang"] == lang, entry.link
    other = "lv" if lang == "en" else "en"
    assert all(not e.link.startswith(f"{site.site_url}/{other}/") for e in feed.entries)


def test_each_page_links_its_language_feed(site):
    for lang, home in (("lv", "index.html"), ("en", "en/index.html")):
        feed = parse(site.output, home).find("link", type="application/atom+xml")
        expected = {"lv": "/feeds/atom.xml", "en": "/en/feeds/atom.xml"}[lang]
        assert feed["href"] == site.site_url + expected


def test_latvian_pages_show_latvian_dates_and_strings(site):
    soup = parse(site.output, KINDS["lv"]["news item"])
    assert soup.find("time", datetime="2022-10-07").get_text() == "2022. gada 7. oktobris"
    assert soup.find("a", class_="skip-link").get_text() == "Pāriet uz galveno saturu"
    assert soup.find("nav", class_="site-nav")["aria-label"] == "Galvenā izvēlne"
    nav = [a.get_text(strip=True) for a in soup.select("nav.site-nav a")]
    assert nav == ["Stāsti", "Jaunumi", "Kopienas", "Metodoloģija", "Par projektu"]
    story = parse(site.output, KINDS["lv"]["story"])
    assert story.find("time").get_text() == "2022"  # the story is dated to the year only


def test_english_pages_show_english_dates_and_strings(site):
    soup = parse(site.output, KINDS["en"]["news item"])
    assert soup.find("time", datetime="2022-10-07").get_text() == "7 October 2022"
    assert soup.find("a", class_="skip-link").get_text() == "Skip to main content"


def test_the_footer_acknowledges_the_funder(site):
    for lang, text in (
        ("lv", "Sabiedrības integrācijas fonds"),
        ("en", "Society Integration Foundation"),
    ):
        footer = parse(site.output, KINDS[lang]["home"]).find("footer")
        assert text in footer.get_text()
        assert "2022.LV/NVOF/MIC/041/" in footer.get_text()


def test_communities_are_listed_in_latvian_alphabetical_order(site):
    soup = parse(site.output, "kopienas/index.html")
    names = [h.get_text(strip=True) for h in soup.select("main .card h2")]
    assert names == ["Baldone", "Daugmale", "Dzērumi", "Katlakalns", "Krustkalni", "Ķekava", "Mežinieki"]


def test_a_community_page_lists_what_names_it(site):
    soup = parse(site.output, KINDS["lv"]["community"])
    titles = [h.get_text(strip=True) for h in soup.select("main section .card h3")]
    assert "Mežinieku viedais ciems" in titles
    assert len(titles) == 3


def test_no_template_leftovers(site):
    leftovers = ("None", "{{", "{%", "Traceback", "undefined")
    for page in site.pages:
        text = (site.output / page).read_text(encoding="utf-8")
        visible = parse(site.output, page).get_text(" ")
        for leftover in leftovers:
            assert leftover not in visible, f"{page}: '{leftover}' in the text"
        assert "{{" not in text and "{%" not in text, page


def test_no_request_to_another_host(site):
    for page in site.pages:
        soup = parse(site.output, page)
        for tag in soup.find_all(["script", "img", "iframe", "link", "source", "video", "audio"]):
            for attribute in ("src", "href"):
                value = tag.get(attribute, "")
                if tag.name == "link" and "alternate" in tag.get("rel", []):
                    continue  # a link to a translation or feed is not a request
                assert not value.startswith(("http:", "https:", "//")) or value.startswith(
                    site.site_url + "/"
                ), f"{page}: {tag.name} {attribute}={value}"


def test_two_builds_give_byte_identical_output(site, tmp_path):
    again = tmp_path / "output"
    assert build_site(again).ok
    first, second = tree_digest(site.output), tree_digest(again)
    assert sorted(first) == sorted(second)
    different = [name for name in first if first[name] != second[name]]
    assert different == []


def test_the_build_leaves_content_untouched(site):
    assert tree_digest(ROOT / "content") == site.content_before


def test_output_is_readable_by_a_web_server(site):
    assert os.stat(site.output).st_mode & 0o005 == 0o005
