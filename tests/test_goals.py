"""The goals register: the overview's counts, the goal pages, the open data, and
a goal's history and status as stories and news are added (in a copy of the
fixture site, never in content/)."""

import csv
import json

import pytest

import projects
from pages import KINDS
from sitebuilder.pipeline import build
from site_content.schema import GOAL_KINDS, GOAL_STATUSES
from sitecheck import local_path, page_url, parse, resolves

from conftest import ROOT

SEED_GOALS = ["apgaismojums-publiskaja-artelpa", "apgaismojums-un-infrastruktura", "sporta-bernu-un-atputas-vietas"]
LANGS = ["lv", "en"]


def text(tag):
    return " ".join(tag.get_text(" ", strip=True).split())


def table_counts(soup, caption_id):
    """[(row label, count)] of the overview's table whose caption follows the group's heading."""
    heading = soup.find("h2", id=caption_id).get_text(strip=True)
    table = next(t for t in soup.select("main .goal-counts table") if t.caption.get_text(strip=True) == heading)
    return [(text(row.th), int(row.td.get_text())) for row in table.tbody.find_all("tr")], table


def groups(soup, prefix):
    """{group id: (heading text, [goal hrefs])} of the overview's lists by status or kind."""
    found = {}
    for heading in soup.select(f"main h3[id^='{prefix}-']"):
        items = heading.find_next_sibling("ul").find_all("li", recursive=False)
        found[heading["id"][len(prefix) + 1:]] = (text(heading), [li.a["href"] for li in items])
    return found


def open_data(site, lang):
    """The overview's data links, resolved: {link text: file text}, and the parsed files."""
    page = KINDS[lang]["goals overview"]
    soup = parse(site.output, page)
    files = {}
    for link in soup.select("main #open-data-title ~ ul.data-downloads a"):
        target = local_path(link["href"], page_url(page), site.site_url)
        assert target and resolves(site.output, target), link["href"]
        files[target.rsplit("/", 1)[-1]] = (site.output / target).read_text(encoding="utf-8")
    return files


def labels(soup, prefix):
    """{id: label in the page's language} of statuses or kinds, from the overview's table rows."""
    ids = GOAL_STATUSES if prefix == "status" else GOAL_KINDS
    rows, _table = table_counts(soup, f"by-{'status' if prefix == 'status' else 'kind'}")
    return {value: label for value, (label, _count) in zip(ids, rows)}


@pytest.mark.parametrize("lang", LANGS)
def test_the_overview_counts_goals_by_status_and_kind_as_the_data_does(site, lang):
    soup = parse(site.output, KINDS[lang]["goals overview"])
    records = json.loads(open_data(site, lang)["goals.json"])["goals"]
    for prefix, ids, field in (("status", GOAL_STATUSES, "status"), ("kind", GOAL_KINDS, "kinds")):
        rows, table = table_counts(soup, f"by-{prefix}")
        assert len(rows) == len(ids)
        listed = groups(soup, prefix)
        for value, (label, count) in zip(ids, rows):
            members = [r for r in records if (r[field] == value if field == "status" else value in r[field])]
            assert count == len(members), (prefix, value)
            if count:
                heading, hrefs = listed[value]
                assert heading == f"{label} ({count})"
                assert sorted(href.rstrip("/").rsplit("/", 1)[-1] for href in hrefs) == sorted(
                    r[f"url_{lang}"].rstrip("/").rsplit("/", 1)[-1] for r in members)
            else:
                assert value not in listed
        if prefix == "status":
            assert int(table.tfoot.td.get_text()) == len(records) == sum(count for _l, count in rows)
    # the seed's three goals of 2022: identified, two of them about lighting
    counts = dict(zip(GOAL_STATUSES, (c for _l, c in table_counts(soup, "by-status")[0])))
    assert counts == {"identified": 3, "planned": 0, "in-progress": 0, "done": 0}
    kinds = dict(zip(GOAL_KINDS, (c for _l, c in table_counts(soup, "by-kind")[0])))
    assert kinds["lighting"] == 2 and kinds["sports"] == kinds["children"] == 1


@pytest.mark.parametrize("lang", LANGS)
def test_the_open_data_parses_and_agrees_with_the_pages(site, lang):
    files = open_data(site, lang)
    assert sorted(files) == ["goal-history.csv", "goals.csv", "goals.json"]
    other = "en" if lang == "lv" else "lv"
    assert files == open_data(site, other)  # the same files in both languages' folders
    records = json.loads(files["goals.json"])["goals"]
    rows = list(csv.DictReader(files["goals.csv"].splitlines()))
    history_rows = list(csv.DictReader(files["goal-history.csv"].splitlines()))
    ids = sorted(path.name[: -len(".lv.md")] for path in (ROOT / "content" / "goals").glob("*.lv.md"))
    assert [r["id"] for r in records] == [row["id"] for row in rows] == ids == SEED_GOALS

    def cell(value):
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, list):
            return " ".join(value)
        return "" if value is None else str(value)

    overview = parse(site.output, KINDS[lang]["goals overview"])
    status_labels, kind_labels = labels(overview, "status"), labels(overview, "kind")
    expected_history = []
    for record, row in zip(records, rows):
        assert {k: cell(v) for k, v in record.items() if k != "history"} == row
        page = local_path(record[f"url_{lang}"], "/", site.site_url)
        soup = parse(site.output, page)
        assert soup.h1.get_text(strip=True) == record[f"title_{lang}"]
        facts = {text(dt): text(dt.find_next_sibling("dd")) for dt in soup.select("main dl.goal-facts dt")}
        assert status_labels[record["status"]] in facts.values()
        assert any(value == ", ".join(kind_labels[k] for k in record["kinds"]) for value in facts.values())
        entries = soup.select("main ol.goal-history > li")
        assert len(entries) == len(record["history"])
        for entry, item in zip(entries, record["history"]):
            link = entry.a
            assert link["href"].endswith(item[f"url_{lang}"]), link["href"]
            assert resolves(site.output, local_path(link["href"], page_url(page), site.site_url))
            assert link.get_text(strip=True) == item[f"title_{lang}"]
            if item["status"]:
                assert status_labels[item["status"]] in text(entry)
            expected_history.append({"goal": record["id"], **{k: cell(v) for k, v in item.items()}})
    assert history_rows == expected_history


def test_the_seed_goals_are_shared_goals_of_the_2022_cycle_identified_by_its_closing_news(site):
    records = json.loads(open_data(site, "lv")["goals.json"])["goals"]
    for record in records:
        assert (record["community"], record["shared"], record["cycle"], record["status"]) == (None, True, 2022, "identified")
        assert [(h["item"], h["status"], h["date"]) for h in record["history"]] == [
            ("news/kopienu-sarunu-cikls-nosledzies", "identified", "2022-10-07")]
        assert record["status_date"] == "2022-10-07"
    goal = parse(site.output, KINDS["lv"]["goal"])
    assert "Kopienu kopīgs mērķis, nosaukts 2022. gada tikšanās ciklā" in text(goal.select_one("main dl.goal-facts"))


@pytest.mark.parametrize("lang", LANGS)
def test_community_pages_link_the_shared_goals_and_the_register(site, lang):
    records = json.loads(open_data(site, lang)["goals.json"])["goals"]
    page = KINDS[lang]["community"]
    soup = parse(site.output, page)
    section = soup.find("h2", id="goals-title").parent
    shared = [a["href"] for a in section.select("#shared-goals-title + ul.goal-list > li > a")]
    assert sorted(href.rsplit("/", 2)[-2] for href in shared) == sorted(
        r[f"url_{lang}"].rsplit("/", 2)[-2] for r in records if r["shared"])
    overview = KINDS[lang]["goals overview"]
    register = [a for a in section.find_all("a") if local_path(a["href"], page_url(page), site.site_url) == overview]
    assert len(register) == 1
    # and from the communities' list page
    listing = parse(site.output, KINDS[lang]["communities list"])
    link = listing.select_one("main .goals-link a")
    assert local_path(link["href"], page_url(KINDS[lang]["communities list"]), site.site_url) == overview


def test_the_closing_news_names_the_goals_it_identified(site):
    soup = parse(site.output, KINDS["en"]["news item"])
    line = next(p for p in soup.select("main header p.meta") if p.get_text().startswith("Goals:"))
    assert [a.get_text(strip=True) for a in line.find_all("a")] == [
        "Lighting and better public infrastructure",
        "Better local places for sport, children's activities, community gatherings and recreation",
        "Lighting in public outdoor spaces: at bus stops, the shop and sports spots",
    ]
    assert text(line).count("(status: identified)") == 3


# --- a goal's history as content is added (a copy of the fixture site) --------

GOAL_LV = """---
title: Soli pie dīķa
summary: Ķekaviņas kopienas mērķis.
kinds: [gathering-recreation, children]
community: ciems
---

Teksts.
"""
GOAL_EN = """---
title: Benches by the pond
summary: A goal of the village.
slug: benches
---

Text.
"""


def write(folder, name, front, body="Teksts."):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(f"---\n{front}---\n\n{body}\n", encoding="utf-8")


@pytest.fixture(scope="module")
def goal_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("goals")
    project = projects.make_project(root / "project")
    content = project / "content"
    (content / "goals").mkdir()
    (content / "goals" / "soli.lv.md").write_text(GOAL_LV, encoding="utf-8")
    (content / "goals" / "soli.en.md").write_text(GOAL_EN, encoding="utf-8")
    news, stories = content / "news", content / "stories"
    write(news, "soli-nosaukti.lv.md", "title: Soli nosaukti\nsummary: Īsi.\ndate: 2024-06-01\ngoals: [soli]\n")
    write(news, "soli-nosaukti.en.md", "title: Benches named\nsummary: Short.\nslug: benches-named\n", "Text.")
    write(stories, "solu-plans.lv.md",
          "title: Solu plāns\nsummary: Īsi.\ndate: 2024-07-01\ngoal_status:\n  soli: planned\n")
    write(stories, "solu-plans.en.md", "title: A plan for benches\nsummary: Short.\nslug: bench-plan\n", "Text.")
    # only in Latvian: the English history lists it in Latvian
    write(news, "soli-gatavi.lv.md", "title: Soli gatavi\nsummary: Īsi.\ndate: 2024-08-01\ngoal_status: {soli: done}\n")
    # a draft and an item dated later than the build do not change the status
    write(news, "melnraksts.lv.md",
          "title: Melnraksts\nsummary: Īsi.\ndate: 2024-08-02\nstatus: draft\ngoal_status: {soli: in-progress}\n")
    write(news, "nakotne.lv.md", "title: Nākotne\nsummary: Īsi.\ndate: 2030-01-01\ngoal_status: {soli: in-progress}\n")
    output = root / "site"
    result = build(str(project / "pelicanconf.py"), output=str(output), extra={"SITE_TODAY": "2024-09-01"})
    assert result.ok, result
    return output


def history(output, page):
    soup = parse(output, page)
    return [(text(entry.a), entry.a.get("hreflang")) for entry in soup.select("main ol.goal-history > li")]


def test_a_new_story_naming_a_goal_appears_in_its_history_in_its_language(goal_site):
    # oldest first, each language its own titles; an item without a translation in its own language
    assert history(goal_site, "merki/soli/index.html") == [
        ("Soli nosaukti", None), ("Solu plāns", None), ("Soli gatavi", None)]
    assert history(goal_site, "en/goals/benches/index.html") == [
        ("Benches named", None), ("A plan for benches", None), ("Soli gatavi (Latviešu)", "lv")]
    story = parse(goal_site, "en/stories/bench-plan/index.html")
    assert "Goals: Benches by the pond (status: planned)" in [text(p) for p in story.select("main header p.meta")]


def test_the_latest_published_status_is_the_goals_status(goal_site):
    for page, done, source in (("merki/soli/index.html", "Paveikts", "Soli gatavi"),
                               ("en/goals/benches/index.html", "Done", "Soli gatavi (Latviešu)")):
        soup = parse(goal_site, page)
        facts = [text(dd) for dd in soup.select("main dl.goal-facts dd")]
        assert facts[0] == done
        assert facts[1].startswith(source)
    records = json.loads((goal_site / "merki" / "goals.json").read_text(encoding="utf-8"))["goals"]
    assert [(r["id"], r["status"], r["status_date"], r["community"], r["shared"]) for r in records] == [
        ("soli", "done", "2024-08-01", "ciems", False)]
    assert [(h["item"], h["status"]) for h in records[0]["history"]] == [
        ("news/soli-nosaukti", None), ("stories/solu-plans", "planned"), ("news/soli-gatavi", "done")]
    overview = parse(goal_site, "en/goals/index.html")
    rows, _table = table_counts(overview, "by-status")
    assert [count for _label, count in rows] == [0, 0, 0, 1]
    assert groups(overview, "status")["done"][0] == "Done (1)"
    assert sorted(groups(overview, "kind")) == ["children", "gathering-recreation"]


def test_a_community_page_lists_its_own_goals_only(goal_site):
    own = parse(goal_site, "kopienas/ciems/index.html").find("h2", id="goals-title").find_next_sibling("ul")
    assert [a.get_text(strip=True) for a in own.select("li > a")] == ["Soli pie dīķa"]
    other = parse(goal_site, "kopienas/kalns/index.html").find("h2", id="goals-title").parent
    assert other.select("ul.goal-list") == []
    assert "vēl nav ierakstīti" in text(other)


# --- the register itself, from a content index -------------------------------


def test_the_register_from_an_index(tmp_path):
    from site_content import ContentIndex  # noqa: PLC0415
    from site_goals.register import build_register, by_kind, by_status, reduced_date  # noqa: PLC0415

    sections = {"news": {"kind": "news", "lv": "jaunumi", "en": "news"},
                "goals": {"kind": "goal", "lv": "merki", "en": "goals"}}
    languages = {"lv": {"prefix": ""}, "en": {"prefix": "en"}}
    files = {
        "goals/a.lv.md": "title: A\nsummary: S\nkinds: [lighting, sports]\n",
        "goals/a.en.md": "title: A en\nsummary: S\nslug: a-en\n",
        "goals/b.lv.md": "title: B\nsummary: S\nkinds: sports\ncycle: 2022\n",
        "goals/tikai-en.en.md": "title: C\nsummary: S\nkinds: [other]\n",  # no original: not in it
        "news/x.lv.md": "title: X\nsummary: S\ndate: 2024-05-01\ndate_precision: month\ngoal_status: {a: planned}\n",
        "news/y.lv.md": "title: Y\nsummary: S\ndate: 2024-05-01\ngoal_status: {a: planned}\ngoals: [b]\n",
        "news/z.lv.md": "title: Z\nsummary: S\ndate: 2023-01-01\ndate_precision: year\ngoals: [a]\n",
    }
    for name, front in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"---\n{front}---\n\nTeksts.\n", encoding="utf-8")
    index = ContentIndex.scan(str(tmp_path), sections, languages, "lv")

    goals = build_register(index)

    assert [goal.id for goal in goals] == ["a", "b"]
    a, b = goals
    assert [(entry.id, entry.status, reduced_date(entry)) for entry in a.history] == [
        ("news/z", None, "2023"), ("news/x", "planned", "2024-05"), ("news/y", "planned", "2024-05-01")]
    assert (a.status, a.status_entry.id, a.shared, a.kinds) == ("planned", "news/y", True, ("lighting", "sports"))
    assert {lang: version.url for lang, version in a.versions.items()} == {"lv": "merki/a/", "en": "goals/a-en/"}
    assert (b.status, b.status_entry, b.cycle, [entry.id for entry in b.history]) == ("identified", None, 2022, ["news/y"])
    assert [(status, [g.id for g in members]) for status, members in by_status(goals)] == [
        ("identified", ["b"]), ("planned", ["a"]), ("in-progress", []), ("done", [])]
    assert dict((kind, [g.id for g in members]) for kind, members in by_kind(goals))["sports"] == ["a", "b"]


@pytest.mark.parametrize(("lang", "data_page"), [("lv", "merki/dati/index.html"), ("en", "en/goals/data/index.html")])
def test_the_fields_are_documented_on_a_page_of_their_own_linked_from_the_data_links(site, lang, data_page):
    overview = parse(site.output, KINDS[lang]["goals overview"])
    assert overview.select("table.data-fields") == []  # the overview is for people
    link = overview.select_one("main #open-data-title ~ p a")
    assert local_path(link["href"], page_url(KINDS[lang]["goals overview"]), site.site_url) == data_page
    page = parse(site.output, data_page)
    captions = [caption.get_text(strip=True) for caption in page.select("table.data-fields caption")]
    assert len(captions) == 2
    fields = [code.get_text() for code in page.select("table.data-fields code")]
    assert "status_date" in fields and "title_lv" in fields
    # the same downloads as the overview's, and a way back to it
    assert [a["href"] for a in page.select("ul.data-downloads a")] == [a["href"] for a in overview.select("ul.data-downloads a")]
    assert page.select_one(".kicker a")["href"].endswith(KINDS[lang]["goals overview"].removesuffix("index.html"))


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_each_goal_of_the_overview_shows_its_latest_change(site, lang):
    overview = parse(site.output, KINDS[lang]["goals overview"])
    items = overview.select("#by-status ~ ul.goal-list > li, section[aria-labelledby=by-status] ul.goal-list > li")
    assert len(items) == 3
    for item in items:
        latest = item.find_all("span", class_="meta")[-1]
        assert latest.find("time")["datetime"] == "2022-10-07"
        assert {"lv": "Jaunākais:", "en": "Latest:"}[lang] in latest.get_text()
