"""The goals register: each goal's page, an overview per language, the goals as open data.

Goals are content files of their own (a section of kind "goal"); `register.py`
assembles their history and status from the stories and news that name them.
This module makes the register once per run (in the build context), gives the
templates `goals` (the register as seen from the page's language), and writes
each language's overview page (the goals section's list page, which
site_sections leaves to this plugin) with the open data beside it.
"""

import os

from pelican import signals
from pelican.generators import Generator

from sitebuilder.context import current, site_root

from site_content.model import language_root
from site_languages import path_alternates
from site_sections import collation_key

from . import data
from .register import build_register, by_kind, by_status, reduced_date

__all__ = ["GoalsView", "goals_section", "register"]


def goals_section(settings):
    """The section of kind "goal", or None."""
    return next((name for name, conf in settings["SECTIONS"].items() if conf["kind"] == "goal"), None)


# The page that documents the open data's fields, below the overview, per language.
DATA_PAGES = {"lv": "dati", "en": "data"}


def data_folder(settings, lang):
    """The folder of the open data's page under the goals' overview (GOALS_DATA_PAGES, else DATA_PAGES)."""
    return settings.get("GOALS_DATA_PAGES", DATA_PAGES).get(lang, "data")


class GoalsView:
    """The register as the templates of one language see it."""

    def __init__(self, goals, settings):
        self.lang = settings["DEFAULT_LANG"]
        self.languages = settings["LANGUAGES"]
        self.default_lang = settings.get("SITE_DEFAULT_LANG", self.lang)
        self.site_root = site_root(settings)
        self.goals = sorted(goals, key=lambda goal: collation_key(self.link(goal)["title"], self.default_lang))
        self.by_id = {goal.id: goal for goal in goals}  # in the register's order: by id
        section = goals_section(settings)
        self.path = settings["SECTIONS"][section][self.lang] if section else None
        self.data_page = f"{self.path}/{data_folder(settings, self.lang)}" if section else None

    def get(self, goal_id):
        return self.by_id.get(goal_id)

    def of_community(self, key):
        return [goal for goal in self.goals if goal.community == key]

    def shared(self):
        return [goal for goal in self.goals if goal.shared]

    def named_by(self, item):
        """[(Goal, status it records or None)] that a story or news item names."""
        statuses = getattr(item, "goal_status", None) or {}
        ids = dict.fromkeys([*(getattr(item, "goals", None) or ()), *statuses])
        return [(self.by_id[goal], statuses.get(goal)) for goal in ids if goal in self.by_id]

    def by_status(self):
        return by_status(self.goals)

    def by_kind(self):
        return by_kind(self.goals)

    def link(self, thing):
        """{"title", "href", "lang"} of a Goal or Entry in this language, else in its original's."""
        versions = thing.versions
        version = versions.get(self.lang) or versions.get(self.default_lang) or next(iter(versions.values()))
        href = f"{self.site_root}{language_root(self.languages, version.lang)}{version.url}"
        return {"title": version.title, "href": href, "lang": version.lang}

    @staticmethod
    def date(entry):
        return reduced_date(entry)


def make_register(generator):
    """Once per run, before any page is written: the register in the build context."""
    context, settings = generator.context, generator.settings
    build = current()
    if "goals" not in context and build is not None:
        context["goals"] = GoalsView(build_register(build.index), settings)
    if "goals" in context:
        generator.env.globals["goals"] = context["goals"]


class GoalsOverviewGenerator(Generator):
    """Writes the overview page of one language and the open data beside it."""

    def write_data(self, writer, path, goals, site_root):
        """The open data files; site_build's writer (write_data) reuses the last build's
        files when no front matter changed, as they show nothing else. Returns data.FILES."""
        languages = self.settings["LANGUAGES"]
        write = getattr(writer, "write_data", None)
        if write is None:
            return data.write(os.path.join(self.output_path, path), goals, languages, site_root)
        made = {}

        def text(which):
            if not made:
                made.update(data.texts(goals, languages, site_root))
            return made[which].encode("utf-8")

        for which, name in data.FILES.items():
            write(f"{path}/{name}", lambda which=which: text(which))
        return data.FILES

    def generate_output(self, writer):
        view = self.context.get("goals")
        section = goals_section(self.settings)
        if view is None or section is None:
            return
        paths = {lang: self.settings["SECTIONS"][section][lang] for lang in self.settings["LANGUAGES"]}
        path = paths[self.settings["DEFAULT_LANG"]]
        files = self.write_data(writer, path, list(view.by_id.values()), view.site_root)
        writer.write_file(
            f"{path}/index.html",
            self.get_template("goals"),
            self.context,
            url=f"{path}/",
            section=section,
            open_data=files,
            alternates=path_alternates(self.settings, {lang: f"{p}/" for lang, p in paths.items()}),
        )
        # The open data's fields, for those who use the files, on a page of their own.
        writer.write_file(
            f"{view.data_page}/index.html",
            self.get_template("goals_data"),
            self.context,
            url=f"{view.data_page}/",
            section=section,
            open_data=files,
            alternates=path_alternates(self.settings, {
                lang: f"{p}/{data_folder(self.settings, lang)}/" for lang, p in paths.items()
            }),
        )


def get_generators(pelican):
    return GoalsOverviewGenerator


def register():
    signals.generator_init.connect(make_register)
    signals.get_generators.connect(get_generators)
