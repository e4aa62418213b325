"""Photos: responsive, private and fast.

Photos live in content/images/. Pages use them as `![description](/images/x.jpg)`
(or `{static}/images/x.jpg`), as a story's `cover:` with `cover_alt:`, and in
galleries (see markup.py). Each photo becomes a few widths in WebP and JPEG,
upright, in sRGB, with no EXIF, GPS, XMP, IPTC, ICC profile or comment
(pipeline.py); the originals are never copied to output/.

Where the work happens:
- Once per build, before the languages' runs: the pipeline (sitebuilder) calls
  `prepare_build()`, which processes every
  photo of the folder that the cache does not already hold, in a pool of
  processes, one per core (cache.py). A photo that cannot be used is a
  content problem naming its file, reported with the content check's (a
  strict build fails). The runs find the catalogue in the build context; a plain `pelican`
  run makes it itself.
- In each language's run: `content_object_init` turns the page's <img> tags
  into <picture> (markup.py, rendered by theme/templates/macros/photos.html)
  and attaches `cover_photo`; the run then links the files of the photos its
  pages use into output/images/. Pelican's static generator is told to copy
  nothing from the photo folder, however a page links to it.

Who is in a photo, and their consent; its caption and credit: a record
beside it, `content/images/x.jpg.yml` (records.py). A photo whose record
says it shows people without consent is a content problem, and is shown
as a placeholder (never its files); its caption and credit go under it.
The content check (`invoke check`) reports the same photo problems as a
build, from checking.py, without processing photos.

Why a regular expression over the HTML in `content_object_init`, not a
Markdown extension: it must run before Pelican collects `{static}` links
(which would copy the originals), and it needs the build's catalogue and the
theme's macros, which a Markdown extension configured in MARKDOWN does not
have. Measured with `bench/photos.py --markup` (CPU time per page of about
770 words): 0.005 ms for a page without photos (one substring test), 0.24 ms
for a page with three photos (0.05 ms of it the regular expressions, the
rest the theme's macros), against 2 ms for BeautifulSoup only to parse and
write the same page again.
"""

import logging
import os
from dataclasses import dataclass, field

import blinker
from pelican import signals

from site_content.problems import messages_language, shown_folder
from sitebuilder.context import current
from sitebuilder.internals.pelican import content_html, set_content_html

from .catalogue import build_catalogue
from .checking import check_content, photo_problems, read_records
from .config import photo_config
from .markup import Found, cover_path, photo_path, rewrite
from .views import output_url, picture_for, publish

__all__ = ["check_content", "current_run", "prepare_build", "register"]

logger = logging.getLogger(__name__)
MACROS = "macros/photos.html"


def prepare_build(settings, index=None):
    """Process the site's photos once per build: (catalogue, records) every language's run uses.

    Called by the pipeline (sitebuilder.pipeline) before the runs; its result goes into the build context. A photo that cannot be published is a
    content problem, added to the content index's (which the build reports,
    counts, and fails on in strict mode).
    """
    config = photo_config(settings)
    catalogue = build_catalogue(settings)
    records, record_problems = read_records(settings["PATH"], config["folder"], settings.get("IGNORE_FILES", ()))
    verdicts = [(source, photo.problem) for source, photo in catalogue.items()]
    problems = photo_problems(config, index, verdicts, records, record_problems)
    if index is None:
        _report(settings, problems)
    else:
        index.add(problems)
    return catalogue, records


def _report(settings, problems):
    """A plain `pelican` run's problems, as warnings."""
    lang, shown = messages_language(settings), shown_folder(settings["PATH"], ".")
    for problem in problems:
        logger.warning("%s", problem.format(lang, shown))


@dataclass
class PhotoRun:
    """This run's photos: the build's catalogue, what the pages use, the theme's macros."""

    catalogue: dict
    config: dict
    base_url: str
    records: dict = field(default_factory=dict)  # photo source -> records.Record
    used: set = field(default_factory=set)
    env: object = None

    def find(self, path, lang=""):
        photo = self.catalogue.get(path) if path else None
        if photo is None:
            return None
        record = self.records.get(path)
        if record is not None and record.withheld:
            return Found(None, withheld=True)
        if not photo.ok:
            return Found(None)
        self.used.add(path)
        if record is None:
            return Found(picture_for(photo, self.base_url))
        credit = ", ".join(part for part in (record.credit, record.licence) if part)
        return Found(picture_for(photo, self.base_url), caption=record.caption_in(lang), credit=credit)

    def macros(self):
        return self.env.get_template(MACROS).module


_RUN = [None]  # this process's language run's PhotoRun (start_run)


def current_run():
    """This language run's photos (a PhotoRun: catalogue, settings), or None before it starts."""
    return _RUN[0]


class MacroRenderer:
    """markup.rewrite's renderer: the theme's macros."""

    def __init__(self, module):
        self.module = module

    def picture(self, picture, alt, eager):
        return str(self.module.inline(picture, alt, eager))

    def figure(self, picture, alt, caption, eager, credit=""):
        return str(self.module.figure(picture, alt, caption, eager, credit=credit))

    def gallery(self, items):
        return str(self.module.gallery(items))

    def withheld(self, alt, alone):
        return str(self.module.withheld(alt, alone))


def start_run(pelican):
    """The catalogue in the build context (prepared by the pipeline), or made here for a plain `pelican` run."""
    settings = pelican.settings
    config = photo_config(settings)
    build = current()
    if build is not None and build.photos is not None:
        catalogue, records = build.photos, build.photo_records
    else:
        catalogue, records = prepare_build(settings)  # its problems reported as warnings
    base_url = output_url(settings, config["folder"])
    _RUN[0] = PhotoRun(catalogue, config, base_url, records or {})


def add_template_globals(generator):
    run = _RUN[0]
    if run is None:
        return
    if run.env is None:
        run.env = generator.env
    generator.env.globals["photo_sizes"] = {
        "text": run.config["sizes"],
        "gallery": run.config["gallery_sizes"],
    }


def rewrite_photos(content):
    """A page's photos as <picture>, its cover as `cover_photo`; the photos it uses remembered."""
    run = _RUN[0]
    if run is None or run.env is None:
        return
    folder = run.config["folder"]
    source = content.relative_source_path.replace(os.sep, "/")
    used = content.photos_used = []  # kept with the page (see restore_photos)

    lang = getattr(content, "lang", "") or content.settings.get("DEFAULT_LANG", "")

    def find(path):
        found = run.find(path, lang)
        if found is not None and found.picture is not None:
            used.append(path)
        return found

    cover = getattr(content, "cover", None)
    has_cover = False
    if cover and getattr(content, "cover_alt", None):
        found = find(cover_path(cover, folder))
        if found is not None and found.withheld:
            content.cover_withheld = True
        elif found is not None and found.picture is not None:
            content.cover_photo = found.picture
            content.cover_caption, content.cover_credit = found.caption, found.credit
            has_cover = True
    html = content_html(content)
    if not html or ("<img" not in html and "{static}" not in html and "{attach}" not in html):
        return
    document_folder = os.path.dirname(source)
    renderer = MacroRenderer(run.macros())
    html, problems = rewrite(
        html, lambda target: find(photo_path(target, document_folder, folder)), renderer,
        eager_first=not has_cover,
    )
    set_content_html(content, html)
    shown = shown_folder(content.settings["PATH"], ".")
    for problem in problems:
        logger.warning("%s/%s: %s", shown, source, problem)


def restore_photos(content):
    """A page kept from an earlier build (site_incremental.documents) uses its photos in this run too."""
    run = _RUN[0]
    if run is not None:
        run.used.update(getattr(content, "photos_used", ()))


def keep_originals_out(generator):
    """Nothing from the photo folder is copied as it is, whatever links to it."""
    run = _RUN[0]
    folder = photo_config(generator.settings)["folder"] if run is None else run.config["folder"]
    # In place: Pelican's context holds this very list, and copies from it.
    generator.staticfiles[:] = [
        static for static in generator.staticfiles
        if not static.get_relative_source_path().replace(os.sep, "/").startswith(folder + "/")
    ]


class PhotoWriter:
    """Links the files of the photos this run's pages use into output/<folder>/."""

    def __init__(self, context, settings, path, theme, output_path, *args, **kwargs):
        self.settings = settings

    def generate_output(self, writer):
        run = _RUN[0]
        if run is None:
            return
        target = os.path.join(site_output_path(self.settings), run.config["folder"])
        for path in sorted(run.used):
            publish(run.catalogue[path], run.config["cache"], target)


def site_output_path(settings):
    """The folder of the whole site: a language's run writes below it, in its prefix."""
    output = os.path.normpath(settings["OUTPUT_PATH"])
    prefix = settings.get("LANGUAGES", {}).get(settings["DEFAULT_LANG"], {}).get("prefix")
    if prefix and output.endswith(os.sep + prefix):
        return output[: -len(prefix) - 1]
    return output


def photo_writer(pelican):
    return PhotoWriter


def register():
    signals.initialized.connect(start_run)
    signals.generator_init.connect(add_template_globals)
    signals.content_object_init.connect(rewrite_photos)
    # site_incremental's signal, by name: this plugin works without it too.
    blinker.signal("site_incremental.content_restored").connect(restore_photos)
    signals.static_generator_finalized.connect(keep_originals_out)
    signals.get_generators.connect(photo_writer)
