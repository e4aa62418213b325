"""The theme's messages and dates: complete Latvian catalogue, Babel dates."""

import datetime
import subprocess
import sys

import pytest
from babel.messages.pofile import read_po

from conftest import ROOT
from theme_i18n import MissingCatalogue, content_date, load_translations
from site_sections import collation_key

THEME = ROOT / "theme"
PO = THEME / "translations" / "lv" / "LC_MESSAGES" / "messages.po"


def template_messages(tmp_path):
    """The messages of the templates as they are now, extracted like `invoke messages`."""
    pot = tmp_path / "messages.pot"
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg",
         "-k", "gettext_in:2", "--no-location", "-o", str(pot), "."],
        cwd=THEME, check=True, capture_output=True,
    )
    with open(pot, "rb") as f:
        return {message.id for message in read_po(f) if message.id}


def test_latvian_catalogue_translates_every_message_of_the_templates(tmp_path):
    with open(PO, "rb") as f:
        catalogue = read_po(f)
    messages = {message.id: message for message in catalogue if message.id}
    assert set(messages) == template_messages(tmp_path), "run 'invoke messages'"
    untranslated = [m.id for m in messages.values() if not m.string]
    fuzzy = [m.id for m in messages.values() if m.fuzzy]
    assert (untranslated, fuzzy) == ([], [])
    assert not catalogue.fuzzy


def test_catalogue_is_compiled_from_its_po_file():
    translations = load_translations(str(THEME), "lv")
    assert translations.gettext("Skip to main content") == "Pāriet uz galveno saturu"
    assert load_translations(str(THEME), "en").gettext("News") == "News"


def test_a_language_without_a_catalogue_stops_the_build(tmp_path):
    with pytest.raises(MissingCatalogue, match="no catalogue for the language 'lt'"):
        load_translations(str(tmp_path), "lt")


@pytest.mark.parametrize(
    ("locale", "precision", "expected"),
    [
        ("lv_LV", "day", "2024. gada 5. marts"),
        ("lv_LV", "month", "2024. g. marts"),
        ("lv_LV", "year", "2024"),
        ("en_GB", "day", "5 March 2024"),
        ("en_GB", "month", "March 2024"),
    ],
)
def test_dates_in_each_language(locale, precision, expected):
    assert content_date(datetime.date(2024, 3, 5), locale, precision) == expected


def test_latvian_collation():
    names = ["Ķekava", "Krustkalni", "Ādaži", "Baldone", "Čiekurkalns", "Cēsis", "Dzērumi"]
    ordered = sorted(names, key=lambda name: collation_key(name, "lv"))
    assert ordered == ["Ādaži", "Baldone", "Cēsis", "Čiekurkalns", "Dzērumi", "Krustkalni", "Ķekava"]


@pytest.mark.parametrize(
    ("before", "after"),
    [("Ara", "Āra"), ("Cuk", "Čaks"), ("Ezis", "Ēdiens"), ("Gulbis", "Ģipsis"), ("Ira", "Īle"),
     ("Kurzeme", "Ķekava"), ("Lūznava", "Ļaudona"), ("Nurmi", "Ņūdzerzija"), ("Suntaži", "Šķaune"),
     ("Uzvara", "Ūdri"), ("Zvejnieki", "Žagari"), ("Pūre", "Quinta"), ("Vārme", "Wolmar"),
     ("ķekava", "Ķekavas pagasts"), ("Mežinieki", "mežs"), ("Krustkalniz", "Ķekava")],
)
def test_each_long_or_softened_letter_follows_its_plain_letter(before, after):
    assert collation_key(before, "lv") < collation_key(after, "lv")


def test_spaces_and_digits_come_before_letters():
    names = ["Kopiena B", "Kopiena 2", "KopienaA", "Kopiena"]
    assert sorted(names, key=lambda name: collation_key(name, "lv")) == ["Kopiena", "Kopiena 2", "Kopiena B", "KopienaA"]


def test_the_english_community_list_sorts_in_latvian_order(site):
    from bs4 import BeautifulSoup  # noqa: PLC0415

    for path in ("kopienas/index.html", "en/communities/index.html"):
        soup = BeautifulSoup((site.output / path).read_text(encoding="utf-8"), "html.parser")
        names = [a.get_text(strip=True) for a in soup.select(".cards .card h2 a, .cards .card h3 a")]
        assert names == ["Baldone", "Daugmale", "Dzērumi", "Katlakalns", "Krustkalni", "Ķekava", "Mežinieki"], path
