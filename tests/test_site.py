"""The real content/ built into a site: every kind of page, in both languages."""

import os

import feedparser
import pytest

from conftest import ROOT, build_site
from pages import KINDS
from sitecheck import broken_links, local_path, page_url, parse, resolves, tree_digest

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


def test_x_default_is_the_latvian_page_on_the_english_page_too(site):
    soup = parse(site.output, KINDS["en"]["story"])
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
    assert broken_links(site.output, site.site_url) == []


def test_the_link_checker_names_the_page_and_the_broken_link(tmp_path):
    page = tmp_path / "stasti" / "x" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text(
        '<html lang="lv"><body><a href="/nekur/">x</a><a href="../y/">y</a><a href="https://a.example/">z</a>'
        '<img src="/a.png" srcset="/b.png 2x, /c.png 3x" alt="a"><a href="/stasti/x/">self</a></body></html>',
        encoding="utf-8",
    )
    (tmp_path / "a.png").write_bytes(b"")
    assert broken_links(tmp_path, "https://kopienas.example.org") == [
        "stasti/x/index.html: href=/nekur/ leads nowhere",
        "stasti/x/index.html: href=../y/ leads nowhere",
        "stasti/x/index.html: srcset=/b.png leads nowhere",
        "stasti/x/index.html: srcset=/c.png leads nowhere",
    ]


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
    assert nav == ["Stāsti", "Jaunumi", "Tikšanās", "Kopienas", "Mērķi", "Metodoloģija", "Par projektu", "Meklēt"]
    story = parse(site.output, KINDS["lv"]["story"])
    assert story.find("time").get_text() == "2022"  # the story is dated to the year only


def test_the_main_navigation_marks_where_the_reader_is(site):
    """Each page's own marks, though the navigation is made once per run for each state of them."""
    def marks(page):
        soup = parse(site.output, page)
        return {a.get_text(strip=True): (a.get("aria-current"), a.get("class")) for a in soup.select("nav.site-nav a")}

    lv = KINDS["lv"]
    assert marks(lv["stories list"])["Stāsti"] == ("page", None)
    story = marks(lv["story"])
    assert story["Stāsti"] == (None, ["is-active"]) and story["Jaunumi"] == (None, None)
    news = marks(lv["news item"])
    assert news["Jaunumi"] == (None, ["is-active"]) and news["Stāsti"] == (None, None)
    assert marks(lv["page"])["Par projektu"] == ("page", None)
    assert marks(lv["search"])["Meklēt"] == ("page", None)
    assert set(marks(lv["home"]).values()) == {(None, None)}
    assert marks(KINDS["en"]["story"])["Stories"] == (None, ["is-active"])


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


def test_methodology_lists_the_guides_in_order_with_numbered_chapters(site):
    soup = parse(site.output, "metodologija/index.html")
    guides = [h.get_text(strip=True) for h in soup.select("main h2")]
    assert guides == ["Metodoloģija darbam ar kopienām", "Vadlīnijas kopienu sadarbībai ar pašvaldību"]
    first = soup.select("main ol.chapters")[0].find_all("li", recursive=False)
    assert [li["value"] for li in first] == ["1", "2", "3", "4", "5"]


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


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_the_communities_map_links_every_community_by_name(site, lang):
    import xml.etree.ElementTree as ET

    page = KINDS[lang]["communities list"]
    soup = parse(site.output, page)
    assert soup.select_one("main figure.map svg") is not None
    text = (site.output / page).read_text(encoding="utf-8")
    start = text.index("<svg", text.index("<main"))  # the map, not the logo in the header
    end = text.index("</svg>", start) + len("</svg>")
    root = ET.fromstring(text[start:end])  # the inline SVG, as written, is well-formed XML
    ns = "{http://www.w3.org/2000/svg}"
    assert root.find(f"{ns}title").text
    links = root.findall(f"{ns}a")
    card_links = [a["href"] for a in soup.select("main .cards .card h2 a")]
    assert len(links) == len(COMMUNITIES) == len(card_links)
    for link in links:
        name = link.find(f"{ns}title").text
        assert name and link.find(f"{ns}text").text == name
        href = link.get("href")
        assert href in card_links, href
        target = local_path(href, page_url(page), site.site_url)
        assert target and resolves(site.output, target), href
    assert "aptuven" in soup.select_one("main figure.map figcaption").get_text() or lang == "en"
    assert "approximate" in soup.select_one("main figure.map figcaption").get_text() or lang == "lv"


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_places_whose_position_is_a_guess_are_marked_on_the_map_itself(site, lang):
    import xml.etree.ElementTree as ET

    page = KINDS[lang]["communities list"]
    text = (site.output / page).read_text(encoding="utf-8")
    start = text.index("<svg", text.index("<main"))  # the map, not the logo in the header
    root = ET.fromstring(text[start:text.index("</svg>", start) + len("</svg>")])
    assert root.get("class") == "community-map"
    ns = "{http://www.w3.org/2000/svg}"
    places = {link.find(f"{ns}title").text: link for link in root.findall(f"{ns}a")}
    rings = {name: link.find(f"{ns}circle[@class='uncertain']") for name, link in places.items()}
    note = {"lv": "(vieta aptuvena)", "en": "(approximate place)"}[lang]
    assert sorted(name for name, ring in rings.items() if ring is not None) == [
        f"Dzērumi {note}", f"Mežinieki {note}"]
    for name in (f"Dzērumi {note}", f"Mežinieki {note}"):
        assert places[name].find(f"{ns}text").text == name  # the label says it too, not only the name
        assert rings[name].get("stroke-dasharray") == "5 4" and rings[name].get("fill") == "none"

    def north_to_south(name):  # the y of the place's dot: larger is further south
        return float(places[name].findall(f"{ns}circle")[-1].get("cy"))

    kekava = north_to_south("Ķekava")
    assert north_to_south(f"Dzērumi {note}") > kekava and north_to_south(f"Mežinieki {note}") > kekava
    caption = parse(site.output, page).select_one("main figure.map figcaption").get_text()
    assert {"lv": "Raustīts aplis apzīmē vietu, kuras novietojums kartē ir aptuvens.",
            "en": "A dashed ring marks a place whose position is not certain."}[lang] in caption


def test_the_map_draws_an_uncertain_place_with_a_ring_and_a_note():
    from site_sections.community_map import community_map  # noqa: PLC0415

    svg = community_map([
        {"name": "A", "href": "/a/", "coordinates": [56.8, 24.2]},
        {"name": "B", "href": "/b/", "coordinates": [56.7, 24.3], "uncertain": True},
    ], "Map", "(approximate place)")
    assert svg.count('class="uncertain"') == 1
    assert "<text" in svg and ">B (approximate place)</text>" in svg and ">A</text>" in svg


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_the_communities_open_data_parses_and_agrees_with_the_pages(site, lang):
    import csv
    import json

    page = KINDS[lang]["communities list"]
    soup = parse(site.output, page)
    links = {a.get_text(strip=True): a["href"] for a in soup.select("main #open-data-title ~ p a")}
    assert set(links) == {"JSON", "CSV"}
    files = {}
    for name, href in links.items():
        target = local_path(href, page_url(page), site.site_url)
        assert target and resolves(site.output, target), href
        files[name] = (site.output / target).read_text(encoding="utf-8")
    records = json.loads(files["JSON"])["communities"]
    rows = list(csv.DictReader(files["CSV"].splitlines()))
    assert [record["id"] for record in records] == [row["id"] for row in rows] == sorted(COMMUNITIES)
    cards = {a.get_text(strip=True): a["href"] for a in soup.select("main .cards .card h2 a")}
    for record, row in zip(records, rows):
        assert {key: "" if value is None else str(value) for key, value in record.items()} == row
        assert cards[record[f"name_{lang}"]].endswith(record[f"url_{lang}"])
        community = parse(site.output, local_path(record[f"url_{lang}"], page_url(page), site.site_url))
        assert community.h1.get_text(strip=True) == record[f"name_{lang}"]
        assert record["stage"] in ("met", "forming", "smart-village")
        assert 56 < record["latitude"] < 57 and 24 < record["longitude"] < 25


def test_map_labels_never_overlap_each_other_or_a_place():
    from site_sections.community_map import project  # noqa: PLC0415
    from site_sections.map_labels import DOT, overlaps, place_labels  # noqa: PLC0415

    # seven places, three of them close together, and one name far too long for its corner
    coordinates = [(56.97, 24.23), (56.971, 24.235), (56.969, 24.232), (56.90, 24.30), (56.80, 24.10),
                   (56.85, 24.45), (56.972, 24.229)]
    names = ["Katlakalns", "Mežinieki", "Dzērumi", "Ķekava", "Baldone", "Daugmale", "Ļoti garš ciema nosaukums"]
    points, height = project(coordinates)
    labels, extra = place_labels(points, names, 640, height)
    boxes = [label.box for label in labels]
    dots = [(x - DOT, y - DOT, x + DOT, y + DOT) for x, y in points]
    for i, box in enumerate(boxes):
        assert box[0] >= 0 and box[2] <= 640 and box[1] >= 0 and box[3] <= height + extra, (names[i], box)
        assert not [names[j] for j, other in enumerate(boxes) if j != i and overlaps(box, other)], names[i]
        assert not [j for j, dot in enumerate(dots) if overlaps(box, dot)], names[i]


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_each_community_page_opens_openstreetmap_at_its_place(site, lang):
    soup = parse(site.output, KINDS[lang]["community"])
    link = soup.select_one("main a.osm-link")
    assert link["href"].startswith("https://www.openstreetmap.org/?mlat=")
    lat, lon = link["href"].split("mlat=")[1].split("&mlon=")
    assert 56 < float(lat) < 58 and 23 < float(lon.split("#")[0]) < 26
    assert link.get_text() == {"lv": "Mežinieki kartē OpenStreetMap", "en": "Mežinieki on OpenStreetMap"}[lang]


def test_a_meeting_page_links_its_place_to_openstreetmap(site):
    soup = parse(site.output, KINDS["lv"]["invitation"])
    link = soup.select_one("dl.event a.osm-link")
    assert link["href"] == "https://www.openstreetmap.org/search?query=Me%C5%BEinieki%2C%20%C4%B6ekavas%20novads"


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_the_home_pages_map_says_which_places_are_approximate_too(site, lang):
    import xml.etree.ElementTree as ET

    text = (site.output / KINDS[lang]["home"]).read_text(encoding="utf-8")
    start = text.index("<svg", text.index("<main"))  # the map, not the logo in the header
    root = ET.fromstring(text[start:text.index("</svg>", start) + len("</svg>")])
    ns = "{http://www.w3.org/2000/svg}"
    note = {"lv": "(vieta aptuvena)", "en": "(approximate place)"}[lang]
    labels = sorted(link.find(f"{ns}text").text for link in root.findall(f"{ns}a")
                    if link.find(f"{ns}circle[@class='uncertain']") is not None)
    assert labels == [f"Dzērumi {note}", f"Mežinieki {note}"]
