"""The guides: chapters in order, previous and next, contents, the print page and its PDF.

Unit tests of site_guides' pure functions, then the real content/ built with
publishconf.py (which renders the PDFs), parsed: the overview, every chapter,
each guide's print page, and the PDF's text read back with pypdf.
"""

import logging
import re
import shutil
import unicodedata
import urllib.request
from pathlib import Path
from types import SimpleNamespace

import pytest
from pypdf import PdfReader

from conftest import ROOT
from sitebuilder.pipeline import build
from sitecheck import local_path, page_url, parse, resolves
from site_guides import file_size
from site_guides.markup import permalinks, print_fragment
from site_guides.model import DEFAULTS, Guide, guides_of, neighbours, numbering_problems, print_paths
from site_guides.pdf import site_files

# The real guides as content/ orders them: (guide, overview, print page, PDF, chapter titles).
GUIDES = {
    "lv": [
        (
            "Metodoloģija darbam ar kopienām",
            "metodologija/index.html",
            "metodologija/druka/kopienu-metodologija/index.html",
            "metodologija/druka/kopienu-metodologija.pdf",
            ["Metodoloģijas pārskats", "Kopienu veidošanas pamati", "Koprade", "Rīcību karte",
             "Vajadzības un atbalsts"],
        ),
        (
            "Vadlīnijas kopienu sadarbībai ar pašvaldību",
            "metodologija/index.html",
            "metodologija/druka/sadarbibas-vadlinijas/index.html",
            "metodologija/druka/sadarbibas-vadlinijas.pdf",
            ["Sadarbība ar pašvaldību"],
        ),
    ],
    "en": [
        (
            "Methodology for working with communities",
            "en/methodology/index.html",
            "en/methodology/print/community-methodology/index.html",
            "en/methodology/print/community-methodology.pdf",
            ["Overview of the methodology", "Basics of community building", "Co-creation",
             "The action map", "Needs and support"],
        ),
        (
            "Guidelines for cooperation with the municipality",
            "en/methodology/index.html",
            "en/methodology/print/cooperation-guidelines/index.html",
            "en/methodology/print/cooperation-guidelines.pdf",
            ["Cooperation with the municipality"],
        ),
    ],
}
CHAPTER_LABEL = {"lv": "{}. nodaļa", "en": "Chapter {}"}
ALL_GUIDES = [(lang, *guide) for lang, guides in GUIDES.items() for guide in guides]
GUIDE_IDS = [f"{lang}-{guide[2].split('/')[-2]}" for lang, *guide in ALL_GUIDES]


def chapter(key, number, guide="methodology"):
    return SimpleNamespace(key=key, chapter=number, guide=guide, source_path=f"content/methodology/{key}.lv.md")


# --- pure functions -------------------------------------------------------------


def test_print_paths_follow_the_settings_and_default_to_the_guide_key():
    config = dict(DEFAULTS, paths={"lv": {"folder": "druka", "methodology": "kopienu-metodologija"}})
    assert print_paths(config, "metodologija", "lv", "methodology") == (
        "metodologija/druka/kopienu-metodologija/",
        "metodologija/druka/kopienu-metodologija.pdf",
    )
    assert print_paths(config, "methodology", "en", "guidelines") == (
        "methodology/print/guidelines/",
        "methodology/print/guidelines.pdf",
    )
    assert print_paths(dict(config, pdf=False), "", "lv", "methodology") == ("druka/kopienu-metodologija/", "")


def test_guides_come_in_the_order_of_the_settings_with_their_chapters_in_reading_order():
    chapters = [chapter("a", 1, "guidelines"), chapter("b", 1), chapter("c", 2), chapter("d", 1, "other")]
    guides = guides_of(chapters, ["methodology", "guidelines"], lambda name: (f"{name}/", ""))
    assert list(guides) == ["methodology", "guidelines", "other"]
    assert [c.key for c in guides["methodology"].chapters] == ["b", "c"]
    assert guides["guidelines"].page == "guidelines/"


def test_neighbours_at_the_start_in_the_middle_and_at_the_end():
    first, second, third = chapter("a", 1), chapter("b", 2), chapter("c", 3)
    guide = Guide("methodology", (first, second, third))
    assert neighbours(guide, first) == (None, second)
    assert neighbours(guide, second) == (first, third)
    assert neighbours(guide, third) == (second, None)
    assert neighbours(guide, chapter("x", 9)) == (None, None)


def test_two_chapters_with_one_number_are_reported_with_both_files():
    guide = Guide("methodology", (chapter("a", 1), chapter("b", 2), chapter("c", 2)))
    assert numbering_problems(guide, lambda c: c.source_path) == [
        "content/methodology/b.lv.md: 'chapter' 2 of the guide 'methodology' is also the number of "
        "content/methodology/c.lv.md: give each chapter of a guide its own number"
    ]
    assert numbering_problems(Guide("methodology", (chapter("a", 1),)), lambda c: c.source_path) == []


def test_permalinks_follow_each_heading_with_an_id_and_name_it():
    html = '<h2 id="kas-ir">Kas ir <em>kopiena</em></h2><p>x</p><h3>Bez id</h3>'
    result = permalinks(html, "Saite uz šo sadaļu")
    assert result == (
        '<div class="heading-anchor"><h2 id="kas-ir">Kas ir <em>kopiena</em></h2>'
        '<a class="permalink" href="#kas-ir" data-pagefind-ignore><span aria-hidden="true">#</span>'
        '<span class="visually-hidden">Saite uz šo sadaļu: Kas ir kopiena</span></a></div>'
        "<p>x</p><h3>Bez id</h3>"
    )


def test_a_chapter_for_the_print_page_has_lower_headings_and_its_own_ids():
    html = (
        '<h2 id="a">A</h2><p>Write id="x" and <a href="#a">back</a>, '
        '<a href="https://example.org/#top">there</a>.</p><h3 id="b">B</h3><h6>F</h6>'
    )
    assert print_fragment(html, "koprade-") == (
        '<h3 id="koprade-a">A</h3><p>Write id="x" and <a href="#koprade-a">back</a>, '
        '<a href="https://example.org/#top">there</a>.</p><h4 id="koprade-b">B</h4><h6>F</h6>'
    )


@pytest.mark.parametrize(
    ("size", "locale", "expected"),
    [(400, "lv_LV", "1 KB"), (60_006, "lv_LV", "60 KB"), (1_234_567, "lv_LV", "1,2 MB"), (1_234_567, "en_GB", "1.2 MB")],
)
def test_file_sizes_as_readers_write_them(size, locale, expected):
    assert file_size(size, locale) == expected


def test_a_pdf_may_load_only_the_site_s_own_files():
    static = SimpleNamespace(url="images/a.jpg", source_path="/content/images/a.jpg")
    files = site_files("https://x.org", "theme", {"css/site.css": "css/site.0123456789.css"}, "/t/static", [static])
    assert files == {
        "https://x.org/theme/css/site.0123456789.css": "/t/static/css/site.css",
        # under its own name too: site.css names its font so (../fonts/x.woff2)
        "https://x.org/theme/css/site.css": "/t/static/css/site.css",
        "https://x.org/images/a.jpg": "/content/images/a.jpg",
    }


# --- the built site ---------------------------------------------------------------


def guide_section(site, overview, title):
    soup = parse(site.output, overview)
    heading = next(h for h in soup.select("main section h2") if h.get_text(strip=True) == title)
    return site, overview, heading.find_parent("section")


def follow(site, page, href):
    target = local_path(href, page_url(page), site.site_url)
    assert target is not None and resolves(site.output, target), f"{page}: {href} leads nowhere"
    return target


@pytest.mark.parametrize(("lang", "title", "overview", "printed", "pdf", "chapters"), ALL_GUIDES, ids=GUIDE_IDS)
def test_the_overview_lists_each_guide_s_chapters_numbered_in_order(site, lang, title, overview, printed, pdf, chapters):
    _site, _page, section = guide_section(site, overview, title)
    items = section.select("ol.chapters > li")
    assert [li["value"] for li in items] == [str(n) for n in range(1, len(chapters) + 1)]
    assert [li.a.get_text(strip=True) for li in items] == chapters
    for number, li in enumerate(items, start=1):
        page = follow(site, overview, li.a["href"])
        h1 = parse(site.output, page).h1
        assert h1.find(class_="chapter-number").get_text(strip=True) == CHAPTER_LABEL[lang].format(number)
        assert h1.get_text(" ", strip=True).endswith(chapters[number - 1])


@pytest.mark.parametrize(("lang", "title", "overview", "printed", "pdf", "chapters"), ALL_GUIDES, ids=GUIDE_IDS)
def test_next_and_previous_walk_the_whole_guide_both_ways(site, lang, title, overview, printed, pdf, chapters):
    _site, _page, section = guide_section(site, overview, title)
    page = follow(site, overview, section.select_one("ol.chapters a")["href"])
    forwards = []
    while page:
        soup = parse(site.output, page)
        forwards.append(page)
        nav = soup.select_one("nav.chapter-pagination")
        if len(chapters) == 1:
            assert nav is None, f"{page}: a guide of one chapter has no previous or next"
            break
        assert nav["aria-label"]
        following = nav.select_one("a[rel=next]")
        if following is None:
            break
        number = len(forwards) + 1
        assert following.select_one(".chapter-pagination-title").get_text(strip=True) == f"{number}. {chapters[number - 1]}"
        page = follow(site, page, following["href"])
    assert [parse(site.output, p).h1.get_text(" ", strip=True).endswith(t) for p, t in zip(forwards, chapters)] == [True] * len(chapters)
    assert len(forwards) == len(chapters)
    backwards = [forwards[-1]]
    while True:
        previous = parse(site.output, backwards[-1]).select_one("nav.chapter-pagination a[rel=prev]")
        if previous is None:
            break
        backwards.append(follow(site, backwards[-1], previous["href"]))
    assert backwards == forwards[::-1]


@pytest.mark.parametrize(("lang", "title", "overview", "printed", "pdf", "chapters"), ALL_GUIDES, ids=GUIDE_IDS)
def test_every_chapter_has_the_guide_s_contents_and_links_to_the_print_page_and_pdf(
    site, lang, title, overview, printed, pdf, chapters
):
    _site, _page, section = guide_section(site, overview, title)
    for link in section.select("ol.chapters a"):
        page = follow(site, overview, link["href"])
        soup = parse(site.output, page)
        contents = soup.select_one("nav.guide-contents")
        entries = contents.select("ol > li")
        assert [li.get_text(strip=True) for li in entries] == chapters
        assert len(contents.select('ol [aria-current="page"]')) == 1
        for a in contents.select("a[href]"):
            follow(site, page, a["href"])
        downloads = [local_path(a["href"], page_url(page), site.site_url) for a in contents.select(".guide-downloads a")]
        assert downloads == [printed, pdf]


def test_headings_of_a_chapter_carry_a_visible_named_permalink(site):
    for lang in GUIDES:
        page = {"lv": "metodologija/koprade/index.html", "en": "en/methodology/co-creation/index.html"}[lang]
        soup = parse(site.output, page)
        headings = soup.select("article .heading-anchor > h2")
        assert len(headings) >= 4
        for heading in headings:
            link = heading.find_next_sibling("a", class_="permalink")
            assert link["href"] == f"#{heading['id']}"
            assert link.select_one("[aria-hidden=true]").get_text() == "#"
            name = link.select_one(".visually-hidden").get_text()
            assert name.endswith(f": {heading.get_text(strip=True)}")
            assert name.startswith({"lv": "Saite uz šo sadaļu", "en": "Link to this section"}[lang])


@pytest.mark.parametrize(("lang", "title", "overview", "printed", "pdf", "chapters"), ALL_GUIDES, ids=GUIDE_IDS)
def test_the_print_page_holds_every_chapter_in_order_without_site_navigation(
    site, lang, title, overview, printed, pdf, chapters
):
    soup = parse(site.output, printed)
    assert soup.h1.get_text(strip=True) == title
    assert soup.select("nav.site-nav") == []
    headings = [h.get_text(" ", strip=True) for h in soup.select("section.guide-chapter > h2")]
    assert headings == [f"{CHAPTER_LABEL[lang].format(n)} {t}" for n, t in enumerate(chapters, start=1)]
    contents = soup.select("nav.print-contents li a")
    assert [a.get_text(strip=True) for a in contents] == chapters
    for a in contents:
        assert soup.find(id=a["href"][1:]).name == "section", a["href"]
    # chapter headings have gone down a level; no id is given twice
    assert soup.select("section.guide-chapter h2") == soup.select("section.guide-chapter > h2")
    ids = [tag["id"] for tag in soup.find_all(id=True)]
    assert len(ids) == len(set(ids))
    _site, _page, section = guide_section(site, overview, title)
    assert [local_path(a["href"], page_url(overview), site.site_url) for a in section.select(".guide-downloads a")] == [
        printed,
        pdf,
    ]


def pdf_text(site, pdf):
    reader = PdfReader(site.output / pdf)
    return reader, [page.extract_text() for page in reader.pages]


def squeeze(text):
    """Text with its line breaks and runs of spaces as single spaces, in NFC."""
    return unicodedata.normalize("NFC", re.sub(r"\s+", " ", text))


@pytest.mark.parametrize(("lang", "title", "overview", "printed", "pdf", "chapters"), ALL_GUIDES, ids=GUIDE_IDS)
def test_the_pdf_holds_every_chapter_in_order_each_from_a_new_page(site, lang, title, overview, printed, pdf, chapters):
    reader, pages = pdf_text(site, pdf)
    assert reader.metadata.title.startswith(title)
    assert squeeze(pages[0]).find(squeeze(title)) >= 0, "the cover names the guide"
    starts = []
    for number, chapter_title in enumerate(chapters, start=1):
        heading = f"{CHAPTER_LABEL[lang].format(number)} {chapter_title}"
        found = [i for i, text in enumerate(pages) if squeeze(text).startswith(heading)]
        assert found, f"{pdf}: no page starts with '{heading}'"
        starts.append(found[0])
    assert starts == sorted(starts) and len(set(starts)) == len(starts)
    assert squeeze(pages[-1]).endswith(f"{len(pages)} / {len(pages)}"), "pages are numbered"


@pytest.mark.parametrize(("lang", "title", "overview", "printed", "pdf", "chapters"), ALL_GUIDES, ids=GUIDE_IDS)
def test_the_pdf_text_is_the_print_page_s_with_every_diacritic(site, lang, title, overview, printed, pdf, chapters):
    _reader, pages = pdf_text(site, pdf)
    text = squeeze(" ".join(pages))
    printed_text = squeeze(parse(site.output, printed).select_one("main").get_text(" "))
    letters = {c for c in printed_text if c in "āčēģīķļņšūžĀČĒĢĪĶĻŅŠŪŽ"}
    assert letters == {c for c in text if c in "āčēģīķļņšūžĀČĒĢĪĶĻŅŠŪŽ"}
    if lang == "lv":
        assert {"ā", "ē", "ģ", "ī", "ķ", "ļ", "ņ", "š", "ū", "ž", "Ķ"} <= letters
    paragraphs = parse(site.output, printed).select("section.guide-chapter p")
    assert len(paragraphs) >= len(chapters)  # something to compare, at least a paragraph a chapter
    for paragraph in paragraphs:
        words = squeeze(paragraph.get_text(" ")).split()[:6]
        assert squeeze(" ".join(words)) in text.replace("- ", "-"), f"{pdf}: '{' '.join(words)}' is not in the PDF"


def test_the_pdf_size_shown_is_the_file_s(site):
    soup = parse(site.output, "metodologija/druka/kopienu-metodologija/index.html")
    link = soup.select_one('.guide-downloads a[type="application/pdf"]')
    size = (site.output / "metodologija/druka/kopienu-metodologija.pdf").stat().st_size
    assert link.get_text(strip=True) == f"Lejupielādēt PDF failu ({file_size(size, 'lv_LV')})"


def test_a_guide_missing_in_a_language_has_its_print_page_in_the_other_only(fixture_site):
    page = "metodologija/druka/kopienu-metodologija/index.html"
    soup = parse(fixture_site.output, page)
    assert [h.get_text(" ", strip=True) for h in soup.select("section.guide-chapter > h2")] == ["1. nodaļa Pirmā nodaļa"]
    assert not (fixture_site.output / "en/methodology/print").exists()
    english = soup.select_one('nav.language-switcher a[hreflang="en"]')
    assert local_path(english["href"], page_url(page), fixture_site.site_url) == "en/index.html"
    assert soup.select_one(".notice[lang=en]") is not None


def test_nginx_serves_the_pdf_as_a_pdf(served_site):
    with urllib.request.urlopen(f"{served_site.site_url}/metodologija/druka/kopienu-metodologija.pdf") as response:
        assert response.status == 200
        assert response.headers["Content-Type"] == "application/pdf"
        assert response.read(5) == b"%PDF-"


def test_two_chapters_numbered_alike_stop_the_build_naming_both_files(tmp_path, caplog):
    content = tmp_path / "content"
    shutil.copytree(Path(__file__).parent / "fixtures" / "site", content)
    text = (content / "methodology" / "pirma.lv.md").read_text(encoding="utf-8")
    (content / "methodology" / "otra.lv.md").write_text(text.replace("Pirmā nodaļa", "Otrā nodaļa"), encoding="utf-8")
    with caplog.at_level(logging.ERROR):
        result = build(str(ROOT / "pelicanconf.py"), output=str(tmp_path / "output"), jobs=1, extra={"PATH": str(content)})
    assert not result.ok
    problems = [m for m in caplog.messages if "'chapter' 1 of the guide 'methodology' is also the number of" in m]
    assert len(problems) == 1, caplog.messages
    assert "otra.lv.md" in problems[0] and "pirma.lv.md" in problems[0]
    assert problems[0].endswith(": give each chapter of a guide its own number")


def test_a_guides_pdf_is_kept_by_what_it_is_made_of_and_made_again_when_a_chapter_changes(tmp_path):
    """Published builds keep each PDF in the build's cache: an unchanged guide's is not rendered again."""
    content = tmp_path / "content"
    shutil.copytree(Path(__file__).parent / "fixtures" / "site", content)
    cache = tmp_path / "cache"

    def published(name):
        result = build(str(ROOT / "publishconf.py"), output=str(tmp_path / name), jobs=1,
                       extra={"PATH": str(content), "CACHE_PATH": str(cache), "SITEURL": "https://example.org"})
        assert result.ok, result
        [pdf] = (tmp_path / name).rglob("*.pdf")
        return pdf.read_bytes()

    def kept():
        return sorted(path.name for path in (cache / "pdf").rglob("*") if path.is_file())

    first = published("first")
    assert first.startswith(b"%PDF") and len(kept()) == 1
    entry = next((cache / "pdf").rglob(kept()[0]))
    made = entry.stat().st_mtime_ns
    assert published("second") == first and kept() == [entry.name]
    assert entry.stat().st_mtime_ns == made  # taken from the cache, not written again
    chapter = content / "methodology" / "pirma.lv.md"
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\n\nJauna rindkopa drukai.\n", encoding="utf-8")
    third = published("third")
    assert third != first and len(kept()) == 2
