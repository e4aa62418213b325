"""Search: a search page per language and a Pagefind index built after the build.

Pagefind (PyPI `pagefind[bin]`) reads the finished site and writes a bundle
per language beside its pages (`pagefind/`, `en/pagefind/`: bundles.py).
Only the main text of documents is indexed: their templates mark it with
`data-pagefind-body`, so list pages and navigation stay out. The search
page works as a plain page without JavaScript (it links the list pages);
`theme/static/js/search.js` adds the search itself. A Latvian document also
carries the parts of its compound words (`compounds.py`), and its title
weighs most (`data-pagefind-weight` on its h1). With SEARCH_INDEX off
(pelicanconf.py, the preview) no index is made, and the search page says
that search works on the published site.
"""

from pelican import signals
from pelican.generators import Generator

from site_languages import path_alternates

from .bundles import BUNDLE, build_bundles, bundle_path
from .compounds import parts_field

__all__ = ["BUNDLE", "build_index", "bundle_path", "register"]


class SearchPageGenerator(Generator):
    """Writes the search page of this run's language."""

    def generate_output(self, writer):
        pages = self.settings["SEARCH_PAGES"]
        path = pages[self.settings["DEFAULT_LANG"]]
        writer.write_file(
            f"{path}/index.html",
            self.get_template("search"),
            self.context,
            url=f"{path}/",
            alternates=path_alternates(self.settings, {lang: f"{p}/" for lang, p in pages.items()}),
        )


def get_generators(pelican):
    return SearchPageGenerator


def build_index(output_path, settings, index=None):
    """Index the built site, one Pagefind bundle per language (bundles.py); returns {language: pages indexed}.

    Raises RuntimeError with Pagefind's own report when it fails. Nothing to
    do when SEARCH_INDEX is off (a preview: the search page says so).
    """
    if not settings.get("SEARCH_INDEX", True):
        return {}
    return build_bundles(output_path, settings)


def add_template_functions(generator):
    lang = generator.settings["DEFAULT_LANG"]
    generator.env.globals["search_parts"] = lambda item: parts_field(
        lang, getattr(item, "title", ""), getattr(item, "summary", ""), getattr(item, "content", ""))


def register():
    signals.get_generators.connect(get_generators)
    signals.generator_init.connect(add_template_functions)
