"""Noticeboard posters: an A4 PDF for every upcoming meeting, in each language of its page.

A poster carries the meeting's title, the day and date in words, the time
(or that it will be announced), the place and address, the organiser, a QR
code of the meeting page's address with that address printed under it, and
the funder's acknowledgement (`poster.py` says where each comes from). It is
black on white, its title at least 36 pt (`render.py` fits it on one sheet),
laid out by the theme's `poster.html`, with the theme's messages.

Made only where POSTERS["pdf"] is set (publishconf.py: the published site),
like the guides' PDFs: after the meetings are known (site_meetings) and
before the pages are written, so that a meeting's page links its poster
("Print a poster", macros/meetings.html, from `item.poster`) with its size.
Each is cached by its HTML, fonts and renderer (sitebuilder.cache, "posters").
The QR code needs the site's absolute address (SITEURL): a build without one
makes no posters and says so.
"""

import logging
import os

from pelican import signals
from pelican.generators import Generator

from site_content import messages
from sitebuilder.context import current, site_root

from .poster import Poster, options, poster_path, poster_text, wanted

__all__ = ["addresses", "register"]

logger = logging.getLogger(__name__)

TEMPLATE = "poster"
HEADING_FONT = "fonts/source-sans-3-bold.woff2"  # in the theme's static folder


def addresses(settings):
    """(site root, this language's root) as absolute URLs, or None in a build without a domain."""
    language_root = settings["SITEURL"]
    if not language_root.startswith(("https://", "http://")):
        return None
    return site_root(settings), language_root


def source_of(settings, item):
    """The content file of an item, as the content checks name it."""
    relative = item.relative_source_path.replace("\\", "/")
    build = current()
    document = build.index.documents.get(relative) if build is not None else None
    return document.source if document else relative


class PostersGenerator(Generator):
    """Makes the posters of one language's upcoming meetings and writes them beside their pages."""

    def generate_context(self):
        self.config = options(self.settings)
        self.made = {}  # {path: PDF bytes}

    def make_posters(self):
        state = self.context.get("meetings")
        if not self.config["pdf"] or not state:
            return
        items = [item for item in state["upcoming"] if wanted(item.meeting)]
        if not items:
            return
        roots = addresses(self.settings)
        if roots is None:
            logger.error(
                "The meetings' posters need the site's address for their QR codes: set SITEURL"
                " to the address (https://...), or POSTERS['pdf'] = False in the settings")
            return
        try:
            from .render import engine, fonts_digest, make_poster  # noqa: PLC0415
            fixed = engine()
        except (ImportError, OSError) as error:
            logger.error(
                "The meetings' posters need WeasyPrint and Pango (%s): install them as README.md says,"
                " or set POSTERS['pdf'] = False in the settings", error)
            return
        root, base = roots
        theme_static = os.path.join(self.settings["THEME"], "static")
        font_dir = os.path.join(self.settings["THEME"], "pdf-fonts")
        heading_font = f"{root}/{self.settings['THEME_STATIC_DIR']}/{HEADING_FONT}"
        files = {heading_font: os.path.join(theme_static, HEADING_FONT)}
        fixed = (fixed, fonts_digest([font_dir, files[heading_font]]))
        lang = self.settings["DEFAULT_LANG"]
        language = self.settings["LANGUAGES"][lang]
        locale = language.get("locale", lang)
        template = self.get_template(TEMPLATE)
        messages_lang = self.settings.get("CONTENT_MESSAGES_LANG", "lv")
        for item in items:
            link = f"{base}/{item.url}"
            text = poster_text(
                title=item.title, summary=item.metadata.get("summary"), meeting=item.meeting,
                language=language, locale=locale, link=link, heading_font=heading_font)

            def html_at(title_size, with_summary, compact, text=text):
                return template.render(dict(self.context, poster=text, title_size=title_size,
                                            with_summary=with_summary, compact=compact))

            pdf, refused, one_sheet = make_poster(self.settings, html_at, link, files, font_dir, fixed)
            source = source_of(self.settings, item)
            for url in refused:
                logger.error("The poster of %s lacks %s: it is not a file of this site", source, url)
            if not one_sheet:
                logger.warning("%s: %s", source, messages.render(messages.Text("poster_too_long"), messages_lang))
            path = poster_path(self.config, lang, item.url, item.slug)
            self.made[path] = pdf
            item.poster = Poster(path=path, size=len(pdf))

    def generate_output(self, writer):
        write = getattr(writer, "write_data", None) or self.write_made
        for path, pdf in sorted(self.made.items()):
            write(path, lambda pdf=pdf: pdf)

    def write_made(self, relative, make):
        target = os.path.join(self.output_path, *relative.split("/"))
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "wb") as f:
            f.write(make())


def get_generators(pelican):
    return PostersGenerator


def make_posters(generators):
    for generator in generators:
        if isinstance(generator, PostersGenerator):
            generator.make_posters()


def register():
    signals.get_generators.connect(get_generators)
    signals.all_generators_finalized.connect(make_posters)
