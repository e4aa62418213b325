"""The organisers' workflow: a new story from `invoke new` to its published
translation, the translation table, drafts and items dated later."""

import datetime
import re

import pytest

import projects
from sitebuilder.pipeline import build
from site_content.__main__ import main as site_content
from site_content.publication import build_today
from sitecheck import parse, tree_digest

from test_content_checks import check


def run(project, capsys, *arguments):
    status = site_content(["--settings", str(project / "pelicanconf.py"), *arguments])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def build_into(project, output, **settings):
    result = build(str(project / "pelicanconf.py"), output=str(output), extra=settings)
    assert result.ok, result
    return output


def notices(output, page):
    soup = parse(output, page)
    return [" ".join(div.get_text(" ", strip=True).split()) for div in soup.find_all("div", class_="notice")]


NEW_LV = """\
---
title: "Kopsanāksme Mežiniekos: „Mežauļi”"
summary: "Viens vai divi teikumi par to, par ko ir šis stāsts."
date: {today}
communities: [ciems]
themes: []
status: draft
---

Šeit rakstiet stāstu. Tukša rinda starp teikumiem sāk jaunu rindkopu.

## Starpvirsraksts

Rakstiet tikai to, ko zināt droši. Ja kaut kas vēl nav zināms, tā arī uzrakstiet.
"""


def test_a_new_story_from_template_to_published_translation(tmp_path, capsys):
    project = projects.make_project(tmp_path / "project")
    content_before = tree_digest(project / "content")
    title = "Kopsanāksme Mežiniekos: „Mežauļi”"
    lv = project / "content" / "stories" / "kopsanaksme-meziniekos-mezauli.lv.md"
    en = lv.with_name("kopsanaksme-meziniekos-mezauli.en.md")

    status, out, err = run(project, capsys, "new", "story", title, "--community", "ciems")

    assert (status, err) == (0, "")
    assert out.splitlines()[:3] == [
        "Izveidoti faili:",
        "  content/stories/kopsanaksme-meziniekos-mezauli.lv.md",
        "  content/stories/kopsanaksme-meziniekos-mezauli.en.md",
    ]
    today = build_today({"TIMEZONE": "Europe/Riga"}).isoformat()
    assert lv.read_text(encoding="utf-8") == NEW_LV.format(today=today)
    assert "status: draft" in en.read_text(encoding="utf-8")

    # never overwritten
    status, out, err = run(project, capsys, "--lang", "en", "new", "story", title)
    assert (status, out) == (1, "")
    assert err == (
        "content/stories/kopsanaksme-meziniekos-mezauli.lv.md already exists, so nothing was"
        " created: choose another title, or edit that file\n"
    )
    assert lv.read_text(encoding="utf-8") == NEW_LV.format(today=today)

    # the new files pass the check as they are, and are never published as they are
    assert check(project, "lv", capsys) == (0, "Pārbaudīti 13 faili; kļūdu nav.\n", [])
    preview = build_into(project, tmp_path / "preview", CONTENT_PREVIEW="true")
    page = "stasti/kopsanaksme-meziniekos-mezauli/index.html"
    assert notices(preview, page) == ["Melnraksts: šī lapa nav publicēta. To rāda tikai priekšskatījums."]
    assert parse(preview, page).h1.get_text() == title

    # written and published: the translation says it may be out of date until marked
    for path in (lv, en):
        path.write_text(path.read_text(encoding="utf-8").replace("status: draft\n", ""), encoding="utf-8")
    site = build_into(project, tmp_path / "site")
    english = "en/stories/kopsanaksme-meziniekos-mezauli/index.html"
    assert notices(site, english) == [
        "This translation may be out of date: the original page has changed since it was translated."
        " Read the original ( Latviešu )"
    ]
    link = parse(site, english).find("div", class_="notice-stale").a
    assert (link["href"], link["hreflang"]) == ("/stasti/kopsanaksme-meziniekos-mezauli/", "lv")
    assert notices(site, page) == []

    status, out, err = run(project, capsys, "translations", "--done", str(en))
    assert (status, err) == (0, "")
    stamp = re.search(r"translated_from: ([0-9a-f]{12})\n", en.read_text(encoding="utf-8"))[1]
    assert out == (
        "content/stories/kopsanaksme-meziniekos-mezauli.en.md: atzīmēts kā aktuāls attiecībā pret"
        f" content/stories/kopsanaksme-meziniekos-mezauli.lv.md (translated_from: {stamp})\n"
    )
    site = build_into(project, tmp_path / "site")
    assert notices(site, english) == []
    assert tree_digest(project / "content") != content_before  # only the commands wrote there


TABLE = """\
Translations (Latvian is the original language)

original                              en
content/communities/ciems.lv.md       never marked up to date
content/communities/kalns.lv.md       missing
content/methodology/pirma.lv.md       missing
content/news/divas-valodas.lv.md      never marked up to date
content/news/jauna-zina.lv.md         never marked up to date
content/pages/par.lv.md               never marked up to date
content/stories/tikai-latviski.lv.md  missing

Missing translations: 3; outdated or never marked up to date: 4.
When a translation says what its original says, mark it up to date: invoke translations --done content/communities/ciems.en.md
"""


def test_the_translation_table_and_how_a_translation_becomes_stale(tmp_path, capsys):
    project = projects.make_project(tmp_path / "project")
    content = project / "content"

    assert run(project, capsys, "--lang", "en", "translations") == (0, TABLE, "")

    english = content / "pages" / "par.en.md"
    before = english.read_text(encoding="utf-8")
    status, out, _err = run(project, capsys, "translations", "--done", str(english))
    assert status == 0
    after = english.read_text(encoding="utf-8")
    stamp = re.search(r"translated_from: ([0-9a-f]{12})\n", after)[1]
    assert after == before.replace("slug: about\n", f"slug: about\ntranslated_from: {stamp}\n")
    _status, out, _err = run(project, capsys, "--lang", "en", "translations")
    assert "content/pages/par.lv.md" not in out

    original = content / "pages" / "par.lv.md"
    text = original.read_text(encoding="utf-8")
    # what a translation does not translate leaves it current: spacing, shared fields
    original.write_text(text.replace("Teksts.", "Teksts.   \n\n"), encoding="utf-8")
    assert "content/pages/par.lv.md" not in run(project, capsys, "--lang", "en", "translations")[1]
    # a changed sentence makes it stale
    original.write_text(text.replace("Teksts.", "Cits teksts."), encoding="utf-8")
    _status, out, _err = run(project, capsys, "--lang", "en", "translations")
    assert re.search(r"^content/pages/par\.lv\.md +outdated$", out, re.M)


def test_a_translation_cannot_be_marked_without_an_original_or_as_an_original(tmp_path, capsys):
    project = projects.make_project(tmp_path / "project")
    original = project / "content" / "pages" / "par.lv.md"
    status, out, err = run(project, capsys, "--lang", "en", "translations", "--done", str(original))
    assert (status, out) == (1, "")
    assert err == (
        "content/pages/par.lv.md is not a translation: give the file of a translation,"
        " e.g. content/communities/ciems.en.md\n"
    )
    status, _out, err = run(project, capsys, "--lang", "en", "translations", "--done", "nav.en.md")
    assert (status, err) == (1, "there is no file nav.en.md\n")


@pytest.fixture(scope="module")
def publication(tmp_path_factory):
    root = tmp_path_factory.mktemp("publication")
    return projects.make_project(root / "project", projects.FIXTURES / "publication"), root


def test_drafts_and_later_items_are_held_back(publication):
    project, root = publication
    site = build_into(project, root / "before", SITE_TODAY="2029-12-31")
    assert not (site / "stasti" / "melnraksts").exists()
    assert not (site / "jaunumi" / "nakotne").exists()
    assert not (site / "en" / "news" / "nakotne").exists()  # it inherits the date
    for listing in ("jaunumi/index.html", "stasti/index.html", "feeds/atom.xml", "index.html"):
        text = (site / listing).read_text(encoding="utf-8")
        assert "Nākotnes ziņa" not in text and "Melnraksts" not in text, listing
    # the published translation of a draft does not link to it
    english = "en/stories/melnraksts/index.html"
    assert parse(site, english).find("link", hreflang="lv") is None
    assert notices(site, english) == ["Šī lapa šajā valodā nav pieejama. Uz sākumlapu"]

    site = build_into(project, root / "on-the-day", SITE_TODAY="2030-01-01")
    assert (site / "jaunumi" / "nakotne" / "index.html").is_file()
    assert (site / "en" / "news" / "nakotne" / "index.html").is_file()
    assert "Nākotnes ziņa" in (site / "jaunumi" / "index.html").read_text(encoding="utf-8")


def test_the_preview_shows_what_is_held_back_and_says_so(publication):
    project, root = publication
    site = build_into(project, root / "preview", SITE_TODAY="2029-12-31", CONTENT_PREVIEW="true")
    assert notices(site, "stasti/melnraksts/index.html") == [
        "Melnraksts: šī lapa nav publicēta. To rāda tikai priekšskatījums."
    ]
    assert notices(site, "jaunumi/nakotne/index.html") == [
        "Ieplānota publicēšana: 2030. gada 1. janvāris. Šo lapu rāda tikai priekšskatījums."
    ]
    assert notices(site, "en/news/nakotne/index.html")[0] == (
        "Scheduled for publication: 1 January 2030. Only the preview shows this page."
    )


def test_the_build_day_is_today_in_the_site_timezone_unless_set():
    assert build_today({"SITE_TODAY": "2024-05-01"}) == datetime.date(2024, 5, 1)
    riga = datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=2))).date()
    assert abs((build_today({"TIMEZONE": "Europe/Riga"}) - riga).days) <= 1


def test_a_new_story_naming_a_community_appears_on_its_page_in_its_language(tmp_path):
    project = projects.make_project(tmp_path / "project")
    stories = project / "content" / "stories"
    (stories / "jauns-stasts.lv.md").write_text(
        "---\ntitle: Jauns stāsts par ciemu\nsummary: Īsi.\ndate: 2024-07-01\n"
        "communities: [ciems]\n---\n\nTeksts.\n", encoding="utf-8")
    (stories / "jauns-stasts.en.md").write_text(
        "---\ntitle: A new story about the village\nsummary: Short.\nslug: new-story\n---\n\nText.\n",
        encoding="utf-8")
    site = build_into(project, tmp_path / "site")

    def listed(page):
        return [h.get_text(strip=True) for h in parse(site, page).select("main section .card h3")]

    latvian = listed("kopienas/ciems/index.html")
    english = listed("en/communities/ciems/index.html")
    # newest first, each language its own titles
    assert latvian[:2] == ["Jauns stāsts par ciemu", "Ziņa divās valodās"]
    assert "A new story about the village" not in latvian
    assert english[0] == "A new story about the village"
    assert "Jauns stāsts par ciemu" not in english
    # a community the story does not name does not list it
    assert "Jauns stāsts par ciemu" not in listed("kopienas/kalns/index.html")


def test_a_new_goal_from_template_to_the_register(tmp_path, capsys):
    project = projects.make_project(tmp_path / "project")
    lv = project / "content" / "goals" / "apgaismojums-pie-pieturas.lv.md"

    status, out, err = run(project, capsys, "--lang", "en", "new", "goal", "Apgaismojums pie pieturas",
                           "--community", "ciems", "--community", "kalns")
    assert (status, out) == (1, "")
    assert err == ("a goal belongs to one community, or to none (a goal the communities share):"
                   " give --community once at most\n")
    assert not lv.exists()

    status, out, err = run(project, capsys, "new", "goal", "Apgaismojums pie pieturas", "--community", "ciems")
    assert (status, err) == (0, "")
    assert out.splitlines()[1:3] == [
        "  content/goals/apgaismojums-pie-pieturas.lv.md",
        "  content/goals/apgaismojums-pie-pieturas.en.md",
    ]
    text = lv.read_text(encoding="utf-8")
    assert "community: ciems\n" in text and "kinds: [other]\n" in text and "status: draft\n" in text
    # the new files pass the check as they are, and the goal is not published as it is
    assert check(project, "lv", capsys) == (0, "Pārbaudīti 13 faili; kļūdu nav.\n", [])
    site = build_into(project, tmp_path / "site")
    assert not (site / "merki" / "apgaismojums-pie-pieturas").exists()

    for path in (lv, lv.with_name("apgaismojums-pie-pieturas.en.md")):
        path.write_text(path.read_text(encoding="utf-8").replace("status: draft\n", ""), encoding="utf-8")
    site = build_into(project, tmp_path / "site")
    goal = parse(site, "merki/apgaismojums-pie-pieturas/index.html")
    assert [" ".join(dd.get_text(" ", strip=True).split()) for dd in goal.select("dl.goal-facts dd")] == [
        "Apzināts", "Cits", "Ķekaviņa"]
    listed = parse(site, "kopienas/ciems/index.html").find("h2", id="goals-title").find_next_sibling("ul")
    assert [a.get_text(strip=True) for a in listed.select("li > a")] == ["Apgaismojums pie pieturas"]
