"""Noticeboard posters (site_posters): an A4 PDF for each upcoming meeting, in each language.

The meetings of tests/fixtures/meetings, with one more whose title and
summary are as long as the content check allows, are built for publishing
as if on 2024-05-01. Each poster is read back as a printer and a phone would
read it: its text and type sizes with pypdf, its QR code decoded from the
page rendered by poppler (pdftoppm) with zbar (zbarimg), both from Debian.
"""

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest
from babel import Locale
from PIL import Image
from pypdf import PdfReader

from conftest import ROOT, SITE_URL, Site, build_site
from site_posters.qr import short_address
from site_posters.when import ON_THE_DAY, day_in_words, schedule
from sitecheck import broken_links, local_path, page_url, parse, resolves
from tools import require

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "meetings"
RIGA = dt.timezone(dt.timedelta(hours=3))
TODAY = "2024-05-01"
LONG_TITLE = ("Kopienu sanāksme par ceļa apgaismojumu, autobusa pieturu, bērnu rotaļu laukumu, "
              "sporta laukumu un kopienas telpām Ķekavas novada ciemos: ko darīsim kopā šajā vasarā un rudenī?")
LONG_SUMMARY = ("Aicinām ikvienu iedzīvotāju pārrunāt, kas ciemā vajadzīgs vispirms. " * 7)[:500].strip()
POSTERS = {
    # the page of each meeting that gets a poster -> its poster, beside it
    "jaunumi/vasaras-tiksanas/index.html": "jaunumi/vasaras-tiksanas/vasaras-tiksanas-plakats.pdf",
    "jaunumi/talka/index.html": "jaunumi/talka/talka-plakats.pdf",
    "jaunumi/nakts-pargajiens/index.html": "jaunumi/nakts-pargajiens/nakts-pargajiens-plakats.pdf",
    "jaunumi/gara-sanaksme/index.html": "jaunumi/gara-sanaksme/gara-sanaksme-plakats.pdf",
    "en/news/summer-meeting/index.html": "en/news/summer-meeting/summer-meeting-poster.pdf",
}


def long_meeting():
    assert len(LONG_TITLE) <= 200 and len(LONG_SUMMARY) <= 500
    return (
        "---\n"
        f"title: \"{LONG_TITLE}\"\n"
        f"summary: \"{LONG_SUMMARY}\"\n"
        "date: 2024-04-20\n"
        "type: invitation\n"
        'event_start: "2024-06-07 18:00"\n'
        "place: Daugmales pamatskolas aktu zāle\n"
        "address: Skolas iela 5, Daugmale, Daugmales pagasts, Ķekavas novads, LV-2124\n"
        "---\n\nTeksts.\n"
    )


@pytest.fixture(scope="module")
def posters_site(tmp_path_factory):
    content = tmp_path_factory.mktemp("posters") / "content"
    shutil.copytree(FIXTURE, content)
    (content / "news" / "gara-sanaksme.lv.md").write_text(long_meeting(), encoding="utf-8")
    output = tmp_path_factory.mktemp("posters-site") / "output"
    cache = tmp_path_factory.mktemp("posters-cache")
    result = build_site(output, PATH=str(content), SITE_TODAY=TODAY, CACHE_PATH=str(cache))
    assert result.ok, result
    site = Site(output, SITE_URL, result, {})
    site.cache, site.content = cache, content
    return site


def sized_text(path):
    """[(text, size in pt)] of the first page of a PDF, in reading order."""
    found = []

    def visit(text, cm, tm, _font, size):
        if text.strip():
            found.append((text.strip(), round(size * tm[0] * cm[0], 1)))

    PdfReader(path).pages[0].extract_text(visitor_text=visit)
    return found


def text_of(path):
    return " ".join(PdfReader(path).pages[0].extract_text().split())


def rendered(path, tmp_path, resolution=150):
    """The first page of a PDF as a PNG file, rendered by poppler."""
    pdftoppm = require("pdftoppm", "apt-get install poppler-utils")
    target = tmp_path / Path(path).stem
    subprocess.run([pdftoppm, "-r", str(resolution), "-png", "-singlefile", str(path), str(target)], check=True)
    return target.with_suffix(".png")


def decoded(png):
    zbarimg = require("zbarimg", "apt-get install zbar-tools")
    done = subprocess.run([zbarimg, "--quiet", "--raw", str(png)], capture_output=True, text=True, check=True)
    return done.stdout.splitlines()


# --- The day and date in words ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "latvian", "english"),
    [
        (dt.date(2024, 6, 7), "piektdien, 2024. gada 7. jūnijā", "Friday, 7 June 2024"),
        (dt.date(2024, 1, 1), "pirmdien, 2024. gada 1. janvārī", "Monday, 1 January 2024"),
        (dt.date(2024, 2, 6), "otrdien, 2024. gada 6. februārī", "Tuesday, 6 February 2024"),
        (dt.date(2024, 3, 13), "trešdien, 2024. gada 13. martā", "Wednesday, 13 March 2024"),
        (dt.date(2024, 4, 4), "ceturtdien, 2024. gada 4. aprīlī", "Thursday, 4 April 2024"),
        (dt.date(2024, 5, 4), "sestdien, 2024. gada 4. maijā", "Saturday, 4 May 2024"),
        (dt.date(2024, 7, 7), "svētdien, 2024. gada 7. jūlijā", "Sunday, 7 July 2024"),
        (dt.date(2024, 8, 15), "ceturtdien, 2024. gada 15. augustā", "Thursday, 15 August 2024"),
        (dt.date(2024, 9, 1), "svētdien, 2024. gada 1. septembrī", "Sunday, 1 September 2024"),
        (dt.date(2022, 10, 7), "piektdien, 2022. gada 7. oktobrī", "Friday, 7 October 2022"),
        (dt.date(2024, 11, 18), "pirmdien, 2024. gada 18. novembrī", "Monday, 18 November 2024"),
        (dt.date(2024, 12, 31), "otrdien, 2024. gada 31. decembrī", "Tuesday, 31 December 2024"),
    ],
)
def test_the_day_is_said_as_one_says_on_which_day(day, latvian, english):
    assert day_in_words(day, "lv_LV") == latvian
    assert day_in_words(day, "en_GB") == english


def test_every_latvian_day_and_month_name_of_babel_has_its_form():
    """Babel gives the names in the nominative; a name it changes must get its form here too."""
    locale = Locale.parse("lv_LV")
    names = set(locale.days["format"]["wide"].values()) | set(locale.months["format"]["wide"].values())
    assert names == set(ON_THE_DAY["lv"])


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (dt.date(2024, 5, 1), None, ((("trešdien, 2024. gada 1. maijā", ""),), None)),
        (dt.date(2024, 5, 1), dt.date(2024, 5, 2),
         ((("trešdien, 2024. gada 1. maijā", ""), ("ceturtdien, 2024. gada 2. maijā", "")), None)),
        (dt.datetime(2024, 7, 4, 18, tzinfo=RIGA), None, ((("ceturtdien, 2024. gada 4. jūlijā", ""),), ("18:00",))),
        (dt.datetime(2024, 7, 4, 18, tzinfo=RIGA), dt.datetime(2024, 7, 4, 20, tzinfo=RIGA),
         ((("ceturtdien, 2024. gada 4. jūlijā", ""),), ("18:00", "20:00"))),
        (dt.datetime(2024, 10, 26, 22, tzinfo=RIGA), dt.datetime(2024, 10, 27, 6, tzinfo=RIGA),
         ((("sestdien, 2024. gada 26. oktobrī", "22:00"), ("svētdien, 2024. gada 27. oktobrī", "06:00")), ())),
    ],
)
def test_schedule(start, end, expected):
    assert schedule(start, end, "lv_LV") == expected


def test_the_short_address_is_the_address_without_its_scheme():
    assert short_address("https://kopienas.example.org/jaunumi/talka/") == "kopienas.example.org/jaunumi/talka/"


# --- The posters of a published build -----------------------------------------------------------


def test_each_upcoming_meeting_has_a_poster_in_each_language_of_its_page(posters_site):
    made = sorted(str(path.relative_to(posters_site.output)) for path in posters_site.output.rglob("*.pdf"))
    assert made == sorted(POSTERS.values())
    # none for the cancelled meeting (atcelta-tiksanas) nor the past one (ziemas-tiksanas)


@pytest.mark.parametrize("page", sorted(POSTERS))
def test_a_poster_is_one_a4_sheet_and_decodes_to_its_page(posters_site, page, tmp_path):
    pdf = posters_site.output / POSTERS[page]
    reader = PdfReader(pdf)
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 in points
    assert decoded(rendered(pdf, tmp_path)) == [SITE_URL + page_url(page)]


@pytest.mark.parametrize("page", sorted(POSTERS))
def test_a_poster_is_black_on_white_with_a_title_readable_from_two_metres(posters_site, page, tmp_path):
    pdf = posters_site.output / POSTERS[page]
    title = parse(posters_site.output, page).find("h1").get_text(" ", strip=True)
    sizes = sized_text(pdf)
    title_sizes = {size for text, size in sizes if text in title}
    assert title_sizes and min(title_sizes) >= 36, sizes
    with Image.open(rendered(pdf, tmp_path, resolution=50)) as image:
        colours = image.convert("RGB").getcolors(maxcolors=1 << 16)
    assert all(r == g == b for _count, (r, g, b) in colours), "only black, white and the greys of anti-aliasing"


def test_the_latvian_poster_says_what_when_where_who_and_who_funds_it(posters_site):
    text = text_of(posters_site.output / POSTERS["jaunumi/vasaras-tiksanas/index.html"])
    for expected in (
        "Vasaras tikšanās",
        "Tikšanās vasaras laikā (UTC+3).",
        "KAD ceturtdien, 2024. gada 4. jūlijā no plkst. 18:00 līdz 20:00",
        "KUR Kopienas māja Ciema iela 1, Ķekaviņa",
        "RĪKO Partnerība Daugavkrasts",
        "Vairāk par tikšanos un izmaiņas, ja tādas būs:",
        # the language's acknowledgement in pelicanconf.py, word for word
        "Projekts „Ceļa karte iedzīvotāju kopienu stiprināšanai”, projekta Nr. 2022.LV/NVOF/MIC/041/. "
        "Projektu finansiāli atbalsta Sabiedrības integrācijas fonds no Kultūras ministrijas piešķirtajiem "
        "Latvijas valsts budžeta līdzekļiem.",
    ):
        assert expected in text, text
    assert "kopienas.example.org/jaunumi/ vasaras-tiksanas/" in text or \
        "kopienas.example.org/jaunumi/vasaras-tiksanas/" in text, text


def test_a_meeting_without_a_known_time_says_so(posters_site):
    text = text_of(posters_site.output / POSTERS["jaunumi/talka/index.html"])
    assert "KAD trešdien, 2024. gada 1. maijā – ceturtdien, 2024. gada 2. maijā laiks tiks paziņots" in text, text
    assert "KUR Ciema parks RĪKO" in text, text


def test_a_meeting_over_midnight_gives_both_days_with_their_times(posters_site):
    text = text_of(posters_site.output / POSTERS["jaunumi/nakts-pargajiens/index.html"])
    assert ("KAD sestdien, 2024. gada 26. oktobrī, plkst. 22:00 – svētdien, 2024. gada 27. oktobrī, plkst. 06:00"
            in text), text


def test_the_english_poster_is_in_english(posters_site):
    text = text_of(posters_site.output / POSTERS["en/news/summer-meeting/index.html"])
    for expected in (
        "Summer meeting",
        "WHEN Thursday, 4 July 2024 from 18:00 to 20:00",
        "WHERE Kopienas māja Ciema iela 1, Ķekaviņa",
        "ORGANISED BY Partnerība Daugavkrasts",
        "The project is funded by the Society Integration Foundation",
    ):
        assert expected in text, text


def test_the_longest_title_the_check_allows_fits_one_sheet_at_36_pt_at_least(posters_site):
    pdf = posters_site.output / POSTERS["jaunumi/gara-sanaksme/index.html"]
    sizes = sized_text(pdf)
    words = set(LONG_TITLE.split())
    assert {size for text, size in sizes if set(text.split()) <= words} == {36.0}, sizes
    assert "KAD piektdien, 2024. gada 7. jūnijā plkst. 18:00" in text_of(pdf)


@pytest.mark.parametrize(
    ("page", "link_text"),
    [
        ("jaunumi/vasaras-tiksanas/index.html", "Izdrukāt plakātu (PDF, {size} KB): Vasaras tikšanās"),
        ("en/news/summer-meeting/index.html", "Print a poster (PDF, {size} KB): Summer meeting"),
    ],
)
def test_the_meeting_page_links_its_poster_with_its_size(posters_site, page, link_text):
    links = parse(posters_site.output, page).select('main a[type="application/pdf"]')
    assert len(links) == 1
    target = local_path(links[0]["href"], page_url(page), SITE_URL)
    assert target == POSTERS[page] and resolves(posters_site.output, target)
    size = round((posters_site.output / target).stat().st_size / 1000)
    assert links[0].get_text(strip=True) == link_text.format(size=size)


def test_every_link_of_the_site_with_posters_resolves(posters_site):
    assert broken_links(posters_site.output, SITE_URL) == []


def test_the_pages_that_link_posters_are_valid_html(posters_site, tmp_path):
    from test_html_validity import vnu_errors  # noqa: PLC0415

    pages = [*POSTERS, "tiksanas/index.html", "en/meetings/index.html"]
    for page in pages:
        assert parse(posters_site.output, page).select('a[type="application/pdf"]'), page
        target = tmp_path / page
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(posters_site.output / page, target)
    assert vnu_errors(tmp_path) == []


def test_no_poster_link_for_a_cancelled_or_past_meeting(posters_site):
    for page in ("jaunumi/atcelta-tiksanas/index.html", "jaunumi/ziemas-tiksanas/index.html"):
        assert not parse(posters_site.output, page).select('a[href$=".pdf"]'), page


def test_posters_are_cached_and_the_cache_gives_the_same_bytes(posters_site, tmp_path):
    entries = [path for path in (posters_site.cache / "posters").rglob("*") if path.is_file()]
    assert len(entries) == len(POSTERS)
    cached = {path.read_bytes() for path in entries}
    assert cached == {(posters_site.output / pdf).read_bytes() for pdf in POSTERS.values()}


def test_a_second_build_without_the_cache_makes_the_same_bytes(posters_site, tmp_path):
    output = tmp_path / "output"
    result = build_site(output, PATH=str(posters_site.content), SITE_TODAY=TODAY,
                        CACHE_PATH=str(tmp_path / "cache"))
    assert result.ok, result
    for pdf in POSTERS.values():
        assert (output / pdf).read_bytes() == (posters_site.output / pdf).read_bytes(), pdf


def test_a_development_build_makes_no_posters_and_links_none(tmp_path):
    output = tmp_path / "output"
    result = build_site(output, settings="pelicanconf.py", PATH=str(FIXTURE), SITE_TODAY=TODAY,
                        CACHE_PATH=str(tmp_path / "cache"))
    assert result.ok, result
    assert not list(output.rglob("*.pdf"))
    assert not parse(output, "jaunumi/vasaras-tiksanas/index.html").select('a[type="application/pdf"]')


def test_a_poster_that_fits_no_sheet_is_reported_and_fails_a_strict_build(tmp_path, caplog):
    from sitebuilder.pipeline import build  # noqa: PLC0415

    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    item = content / "news" / "vasaras-tiksanas.lv.md"
    # each within the content check's bounds, all together more than a sheet holds
    text = item.read_text(encoding="utf-8")
    text = text.replace("title: Vasaras tikšanās", f'title: "{LONG_TITLE}"')
    text = text.replace("place: Kopienas māja", "place: " + "Kopienas māja, " * 32)
    text = text.replace("address: Ciema iela 1, Ķekaviņa", "address: " + "Ciema iela 1, Ķekaviņa, " * 20)
    item.write_text(text, encoding="utf-8")
    result = build(
        str(ROOT / "publishconf.py"), output=str(tmp_path / "output"), jobs=1, strict=True,
        extra={"SITEURL": SITE_URL, "PATH": str(content), "SITE_TODAY": TODAY, "CACHE_PATH": str(tmp_path / "cache")},
    )
    assert not result.ok
    assert ("news/vasaras-tiksanas.lv.md: tikšanās plakāts neietilpst vienā A4 lapā pat ar 36 punktu virsrakstu"
            " un bez kopsavilkuma (summary): saīsiniet virsrakstu (title), vietu (place) vai adresi (address)"
            ) in caplog.text
