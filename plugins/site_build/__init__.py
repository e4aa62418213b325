"""Build the whole site: every language, in parallel, into a fresh folder, then swap.

Why one Pelican run per language in parallel processes (measured with
`bench/i18n.py`, figures in README.md): each run reads only its own language's
files, so no file is read or converted twice, and the two runs use both cores.
The content index (`site_content`) is built once in the parent and inherited
by the forked runs, which is how a page knows its translation's URL.

The runs write into a new folder beside `output/`; only when every run has
succeeded does that folder replace `output/`, so a failed build never replaces
a good site.

Content problems (the content check of `site_content`, one line each in the
language of CONTENT_MESSAGES_LANG) are warnings: a normal build reports them
and builds what it can; a strict build (publishing, `invoke check`) reports
them all and fails.
"""

import importlib
import logging
import multiprocessing
import os
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass

from pelican import Pelican
from pelican.settings import read_settings

from site_content import REPORTED_BY_CHECK, ContentIndex
from site_content.problems import messages_language, shown_folder
from site_content.publication import build_today
from site_languages import language_settings

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


def _run_language(settings_file, override):
    """One Pelican run; returns the (warnings, errors) it logged."""
    counter = _Counter()
    logging.getLogger().addHandler(counter)
    try:
        settings = read_settings(settings_file, override=override)
        Pelican(settings).run()
    except Exception:  # a build that crashed must not be swapped in
        logger.exception("The %s build stopped", override["DEFAULT_LANG"])
        counter.errors += 1
    finally:
        logging.getLogger().removeHandler(counter)
    return counter.warnings, counter.errors


def _child(settings_file, override, report):
    report.put(_run_language(settings_file, override))


def check(settings_file="pelicanconf.py", extra=None):
    """The content check alone, without building: [problem lines], messages language, files checked.

    What `invoke check` runs: the same checks as every build, in a fraction of
    a second, and nothing is written.
    """
    settings_file = os.path.abspath(settings_file)
    base = read_settings(settings_file, override=dict(extra or {}))
    shown = shown_folder(base["PATH"], os.path.dirname(settings_file))
    index = ContentIndex.from_settings(base, shown=shown)
    lang = messages_language(base)
    return [problem.format(lang, shown) for problem in index.problems], lang, index.checked


def build(settings_file="pelicanconf.py", output=None, jobs=None, strict=False, extra=None):
    """Build every language into `output` (default: the settings' OUTPUT_PATH).

    jobs=1 builds the languages one after another in this process.
    """
    started = time.perf_counter()
    settings_file = os.path.abspath(settings_file)
    extra = dict(extra or {})
    base = read_settings(settings_file, override=extra)
    if not base.get("SITE_TODAY"):
        # One build date for the content index and every language's run, even across midnight.
        extra["SITE_TODAY"] = base["SITE_TODAY"] = build_today(base).isoformat()
    output = os.path.abspath(output or base["OUTPUT_PATH"])
    root = os.path.dirname(settings_file)
    shown = shown_folder(base["PATH"], root)
    index = ContentIndex.from_settings(base, shown=shown)
    # Before the problems are reported: a step may add its own (a photo that cannot be used).
    shared, prepared = _pre_build(base, index)
    messages_lang = messages_language(base)
    for problem in index.problems:  # one line each, in the organisers' language
        content_logger.warning("%s", problem.format(messages_lang, shown))

    parent = os.path.dirname(output)
    os.makedirs(parent, exist_ok=True)
    staging = tempfile.mkdtemp(prefix=f".{os.path.basename(output)}-", dir=parent)
    overrides = []
    for lang in base["LANGUAGES"]:
        override = dict(extra)
        override.update(language_settings(base, lang, staging))
        override["SITE_INDEX"] = index
        override.update(shared)
        override["LOG_FILTER"] = list(base.get("LOG_FILTER", [])) + REPORTED_BY_CHECK
        overrides.append(override)

    jobs = jobs or min(len(overrides), os.cpu_count() or 1)
    if jobs == 1:
        counts = [_run_language(settings_file, override) for override in overrides]
    else:
        context = multiprocessing.get_context("fork")
        report = context.SimpleQueue()
        processes = [
            context.Process(target=_child, args=(settings_file, override, report))
            for override in overrides
        ]
        for process in processes:
            process.start()
        for process in processes:
            process.join()
        counts = [report.get() for process in processes if process.exitcode == 0]
        counts += [(0, 1) for process in processes if process.exitcode != 0]
    counts.append(prepared)
    warnings = sum(w for w, _e in counts)
    errors = sum(e for _w, e in counts)
    problems = len(index.problems)
    failed = errors > 0 or (strict and (warnings > 0 or problems > 0))

    if not failed:
        failed = not _post_build(staging, base, index)

    pages = sum(name.endswith(".html") for _d, _s, names in os.walk(staging) for name in names)
    if failed:
        shutil.rmtree(staging, ignore_errors=True)
    else:
        _swap(staging, output)
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

def _post_build(staging, settings, index):
    """The steps that need the whole site (POST_BUILD), then precompression.

    A step is "module:function", called with (site folder, settings, content
    index); one that fails fails the build.
    """
    for step in settings.get("POST_BUILD", ()):
        module, _, function = step.partition(":")
        try:
            getattr(importlib.import_module(module), function)(staging, settings, index)
        except Exception:  # the site is incomplete: it must not go live
            logger.exception("The build step %s failed", step)
            return False
    if settings.get("PRECOMPRESS"):
        compress_tree(staging)
    return True


def _swap(staging, output):
    """Put the new site in place of the old one, then remove the old one."""
    os.chmod(staging, 0o755)  # mkdtemp makes it private; a web server must read it
    old = None
    if os.path.exists(output):
        old = tempfile.mkdtemp(prefix=f".{os.path.basename(output)}-old-", dir=os.path.dirname(output))
        os.rename(output, os.path.join(old, "site"))
    os.rename(staging, output)
    if old:
        shutil.rmtree(old, ignore_errors=True)
