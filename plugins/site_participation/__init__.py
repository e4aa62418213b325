"""Participation over the years: each community's record, and the association's.

`record.py` counts, from the content index and the goals register, what the
content says happened each year (meetings, participants where recorded,
stories, goals named and goals whose status changed); `data.py` writes it as
open data; `chart.py` draws it. This module makes the record once per run (in
the build context), gives the templates `participation` (the record as seen
from the page's language: the community page shows its community's part), and
writes each language's participation page, a printable report per year and
the open data beside them, at PARTICIPATION[lang] (e.g. /lidzdaliba/ and
/lidzdaliba/parskats-2022/: a report's folder is not a bare number, which
would read as a later page of a list).

Everything shown is made of front matter alone (which every page's key in
site_build's incremental writer covers), so a change of one report re-renders
the community pages, the participation pages and the data files alike.
"""

import os

from pelican import signals
from pelican.generators import Generator

from sitebuilder.context import current, site_root

from site_content.model import language_root
from site_content.publication import build_today
from site_goals.register import build_register
from site_languages import path_alternates
from site_sections import collation_key

from . import chart, data
from .record import build_record

__all__ = ["ParticipationView", "register"]

DEFAULT_PATHS = {"page": "participation", "report": "participation/report-{year}"}


def _configured(settings, lang):
    return dict(DEFAULT_PATHS, **(settings.get("PARTICIPATION") or {}).get(lang, {}))


def paths(settings):
    """{lang: the participation page's folder, relative to the language's root}."""
    return {lang: _configured(settings, lang)["page"] for lang in settings["LANGUAGES"]}


def report_paths(settings, year):
    """{lang: the folder of a year's report, relative to the language's root}."""
    return {lang: _configured(settings, lang)["report"].format(year=year) for lang in settings["LANGUAGES"]}


class ParticipationView:
    """The record as the templates of one language see it."""

    def __init__(self, record, settings):
        self.record = record
        self.lang = settings["DEFAULT_LANG"]
        self.languages = settings["LANGUAGES"]
        self.default_lang = settings.get("SITE_DEFAULT_LANG", self.lang)
        self.site_root = site_root(settings)
        self.siteurl = settings["SITEURL"]
        self.path = paths(settings)[self.lang]
        self.settings = settings
        self.files = data.FILES
        index = current().index
        section = next((name for name, conf in settings["SECTIONS"].items() if conf["kind"] == "community"), None)
        self.names = {}
        for key in record.communities:
            group = index.groups.get((section, key), {})
            document = group.get(self.lang) or group.get(index.default_lang)
            if document is not None:
                self.names[key] = {
                    "title": str(index.metadata(document).get("title") or key),
                    "href": f"{self.site_root}{language_root(self.languages, document.lang)}{document.url}",
                    "lang": document.lang,
                }
        self.communities = sorted(self.names, key=lambda key: collation_key(self.names[key]["title"], self.lang))

    @property
    def years(self):
        return self.record.years

    def year_tallies(self):
        return [self.record.association[year] for year in self.record.years]

    def community_tallies(self, key):
        tallies = self.record.communities.get(key, {})
        return [tallies[year] for year in self.record.years if year in tallies]

    def community_total(self, key):
        return self.record.total(self.community_tallies(key))

    def shared_tallies(self):
        return [self.record.shared[year] for year in self.record.years]

    def total(self):
        return self.record.total(self.year_tallies())

    def cycles(self, key=None, year=None):
        found = self.record.community_cycles(key) if key else self.record.cycles
        return [cycle for cycle in found if year is None or cycle.year == year]

    def meetings(self, year=None):
        return [meeting for meeting in self.record.meetings if year is None or meeting.year == year]

    def goal_status(self, year):
        return self.record.goal_status.get(year, {})

    def community_in_year(self, year):
        """[(key, Tally)] of the communities with anything recorded in `year`."""
        found = []
        for key in self.communities:
            tally = self.record.communities[key].get(year)
            if tally is not None and not tally.empty:
                found.append((key, tally))
        return found

    def name(self, key):
        return self.names.get(key, {"title": key, "href": None, "lang": self.lang})

    def link(self, ref):
        """{"title", "href", "lang"} of a Ref in this language, else in its original's."""
        versions = ref.versions
        lang = self.lang if self.lang in versions else (
            self.default_lang if self.default_lang in versions else next(iter(versions)))
        title, url = versions[lang]
        return {"title": title, "href": f"{self.site_root}{language_root(self.languages, lang)}{url}", "lang": lang}

    def year_href(self, year):
        return f"{self.siteurl}/{report_paths(self.settings, year)[self.lang]}/"

    def chart(self, chart_id, title, tallies, labels, not_recorded):
        """The chart of meetings, stories and goals named a year; labels: three series' names."""
        series = [
            (labels[0], [tally.meetings for tally in tallies]),
            (labels[1], [tally.stories for tally in tallies]),
            (labels[2], [tally.goals_named for tally in tallies]),
        ]
        return chart.bar_chart(chart_id, title, [tally.year for tally in tallies], series, not_recorded)

    def participants_chart(self, chart_id, title, labels, not_recorded):
        """The chart of participants a year: at the meetings, and the cycles' totals."""
        cycles = {cycle.year: cycle.participants for cycle in self.record.cycles}
        series = [
            (labels[0], [tally.participants for tally in self.year_tallies()]),
            (labels[1], [cycles.get(year) for year in self.record.years]),
        ]
        return chart.bar_chart(chart_id, title, self.record.years, series, not_recorded)

    def any_participants(self):
        return any(t.participants is not None for t in self.year_tallies()) or any(
            cycle.participants is not None for cycle in self.record.cycles)


def make_record(generator):
    """Once per run, before any page is written: the record in the build context."""
    context, settings = generator.context, generator.settings
    build = current()
    if "participation" not in context and build is not None:
        index = build.index
        view = context.get("goals")
        if view is not None:
            goals = list(view.by_id.values())
        else:
            goals = build_register(index)
        record = build_record(index, goals, build_today(settings))
        context["participation"] = ParticipationView(record, settings)
    if "participation" in context:
        generator.env.globals["participation"] = context["participation"]


class ParticipationGenerator(Generator):
    """Writes one language's participation page, a report page a year, and the open data."""

    def write_data(self, writer, folder, view):
        made = {}

        def text(which):
            if not made:
                made.update(data.texts(view.record, self.settings["LANGUAGES"], view.site_root))
            return made[which].encode("utf-8")

        write = getattr(writer, "write_data", None)
        for which, name in data.FILES.items():
            if write is not None:  # site_build's writer reuses the last build's file
                write(f"{folder}/{name}", lambda which=which: text(which))
            else:
                path = os.path.join(self.output_path, folder, name)
                os.makedirs(os.path.dirname(path), exist_ok=True)
                with open(path, "wb") as f:
                    f.write(text(which))

    def generate_output(self, writer):
        view = self.context.get("participation")
        if view is None:
            return
        folders = paths(self.settings)
        folder = folders[self.settings["DEFAULT_LANG"]]
        self.write_data(writer, folder, view)
        writer.write_file(
            f"{folder}/index.html",
            self.get_template("participation"),
            self.context,
            url=f"{folder}/",
            alternates=path_alternates(self.settings, {lang: f"{p}/" for lang, p in folders.items()}),
        )
        template = self.get_template("participation_year")
        for year in view.years:
            reports = report_paths(self.settings, year)
            report = reports[self.settings["DEFAULT_LANG"]]
            writer.write_file(
                f"{report}/index.html",
                template,
                self.context,
                url=f"{report}/",
                year=year,
                alternates=path_alternates(self.settings, {lang: f"{p}/" for lang, p in reports.items()}),
            )


def get_generators(pelican):
    return ParticipationGenerator


def register():
    signals.generator_init.connect(make_record)
    signals.get_generators.connect(get_generators)
