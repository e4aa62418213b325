"""Command line: `python -m site_build [--settings FILE] [--output DIR] [--jobs N] [--strict]`."""

import argparse
import logging
import sys

from pelican.log import init as init_logging

from site_build import build


def main(argv=None):
    parser = argparse.ArgumentParser(prog="site_build", description=__doc__)
    parser.add_argument("--settings", default="pelicanconf.py")
    parser.add_argument("--output", default=None)
    parser.add_argument("--jobs", type=int, default=None, help="1 builds the languages one by one")
    parser.add_argument("--strict", action="store_true", help="warnings fail the build too")
    parser.add_argument("--quiet", action="store_true")
    parser.add_argument(
        "--set", action="append", default=[], metavar="NAME=VALUE",
        help="override a setting, e.g. --set PATH=other/content",
    )
    args = parser.parse_args(argv)
    # Plain lines on stderr, one message a line, readable in a terminal and in CI logs.
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    init_logging(level=logging.WARNING, handler=handler)
    extra = dict(item.split("=", 1) for item in args.set)
    result = build(args.settings, output=args.output, jobs=args.jobs, strict=args.strict, extra=extra)
    if result.ok:
        if not args.quiet:
            print(
                f"Built {result.pages} pages into {result.output} in {result.seconds:.1f} s"
                f" ({result.warnings} warnings)"
            )
        return 0
    print(
        f"Build failed with {result.errors} errors and {result.warnings} warnings;"
        f" {result.output} was left as it was",
        file=sys.stderr,
    )
    return 1


if __name__ == "__main__":
    sys.exit(main())
