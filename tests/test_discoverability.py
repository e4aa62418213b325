"""What search engines see: sitemap.xml, robots.txt, canonical URLs, link previews, JSON-LD."""

import json
import re
from pathlib import Path

import pytest
from lxml import etree

from pages import KINDS
from sitecheck import local_path, page_url, parse, resolves
from test_photos import photo_site  # noqa: F401 - the fixture site with photos

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"
SCHEMA = Path(__file__).resolve().parent / "data" / "sitemap.xsd"
ALL_PAGES = [(lang, kind) for lang, kinds in KINDS.items() for kind in kinds if kind != "404"]


@pytest.fixture(scope="module")
def sitemap(site):
    return etree.parse(str(site.output / "sitemap.xml"))


def test_the_sitemap_is_valid_against_the_sitemaps_schema(sitemap):
    schema = etree.XMLSchema(etree.parse(str(SCHEMA)))
    assert schema.validate(sitemap), schema.error_log


def test_the_schema_refuses_a_broken_sitemap():
    schema = etree.XMLSchema(etree.parse(str(SCHEMA)))
    broken = etree.fromstring(
        f'<urlset xmlns="{SITEMAP_NS}"><url><lastmod>2022-10-07</lastmod><loc>/x/</loc></url></urlset>'
    )
    assert not schema.validate(broken)


def entries(sitemap):
    for url in sitemap.getroot().iterfind(f"{{{SITEMAP_NS}}}url"):
        loc = url.findtext(f"{{{SITEMAP_NS}}}loc")
        links = {
            link.get("hreflang"): link.get("href")
            for link in url.iterfind(f"{{{XHTML_NS}}}link")
            if link.get("rel") == "alternate"
        }
        yield loc, url.findtext(f"{{{SITEMAP_NS}}}lastmod"), links


def test_every_url_and_alternate_in_the_sitemap_is_a_built_page(site, sitemap):
    listed = list(entries(sitemap))
    assert len(listed) >= 40
    for loc, _lastmod, links in listed:
        assert resolves(site.output, local_path(loc, "/", site.site_url)), loc
        assert links, f"{loc} has no alternates"
        assert loc in links.values(), f"{loc} does not list itself among its alternates"
        for href in links.values():
            assert href.startswith(site.site_url + "/")
            assert resolves(site.output, local_path(href, "/", site.site_url)), f"{loc}: {href}"


def test_every_page_is_in_the_sitemap_with_its_translations(site, sitemap):
    listed = {loc: links for loc, _lastmod, links in entries(sitemap)}
    for lang, kinds in KINDS.items():
        for kind, relative in kinds.items():
            url = site.site_url + page_url(relative)
            if kind in ("404", "offline page"):  # not pages to find: the offline page asks not to be indexed
                assert url not in listed
                continue
            assert url in listed, f"{kind} ({lang}) is not in the sitemap"
    both = {
        "lv": f"{site.site_url}/stasti/mezinieku-viedais-ciems/",
        "en": f"{site.site_url}/en/stories/mezinieki-smart-village/",
        "x-default": f"{site.site_url}/stasti/mezinieku-viedais-ciems/",  # the Latvian page, from either
    }
    assert listed[f"{site.site_url}/stasti/mezinieku-viedais-ciems/"] == both
    assert listed[f"{site.site_url}/en/stories/mezinieki-smart-village/"] == both


@pytest.fixture(scope="module")
def fixture_sitemap(fixture_site):
    return etree.parse(str(fixture_site.output / "sitemap.xml"))


def test_later_pages_of_a_paginated_list_are_not_in_the_sitemap(fixture_site, fixture_sitemap):
    listed = [loc.removeprefix(fixture_site.site_url) for loc, _lastmod, _links in entries(fixture_sitemap)]
    later = ["jaunumi/2/index.html", "en/news/2/index.html", "kopienas/2/index.html"]
    assert [page for page in later if (fixture_site.output / page).is_file()] == later  # the fixture paginates
    assert {"/jaunumi/", "/en/news/", "/kopienas/"} <= set(listed)
    assert [url for url in listed if re.search(r"/\d+/$", url)] == []


def test_lastmod_comes_from_the_content(sitemap, site):
    dates = {loc: lastmod for loc, lastmod, _links in entries(sitemap)}
    assert dates[f"{site.site_url}/jaunumi/kopienu-sarunu-cikls-nosledzies/"] == "2022-10-07"
    assert dates[f"{site.site_url}/en/news/"] == "2022-10-07"  # its newest item
    assert dates[f"{site.site_url}/kopienas/mezinieki/"] is None  # no date in the content


def test_robots_txt_points_to_the_sitemap(site):
    lines = (site.output / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert f"Sitemap: {site.site_url}/sitemap.xml" in lines
    assert "User-agent: *" in lines


@pytest.mark.parametrize(("lang", "kind"), ALL_PAGES)
def test_canonical_and_link_preview_tags(site, lang, kind):
    soup = parse(site.output, KINDS[lang][kind])
    url = site.site_url + page_url(KINDS[lang][kind])
    assert soup.find("link", rel="canonical")["href"] == url
    meta = {tag["property"]: tag["content"] for tag in soup.find_all("meta", property=True)}
    assert meta["og:url"] == url
    assert meta["og:title"] and meta["og:description"]
    assert meta["og:locale"] == {"lv": "lv_LV", "en": "en_GB"}[lang]
    assert meta["og:type"] == ("article" if kind in ("story", "news item", "invitation") else "website")
    # every page has a share card (site_cards, tests/test_cards.py): a large image
    assert soup.find("meta", attrs={"name": "twitter:card"})["content"] == "summary_large_image"


def json_ld(soup):
    return [json.loads(tag.string) for tag in soup.find_all("script", type="application/ld+json")]


# The JSON-LD blocks each kind of page carries, by their @type; the other kinds carry none.
JSON_LD_TYPES = {"home": ["Organization"], "story": ["Article"], "news item": ["Article"],
                 "invitation": ["Article", "Event"]}


@pytest.mark.parametrize(("lang", "kind"), [(lang, kind) for lang, kinds in KINDS.items() for kind in kinds])
def test_json_ld_parses_on_every_kind_of_page(site, lang, kind):
    blocks = json_ld(parse(site.output, KINDS[lang][kind]))
    assert [data.get("@type") for data in blocks] == JSON_LD_TYPES.get(kind, [])
    assert [data for data in blocks if data.get("@context") != "https://schema.org"] == []


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_home_pages_describe_the_organization(site, lang):
    data = json_ld(parse(site.output, KINDS[lang]["home"]))
    assert data == [
        {
            "@context": "https://schema.org",
            "@type": "Organization",
            "name": "Partnerība Daugavkrasts",
            "url": site.site_url + ("/" if lang == "lv" else "/en/"),
            "description": parse(site.output, KINDS[lang]["home"]).find("p", class_="lead").get_text(),
        }
    ]


@pytest.mark.parametrize(("lang", "kind"), [("lv", "story"), ("en", "story"), ("lv", "news item"), ("en", "news item")])
def test_stories_and_news_are_articles(site, lang, kind):
    soup = parse(site.output, KINDS[lang][kind])
    articles = [d for d in json_ld(soup) if d["@type"] == "Article"]
    assert len(articles) == 1
    data = articles[0]
    assert data["headline"] == soup.h1.get_text(strip=True)
    assert data["inLanguage"] == lang
    assert data["url"] == site.site_url + page_url(KINDS[lang][kind])
    assert data["datePublished"] == "2022-10-07T00:00:00+03:00"
    assert data["publisher"]["name"] == "Partnerība Daugavkrasts"
    assert "&amp;" not in data["description"] and data["description"]


def test_a_cover_photo_is_the_article_image_and_behind_the_link_preview(photo_site):
    soup = parse(photo_site.output, "stasti/talka/index.html")
    meta = {tag["property"]: tag["content"] for tag in soup.find_all("meta", property=True)}
    article = next(d for d in json_ld(soup) if d["@type"] == "Article")
    image = article["image"]
    assert image.startswith(photo_site.site_url + "/images/") and image.endswith(".jpg")
    assert (photo_site.output / image[len(photo_site.site_url) + 1:]).is_file()
    # the link preview is the page's share card, the photo behind its words (tests/test_cards.py)
    assert meta["og:image"].startswith(photo_site.site_url + "/stasti/talka/share.")
    assert meta["og:image"].endswith(".jpg")
    assert meta["og:image:alt"] and int(meta["og:image:width"]) == 1200
    assert soup.find("meta", attrs={"name": "twitter:card"})["content"] == "summary_large_image"
