"""The words of content/ and of the theme: phrases a review found wrong stay out.

Each test names what was wrong and reads the files as organisers write them.
What the content may state is what the association's news item (the seed)
says; these tests keep out the phrases that went beyond it.
"""

import re

import pytest
import yaml

from conftest import ROOT

CONTENT = ROOT / "content"
PO = ROOT / "theme" / "translations" / "lv" / "LC_MESSAGES" / "messages.po"


def texts(lang):
    """{path: text} of every content file in one language (README.md aside)."""
    found = {str(path.relative_to(ROOT)): path.read_text(encoding="utf-8")
             for path in sorted(CONTENT.rglob(f"*.{lang}.md"))}
    assert len(found) >= 20, "content/ is missing"
    return found


def front(path):
    text = (ROOT / path).read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---\n")[1])


def containing(pattern, lang, flags=re.IGNORECASE):
    return [path for path, text in texts(lang).items() if re.search(pattern, text, flags)]


@pytest.mark.parametrize(("lang", "pattern"), [
    ("lv", r"\bdarb(s|a|u|ā|am)\s+pie\b"),  # a calque: "vietrade ir kopīga vietu veidošana"
    ("lv", r"\bapmācīb"),  # "mācības", as everywhere else
    ("lv", r"(?<!sīk)datn"),  # "fails", as the messages say ("sīkdatne" is the word for a cookie)
    ("lv", r"Visās tikšanās reizēs kopā"),
    ("lv", r"sarunu dalībnieki secināja|kopienas secināja|lika secināt"),  # the association's own conclusions
    ("lv", r"Organizatori tāpēc|pieredze rāda|piemērs rāda|piemērs parāda"),  # reasons and effects the seed does not give
    ("lv", r"sadarbībai ar Ķekavas novada pašvaldību"),  # the seed: "vadlīnijas kopienu sadarbībai ar pašvaldību"
    ("lv", r"tiks paziņots|\bprogramm"),
    ("en", r"tells about"),
    ("en", r"small Latin letters"),
    ("en", r"closer to home|near home"),  # one heading, one wording: "Services close to home"
    ("en", r"participants (themselves )?(said|concluded)|led to the conclusion|This is why organisers"),
    ("en", r"will be announced|\bprogramme"),
])
def test_no_content_file_says(lang, pattern):
    assert containing(pattern, lang) == []


def test_the_theme_says_fails_and_does_not_claim_goals_were_achieved():
    catalogue = PO.read_text(encoding="utf-8")
    assert re.findall(r"(?<!sīk)datn\w*", catalogue) == []
    assert "kas no tā ir paveikts" not in catalogue
    assert 'msgstr "Lejupielādēt PDF failu (%(size)s)"' in catalogue


def test_the_cycle_news_is_the_first_cycle():
    assert front("content/news/kopienu-sarunu-cikls-nosledzies.lv.md")["title"] == "Noslēdzies pirmais kopienu sarunu cikls"
    assert front("content/news/kopienu-sarunu-cikls-nosledzies.en.md")["title"] == (
        "The first cycle of community conversations has closed")


@pytest.mark.parametrize(("path", "sentence"), [
    ("content/news/kopienu-sarunu-cikls-nosledzies.lv.md",
     "Ziņas datums – 2022. gada 7. oktobris – ir cikla noslēguma kopsanāksmes diena."),
    ("content/news/kopienu-sarunu-cikls-nosledzies.en.md",
     "The date of this news item, 7 October 2022, is the day of the gathering that closed the cycle."),
    ("content/news/kopsanaksme-mezinieki-2022.lv.md",
     "Šīs ziņas datums – 2022. gada 7. oktobris – ir kopsanāksmes diena."),
    ("content/news/kopsanaksme-mezinieki-2022.en.md",
     "The date of this news item, 7 October 2022, is the day of the gathering."),
])
def test_the_news_say_their_date_is_the_gatherings(path, sentence):
    """The seed gives the gathering's date, not the day the news was published."""
    assert sentence in (ROOT / path).read_text(encoding="utf-8")


def test_the_past_gathering_speaks_in_the_past_and_promises_nothing():
    lv = (CONTENT / "news" / "kopsanaksme-mezinieki-2022.lv.md").read_text(encoding="utf-8")
    en = (CONTENT / "news" / "kopsanaksme-mezinieki-2022.en.md").read_text(encoding="utf-8")
    assert "aicināja ikvienu" in lv and "aicina" not in lv.replace("aicināja", "")
    assert "invited everyone" in en and "invites" not in en
    assert "Kopsanāksmes sākuma laiks un norise nav zināmi." in lv
    assert "The starting time and the course of the gathering are not known." in en
    assert [word for word in ("pievienosim", "papildināts", "tiks") if word in lv] == []
    assert [word for word in ("We will add", "Still to be added", "will be") if word in en] == []


def test_conclusions_three_and_four_are_needs_not_benefits():
    """The seed states a need ("izgaismo nepieciešamību"), not a benefit that has come about."""
    basics = (CONTENT / "methodology" / "kopienu-veidosanas-pamati.lv.md").read_text(encoding="utf-8")
    benefits = basics.split("## Ko kopiena dod", 1)[1].split("\n## ", 1)[0]
    needs = basics.split("## Kur kopienām vajadzīgs atbalsts", 1)[1].split("\n## ", 1)[0]
    assert "Pakalpojumi" not in benefits and "aktivitātes" not in benefits
    assert "**Pakalpojumi dzīvesvietas tuvumā.**" in needs and "**Kopīgas aktivitātes.**" in needs
    assert containing(r"izgaismo nepieciešamību", "lv") == [
        "content/communities/mezinieki.lv.md",
        "content/methodology/kopienu-veidosanas-pamati.lv.md",
        "content/methodology/koprade.lv.md",
        "content/methodology/vajadzibas-un-atbalsts.lv.md",
        "content/news/kopienu-sarunu-cikls-nosledzies.lv.md",
        "content/stories/mezinieku-viedais-ciems.lv.md",
    ]


def test_the_heading_about_services_reads_the_same_everywhere():
    headings = {line.strip() for text in texts("en").values() for line in text.splitlines()
                if re.search(r"services (close|near)", line, re.IGNORECASE) and line.lstrip().startswith(("#", "4.", "-"))}
    assert {re.search(r"(Services [a-z ]+home)", h).group(1) for h in headings} == {"Services close to home"}


def test_places_whose_position_is_a_guess_say_so_and_lie_south_of_kekava():
    kekava = front("content/communities/kekava.lv.md")
    uncertain = {path: meta for path in sorted(CONTENT.glob("communities/*.lv.md"))
                 if (meta := front(path)).get("coordinates_uncertain")}
    assert sorted(path.name for path in uncertain) == ["dzerumi.lv.md", "mezinieki.lv.md"]
    for path, meta in uncertain.items():
        assert meta["coordinates"][0] < kekava["coordinates"][0], f"{path.name} is placed north of Ķekava"
        for lang in ("lv", "en"):
            text = path.with_name(path.name.replace(".lv.", f".{lang}.")).read_text(encoding="utf-8")
            assert {"lv": "vieta kopienu kartē ir aptuvena", "en": "on the communities map is approximate"}[lang] in text
