"""List pages of each section (stories, news, methodology, communities).

A generator of our own writes `<section path>/index.html` (paginated) for every
section except plain pages; templates get `section_items(section)` to show,
say, the latest news on the home page in the same order as the list page.
The communities' list page also gets a map (`community_map`) and the
communities as open data (`open_data`, JSON and CSV beside the page). The
goals' list page is the register's overview, written by site_goals.
"""

import os
from typing import NamedTuple

from pelican import signals
from pelican.generators import Generator

from sitebuilder.context import current, site_root

from . import open_data
from .community_map import community_map

__all__ = ["items_for", "collation_key", "mentioning", "navigation", "register"]

# Alphabetical order differs by language: in Latvian "Ķekava" follows "Krustkalni".
# The letters of foreign words (q, w, x, y) stand where the Latin alphabet has them.
ALPHABETS = {"lv": "aābcčdeēfgģhiījkķlļmnņopqrsštuūvwxyzž"}


def collation_key(text, lang):
    """A sort key for `text` in the alphabetical order of `lang`.

    Every letter of the language's alphabet is a letter of its own, in the
    alphabet's order (ā after a, č after c, ..., ž after z); upper and lower
    case sort alike; anything else (spaces, digits, punctuation) before
    every letter. Without an alphabet for `lang`: case-folded code points.
    The lists of the site sort by its default language in every language
    (SITE_DEFAULT_LANG): their names are the communities' own Latvian names,
    and an English reader looks for "Ķekava" where a Latvian one does.
    A key of our own, not PyICU: PyICU needs ICU's headers and a compiler to
    install here, and this is every rule the site needs.
    """
    alphabet = ALPHABETS.get(lang)
    folded = text.casefold()
    if alphabet is None:
        return (folded,)
    return tuple(
        (alphabet.index(c), c) if c in alphabet else (-1, c) for c in folded
    )


def items_for(context, section, lang):
    """A section's published items in the order its list page shows them."""
    kind = context["SECTIONS"][section]["kind"]
    source = context.get("articles" if kind in ("story", "news") else "pages", [])
    items = [item for item in source if getattr(item, "section", None) == section]
    if kind in ("story", "news"):
        # newest first; the key breaks ties so that builds are reproducible
        items.sort(key=lambda item: item.key)
        items.sort(key=lambda item: item.date, reverse=True)
    elif kind == "chapter":
        guides = list(context.get("GUIDES", ()))

        def guide_order(item):
            guide = getattr(item, "guide", "")
            return guides.index(guide) if guide in guides else len(guides), guide

        items.sort(key=lambda item: (guide_order(item), int(getattr(item, "chapter", 0))))
    else:
        order = context.get("SITE_DEFAULT_LANG", lang)
        items.sort(key=lambda item: collation_key(item.title, order))
    return items


class SectionPagesGenerator(Generator):
    """Writes one (paginated) list page per section and language."""

    def generate_output(self, writer):
        lang = self.settings["DEFAULT_LANG"]
        for section, conf in self.settings["SECTIONS"].items():
            path = conf[lang]
            if not path or conf["kind"] == "goal":
                continue  # plain pages have no list page; site_goals writes the goals' own
            items = items_for(self.context, section, lang)
            data = None
            if conf["kind"] == "community":
                data = open_data.write(
                    os.path.join(self.output_path, path), current().index,
                    section, site_root(self.settings),
                )
            writer.write_file(
                f"{path}/index.html",
                self.get_template("section"),
                self.context,
                paginated={"articles": items},
                template_name="section",
                url=f"{path}/",
                section=section,
                items=items,
                open_data=data,
            )


def get_generators(pelican):
    return SectionPagesGenerator


def mentioning(context, community, lang):
    """Stories and news that name a community, newest first."""
    found = [
        item
        for section, conf in context["SECTIONS"].items()
        if conf["kind"] in ("story", "news")
        for item in items_for(context, section, lang)
        if community in (getattr(item, "communities", None) or ())
    ]
    found.sort(key=lambda item: item.key)
    found.sort(key=lambda item: item.date, reverse=True)
    return found


class NavigationEntry(NamedTuple):
    section: str | None  # a section's list page, or None for a document
    reference: str  # "stories", or a document's "section/key"
    href: str
    current: bool  # the page shown is this entry's
    active: bool  # the page shown is in this entry's part of the site


def navigation(settings, output_file):
    """Main navigation entries (NavigationEntry) of the page at `output_file`, a tuple."""
    lang = settings["DEFAULT_LANG"]
    entries = []
    for reference in settings["NAVIGATION"]:
        section, _, key = reference.partition("/")
        if key:
            document = current().index.groups.get((section, key), {}).get(lang)
            if document is None:
                continue
            path = document.url
        elif section == "meetings":
            # not a section of content but site_meetings' pages: upcoming, and past below it
            path = settings.get("MEETINGS", {}).get(lang, {}).get("upcoming")
            if not path:
                continue
            path += "/"
        else:
            path = settings["SECTIONS"][section][lang] + "/"
        entries.append(NavigationEntry(
            section=None if key else section,
            reference=reference,
            href=f"{settings['SITEURL']}/{path}",
            current=output_file == path + "index.html",
            active=output_file.startswith(path),
        ))
    return tuple(entries)


def remembering():
    """`remembered(*key)` for a template: `{% call remembered(a, b) %}...{% endcall %}`
    renders what it encloses once per key and run, and gives that again for the same key.

    For a part of every page that depends only on what the key holds (and
    on what a run does not change: its language and settings): the main
    navigation is the same on a thousand stories.
    """
    made = {}

    def remembered(*key, caller):
        if key not in made:
            made[key] = caller()
        return made[key]

    return remembered


def add_template_functions(generator):
    context, settings = generator.context, generator.settings
    lang = settings["DEFAULT_LANG"]
    env = generator.env
    env.globals["section_items"] = lambda section: items_for(context, section, lang)
    env.globals["mentioning"] = lambda community: mentioning(context, community, lang)
    env.globals["navigation"] = lambda output_file: navigation(settings, output_file)
    env.globals["remembered"] = remembering()
    env.globals["community_map"] = lambda items, label, uncertain_note="": community_map(
        [
            {"name": item.title, "href": f"{settings['SITEURL']}/{item.url}",
             "coordinates": getattr(item, "coordinates", None),
             "uncertain": getattr(item, "coordinates_uncertain", False)}
            for item in items
        ],
        label,
        uncertain_note,
    )


def register():
    signals.get_generators.connect(get_generators)
    signals.generator_init.connect(add_template_functions)
