"""Build the whole site: every language, in parallel, into a fresh folder, then swap.

Why one Pelican run per language in parallel processes (measured with
`bench/i18n.py`): each run reads only its own language's
files, so no file is read or converted twice, and the two runs use both cores.
The content index (`site_content`) is built once in the parent and inherited
by the forked runs, which is how a page knows its translation's URL.

The runs write into a folder beside `output/`; only when every run has
succeeded does that folder replace `output/`, so a failed build never replaces
a good site. The folder is a new one, or the site before the last one, kept
beside `output/` as `.output-spare` (see _staging): then the pages that have
not changed since are already in place. A build that had no such site to start
from links its own pages into a new spare while it ends (see _link_spare).

What a build found is kept for the next one (CACHE_PATH): the HTML of every
Markdown body, what reading each file found, the documents Pelican read
(documents.py), the compiled templates, and the key of every page written
(incremental.py), so the next build converts, parses, reads and renders only
what changed, and keeps or links the rest. `fresh.py` tells, before all this,
whether anything changed at all.

Content problems (the content check of `site_content`, one line each in the
language of CONTENT_MESSAGES_LANG) are warnings: a normal build reports them
and builds what it can; a strict build (publishing, `invoke check`) reports
them all and fails.
"""

import contextlib
import functools
import gc
import importlib
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

from site_content import REPORTED_BY_CHECK, ContentIndex
from site_content.problems import messages_language, shown_folder
from site_content.publication import build_today
from site_languages import language_settings

from site_content.index import kept_namespace, text_files
from site_content.kept import Kept
from site_content.markdown_cache import Ahead, MarkdownCache
from site_content import reader
from site_content.messages import Text, render

from . import documents, fresh, incremental, progress
from .early import build_index
from .early import cache_file as _cache_file
from .precompress import compress_tree

__all__ = ["build", "check", "BuildResult"]

logger = logging.getLogger("site_build")
# Content problems: printed as they are, without a level, for organisers.
content_logger = logging.getLogger("site_build.content")


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


def _run_language(settings_file, override, report=None):
    """One Pelican run; returns (warnings, errors, what the incremental writer recorded).

    What the run read is then kept for the next build (the Markdown cache,
    the documents), after `report` is called with that result: a forked run
    reports first, so the build goes on with the sitemap while it writes
    them. Kept results are a cache: one
    that cannot be written is said, and the build is not failed for it.
    """
    counter = _Counter()
    logging.getLogger().addHandler(counter)
    calls, settings = {}, None
    try:
        settings = read_settings(settings_file, override=override)
        _mark(None)
        Pelican(settings).run()
        incremental.finish_progress()
        calls = incremental.records()
        kept = settings.get("KEPT_DOCUMENTS")
        restored = f", {kept['kept'].restored} of {kept['kept'].asked} documents kept" if kept else ""
        _mark(f"Pelican run, {override['DEFAULT_LANG']} ({incremental.rendered()} of {len(calls)} writes rendered{restored})")
    except Exception:  # a build that crashed must not be swapped in
        logger.exception("The %s build stopped", override["DEFAULT_LANG"])
        counter.errors += 1
    finally:
        logging.getLogger().removeHandler(counter)
    result = (counter.warnings, counter.errors, calls)
    if report is not None:
        report(result)
    if settings is not None and not counter.errors:
        try:
            if settings.get("MARKDOWN_CACHE") is not None:
                settings["MARKDOWN_CACHE"].save()
            if settings.get("KEPT_DOCUMENTS") is not None:
                settings["KEPT_DOCUMENTS"]["kept"].save()
        except OSError as error:
            logger.warning("What the %s run read could not be kept for the next build: %s",
                           override["DEFAULT_LANG"], error)
    return result


def _child(settings_file, override, sender):
    def report(result):
        sender.send(result)
        sender.close()

    _warnings, errors, calls = _run_language(settings_file, override, report)
    spare = override.get("SPARE_TO_MAKE")
    if spare and not errors:
        try:
            _link_spare(override["INCREMENTAL"]["site"], spare, calls)
        except OSError:
            sys.exit(1)  # the build goes on without a spare (see _build)


def check(settings_file="pelicanconf.py", extra=None):
    """The content check alone, without building: [problem lines], messages language, files checked.

    What `invoke check` runs: the same checks as every build, in a fraction of
    a second, and nothing is written.
    """
    settings_file = os.path.abspath(settings_file)
    base = read_settings(settings_file, override=dict(extra or {}))
    shown = shown_folder(base["PATH"], os.path.dirname(settings_file))
    # What the last build kept (never saved here): which file had each address, what
    # each file's reading found. A clash of addresses is told as the build would tell it.
    inputs = fresh.Inputs(settings_file, extra)
    kept = Kept(_cache_file(inputs.cache, "index", base["PATH"]), kept_namespace())
    index = ContentIndex.from_settings(base, shown=shown, kept=kept)
    # The checks of what a build's steps read besides the texts (the photos: site_photos).
    for step in base.get("CHECK_STEPS", ()):
        module, _, function = step.partition(":")
        getattr(importlib.import_module(module), function)(base, index)
    lang = messages_language(base)
    return [problem.format(lang, shown) for problem in index.problems], lang, index.checked


def build(settings_file="pelicanconf.py", output=None, jobs=None, strict=False, extra=None,
          incremental_build=True, inputs=None, early=None, previous_output=None):
    """Build every language into `output` (default: the settings' OUTPUT_PATH).

    jobs=1 builds the languages one after another in this process.
    incremental_build=False renders every page, whatever the last build of
    `output` left (the result is the same, byte for byte; see incremental.py).
    inputs: the fresh.Inputs the caller has just checked (its fingerprints are reused).
    early: an early.EarlyIndex started by the caller, used if it was made from these settings.
    previous_output: another folder the last build of these settings made
    (the live release, for the publishing hook), to start from instead of
    `output`'s last build: its unchanged pages and their compressed copies
    are linked, not made again (incremental.py, precompress.py).

    A strict build stops as soon as the content check has found a problem,
    before anything is rendered: its verdict is already known, and the
    pusher of a broken story hears it in seconds.

    What the build holds from its start to its end (the imported code, the
    content index, the settings) is frozen (gc.freeze) once made: Python's
    garbage collector, which looks through every object it tracks now and
    then, then looks only at what came after, and the forked runs do not
    copy the pages of memory it would have touched.
    The objects are given back to it at the end, for a process that builds again.
    """
    try:
        return _build(settings_file, output, jobs, strict, extra, incremental_build, inputs, early,
                      previous_output)
    finally:
        if early is not None:
            early.close()
        gc.unfreeze()


def _build(settings_file, output, jobs, strict, extra, incremental_build, inputs, early, previous_output=None):
    started = time.perf_counter()
    _mark(None)
    settings_file = os.path.abspath(settings_file)
    extra = dict(extra or {})
    # Before anything is read: an edit made during this build makes the next one build again.
    inputs = inputs or fresh.Inputs(settings_file, extra, output)
    pages_digest = fresh.fingerprint(inputs, content=False)
    fingerprint = fresh.fingerprint(inputs, strict)
    base = read_settings(settings_file, override=extra)
    if not base.get("SITE_TODAY"):
        # One build date for the content index and every language's run, even across midnight.
        extra["SITE_TODAY"] = base["SITE_TODAY"] = build_today(base).isoformat()
    output = os.path.abspath(output or base["OUTPUT_PATH"])
    root = os.path.dirname(settings_file)
    base["SETTINGS_FOLDER"] = root  # what the steps' relative paths are relative to, as Pelican's PATH
    shown = shown_folder(base["PATH"], root)
    jobs = jobs or min(len(base["LANGUAGES"]), os.cpu_count() or 1)
    markdown_files = {lang: _cache_file(inputs.cache, "markdown", base["PATH"], lang) for lang in base["LANGUAGES"]}
    # A first build: its Markdown converted on every core while the content index is built.
    new = [lang for lang, path in markdown_files.items() if not os.path.exists(path)]
    ahead = Ahead.start(text_files(base, new), base["MARKDOWN"]) if jobs > 1 and new else None
    _mark("fingerprint, settings")
    progress.report("checking the content")
    with ahead or contextlib.nullcontext():  # its workers end with the build, whatever happens
        # While the index is built (in early's process or, else, before it): what every run loads.
        warm_up(base, everything=bool(new) or not incremental_build)
        found = early.take(base, root, inputs.cache, pages_digest) if early is not None else None
        if found is None:
            _basis, index, digests = build_index(base, root, inputs.cache, pages_digest)
        else:
            index, digests = found
        gc.freeze()  # the index lives as long as the build (see build)
        _mark("content index")
        progress.report("content files checked", index.checked)
        # Before the problems are reported: a step may add its own (a photo that cannot be used).
        shared, prepared = _pre_build(base, index)
        messages_lang = messages_language(base)
        report = [problem.format(messages_lang, shown) for problem in index.problems]
        for line in report:  # one line each, in the organisers' language
            content_logger.warning("%s", line)
        refused = strict and bool(report)  # the verdict is known: nothing is rendered

        parent = os.path.dirname(output)
        os.makedirs(parent, exist_ok=True)
        start_from = os.path.abspath(previous_output) if previous_output else output
        previous = fresh.load(inputs.cache, start_from) if incremental_build and os.path.isdir(start_from) else None
        if previous is not None and previous.get("output") != start_from:
            previous = None
        spare = fresh.load(inputs.cache, output, spare=True) if previous and start_from == output else None
        staging, spare = _staging(output, spare, pages_digest)
        # Nothing to start from: this build's pages are linked into a spare as the runs end.
        new_spare = None
        if spare is None and incremental_build and jobs > 1 and base.get("SPARE_AFTER_FIRST_BUILD"):
            new_spare = tempfile.mkdtemp(prefix=f".{os.path.basename(output)}-spare-", dir=parent)
        jinja_cache = os.path.join(inputs.cache, "jinja")
        os.makedirs(jinja_cache, exist_ok=True)
        overrides = []
        for lang in () if refused else base["LANGUAGES"]:
            override = dict(extra)
            override.update(language_settings(base, lang, staging))
            override["SITE_INDEX"] = index
            override.update(shared)
            override["LOG_FILTER"] = list(base.get("LOG_FILTER", [])) + REPORTED_BY_CHECK
            override["PLUGINS"] = list(base["PLUGINS"]) + ["site_build.incremental", "site_build.documents"]
            override["INCREMENTAL"] = {
                "site": staging,
                **digests,
                "previous": start_from if previous else None,
                "calls": (previous or {}).get("calls", {}).get(lang, {}),
                "files": (previous or {}).get("files", {}),
                "spare_calls": (spare or {}).get("calls", {}).get(lang, {}),
                "spare_files": (spare or {}).get("files", {}),
                "expected": _expected_pages(previous or spare, index, lang),
            }
            # Templates compiled once, not once per generator and language and build.
            override["JINJA_ENVIRONMENT"] = dict(
                base["JINJA_ENVIRONMENT"], bytecode_cache=FileSystemBytecodeCache(jinja_cache)
            )
            override["MARKDOWN_CACHE"] = MarkdownCache(markdown_files[lang], base["MARKDOWN"])
            override["SPARE_TO_MAKE"] = new_spare
            if incremental_build:
                # One file per output too: a preview (`make serve`) and `make build` keep their own;
                # the releases of a published site, each built from the last, share theirs.
                kept_for = output if previous_output is None else parent
                override["KEPT_DOCUMENTS"] = {"kept": documents.KeptDocuments(
                    _cache_file(inputs.cache, "documents", base["PATH"], f"{lang}\0{kept_for}"), DOCUMENTS_NAMESPACE, digests
                )}
            overrides.append(override)
        _mark("before the runs")
        if ahead is not None and overrides:
            ahead.put([(override["MARKDOWN_CACHE"], functools.partial(_bodies, index, override["DEFAULT_LANG"]))
                       for override in overrides])
            _mark("Markdown converted ahead")
    gc.freeze()  # and what the runs inherit: they neither look through it nor copy it
    children = []
    if refused:
        runs = {}
    elif jobs == 1:
        runs = {override["DEFAULT_LANG"]: _run_language(settings_file, override) for override in overrides}
    else:
        context = multiprocessing.get_context("fork")
        for override in overrides:
            receiver, sender = context.Pipe(duplex=False)
            process = context.Process(target=_child, args=(settings_file, override, sender))
            process.start()
            sender.close()
            children.append((override["DEFAULT_LANG"], process, receiver))
        runs = {}
        for lang, process, receiver in children:
            try:  # a run reports, then keeps what it read (joined below, after the post-build steps)
                runs[lang] = receiver.recv()
            except EOFError:  # the run died without a report
                runs[lang] = (0, 1, {})
            receiver.close()
    _mark("language runs")
    counts = [(w, e) for w, e, _calls in runs.values()] + [prepared]
    warnings = sum(w for w, _e in counts)
    errors = sum(e for _w, e in counts)
    problems = len(index.problems)
    failed = errors > 0 or (strict and (warnings > 0 or problems > 0))

    if not failed:
        if spare:
            _remove_unclaimed(staging, spare, runs)
        reuse = (start_from, previous["files"]) if previous else None
        failed = not _post_build(staging, base, index, reuse)

    _mark("post-build steps")
    for _lang, process, _receiver in children:
        process.join()
    made_spare = new_spare is not None and all(process.exitcode == 0 for _l, process, _r in children)
    files = fresh.output_files(staging)
    pages = sum(name.endswith(".html") for name in files)
    if failed:
        shutil.rmtree(staging, ignore_errors=True)
        if new_spare is not None:
            shutil.rmtree(new_spare, ignore_errors=True)
    else:
        _swap(staging, output, keep=previous is not None and start_from == output and not made_spare)
        if made_spare:
            _make_spare(new_spare, output)
        elif new_spare is not None:
            _remove_later(new_spare)
        fresh.save(inputs.cache, output, {
            "fingerprint": fingerprint,
            "code": pages_digest,
            "files": files,  # the same after the swap: a folder renamed keeps its files' times
            "calls": {lang: calls for lang, (_w, _e, calls) in runs.items()},
            "report": report,
            "summary": render(Text("summary_build", {"n": len(report)}), messages_lang) if report else "",
            "pages": pages,
            "warnings": warnings,
        }, keep_previous=previous is not None and start_from == output and not made_spare, same_spare=made_spare)
        for folder in ("index", "markdown", "documents"):
            fresh.prune(os.path.join(inputs.cache, folder), ".pickle")
    _mark("swap, state")
    return BuildResult(
        ok=not failed,
        output=output,
        seconds=time.perf_counter() - started,
        pages=pages,
        warnings=warnings,
        errors=errors,
        problems=problems,
        checked=index.checked,
        messages_lang=messages_lang,
    )


def warm_up(settings, everything=True):
    """Import and load once, before the runs fork, what each of them would for itself.

    The plugins, each language's Babel data (dates), the Markdown parser
    (site_content.reader.parser) and, for a build that renders every page (a
    first one), icalendar, which the calendars import when they are made.
    Done while the content index is built in
    early's process, it costs the build no time.
    """
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
    if everything:
        import icalendar  # noqa: F401, PLC0415


DOCUMENTS_NAMESPACE = "documents 1"  # the rest of what they depend on is in each key

_TIMES = []


def _mark(step):
    """With SITE_BUILD_TIMES=1 in the environment, each step's seconds go to stderr."""
    if not os.environ.get("SITE_BUILD_TIMES"):
        return
    now = time.perf_counter()
    if step is not None and _TIMES:
        print(f"{now - _TIMES[-1]:7.2f} s  {step}", file=sys.stderr)
    _TIMES[:] = [now]


def _expected_pages(state, index, lang):
    """How many writes a language's run will make, for progress reports: as many as the last
    build's, or else at least one per document of the language."""
    calls = (state or {}).get("calls", {}).get(lang)
    if calls:
        return len(calls)
    return sum(document.lang == lang for document in index.documents.values())


def _bodies(index, lang):
    """The Markdown bodies of a language's documents, as the reader will convert them."""
    return [
        index.body(document.source)
        for document in index.documents.values()
        if document.lang == lang and document.source in index.data
    ]


def _pre_build(settings, index):
    """The steps that prepare what every language's run shares (PRE_BUILD).

    A step is "module:function", called with (settings, content index) once
    per build, before the runs; it returns settings that every run inherits
    (site_photos processes the photos here, so each is processed once, not
    once per language), and may add content problems to the index (a photo
    that cannot be used). Returns (those settings, (warnings, errors) logged).
    """
    counter = _Counter()
    logging.getLogger().addHandler(counter)
    shared = {}
    try:
        for step in settings.get("PRE_BUILD", ()):
            module, _, function = step.partition(":")
            try:
                shared.update(getattr(importlib.import_module(module), function)(settings, index) or {})
            except Exception:  # what the runs need is missing: the build must fail
                logger.exception("The build step %s failed", step)
                counter.errors += 1
    finally:
        logging.getLogger().removeHandler(counter)
    return shared, (counter.warnings, counter.errors)

def _post_build(staging, settings, index, reuse=None):
    """The steps that need the whole site (POST_BUILD), then precompression.

    A step is "module:function", called with (site folder, settings, content
    index); one that fails fails the build.
    """
    for step in settings.get("POST_BUILD", ()):
        module, _, function = step.partition(":")
        progress.report(f"step {module}")
        try:
            getattr(importlib.import_module(module), function)(staging, settings, index)
        except Exception:  # the site is incomplete: it must not go live
            logger.exception("The build step %s failed", step)
            return False
    if settings.get("PRECOMPRESS"):
        compress_tree(staging, reuse=reuse)
    return True


def _staging(output, spare, code):
    """The folder to build in, and what it already holds: (folder, None or {"calls", "files"}).

    The site before the last one is kept beside the output (`.output-spare`),
    with its build's record. When its code is today's, the build starts from
    it: its pages whose keys have not changed are already in place, and only
    the others are rendered or linked from the last site. That spares making
    a folder and a link for every page of the site, and removing the old site
    afterwards, which cost more than the few pages an edit changes. Else the
    build starts from an empty folder.
    """
    folder = fresh.spare_folder(output)
    staging = tempfile.mkdtemp(prefix=f".{os.path.basename(output)}-", dir=os.path.dirname(output))
    if spare and spare.get("code") == code and os.path.isdir(folder):
        os.rename(folder, staging)  # over the empty folder: a name no other build uses
        _tidy(staging, spare)
        return staging, spare
    if os.path.lexists(folder):
        _remove_later(folder)
    return staging, None


def _tidy(staging, spare):
    """Leave in the spare only the files its build's writes made.

    Files made by the other steps (sitemap, theme files, photos, compressed
    copies) are made again, and a file added by hand goes. Whether a page
    left is still as its build made it, the writer sees (incremental.py).
    """
    written = {path for calls in spare["calls"].values() for _key, paths in calls.values() for path in paths}
    for path in list(fresh.file_names(staging)):
        if path not in written:
            incremental.remove_file(staging, path)


def _link_spare(site, spare, calls):
    """Link the files a run's writes made (`calls`, its record) from the site into `spare`.

    After a build that started from an empty folder (the first one, or after
    the code or theme changed), the next would link every page of the site
    into a new folder, a folder and a link for each; each run does it instead once it
    has reported, while the build ends with the sitemap. The spare's record
    is then the build's own (fresh.save, same_spare): its files are the very
    files of the site, and the next build finds them in place (_staging).
    """
    folders = set()
    for _key, paths in calls.values():
        for path in paths:
            target = os.path.join(spare, path)
            folder = os.path.dirname(target)
            if folder not in folders:
                os.makedirs(folder, exist_ok=True)
                folders.add(folder)
            os.link(os.path.join(site, path), target)


def _make_spare(folder, output):
    """Put folder beside the output as its spare, in place of the one there.

    The folder is the site a build replaced (_swap) or the one it linked
    (_link_spare).
    """
    spare = fresh.spare_folder(output)
    if os.path.lexists(spare):
        _remove_later(spare)
    os.rename(folder, spare)


def _remove_unclaimed(staging, spare, runs):
    """Remove the pages of the spare that no write of this build claimed (no longer made).

    Only the writes make pages (the other steps make files of their own), so
    what they did not claim is left from the spare's build.
    """
    claimed = {path for _w, _e, calls in runs.values() for _key, paths in calls.values() for path in paths}
    for calls in spare["calls"].values():
        for _key, paths in calls.values():
            for path in paths:
                if path not in claimed:
                    incremental.remove_file(staging, path)


def _swap(staging, output, keep=False):
    """Put the new site in place of the old one; the old one is kept as the spare, or removed.

    Removing a site of thousands of files takes longer than building the few
    pages that changed, so it is left to `rm` running beside the caller.
    """
    os.chmod(staging, 0o755)  # mkdtemp makes it private; a web server must read it
    if os.path.exists(output):
        if keep:
            _make_spare(output, output)
        else:
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
