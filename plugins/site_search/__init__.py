"""Search: a search page per language and a Pagefind index built after the build.

Pagefind (PyPI `pagefind[bin]`) reads the finished site and writes `pagefind/`,
one index per `<html lang>`. Only the main text of documents is indexed: their
templates mark it with `data-pagefind-body`, so list pages and navigation stay
out. The search page works as a plain page without JavaScript (it links the
list pages); `theme/static/js/search.js` adds the search itself. A Latvian
document also carries the parts of its compound words (`compounds.py`), and
its title weighs most (`data-pagefind-weight` on its h1). With
SEARCH_INDEX off (pelicanconf.py, the preview) no index is made, and the
search page says that search works on the published site.
"""

import json
import os
import subprocess
import sys

from pelican import signals
from pelican.generators import Generator

from site_languages import path_alternates

from .compounds import parts_field

__all__ = ["build_index", "register"]

BUNDLE = "pagefind"


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
    """Run Pagefind over the built site; returns {language: pages indexed}.

    Raises RuntimeError with Pagefind's own report when it fails. Nothing to
    do when SEARCH_INDEX is off (a preview: the search page says so).
    """
    if not settings.get("SEARCH_INDEX", True):
        return {}
    command = [
        sys.executable, "-m", "pagefind",
        "--site", output_path,
        "--output-subdir", BUNDLE,
        "--quiet",
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"Pagefind failed: {result.stdout}{result.stderr}")
    entry = os.path.join(output_path, BUNDLE, "pagefind-entry.json")
    if not os.path.exists(entry):
        raise RuntimeError("Pagefind wrote no index")
    with open(entry, encoding="utf-8") as f:
        data = json.load(f)
    # Pagefind lists the languages in a different order from run to run: sort
    # them, so that the same content gives the same files.
    with open(entry, "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return {lang: info["page_count"] for lang, info in data["languages"].items()}


def add_template_functions(generator):
    lang = generator.settings["DEFAULT_LANG"]
    generator.env.globals["search_parts"] = lambda item: parts_field(
        lang, getattr(item, "title", ""), getattr(item, "summary", ""), getattr(item, "content", ""))


def register():
    signals.get_generators.connect(get_generators)
    signals.generator_init.connect(add_template_functions)
