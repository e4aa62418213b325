"""Translations on a small fixture site: inheritance, overrides and missing translations."""

from sitecheck import local_path, page_url, parse, resolves


def test_a_page_without_translation_says_so_and_switches_to_the_home_page(fixture_site):
    page = "stasti/tikai-latviski/index.html"
    soup = parse(fixture_site.output, page)
    link = soup.select_one("nav.language-switcher a[hreflang=en]")
    assert link["href"] == fixture_site.site_url + "/en/"
    notice = soup.find("div", class_="notice")
    assert notice["lang"] == "en"
    assert notice.p.get_text(" ", strip=True) == (
        "This page is not available in this language. Go to the home page"
    )
    assert notice.a["href"] == fixture_site.site_url + "/en/"
    hreflangs = [link["hreflang"] for link in soup.find_all("link", hreflang=True)]
    assert hreflangs == ["lv", "x-default"]
    assert not (fixture_site.output / "en" / "stories" / "tikai-latviski").exists()


def test_every_kind_of_untranslated_page_carries_the_notice(fixture_site):
    for page in ("kopienas/kalns/index.html", "metodologija/pirma/index.html"):
        notice = parse(fixture_site.output, page).find("div", class_="notice")
        assert notice["lang"] == "en", page
        assert notice.a["href"] == fixture_site.site_url + "/en/", page


def test_a_translation_inherits_shared_fields_from_its_original(fixture_site):
    soup = parse(fixture_site.output, "en/news/news-in-two-languages/index.html")
    time = soup.find("time")
    assert time["datetime"] == "2024-06"  # date and its precision come from the Latvian file
    assert time.get_text() == "June 2024"
    communities = soup.select("p.meta a")
    assert [a.get_text() for a in communities] == ["Kekavina"]
    assert communities[0]["href"] == fixture_site.site_url + "/en/communities/ciems/"


def test_a_translation_may_override_a_shared_field(fixture_site):
    lv = parse(fixture_site.output, "jaunumi/jauna-zina/index.html").find("time")
    en = parse(fixture_site.output, "en/news/jauna-zina/index.html").find("time")
    assert (lv["datetime"], en["datetime"]) == ("2024-07-01", "2024-07-02")


def test_latvian_month_precision(fixture_site):
    time = parse(fixture_site.output, "jaunumi/divas-valodas/index.html").find("time")
    assert time.get_text() == "2024. g. jūnijs"


def test_an_english_slug_gives_the_english_url_and_both_link_each_other(fixture_site):
    lv = parse(fixture_site.output, "par/index.html")
    en = parse(fixture_site.output, "en/about/index.html")
    assert lv.select_one("nav.language-switcher a")["href"] == fixture_site.site_url + "/en/about/"
    assert en.select_one("nav.language-switcher a")["href"] == fixture_site.site_url + "/par/"


def test_special_characters_in_front_matter_are_escaped(fixture_site):
    soup = parse(fixture_site.output, "jaunumi/divas-valodas/index.html")
    assert soup.find("meta", attrs={"name": "description"})["content"] == (
        "Ziņa ar tulkojumu & īpašām <zīmēm>."
    )
    card = parse(fixture_site.output, "kopienas/ciems/index.html").find(string=lambda s: "zīmēm" in s)
    assert card.strip() == "Ziņa ar tulkojumu & īpašām <zīmēm>."


def test_links_between_files_of_one_language_resolve(fixture_site):
    soup = parse(fixture_site.output, "jaunumi/divas-valodas/index.html")
    link = soup.select_one(".prose a[href*=stasti]")
    target = local_path(link["href"], "/jaunumi/divas-valodas/", fixture_site.site_url)
    assert resolves(fixture_site.output, target)


def list_titles(site, first_page):
    """Titles on every page of a paginated list, following its "next" links."""
    titles, page = [], first_page
    while page:
        soup = parse(site.output, page)
        titles += [h.get_text(strip=True) for h in soup.select("main .card h2")]
        following = soup.select_one("nav.pagination a[rel=next]")
        page = local_path(following["href"], page_url(page), site.site_url) if following else None
    return titles


def test_lists_are_newest_first_and_the_english_list_has_only_english(fixture_site):
    lv = list_titles(fixture_site, "jaunumi/index.html")
    en = list_titles(fixture_site, "en/news/index.html")
    assert lv == ["Jaunāka ziņa", "Ziņa divās valodās"]
    assert en == ["Newer news", "News in two languages"]


def test_list_pages_are_paginated_with_pretty_urls(fixture_site):
    second = parse(fixture_site.output, "jaunumi/2/index.html")
    nav = second.find("nav", class_="pagination")
    assert nav.find("a", rel="prev")["href"] == fixture_site.site_url + "/jaunumi/"
    assert nav.find(attrs={"aria-current": "page"}).get_text() == "2. lapa no 2"
    assert nav.find("a", rel="next") is None
    assert second.title.get_text().startswith("Jaunumi (2. lapa)")


def test_latvian_alphabetical_order_puts_k_cedilla_after_k(fixture_site):
    assert list_titles(fixture_site, "kopienas/index.html") == ["Krustkalns", "Ķekaviņa"]


def test_every_page_of_the_fixture_resolves_its_links(fixture_site):
    from sitecheck import references  # noqa: PLC0415

    for page in fixture_site.pages:
        for _attribute, value in references(parse(fixture_site.output, page)):
            target = local_path(value, page_url(page), fixture_site.site_url)
            assert target is None or resolves(fixture_site.output, target), f"{page}: {value}"
