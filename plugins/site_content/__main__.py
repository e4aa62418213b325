"""Organisers' commands: `python -m site_content new|translations`.

  new KIND "Title" [--community KEY]... [--guide GUIDE]   (invoke new)
  translations [--done FILE]...                           (invoke translations)

Messages in the language of CONTENT_MESSAGES_LANG, or of --lang; a request
that cannot be carried out says why on stderr and exits 1, never with a
traceback.
"""

import argparse
import os
import sys

from pelican.settings import read_settings

from .index import ContentIndex
from .messages import Text, language_name, render
from .problems import messages_language, shown_folder
from .publication import build_today
from .scaffold import ScaffoldError, create, plan
from .translations import orphans, rows, with_stamp


def _settings(args):
    override = {"CONTENT_MESSAGES_LANG": args.lang} if args.lang else {}
    return read_settings(os.path.abspath(args.settings), override=override)


def _shower(settings_file):
    root = os.path.dirname(os.path.abspath(settings_file))

    def shown(path):
        relative = os.path.relpath(os.path.abspath(path), root)
        return (os.path.abspath(path) if relative.startswith(os.pardir) else relative).replace(os.sep, "/")

    return shown


def new(args, settings, lang):
    shown = _shower(args.settings)
    index = ContentIndex.from_settings(settings)
    try:
        files = plan(index, settings, args.kind, args.title, args.community or (),
                     args.guide, build_today(settings))
        written = create(files, shown)
    except ScaffoldError as error:
        print(render(error.text, lang), file=sys.stderr)
        return 1
    print(render(Text("new_created"), lang))
    for path in written:
        print(f"  {shown(path)}")
    print(render(Text("new_next", {"translation": shown(written[-1])}), lang))
    return 0


def translations(args, settings, lang):
    shown = _shower(args.settings)
    folder = shown_folder(settings["PATH"], os.path.dirname(os.path.abspath(args.settings)))
    index = ContentIndex.from_settings(settings, shown=folder)
    if args.done:
        return mark_done(args.done, index, settings, lang, shown)
    table, missing, stale, example = rows(index, lambda source: f"{folder}/{source}")
    print(render(Text("tr_title", {"language": language_name(index.default_lang)}), lang))
    without = orphans(index)
    if without:
        print(render(Text("tr_orphans"), lang))
        for source in without:
            print(f"  {folder}/{source}")
    if not table:
        print(render(Text("tr_all_current"), lang))
        return 0
    others = [code for code in index.languages if code != index.default_lang]
    header = [render(Text("tr_original"), lang), *others]
    lines = [header] + [
        [path, *(_state_text(states.get(code), lang) for code in others)] for path, states in table
    ]
    widths = [max(len(line[column]) for line in lines) for column in range(len(header))]
    print()
    for line in lines:
        print("  ".join(cell.ljust(width) for cell, width in zip(line, widths)).rstrip())
    print()
    print(render(Text("tr_summary", {"missing": missing, "stale": stale}), lang))
    if example:
        print(render(Text("tr_how", {"example": example}), lang))
    return 0


def _state_text(state, lang):
    if state is None:
        return ""
    code, draft = state
    text = Text(f"tr_{code}")
    return render(Text("tr_draft", {"state": text}) if draft else text, lang)


def mark_done(paths, index, settings, lang, shown):
    content = os.path.abspath(settings["PATH"])
    status = 0
    for path in paths:
        absolute = os.path.abspath(path)
        source = os.path.relpath(absolute, content).replace(os.sep, "/")
        if not os.path.isfile(absolute):
            print(render(Text("tr_no_file", {"path": path}), lang), file=sys.stderr)
            status = 1
            continue
        document = index.files.get(source)
        example = next((shown(os.path.join(content, d.source)) for d in index.files.values()
                        if d.lang != index.default_lang), "content/stories/x.en.md")
        if document is not None and document.lang == index.default_lang:
            print(render(Text("tr_not_translation", {"path": shown(absolute), "example": example}), lang),
                  file=sys.stderr)
            status = 1
            continue
        original = index.original(document) if document is not None else None
        if original is None:
            print(render(Text("tr_cannot_mark", {"path": shown(absolute)}), lang), file=sys.stderr)
            status = 1
            continue
        with open(absolute, encoding="utf-8-sig", newline="") as f:
            text = f.read()
        with open(absolute, "w", encoding="utf-8", newline="") as f:
            f.write(with_stamp(text, original.stamp))
        params = {"path": shown(absolute), "original": shown(os.path.join(content, original.source)),
                  "digest": original.stamp}
        print(render(Text("tr_marked", params), lang))
    return status


def main(argv=None):
    parser = argparse.ArgumentParser(prog="site_content", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--settings", default="pelicanconf.py")
    parser.add_argument("--lang", default=None, help="the language of the messages: lv or en")
    commands = parser.add_subparsers(dest="command", required=True)
    new_parser = commands.add_parser("new", help="create both language files of a new document")
    new_parser.add_argument("kind", help="story, news, chapter or goal")
    new_parser.add_argument("title", help="the title in the site's default language")
    new_parser.add_argument("--community", action="append", help="a community it is about (repeatable); a goal's community (once)")
    new_parser.add_argument("--guide", default="methodology", help="for a chapter: methodology or guidelines")
    status_parser = commands.add_parser("translations", help="what lacks a translation, what is outdated")
    status_parser.add_argument("--done", action="extend", nargs="+", metavar="FILE",
                               help="mark this translation up to date with its original (repeatable)")
    args = parser.parse_args(argv)
    settings = _settings(args)
    lang = messages_language(settings)
    if args.command == "new":
        return new(args, settings, lang)
    return translations(args, settings, lang)


if __name__ == "__main__":
    sys.exit(main())
