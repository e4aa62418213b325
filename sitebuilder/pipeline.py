"""The build, stage by stage: read and check, render each language, finish, swap.

    build()
      1. read_build_settings  the settings file, with the command line's overrides and one build date
      2. read_and_check    the content index (every file read, parsed and checked once), the
                           photos (prepared once for every language), the pages' digests; a
                           strict build with a content problem stops here, before rendering
      3. render_languages  one Pelican run per language, in parallel processes, into a new folder
                           beside the output; pages whose inputs did not change are linked from
                           the last build (site_incremental), not rendered
      4. finish            the steps that need the whole site: the web editor, the sitemap, the
                           search index, the compressed copies
      5. swap              the new folder replaces the output (a failed build replaces nothing),
                           and the build's state is kept for the next one (cache.fresh)

Why one Pelican run per language in parallel processes: each run reads only
its own language's files, so no file is read or converted twice, and the two
runs use both cores. The content index is built once, before the runs fork,
and reaches them in the build context (context.py), which is how a page
knows its translation's address.

Content problems (the content check of site_content, one line each in the
language of CONTENT_MESSAGES_LANG) are warnings: a normal build reports them
and builds what it can; a strict build (publishing, `invoke check`) reports
them all and fails.
"""

import contextlib
import logging
import multiprocessing
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass

import babel
from jinja2 import FileSystemBytecodeCache
from pelican import Pelican
from pelican.settings import read_settings

import site_photos
import site_search
from site_content import REPORTED_BY_CHECK, ContentIndex, reader
from site_content.index import kept_namespace
from site_content.messages import Text, render
from site_content.problems import messages_language, shown_folder
from site_content.publication import build_today
from site_incremental import writer
from site_languages import language_settings

from . import editor, progress, sitemap
from .cache import fresh
from .cache.documents import KeptDocuments
from .cache.keys import pages_digests
from .cache.kept import Kept
from .cache.markdown import MarkdownCache
from .context import BuildContext, Incremental, use
from .precompress import compress_tree

__all__ = ["build", "check", "BuildResult"]

logger = logging.getLogger("sitebuilder")
# Content problems: printed as they are, without a level, for organisers.
content_logger = logging.getLogger("sitebuilder.content")

DOCUMENTS_NAMESPACE = "documents 2"  # the rest of what they depend on is in each key


@dataclass
class BuildResult:
    ok: bool
    output: str
    seconds: float
    pages: int
    warnings: int
    errors: int
    problems: int = 0  # content problems (site_content), each also a warning in strict mode
    checked: int = 0  # content files checked
    messages_lang: str = "en"  # the language of the content messages


@dataclass
class Checked:
    """What stage 2 found: the content index, the photos, the pages' digests, the problems."""

    index: ContentIndex
    digests: dict
    photos: tuple  # (catalogue, records) of site_photos
    report: list  # the problem lines, in the organisers' language
    counts: tuple  # (warnings, errors) logged while preparing


class _Counter(logging.Handler):
    """Counts warnings and errors logged by Pelican and the plugins."""

    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.warnings = self.errors = 0

    def emit(self, record):
        if record.levelno >= logging.ERROR:
            self.errors += 1
        else:
            self.warnings += 1


@contextlib.contextmanager
def _counting():
    counter = _Counter()
    logging.getLogger().addHandler(counter)
    try:
        yield counter
    finally:
        logging.getLogger().removeHandler(counter)


def cache_file(cache, folder, content, lang=""):
    """The file of kept results (cache.kept) of one content folder (and language, and output)."""
    from .cache import key  # noqa: PLC0415

    return os.path.join(cache, folder, f"{key(os.path.abspath(content), lang)[:20]}.pickle")


# -- 1. settings ---------------------------------------------------------------------------------

def read_build_settings(settings_file, extra):
    """The settings as Pelican reads them, with one build date for every language's run."""
    base = read_settings(settings_file, override=extra)
    if not base.get("SITE_TODAY"):
        # One build date for the content index and every language's run, even across midnight.
        extra["SITE_TODAY"] = base["SITE_TODAY"] = build_today(base).isoformat()
    base["SETTINGS_FOLDER"] = os.path.dirname(settings_file)  # what relative paths are relative to
    return base


# -- 2. read and check ---------------------------------------------------------------------------

def content_index(base, cache, code):
    """(the content index, its pages' digests), with what reading each file found kept in `cache`."""
    shown = shown_folder(base["PATH"], base["SETTINGS_FOLDER"])
    kept = Kept(cache_file(cache, "index", base["PATH"]), kept_namespace())
    index = ContentIndex.from_settings(base, shown=shown, kept=kept)
    digests = pages_digests(code, index, base)  # with the kept readings: some are kept too
    kept.save()
    return index, digests


def read_and_check(base, inputs, code):
    """Stage 2: read every content file once, check it, prepare the photos; nothing rendered yet."""
    shown = shown_folder(base["PATH"], base["SETTINGS_FOLDER"])
    index, digests = content_index(base, inputs.cache, code)
    progress.report("content files checked", index.checked)
    # Before the problems are reported: the photos add their own (a photo that cannot be used).
    photos = (None, None)
    with _counting() as counter:
        if "site_photos" in base["PLUGINS"]:
            try:
                photos = site_photos.prepare_build(base, index)
            except Exception:  # what the runs need is missing: the build must fail
                logger.exception("Preparing the photos failed")
                counter.errors += 1
    lang = messages_language(base)
    report = [problem.format(lang, shown) for problem in index.problems]
    for line in report:  # one line each, in the organisers' language
        content_logger.warning("%s", line)
    return Checked(index, digests, photos, report, (counter.warnings, counter.errors))


def check(settings_file="pelicanconf.py", extra=None):
    """The content check alone, without building: [problem lines], messages language, files checked.

    What `invoke check` runs: the same checks as every build (stage 2 without
    processing photos), and nothing is written. A clash of addresses is told
    as the last build would tell it (which file had each address).
    """
    settings_file = os.path.abspath(settings_file)
    base = read_settings(settings_file, override=dict(extra or {}))
    shown = shown_folder(base["PATH"], os.path.dirname(settings_file))
    inputs = fresh.Inputs(settings_file, extra)
    kept = Kept(cache_file(inputs.cache, "index", base["PATH"]), kept_namespace())
    index = ContentIndex.from_settings(base, shown=shown, kept=kept)
    if "site_photos" in base["PLUGINS"]:
        site_photos.check_content(base, index)  # what a build would find of the photos
    lang = messages_language(base)
    return [problem.format(lang, shown) for problem in index.problems], lang, index.checked


# -- 3. render -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class LanguageRun:
    """One language's Pelican run: its settings overrides and its build context."""

    lang: str
    override: dict
    context: BuildContext


def language_runs(base, extra, checked, staging, inputs, previous, incremental_build, kept_for):
    """The runs of stage 3, one per language."""
    jinja_cache = os.path.join(inputs.cache, "jinja")
    os.makedirs(jinja_cache, exist_ok=True)
    runs = []
    for lang in base["LANGUAGES"]:
        override = dict(extra)
        override.update(language_settings(base, lang, staging))
        override["LOG_FILTER"] = list(base.get("LOG_FILTER", [])) + REPORTED_BY_CHECK
        override["PLUGINS"] = list(base["PLUGINS"]) + ["site_incremental"]
        # Templates compiled once, not once per generator and language and build.
        override["JINJA_ENVIRONMENT"] = dict(
            base["JINJA_ENVIRONMENT"], bytecode_cache=FileSystemBytecodeCache(jinja_cache)
        )
        state = Incremental(
            site=staging,
            previous=previous["output"] if previous else None,
            calls=(previous or {}).get("calls", {}).get(lang, {}),
            files=(previous or {}).get("files", {}),
            expected=_expected_pages(previous, checked.index, lang),
            **checked.digests,
        )
        markdown = MarkdownCache(cache_file(inputs.cache, "markdown", base["PATH"], lang), base["MARKDOWN"])
        documents = None
        if incremental_build:
            documents = KeptDocuments(
                cache_file(inputs.cache, "documents", base["PATH"], f"{lang}\0{kept_for}"),
                DOCUMENTS_NAMESPACE, state, markdown,
            )
        context = BuildContext(
            site_root=base["SITEURL"], index=checked.index, photos=checked.photos[0],
            photo_records=checked.photos[1], lang=lang, markdown=markdown, documents=documents,
            incremental=state,
        )
        runs.append(LanguageRun(lang, override, context))
    return runs


def _expected_pages(state, index, lang):
    """How many writes a language's run will make, for progress reports: as many as the last
    build's, or else at least one per document of the language."""
    calls = (state or {}).get("calls", {}).get(lang)
    if calls:
        return len(calls)
    return sum(document.lang == lang for document in index.documents.values())


def run_language(settings_file, run, report=None):
    """One Pelican run; returns (warnings, errors, what the incremental writer recorded).

    What the run read is then kept for the next build (the Markdown, the
    documents), after `report` is called with that result, so that the build
    goes on while a forked run writes them. Kept results are a cache: one that
    cannot be written is said, and the build is not failed for it.
    """
    calls = {}
    with use(run.context), _counting() as counter:
        try:
            Pelican(read_settings(settings_file, override=run.override)).run()
            writer.finish_progress()
            calls = writer.records()
            documents = run.context.documents
            kept = f", {documents.restored} of {documents.asked} documents kept" if documents else ""
            _timing(f"Pelican run, {run.lang} ({writer.rendered()} of {len(calls)} writes rendered{kept})")
        except Exception:  # a build that crashed must not be swapped in
            logger.exception("The %s build stopped", run.lang)
            counter.errors += 1
    result = (counter.warnings, counter.errors, calls)
    if report is not None:
        report(result)
    if not counter.errors:
        try:
            run.context.markdown.save()
            if run.context.documents is not None:
                run.context.documents.save()
        except OSError as error:
            logger.warning("What the %s run read could not be kept for the next build: %s", run.lang, error)
    return result


def _child(settings_file, run, sender):
    def report(result):
        sender.send(result)
        sender.close()

    run_language(settings_file, run, report)


def render_languages(settings_file, runs, jobs):
    """Stage 3: every language's run; {lang: (warnings, errors, records)}."""
    if jobs == 1:
        return {run.lang: run_language(settings_file, run) for run in runs}, []
    context = multiprocessing.get_context("fork")
    children = []
    for run in runs:
        receiver, sender = context.Pipe(duplex=False)
        process = context.Process(target=_child, args=(settings_file, run, sender))
        process.start()
        sender.close()
        children.append((run.lang, process, receiver))
    results = {}
    for lang, process, receiver in children:
        try:  # a run reports, then keeps what it read (joined after stage 4)
            results[lang] = receiver.recv()
        except EOFError:  # the run died without a report
            results[lang] = (0, 1, {})
        receiver.close()
    return results, [process for _lang, process, _receiver in children]


# -- 4. finish -----------------------------------------------------------------------------------

def finish(staging, base, index, results, reuse=None):
    """Stage 4: what needs the whole site. False when a step failed (the site must not go live)."""
    pages = [entry for _w, _e, calls in results.values() for _key, _files, entry in calls.values()]
    steps = [
        ("editor", lambda: editor.publish_editor(staging, base)),
        ("sitemap", lambda: sitemap.write_sitemap(staging, base, index, pages)),
        ("search index", lambda: site_search.build_index(staging, base)),
    ]
    for name, step in steps:
        progress.report(f"step {name}")
        try:
            step()
        except Exception:
            logger.exception("The build step %s failed", name)
            return False
    if base.get("PRECOMPRESS"):
        compress_tree(staging, reuse=reuse)
    return True


# -- 5. swap -------------------------------------------------------------------------------------

def swap(staging, output):
    """Put the new site in place of the old one, which is removed beside the caller.

    Removing a site of thousands of files takes longer than building the few
    pages that changed, so it is left to `rm` running beside the caller.
    """
    os.chmod(staging, 0o755)  # mkdtemp makes it private; a web server must read it
    if os.path.exists(output):
        _remove_later(output)
    os.rename(staging, output)


def _remove_later(path):
    """Move path out of the way at once, and remove it with `rm` beside the caller."""
    old = tempfile.mkdtemp(prefix=f".{os.path.basename(path).lstrip('.')}-old-", dir=os.path.dirname(path))
    os.rename(path, os.path.join(old, "site"))
    _REMOVALS[:] = [process for process in _REMOVALS if process.poll() is None]
    _REMOVALS.append(subprocess.Popen(
        ["rm", "-rf", "--", old],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True,
    ))


_REMOVALS = []  # the old sites being removed


# -- the whole build -----------------------------------------------------------------------------

def build(settings_file="pelicanconf.py", output=None, jobs=None, strict=False, extra=None,
          incremental_build=True, inputs=None, previous_output=None):
    """Build every language into `output` (default: the settings' OUTPUT_PATH).

    jobs=1 builds the languages one after another in this process.
    incremental_build=False renders every page, whatever the last build of
    `output` left (the result is the same, byte for byte).
    inputs: the cache.fresh.Inputs the caller has just checked (its fingerprints are reused).
    previous_output: another folder the last build of these settings made
    (the live release, for the publishing hook), to start from instead of
    `output`'s last build: its unchanged pages and their compressed copies
    are linked, not made again.

    A strict build stops as soon as the content check has found a problem,
    before anything is rendered: its verdict is already known, and the
    pusher of a broken story hears it in seconds.
    """
    started = time.perf_counter()
    settings_file = os.path.abspath(settings_file)
    extra = dict(extra or {})
    # Before anything is read: an edit made during this build makes the next one build again.
    inputs = inputs or fresh.Inputs(settings_file, extra, output)
    code = fresh.fingerprint(inputs, content=False)
    fingerprint = fresh.fingerprint(inputs, strict)

    _timing(None)
    base = read_build_settings(settings_file, extra)  # 1
    output = os.path.abspath(output or base["OUTPUT_PATH"])
    jobs = jobs or min(len(base["LANGUAGES"]), os.cpu_count() or 1)
    progress.report("checking the content")
    warm_up(base)
    _timing("fingerprint, settings")
    checked = read_and_check(base, inputs, code)  # 2
    _timing("content read and checked, photos")
    messages_lang = messages_language(base)
    refused = strict and bool(checked.report)  # the verdict is known: nothing is rendered

    results, children = {}, []
    staging = previous = None
    if not refused:
        os.makedirs(os.path.dirname(output), exist_ok=True)
        start_from = os.path.abspath(previous_output) if previous_output else output
        previous = fresh.load(inputs.cache, start_from) if incremental_build else None
        if previous is not None and (previous.get("output") != start_from or not os.path.isdir(start_from)):
            previous = None
        staging = tempfile.mkdtemp(prefix=f".{os.path.basename(output)}-", dir=os.path.dirname(output))
        # A preview (`make serve`) and `make build` keep their own documents; the releases of a
        # published site, each built from the last, share theirs.
        kept_for = output if previous_output is None else os.path.dirname(output)
        runs = language_runs(base, extra, checked, staging, inputs, previous, incremental_build, kept_for)
        results, children = render_languages(settings_file, runs, jobs)  # 3
        _timing("language runs")

    counts = [(w, e) for w, e, _calls in results.values()] + [checked.counts]
    warnings = sum(w for w, _e in counts)
    errors = sum(e for _w, e in counts)
    problems = len(checked.index.problems)
    failed = refused or errors > 0 or (strict and (warnings > 0 or problems > 0))
    if not failed:
        reuse = (previous["output"], previous["files"]) if previous else None
        failed = not finish(staging, base, checked.index, results, reuse)  # 4
        _timing("steps after the runs")
    for process in children:
        process.join()

    pages = 0
    if staging is not None:
        files = fresh.output_files(staging)
        pages = sum(name.endswith(".html") for name in files)
        if failed:
            shutil.rmtree(staging, ignore_errors=True)
        else:
            swap(staging, output)  # 5
            fresh.save(inputs.cache, output, {
                "fingerprint": fingerprint,
                "code": code,
                "files": files,  # the same after the swap: a folder renamed keeps its files' times
                "calls": {lang: calls for lang, (_w, _e, calls) in results.items()},
                "report": checked.report,
                "summary": render_summary(checked.report, messages_lang),
                "pages": pages,
                "warnings": warnings,
            })
            for folder in ("index", "markdown", "documents"):
                fresh.prune(os.path.join(inputs.cache, folder), ".pickle")
            _timing("swap, state")
    return BuildResult(
        ok=not failed, output=output, seconds=time.perf_counter() - started, pages=pages,
        warnings=warnings, errors=errors, problems=problems, checked=checked.index.checked,
        messages_lang=messages_lang,
    )


def _timing(step):
    """With SITE_BUILD_TIMES=1 in the environment, a line on stderr for each step, with its seconds."""
    if os.environ.get("SITE_BUILD_TIMES"):
        now = time.perf_counter()
        if step is not None:
            print(f"{now - _LAST[0]:7.2f} s  {step}", file=sys.stderr)
        _LAST[0] = now


_LAST = [time.perf_counter()]


def render_summary(report, lang):
    return render(Text("summary_build", {"n": len(report)}), lang) if report else ""


def warm_up(settings):
    """Import and load once, before the runs fork, what each of them would for itself.

    The plugins, each language's Babel data (dates) and the Markdown parser
    (site_content.reader.parser): loaded by each forked run, they would be
    loaded twice.
    """
    import importlib  # noqa: PLC0415

    for name in settings.get("PLUGINS", ()):
        try:
            importlib.import_module(name)
        except ImportError:  # Pelican finds it on PLUGIN_PATHS, or says what is wrong
            pass
    for lang in settings.get("LANGUAGES", {}):
        try:
            babel.Locale.parse(lang).date_formats  # noqa: B018 - loads the locale's data
        except (ValueError, babel.UnknownLocaleError):
            pass
    if settings.get("MARKDOWN") is not None:  # the parser of the pages to convert
        reader.parser(settings["MARKDOWN"])
