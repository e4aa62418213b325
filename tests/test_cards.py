"""Share cards (site_cards): one per document and language, the page's og:image, within 1200×630."""

import io
import os
import shutil
import unicodedata
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageDraw

from conftest import ROOT, build_site
from pages import KINDS
from sitecheck import broken_links, html_files, local_path, page_url, parse
from test_photos import photo_site  # noqa: F401 - the fixture site with photos

from site_cards import draw
from site_cards.fonts import FONT_FILES, Fonts
from site_cards.layout import ELLIPSIS, TITLE_SIZES, Box, Line, drawn_words, normalise

FONTS = Fonts(str(ROOT / "theme"))
SOURCE_SANS = {FONTS.path(main) for main, _fallback in FONT_FILES.values()}
# The card's safe area: nothing is drawn outside it but the gold rule at the top.
SAFE = Box(draw.MARGIN, draw.TOP, draw.WIDTH - draw.MARGIN, draw.HEIGHT - draw.BOTTOM)
PAGES = [(lang, kind) for lang, kinds in KINDS.items() for kind in kinds]
# Pages whose card is their own (the others show their language's site card).
DOCUMENTS = {"story", "news item", "invitation", "chapter", "community", "goal", "page",
             "accessibility statement", "privacy statement"}
LISTS = {"stories list": ("Stāsti", "Stories"), "news list": ("Jaunumi", "News"),
         "methodology list": ("Metodoloģija", "Methodology"), "communities list": ("Kopienas", "Communities"),
         "goals overview": ("Kopienu mērķi", "Goals of the communities"),
         "upcoming meetings": ("Gaidāmās tikšanās", "Upcoming meetings"),
         "past meetings": ("Notikušās tikšanās", "Past meetings")}
TAGLINES = {"lv": "Ķekavas novada kopienu stāsti, tikšanās un metodoloģija",
            "en": "Stories, meetings and methodology of the communities of Ķekava municipality"}


def meta_of(soup):
    return {tag["property"]: tag["content"] for tag in soup.find_all("meta", property=True)}


def card_file(site, url):
    relative = local_path(url, "/", site.site_url)
    assert relative is not None, url
    return site.output / relative


@pytest.mark.parametrize(("lang", "kind"), PAGES)
def test_every_kind_of_page_shows_a_share_card(site, lang, kind):
    soup = parse(site.output, KINDS[lang][kind])
    meta = meta_of(soup)
    url = meta["og:image"]
    assert url.startswith(site.site_url + "/"), url  # absolute, as link previews need
    path = card_file(site, url)
    with Image.open(path) as image:
        assert image.size == (1200, 630)
        assert image.format == {".png": "PNG", ".jpg": "JPEG"}[path.suffix]
    assert (meta["og:image:width"], meta["og:image:height"]) == ("1200", "630")
    assert path.stat().st_size <= 150_000
    assert soup.find("meta", attrs={"name": "twitter:card"})["content"] == "summary_large_image"
    root = "" if lang == "lv" else "en/"
    page_folder = os.path.dirname(KINDS[lang][kind])
    if kind in DOCUMENTS:
        assert path.parent == site.output / page_folder  # beside its page
        title = soup.find("meta", property="og:title")["content"]
        assert title in meta["og:image:alt"]
    elif kind in LISTS:
        assert path.parent == site.output / page_folder  # beside the list's first page
        title = LISTS[kind][0 if lang == "lv" else 1]
        assert meta["og:image:alt"] == f"{TAGLINES[lang]}. {title}. {'Kopienu stāsti' if lang == 'lv' else 'Community stories'}."
    else:
        assert path.parent == site.output / root.rstrip("/")  # the language's site card
        assert meta["og:image:alt"] == f"{TAGLINES[lang]}. {'Kopienu stāsti' if lang == 'lv' else 'Community stories'}."


def test_a_card_says_the_kind_the_communities_and_for_a_meeting_its_time_and_place(site):
    invitation = meta_of(parse(site.output, KINDS["lv"]["invitation"]))["og:image:alt"]
    assert invitation == (
        "Notikusi tikšanās · Mežinieki. Kopsanāksme Mežiniekos 7. oktobrī. "
        "2022. gada 7. oktobris. Mežauļi, Mežinieki, Ķekavas novads. Kopienu stāsti."
    )
    story = meta_of(parse(site.output, KINDS["en"]["story"]))["og:image:alt"]
    assert story == "Story · Mežinieki. Mežinieki smart village. Community stories."
    chapter = meta_of(parse(site.output, KINDS["lv"]["chapter"]))["og:image:alt"]
    assert chapter == "3. nodaļa · Metodoloģija darbam ar kopienām. Koprade. Kopienu stāsti."


def test_the_cards_are_files_of_the_site_and_not_in_the_sitemap(site):
    assert [line for line in broken_links(site.output, site.site_url) if "og:image" in line] == []
    sitemap = (site.output / "sitemap.xml").read_text(encoding="utf-8")
    assert "share." not in sitemap


def test_the_link_check_finds_a_card_that_is_not_there(tmp_path):
    page = tmp_path / "stasti" / "x" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text('<html lang="lv"><head><meta property="og:image" content="https://kopienas.example.org'
                    '/stasti/x/share.0123456789.png"></head><body></body></html>', encoding="utf-8")
    assert broken_links(tmp_path, "https://kopienas.example.org") == [
        "stasti/x/index.html: og:image=https://kopienas.example.org/stasti/x/share.0123456789.png leads nowhere"
    ]


# --- the text boxes ----------------------------------------------------------------------------


def real_titles(site):
    """The title of every document of content/, in both languages, as its page gives it."""
    titles = []
    for page in html_files(site.output):
        soup = parse(site.output, page)
        image = soup.find("meta", property="og:image")
        folder = os.path.dirname(page)
        document = soup.find("main", attrs={"data-pagefind-body": True})  # a document's page, not a list
        if document and image and os.path.dirname(local_path(image["content"], "/", site.site_url)) == folder:
            titles.append(soup.find("meta", property="og:title")["content"])
    return titles


TIGHTEST = dict(kicker="Uzaicinājums uz tikšanos · Mežinieki, Daugmale, Katlakalns",
                when="2022. gada 7. oktobris, 17:00–19:30", where="Mežauļi, Mežinieki, Ķekavas novads",
                sitename="Kopienu stāsti", organisation="Partnerība Daugavkrasts")


def check_composition(composition, title):
    """Every line inside the card, none on another; the title whole, in Source Sans, every letter drawn."""
    inks = [(line, line.ink()) for line, _colour in composition.lines]
    for line, ink in inks:
        assert SAFE.holds(ink), (line.text, ink)
        assert line.font_file in SOURCE_SANS, line.text
        assert FONTS.covers(os.path.relpath(line.font_file, FONTS.theme), line.text), line.text
    for index, (line, ink) in enumerate(inks):
        for other, other_ink in inks[index + 1:]:
            apart = ink.bottom <= other_ink.top or other_ink.bottom <= ink.top or \
                ink.right <= other_ink.left or other_ink.right <= ink.left
            assert apart, (line.text, other.text)
    for line in composition.title:
        assert composition.title_box.holds(line.ink()), line.text
    assert not composition.cut
    assert " ".join(line.text for line in composition.title) == normalise(title)


def test_every_real_title_fits_its_card_whole_in_both_languages(site):
    titles = real_titles(site)
    documents = [path for path in (ROOT / "content").rglob("*.md") if path.name.endswith((".lv.md", ".en.md"))]
    assert len(titles) == len(documents)  # every document of content/, in Latvian and in English
    assert any("ā" in title for title in titles) and any(c in "".join(titles) for c in "ķļņģ")
    for title in titles:
        # the smallest title box any card has: a meeting's, under a kicker
        check_composition(draw.compose(FONTS, draw.Words(title=title, **TIGHTEST)), title)
        check_composition(draw.compose(FONTS, draw.Words(title=title, kicker="Stāsts · Mežinieki",
                                                         sitename="Kopienu stāsti")), title)


def test_every_latvian_letter_is_set_in_the_sites_typeface():
    letters = "āčēģīķļņšūžĀČĒĢĪĶĻŅŠŪŽ„“”–…"
    title = f"Ģimeņu ķiršu ļoti šūpuļdziesma: {letters}"
    check_composition(draw.compose(FONTS, draw.Words(title=title, sitename="Kopienu stāsti")), title)


def test_a_decomposed_letter_is_drawn_composed():
    decomposed = unicodedata.normalize("NFD", "Kopsanāksme Ķekavā")
    assert decomposed != "Kopsanāksme Ķekavā"
    composition = draw.compose(FONTS, draw.Words(title=decomposed))
    assert [line.text for line in composition.title] == ["Kopsanāksme Ķekavā"]


def test_a_long_title_is_shrunk_then_cut_after_a_whole_word():
    words = ("Kopienu sanāksme par apgaismojumu, sporta laukumu un bērnu rotaļu vietām "
             "Mežiniekos, Daugmalē un Katlakalnā ").split() * 4
    title = " ".join(words)[:200]
    composition = draw.compose(FONTS, draw.Words(title=title, **TIGHTEST))
    assert composition.cut
    lines = [line.text for line in composition.title]
    assert {line.size for line in composition.title} == {TITLE_SIZES[-1]}
    assert lines[-1].endswith(ELLIPSIS)
    shown = " ".join(lines)[: -len(ELLIPSIS)].split(" ")
    assert shown == title.split(" ")[: len(shown)]  # only whole words, in their order
    for line in composition.title:
        assert composition.title_box.holds(line.ink())


def test_a_title_that_fits_is_as_large_as_it_can_be():
    short = draw.compose(FONTS, draw.Words(title="Mežinieku viedais ciems"))
    longer = draw.compose(FONTS, draw.Words(title="Kopienu sanāksme par apgaismojumu un sporta laukumiem "
                                                   "Mežiniekos un Daugmalē 2022. gada rudenī: ko iedzīvotāji "
                                                   "vēlas redzēt pie pieturām un veikala"))
    assert short.title[0].size == TITLE_SIZES[0] and len(short.title) == 1
    assert TITLE_SIZES[-1] < longer.title[0].size < TITLE_SIZES[0] and not longer.cut


def test_a_number_stays_with_the_word_after_it():
    composition = draw.compose(FONTS, draw.Words(title="Gathering in Mežinieki on 7 October"))
    assert [line.text for line in composition.title] == ["Gathering in Mežinieki on", "7 October"]
    latvian = draw.compose(FONTS, draw.Words(title="Kopsanāksme Mežiniekos un Daugmalē 2022. gada 7. oktobrī"))
    assert not [line.text for line in latvian.title if line.text.endswith(("2022.", "7."))]


def test_a_line_with_letters_the_typeface_lacks_is_set_in_dejavu_sans():
    composition = draw.compose(FONTS, draw.Words(title="Встреча жителей в Кекаве"))
    assert {os.path.basename(line.font_file) for line in composition.title} == {"DejaVuSans-Bold.ttf"}
    assert not composition.cut


def test_a_character_no_font_has_is_left_out_of_the_card():
    composition = draw.compose(FONTS, draw.Words(title="Talka 🌳 Mežinieku parkā"))
    assert [line.text for line in composition.title] == ["Talka Mežinieku parkā"]
    assert composition.title[0].font_file in SOURCE_SANS


def test_a_word_too_long_for_any_line_is_cut_inside_as_a_last_resort():
    composition = draw.compose(FONTS, draw.Words(title="A" * 120))
    assert composition.cut and composition.title[-1].text.endswith(ELLIPSIS)
    assert composition.title_box.holds(composition.title[-1].ink())


# --- the pixels --------------------------------------------------------------------------------


def luminance(colour):
    def channel(value):
        value /= 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(value) for value in colour)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(one, other):
    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_white_text_over_the_scrim_keeps_4_5_to_1_even_over_a_white_sky():
    scrim = Image.blend(Image.new("RGB", (1, 1), "#ffffff"), Image.new("RGB", (1, 1), draw.DARK), draw.SCRIM_ALPHA)
    assert contrast((255, 255, 255), scrim.getpixel((0, 0))) >= 4.5


def test_the_colours_of_a_card_without_a_photo_keep_4_5_to_1():
    dark = Image.new("RGB", (1, 1), draw.DARK).getpixel((0, 0))
    for colour in (draw.PAPER, draw.GOLD, draw.RIVER):
        assert contrast(Image.new("RGB", (1, 1), colour).getpixel((0, 0)), dark) >= 4.5, colour


def test_nothing_is_drawn_in_the_margins_of_the_real_cards(site):
    background = Image.new("RGB", (1, 1), draw.DARK).getpixel((0, 0))
    cards = sorted(site.output.rglob("share.*.png"))
    assert len(cards) >= 40
    for path in cards:
        with Image.open(path) as image:
            rgb = image.convert("RGB")
        for box in ((0, 8, draw.MARGIN - 8, draw.HEIGHT), (draw.WIDTH - draw.MARGIN + 8, 8, draw.WIDTH, draw.HEIGHT),
                    (0, 8, draw.WIDTH, draw.TOP - 24), (0, draw.HEIGHT - draw.BOTTOM + 8, draw.WIDTH, draw.HEIGHT)):
            assert rgb.crop(box).getcolors() == [(rgb.crop(box).width * rgb.crop(box).height, background)], \
                (path.relative_to(site.output), box)


@pytest.mark.parametrize("text", ["Kopienu sanāksme Mežiniekos un Daugmalē", "AVATAR Today: Wave of Yellow",
                                  "Встреча жителей в Кекаве", "שלום לכולם בקהילה"])
def test_a_line_drawn_a_word_at_a_time_is_the_line_drawn_whole(text):
    line = Line(text, draw.MARGIN, 200, TITLE_SIZES[0], FONTS.file_for(text, "bold"))
    whole, by_words = Image.new("L", (draw.WIDTH, 300)), Image.new("L", (draw.WIDTH, 300))
    ImageDraw.Draw(whole).text((line.x, line.baseline), text, font=line.font(), fill=255, anchor="ls")
    draw._write(by_words, [(line, 255)])
    ink = sum(whole.get_flattened_data())
    moved = sum(ImageChops.difference(whole, by_words).get_flattened_data())
    assert all(abs(a - b) <= 1 for a, b in zip(whole.getbbox(), by_words.getbbox(), strict=True))
    assert moved <= 0.03 * ink, moved / ink  # each word within a fraction of a pixel of its place
    if drawn_words(text) == (text,):  # right to left: the line is drawn whole
        assert moved == 0


def test_a_card_drawn_in_its_palettes_indices_has_the_pixels_of_one_drawn_in_rgb():
    card = draw.Words(title="Kopienu sanāksme par apgaismojumu Mežiniekos", kicker="Tikšanās · Mežinieki",
                      when="Sestdien, 7. oktobrī, 11.00", where="Ķekavas kultūras nams",
                      sitename="Partnerība Daugavkrasts", organisation="Kopienu stāsti")
    with Image.open(io.BytesIO(draw.render(FONTS, card))) as image:
        assert image.mode == "P"
        drawn = image.convert("RGB")
    lines = draw.compose(FONTS, card).lines
    rgb = draw._decorated(Image.new("RGB", (draw.WIDTH, draw.HEIGHT), draw.DARK), lines[:2])
    draw._write(rgb, lines[2:])
    expected = rgb.quantize(palette=draw._palette(), dither=Image.Dither.NONE).convert("RGB")
    assert ImageChops.difference(drawn, expected).getbbox() is None


# --- cover photos and the cache ----------------------------------------------------------------


def test_a_cover_photo_is_behind_its_card(photo_site):  # noqa: F811
    soup = parse(photo_site.output, "stasti/talka/index.html")
    meta = meta_of(soup)
    path = card_file(photo_site, meta["og:image"])
    assert path.parent == photo_site.output / "stasti" / "talka" and path.suffix == ".jpg"
    assert path.stat().st_size <= 150_000
    with Image.open(path) as image:
        assert image.size == (1200, 630) and image.format == "JPEG"
        assert not image.info.get("exif") and not image.info.get("comment")
        # not a flat background: the photo shows through the scrim
        assert len(image.convert("RGB").crop((700, 120, 1100, 400)).getcolors(maxcolors=1 << 16) or ()) > 50
    cover_alt = soup.find("figure", class_="cover").find("img")["alt"]
    assert meta["og:image:alt"].endswith(f"Fonā fotoattēls: {cover_alt}")


def test_cards_come_from_the_cache_and_are_the_same_bytes_again(photo_site, tmp_path):  # noqa: F811
    cache = photo_site.root / "cache" / "cards"
    entries = sorted(path for path in cache.rglob("*") if path.is_file())
    assert entries
    cards = {path.relative_to(photo_site.output): path.read_bytes() for path in photo_site.output.rglob("share.*")}
    assert {data for data in cards.values()} <= {entry.read_bytes() for entry in entries}
    # A stored card is what the next build publishes: it is not drawn again.
    story = next(name for name in cards if name.parts[:2] == ("stasti", "talka"))
    entry = next(entry for entry in entries if entry.read_bytes() == cards[story])
    marked = io.BytesIO()
    Image.new("RGB", (1200, 630), "#000000").save(marked, "JPEG")
    original = entry.read_bytes()
    entry.write_bytes(marked.getvalue())
    try:
        output = tmp_path / "output"
        result = build_site(output, PATH=str(photo_site.content), CACHE_PATH=str(photo_site.root / "cache"))
        assert result.ok, result
        again = {path.relative_to(output): path.read_bytes() for path in output.rglob("share.*")}
    finally:
        entry.write_bytes(original)
    assert marked.getvalue() in again.values()
    assert {name: data for name, data in again.items() if data != marked.getvalue()} == \
        {name: data for name, data in cards.items() if name != story}
    shutil.rmtree(output)


def test_a_theme_without_the_cards_fonts_is_named(tmp_path):
    assert Fonts(str(tmp_path)).missing() == [
        "card-fonts/source-sans-3-bold.ttf", "pdf-fonts/DejaVuSans-Bold.ttf",
        "card-fonts/source-sans-3-regular.ttf", "pdf-fonts/DejaVuSans.ttf",
    ]
    assert FONTS.missing() == []
