"""Guides: chapters read one by one, and each guide on one page for printing, with a PDF.

The chapters of the methodology section form guides (`guide` and `chapter`
in their front matter, GUIDES orders the guides). Templates get `guides`
({name: `model.Guide`}), `chapter_neighbours(item)` for the previous and next
chapter, the `permalinks` filter (a visible link beside every
heading) and `print_chapter(item)` (a chapter's HTML for the print page).

Each guide also gets, in each language that has its chapters, a page holding
every chapter in order (`guide_print.html`), at the path GUIDE_PRINT gives
below the section's path, and a PDF made from that page by WeasyPrint beside
it. The PDFs are rendered once all content is read (so that the overview and
the chapters can give their size) and written with the pages; each is kept in
the build's cache (namespace "pdf") by everything it is made of, so that a
push that changes no chapter of a guide does not render its PDF again.
"""

import logging
import os
from dataclasses import replace

from babel.numbers import format_decimal
from pelican import signals
from pelican.generators import Generator

from sitebuilder.cache import key, store
from sitebuilder.context import current, site_root

from site_languages import path_alternates
from site_sections import items_for

from .markup import permalinks, print_fragment
from .model import guides_of, neighbours, numbering_problems, options, print_paths

__all__ = ["file_size", "register"]

logger = logging.getLogger(__name__)

TEMPLATE = "guide_print"


def file_size(size, locale):
    """"85 KB", "1,2 MB" (in Latvian): how big a download is."""
    if size >= 1_000_000:
        return f"{format_decimal(round(size / 1_000_000, 1), locale=locale)} MB"
    return f"{max(1, round(size / 1000))} KB"


def chapter_section(settings):
    """The section whose documents are chapters, or None."""
    return next((name for name, conf in settings["SECTIONS"].items() if conf["kind"] == "chapter"), None)


def guide_languages(index, section, guide):
    """The languages in which a guide has at least one chapter."""
    return {
        document.lang
        for document in index.documents.values()
        if document.section == section and index.metadata(document).get("guide") == guide
    }


def print_alternates(settings, config, section, guide):
    """The print page of a guide in every language; unavailable where it has no chapters."""
    present = guide_languages(current().index, section, guide)
    paths = {
        lang: print_paths(config, settings["SECTIONS"][section][lang], lang, guide)[0] if lang in present else ""
        for lang in settings["LANGUAGES"]
    }
    return [entry._replace(available=entry.lang in present) for entry in path_alternates(settings, paths)]


def addresses(settings):
    """(site root, this language's root) as absolute URLs, for WeasyPrint to resolve links.

    Development builds have no domain; their root-relative links get a made-up one.
    """
    root = site_root(settings)
    if root.startswith(("https://", "http://")):
        return root, settings["SITEURL"]
    return f"https://site.invalid{root}", f"https://site.invalid{settings['SITEURL']}"


class GuidesGenerator(Generator):
    """Finds the guides of one language; renders and writes their print pages and PDFs."""

    def generate_context(self):
        self.pdfs = {}
        self.config = config = options(self.settings)  # GUIDE_PRINT over the defaults, once
        self.section = section = chapter_section(self.settings)
        if section is None:
            return
        lang = self.settings["DEFAULT_LANG"]
        path = self.settings["SECTIONS"][section][lang]
        guides = guides_of(
            items_for(self.context, section, lang),
            self.settings.get("GUIDES", ()),
            lambda name: print_paths(config, path, lang, name),
        )
        for guide in guides.values():
            for problem in numbering_problems(guide, lambda chapter: os.path.relpath(chapter.source_path)):
                logger.error("%s", problem)
        self.context["guides"] = guides

    def page_kwargs(self, guide):
        return {
            "url": guide.page,
            "guide": guide,
            "alternates": print_alternates(self.settings, self.config, self.section, guide.name),
        }

    def render_pdfs(self):
        """Render each guide's print page, then its PDF, and note the PDF's size."""
        guides = self.context.get("guides", {})
        if not self.config["pdf"]:
            return
        from .pdf import render_pdf, site_files  # noqa: PLC0415 (WeasyPrint only when needed)

        try:
            import weasyprint  # noqa: PLC0415
        except (ImportError, OSError) as error:
            logger.error(
                "The guides' PDFs need WeasyPrint and Pango (%s): install them as README.md says,"
                " or set GUIDE_PRINT['pdf'] = False in the settings", error,
            )
            return
        root, base = addresses(self.settings)
        files = site_files(
            root,
            self.settings["THEME_STATIC_DIR"],
            self.settings.get("THEME_ASSETS", {}),
            os.path.join(self.settings["THEME"], "static"),
            self.context.get("static_content", {}).values(),
        )
        template = self.get_template(TEMPLATE)
        fonts = os.path.join(self.settings["THEME"], "pdf-fonts")
        kept = store(self.settings, "pdf")
        for name, guide in guides.items():
            html = template.render(
                dict(self.context, output_file=guide.page + "index.html", **self.page_kwargs(guide))
            )
            # Everything the PDF is made of: the page (whose theme files and photos have their
            # digests in their names), the theme's files, the fonts, WeasyPrint's version.
            entry = key("guide pdf", weasyprint.__version__, html, f"{base}/{guide.page}",
                        tuple(sorted(self.settings.get("THEME_ASSETS", {}).items())), folder_files(fonts))
            pdf = kept.get(entry)
            if pdf is None:
                pdf, refused = render_pdf(html, f"{base}/{guide.page}", files, fonts)
                for url in refused:
                    logger.error("The PDF of the guide '%s' (%s) lacks %s: it is not a file of this site",
                                 name, guide.pdf, url)
                if not refused:
                    kept.put(entry, pdf)
            self.pdfs[name] = pdf
            guides[name] = replace(guide, pdf_size=len(pdf))

    def generate_output(self, writer):
        template = self.get_template(TEMPLATE)
        for name, guide in self.context.get("guides", {}).items():
            if name in self.pdfs:
                target = os.path.join(self.output_path, *guide.pdf.split("/"))
                os.makedirs(os.path.dirname(target), exist_ok=True)
                with open(target, "wb") as f:
                    f.write(self.pdfs[name])
            writer.write_file(guide.page + "index.html", template, self.context, **self.page_kwargs(guide))


def folder_files(folder):
    """((name, bytes), ...) of the files of a folder, for a cache key; () when it is missing."""
    if not os.path.isdir(folder):
        return ()
    found = []
    for name in sorted(os.listdir(folder)):
        path = os.path.join(folder, name)
        if os.path.isfile(path):
            with open(path, "rb") as f:
                found.append((name, f.read()))
    return tuple(found)


def get_generators(pelican):
    return GuidesGenerator


def render_pdfs(generators):
    for generator in generators:
        if isinstance(generator, GuidesGenerator):
            generator.render_pdfs()


def add_template_functions(generator):
    context, settings = generator.context, generator.settings
    locale = settings["LANGUAGES"][settings["DEFAULT_LANG"]].get("locale", settings["DEFAULT_LANG"])

    def chapter_neighbours(item):
        guide = context.get("guides", {}).get(getattr(item, "guide", None))
        return neighbours(guide, item) if guide else (None, None)

    env = generator.env
    env.globals["chapter_neighbours"] = chapter_neighbours
    env.globals["print_chapter"] = lambda item: print_fragment(item.content, item.slug + "--")
    env.filters["permalinks"] = permalinks
    env.filters["file_size"] = lambda size: file_size(size, locale)


def register():
    signals.get_generators.connect(get_generators)
    signals.generator_init.connect(add_template_functions)
    signals.all_generators_finalized.connect(render_pdfs)
