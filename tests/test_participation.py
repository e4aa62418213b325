"""Participation over the years: the record on the community pages, the association's page,
the yearly reports and the open data equals what the content says.

The expected figures are counted here from the fixture's front matter (read
with PyYAML, not through the plugin), by the rules content/README.md gives
organisers. The builds are real (`python -m sitebuilder`, as `make build`), of a
copy of tests/fixtures/participation: three years, five communities, reports,
a cancelled and a future meeting, a cycle, goals whose status changes, a draft.
"""

import csv
import datetime
import io
import json
import os
import re
import subprocess
import sys

import pytest
import yaml

import projects
from conftest import ROOT
from sitecheck import parse

PYTHONPATH = os.pathsep.join((str(ROOT), str(ROOT / "plugins")))
TODAY = datetime.date(2025, 6, 1)
STATUSES = ["identified", "planned", "in-progress", "done"]
NOT_HELD = ("cancelled", "postponed")
NOT_RECORDED = {"lv": "nav norādīts", "en": "not recorded"}
PAGE = {"lv": "lidzdaliba", "en": "en/participation"}
COMMUNITY_PAGE = {"lv": "kopienas/{}/index.html", "en": "en/communities/{}/index.html"}


# --- the expected record, counted from the front matter ----------------------


def front_matter(path):
    head = path.read_text(encoding="utf-8").split("---\n", 2)[1]
    return yaml.safe_load(head)


def published(content, folder):
    """{key: front matter} of the Latvian originals published on TODAY."""
    found = {}
    for path in sorted((content / folder).glob("*.lv.md")):
        meta = front_matter(path)
        if meta.get("status") == "draft" or (meta.get("date") and to_day(meta["date"]) > TODAY):
            continue
        found[path.name.removesuffix(".lv.md")] = meta
    return found


def to_day(value):
    return datetime.date.fromisoformat(str(value)[:10])


def expected(content):
    news = published(content, "news")
    stories = published(content, "stories")
    goals = published(content, "goals")
    communities = sorted(published(content, "communities"))
    meetings = []
    for key, meta in news.items():
        if "event_start" not in meta or "report_of" in meta or meta.get("event_status") in NOT_HELD:
            continue
        if to_day(meta.get("event_end", meta["event_start"])) >= TODAY:
            continue
        who, count = list(meta.get("communities", [])), meta.get("participants")
        for report in (r for _k, r in sorted(news.items()) if r.get("report_of") == key):
            who += [c for c in report.get("communities", []) if c not in who]
            count = report.get("participants") if count is None else count
        meetings.append({"item": f"news/{key}", "date": to_day(meta["event_start"]).isoformat(),
                         "year": to_day(meta["event_start"]).year, "communities": who, "participants": count})
    meetings.sort(key=lambda m: (m["date"], m["item"]))
    history = {}  # goal -> [(date, key, status)]
    for key, meta in sorted({**news, **stories}.items()):
        for goal, status in (meta.get("goal_status") or {}).items():
            history.setdefault(goal, []).append((to_day(meta["date"]), key, status))
    changes, status_at = [], {}  # (year, goal, new status); goal -> [(year, status)]
    for goal in goals:
        status = "identified"
        for day, _key, new in sorted(history.get(goal, [])):
            status_at.setdefault(goal, []).append((day.year, new))
            if new != status:
                changes.append((day.year, goal, new))
                status = new
    named = {goal: meta.get("cycle") or (min(history[goal])[0].year if goal in history else None)
             for goal, meta in goals.items()}
    all_years = ({m["year"] for m in meetings} | {to_day(s["date"]).year for s in stories.values()}
                 | {y for y in named.values() if y} | {y for y, _g, _s in changes}
                 | {n["cycle"] for n in news.values() if "cycle" in n})
    years = list(range(min(all_years), max(all_years) + 1))

    def row(year, community):
        mine = [m for m in meetings if m["year"] == year and (community is None or community in m["communities"])]
        counted = [m["participants"] for m in mine if m["participants"] is not None]
        owned = (lambda goal: True) if community is None else (lambda goal: goals[goal].get("community") == community)
        return {
            "year": year, "community": community, "meetings": len(mine), "meetings_counted": len(counted),
            "participants": sum(counted) if counted else None,
            "stories": sum(1 for s in stories.values() if to_day(s["date"]).year == year
                           and (community is None or community in s.get("communities", []))),
            "goals_named": sum(1 for goal, y in named.items() if y == year and owned(goal)),
            **{f"became_{status.replace('-', '_')}": sum(1 for y, goal, new in changes
                                                         if y == year and new == status and owned(goal))
               for status in STATUSES},
        }

    def status_counts(year):
        counts = dict.fromkeys(STATUSES, 0)
        for goal, y in named.items():
            if y and y <= year:
                counts[([s for sy, s in status_at.get(goal, []) if sy <= year] or ["identified"])[-1]] += 1
        return counts

    cycles = [{"cycle": n["cycle"], "participants": n.get("cycle_participants"), "item": f"news/{key}",
               "communities": n.get("communities", []),
               "meeting": f"news/{n['cycle_meeting']}" if "cycle_meeting" in n else None}
              for key, n in sorted(news.items()) if "cycle" in n]
    return {
        "years": years,
        "association": [row(year, None) for year in years],
        "communities": {key: [row(year, key) for year in years] for key in communities},
        "meetings": meetings,
        "cycles": cycles,
        "goal_status": {year: status_counts(year) for year in years},
    }


# --- builds --------------------------------------------------------------------


def site_build(project, output="output"):
    """`python -m sitebuilder` as `make build` runs it, on the day TODAY."""
    result = subprocess.run(
        [sys.executable, "-m", "sitebuilder", "--settings", str(project / "pelicanconf.py"),
         "--output", str(project / output), "--set", f"CACHE_PATH={project / 'cache'}",
         "--set", f"SITE_TODAY={TODAY.isoformat()}"],
        env=dict(os.environ, PYTHONPATH=PYTHONPATH), capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr and "ERROR" not in result.stderr, result.stderr
    return project / output


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    project = projects.make_project(tmp_path_factory.mktemp("participation") / "project", base="participation")
    return project, site_build(project)


def open_data(output, lang="lv"):
    folder = output / PAGE[lang]
    return (json.loads((folder / "participation.json").read_text(encoding="utf-8")),
            {name: list(csv.DictReader(io.StringIO((folder / name).read_text(encoding="utf-8"))))
             for name in ("participation.csv", "meetings.csv", "cycles.csv", "goal-status.csv")})


def text(tag):
    return " ".join(tag.get_text(" ", strip=True).split())


def table_rows(table):
    """[[cell texts]] of a table's body (row header first)."""
    return [[text(cell) for cell in tr.find_all(["th", "td"])] for tr in table.tbody.find_all("tr")]


def shown(row, lang):
    """A record row as the tables show it: year, meetings, participants, stories, goals named."""
    if row["participants"] is None:
        participants = NOT_RECORDED[lang]
    elif row["meetings_counted"] < row["meetings"]:
        participants = f"{row['participants']} ("  # followed by how many meetings were counted
    else:
        participants = str(row["participants"])
    return [str(row["year"]), str(row["meetings"]), participants, str(row["stories"]), str(row["goals_named"])]


def as_shown(cells):
    participants = cells[2] if not cells[2][0].isdigit() or " (" not in cells[2] else cells[2].split(" (")[0] + " ("
    return [cells[0], cells[1], participants, cells[3], cells[4]]


def community_table(output, key, lang="lv"):
    soup = parse(output, COMMUNITY_PAGE[lang].format(key))
    section = soup.find("section", attrs={"aria-labelledby": "record-title"})
    return section, section.find("table", class_="record")


# --- the figures -------------------------------------------------------------------


def test_the_fixture_has_what_the_record_must_tell_apart():
    want = expected(projects.FIXTURES / "participation")
    assert want["years"] == [2023, 2024, 2025]
    rows = {(row["year"], key): row for key, rows in want["communities"].items() for row in rows}
    assert rows[(2023, "upes")]["participants"] == 14  # named by the report only
    assert rows[(2024, "kalni")]["participants"] is None  # a meeting nobody counted
    assert rows[(2023, "lejas")]["meetings"] == 1  # the cancelled meeting is not counted
    assert [m["item"] for m in want["meetings"] if m["year"] == 2025] == []  # the meeting to come
    assert want["association"][0]["participants"] == 23


def test_the_open_data_equal_what_the_content_says(built):
    _project, output = built
    want = expected(projects.FIXTURES / "participation")
    document, files = open_data(output)
    assert document["years"] == want["association"]
    assert {c["id"]: c["years"] for c in document["communities"]} == want["communities"]
    assert [{k: m[k] for k in ("item", "date", "year", "communities", "participants")}
            for m in document["meetings"]] == want["meetings"]
    assert [{k: c[k] for k in ("cycle", "participants", "item", "communities", "meeting")}
            for c in document["cycles"]] == want["cycles"]
    assert {row["year"]: {s: row[s.replace("-", "_")] for s in STATUSES}
            for row in document["goal_status"]} == want["goal_status"]
    # the CSV files say the same, an unrecorded number as an empty cell
    rows = document["years"] + [row for c in document["communities"] for row in c["years"]]
    assert files["participation.csv"] == [
        {k: "" if v is None else str(v) for k, v in row.items()} for row in rows]
    assert [(r["item"], r["participants"], r["communities"]) for r in files["meetings.csv"]] == [
        (m["item"], "" if m["participants"] is None else str(m["participants"]), " ".join(m["communities"]))
        for m in want["meetings"]]
    assert [(r["cycle"], r["participants"], r["meeting"], r["meeting_date"]) for r in files["cycles.csv"]] == [
        ("2023", "50", "news/tiksanas-lejas-2023", "2023-06-05")]
    assert files["goal-status.csv"] == [
        {"year": str(year), **{s.replace("-", "_"): str(n) for s, n in counts.items()}}
        for year, counts in want["goal_status"].items()]
    # every language's folder has the same files
    assert open_data(output, "en") == (document, files)


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_each_community_page_shows_its_record(built, lang):
    _project, output = built
    want = expected(projects.FIXTURES / "participation")
    for key, rows in want["communities"].items():
        if not (output / COMMUNITY_PAGE[lang].format(key)).exists():
            continue  # (a community not translated)
        section, table = community_table(output, key, lang)
        if all(r["meetings"] == r["stories"] == r["goals_named"] == 0
               and not any(r[f"became_{s.replace('-', '_')}"] for s in STATUSES) for r in rows):
            assert table is None and section.find("svg") is None, key
            continue
        assert [as_shown(cells) for cells in table_rows(table)] == [shown(row, lang) for row in rows], key
        # the chart: an image named by its title, described by every figure in words
        svg = section.find("svg")
        assert svg["role"] == "img"
        title_id, desc_id = svg["aria-labelledby"].split()
        assert svg.find("title")["id"] == title_id and svg.find("desc")["id"] == desc_id
        desc = text(svg.find("desc"))
        for row in rows:
            assert re.search(rf"{row['year']}: \D+ {row['meetings']}, \D+ {row['stories']}, \D+ {row['goals_named']}\.",
                             desc), (key, desc)
        assert not section.find("script") and not svg.find("script")


def test_a_community_with_nothing_recorded_says_so(built):
    _project, output = built
    section, table = community_table(output, "klusie")
    assert table is None
    assert "Šajā vietnē vēl nav ierakstīta neviena tikai šīs kopienas tikšanās, stāsts vai mērķis." in text(section)


def test_a_community_page_tells_its_cycle_and_what_is_not_recorded(built):
    _project, output = built
    section, _table = community_table(output, "upes", "lv")
    assert ("2023. gada tikšanās cikls: dalībnieku kopskaits visā ciklā – 50. Kopienas, kas piedalījās: 3."
            " Cik no viņiem bija no šīs kopienas, nav norādīts.") in text(section)
    section, _table = community_table(output, "kalni", "en")
    assert ("The 2023 meeting cycle: 50 participants in the whole cycle. Communities that took part: 3."
            " How many of them came from this community is not recorded.") in text(section)


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_the_association_page_shows_the_record_by_year_and_by_community(built, lang):
    _project, output = built
    want = expected(projects.FIXTURES / "participation")
    soup = parse(output, f"{PAGE[lang]}/index.html")
    tables = soup.select("main table.record")
    by_year, cycles, by_community, status = tables
    assert [as_shown(cells) for cells in table_rows(by_year)] == [shown(r, lang) for r in want["association"]]
    assert text(by_year.tfoot.th) == {"lv": "Visi gadi", "en": "All years"}[lang]
    assert [cells[:2] for cells in table_rows(cycles)] == [["2023", "50"]]
    totals = {cells[0]: cells[1:] for cells in table_rows(by_community)}
    for key, rows in want["communities"].items():
        name = key.capitalize()
        meetings = sum(r["meetings"] for r in rows)
        assert totals[name][0] == str(meetings), key
        assert totals[name][2] == str(sum(r["stories"] for r in rows)), key
    assert [cells for cells in table_rows(status)] == [
        [str(year), *(str(counts[s]) for s in STATUSES), str(sum(counts.values()))]
        for year, counts in want["goal_status"].items()]
    # the goal with no year is left out, and the page says so
    assert {"lv": "Mērķi, kuru gads nav norādīts: 1.", "en": "Goals whose year is not recorded: 1."}[lang] in text(soup)
    # a report a year, linked
    hrefs = [a["href"] for a in soup.select("main #reports ~ ul a")]
    report = {"lv": "parskats", "en": "report"}[lang]
    assert [h.rstrip("/").rsplit("/", 1)[-1] for h in hrefs] == [f"{report}-{y}" for y in (2025, 2024, 2023)]


def test_a_year_report_fits_its_year(built):
    _project, output = built
    want = expected(projects.FIXTURES / "participation")
    soup = parse(output, "lidzdaliba/parskats-2023/index.html")
    figures = soup.select_one("main dl.year-figures")
    pairs = dict(zip([text(dt) for dt in figures.find_all("dt")], [text(dd) for dd in figures.find_all("dd")]))
    row = want["association"][0]
    assert pairs == {
        "Notikušās tikšanās": str(row["meetings"]),
        "Dalībnieki tikšanās reizēs": str(row["participants"]),
        "Dalībnieki visā 2023. gada ciklā": "50",
        "Publicētie stāsti": str(row["stories"]),
        "Nosauktie mērķi": str(row["goals_named"]),
        "Mērķi, kuru statuss mainījās": "ieplānots 1",
    }
    # printable on its own: the print stylesheet is linked
    assert soup.select_one('link[rel=stylesheet][media=print]')


def test_a_changed_report_changes_the_record_everywhere(tmp_path):
    """One number in one report: the community pages, the association's page and the open
    data all change, in an incremental rebuild, as in a full build of the changed content."""
    project = projects.make_project(tmp_path / "project", base="participation")
    output = site_build(project)
    report = project / "content" / "news" / "parskats-kalni-2023.lv.md"
    report.write_text(report.read_text(encoding="utf-8").replace("participants: 14", "participants: 17"),
                      encoding="utf-8")
    site_build(project)  # the same output: an incremental build
    want = expected(project / "content")
    assert want["communities"]["kalni"][0]["participants"] == 17
    for key in ("kalni", "upes"):
        _section, table = community_table(output, key)
        assert table_rows(table)[0][2] == "17", key
    soup = parse(output, "lidzdaliba/index.html")
    assert table_rows(soup.select("main table.record")[0])[0][2] == "26"
    document, files = open_data(output)
    assert document["years"][0]["participants"] == 26
    assert {c["id"]: c["years"] for c in document["communities"]} == want["communities"]
    assert files["meetings.csv"][0]["participants"] == "17"
    full = site_build(project, output="full")
    for page in ("kopienas/kalni/index.html", "kopienas/upes/index.html", "lidzdaliba/index.html",
                 "lidzdaliba/parskats-2023/index.html", "lidzdaliba/participation.json", "en/participation/participation.csv"):
        assert (output / page).read_bytes() == (full / page).read_bytes(), page


# --- the real site ---------------------------------------------------------------


def test_the_real_site_records_only_what_the_seed_says(site):
    document = json.loads((site.output / "lidzdaliba" / "participation.json").read_text(encoding="utf-8"))
    assert [(c["cycle"], c["participants"], c["meeting"], c["meeting_date"]) for c in document["cycles"]] == [
        (2022, 70, "news/kopsanaksme-mezinieki-2022", "2022-10-07")]
    # no number for any one meeting or community: the seed gives none
    assert all(m["participants"] is None for m in document["meetings"])
    assert all(row["participants"] is None for c in document["communities"] for row in c["years"])
    soup = parse(site.output, "en/participation/index.html")
    assert table_rows(soup.select("main table.record")[1])[0][:2] == ["2022", "70"]
    assert "No number of participants is recorded for any single meeting yet." in text(soup)
    section, _table = community_table(site.output, "daugmale", "en")
    assert "How many of them came from this community is not recorded." in text(section)


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_a_year_report_prints_on_one_sheet(served_site, browser, lang):
    """For funders: the print stylesheet keeps a year's report on one A4 sheet."""
    from pages import KINDS  # noqa: PLC0415
    from tools import url_of  # noqa: PLC0415

    page = browser.new_page()
    try:
        page.goto(url_of(served_site, KINDS[lang]["participation report"]))
        page.emulate_media(media="print")
        pdf = page.pdf(format="A4")
    finally:
        page.close()
    assert len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf)) == 1
