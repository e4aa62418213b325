"""Command line: `python -m sitebuilder [--settings FILE] [--output DIR] [--jobs N] [--strict] [--check]`.

--previous DIR starts from another folder built with the same settings and
cache (the live release, for the publishing hook) instead of the output's
own last build; --progress reports the build's stages on standard error
(progress.py).

--check runs the content check alone (what `invoke check` runs): every
problem, then one line that counts them; exit status 1 when there is any.
Content problems are printed one a line, as organisers read them; a strict
build that fails ends with the same counting line.
"""

import argparse
import logging
import os
import sys

from sitebuilder import progress
from sitebuilder.cache import fresh

# Pelican and the plugins are imported only when there is something to build.


class _Formatter(logging.Formatter):
    """Content problems as they are; everything else with its level in front."""

    def format(self, record):
        message = super().format(record)
        if record.name == "sitebuilder.content":
            return message
        return f"{record.levelname}: {message}"


def run_check(settings, extra):
    from sitebuilder.pipeline import check  # noqa: PLC0415
    from site_content.messages import Text, render  # noqa: PLC0415

    problems, lang, checked = check(settings, extra=extra)
    for line in problems:
        print(line, file=sys.stderr)
    if problems:
        print(render(Text("summary_build", {"n": len(problems)}), lang), file=sys.stderr)
        return 1
    print(render(Text("summary_ok", {"n": checked}), lang))
    return 0


def report_unchanged(args, inputs):
    """Nothing changed since the last build of this output: say so, and its content problems again."""
    state = fresh.up_to_date(inputs, args.strict)
    if state is None:
        return False
    for line in state["report"]:
        print(line, file=sys.stderr)
    if state["summary"]:
        print(state["summary"], file=sys.stderr)
    if not args.quiet:
        print(f"Nothing changed since the last build of {state['output']} ({state['pages']} pages)")
    return True


def run_build(args, extra):
    inputs = fresh.Inputs(args.settings, extra, args.output)
    progress.enable(args.progress)
    if args.incremental and args.previous is None and report_unchanged(args, inputs):
        return 0
    from pelican.log import init as init_logging  # noqa: PLC0415

    from site_content.messages import Text, render  # noqa: PLC0415
    from sitebuilder.pipeline import build  # noqa: PLC0415

    # Plain lines on stderr, one message a line, readable in a terminal and in CI logs.
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_Formatter("%(message)s"))
    init_logging(level=logging.WARNING, handler=handler)
    result = build(
        args.settings, output=args.output, jobs=args.jobs, strict=args.strict, extra=extra,
        incremental_build=args.incremental, inputs=inputs, previous_output=args.previous,
    )
    lang = result.messages_lang
    if result.ok:
        if result.problems:
            print(render(Text("summary_build", {"n": result.problems}), lang), file=sys.stderr)
        if not args.quiet:
            print(
                f"Built {result.pages} pages into {result.output} in {result.seconds:.1f} s"
                f" ({result.warnings} warnings)"
            )
        return 0
    if result.errors or result.warnings or not result.problems:
        print(
            f"Build failed with {result.errors} errors and {result.warnings} warnings;"
            f" {result.output} was left as it was",
            file=sys.stderr,
        )
    if result.problems:  # the last line: how many, and that nothing was published
        print(render(Text("summary_strict", {"n": result.problems}), lang), file=sys.stderr)
    return 1


def parse_arguments(argv=None):
    """(arguments, the settings they override) of the command line."""
    parser = argparse.ArgumentParser(prog="sitebuilder", description=__doc__)
    parser.add_argument("--settings", default="pelicanconf.py")
    parser.add_argument("--output", default=None)
    parser.add_argument("--jobs", type=int, default=None, help="1 builds the languages one by one")
    parser.add_argument("--strict", action="store_true", help="warnings fail the build too")
    parser.add_argument("--check", action="store_true", help="check the content only, build nothing")
    parser.add_argument("--quiet", action="store_true")
    parser.add_argument("--previous", metavar="DIR", default=None,
                        help="start from this earlier build of the same settings (a live release)")
    parser.add_argument("--progress", action="store_true", help="report the build's stages on stderr")
    parser.add_argument(
        "--full", dest="incremental", action="store_false",
        help="render every page, whatever the last build left (the same result, slower)",
    )
    parser.add_argument(
        "--set", action="append", default=[], metavar="NAME=VALUE",
        help="override a setting, e.g. --set PATH=other/content",
    )
    args = parser.parse_args(argv)
    return args, dict(item.split("=", 1) for item in args.set)


def main(argv=None):
    args, extra = parse_arguments(argv)
    if args.check:
        return run_check(args.settings, extra)
    return run_build(args, extra)


def leave(code):
    """Exit with `code` at once, without freeing what the build held one object at a time.

    A build's process holds the content index and every document it read;
    Python's own exit would free them object by object, for nothing. Output is flushed and log handlers
    closed first; every file the build writes is closed when it returns.
    """
    sys.stdout.flush()
    sys.stderr.flush()
    logging.shutdown()
    os._exit(code)


if __name__ == "__main__":
    leave(main())
