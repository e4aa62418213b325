"""The photo folder's problems, as the content check and every build report them.

One function, `photo_problems`, makes the list both say, so that `invoke
check` finds every photo problem a strict build finds, in the same words:

- a photo that cannot be published (pipeline.inspect: its header, then a
  cheap read of the whole file; the build reports the same inspection's
  words for a photo it cannot process, see cache.make);
- a photo's record (records.py) that cannot be read, or that belongs to no
  photo;
- a photo whose record says it shows people, or children, and has no consent.

Each problem of a photo names every content file and line that uses it (a
`cover:`, an image or a link in a text), or says that none does.

The check does not process photos; it inspects those the build has not
processed yet, and keeps its verdict by the photo's cache key (of its bytes
and of the settings, config.cache_key) in `checked.json` of the
photo cache: the next check reads and hashes the file, and decodes nothing.
On the benchmark's 50 photos (bench/photos.py, five of them HEIC): 5.6 s of
CPU the first time (3.7 s of it the five HEIC files, which can only be
decoded whole), 0.14 s the next.
"""

import json
import os
import posixpath
import tempfile

from site_content.messages import Text
from site_content.problems import Problem

from . import records as photo_records
from .cache import load
from .catalogue import photo_files, record_files
from .config import cache_key, fingerprint, photo_config
from .markup import cover_path, photo_path
from .pipeline import BadPhoto, inspect

CHECKED = "checked.json"


def uses_of(index, folder):
    """{photo source: [(text source, line)]}: where each photo is used, in file order."""
    uses = {}
    if index is None:
        return uses
    for document in sorted(index.files.values(), key=lambda d: d.source):
        cover = document.meta.get("cover")
        if isinstance(cover, str) and cover.strip():
            uses.setdefault(cover_path(cover, folder), []).append((document.source, document.lines.get("cover")))
        document_folder = posixpath.dirname(document.source)
        for link in document.links:
            path = photo_path(link.target, document_folder, folder)
            if path is not None:
                uses.setdefault(path, []).append((document.source, link.line))
    return uses


def read_records(content_path, folder, ignore=()):
    """({photo source: Record}, [(record source, line, Text)]) of every record in the photo folder."""
    found, problems = {}, []
    for source, path in record_files(content_path, folder, ignore):
        try:  # a file of content/ itself, never one a link leads to (O_NOFOLLOW)
            with open(os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0)), "rb") as f:
                data = f.read(photo_records.MAX_BYTES + 1)
        except OSError as error:
            found[photo_records.photo_of(source)] = photo_records.Record(people=True)
            problems.append((source, None, Text("record_syntax", {"detail": error.strerror or str(error)})))
            continue
        record, record_problems = photo_records.parse(data)
        found[photo_records.photo_of(source)] = record
        problems += [(source, line, text) for line, text in record_problems]
    return found, problems


def photo_problems(config, index, photos, records, record_problems):
    """[Problem] of the photo folder.

    photos: [(source, Text or None)] for every photo, the Text saying why it
    cannot be published; records and record_problems: read_records().
    """
    uses = uses_of(index, config["folder"])
    names = {source for source, _problem in photos}

    def used(photo):
        return tuple(uses.get(photo, ()))

    problems = [Problem(source, None, problem, uses=used(source)) for source, problem in photos if problem]
    for source, line, text in record_problems:
        problems.append(Problem(source, line, text, uses=used(photo_records.photo_of(source))))
    wrong = {source for source, _line, _text in record_problems}
    for photo, record in sorted(records.items()):
        source = photo_records.record_name(photo)
        name = posixpath.basename(photo)
        if photo not in names:
            problems.append(Problem(source, None, Text("record_orphan", {"photo": name})))
        elif record.withheld and source not in wrong:  # a wrong record's own problem says enough
            code = "photo_no_consent_children" if record.children else "photo_no_consent"
            line = record.lines.get("children" if record.children else "people")
            problems.append(Problem(source, line, Text(code, {"photo": name}), uses=used(photo)))
    problems.sort(key=lambda problem: (problem.source, problem.line or 0))
    return problems


# --- the content check ---------------------------------------------------------


def _load_checked(path):
    try:
        with open(path, encoding="utf-8") as f:
            checked = json.load(f)
        return checked if isinstance(checked, dict) else {}
    except (OSError, ValueError):
        return {}


def _save_checked(path, checked):
    """Written whole under another name, then renamed: never half a file, whoever writes at once."""
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        handle, scratch = tempfile.mkstemp(prefix=".checked-", dir=os.path.dirname(path))
        with os.fdopen(handle, "w", encoding="utf-8") as f:
            json.dump(checked, f, sort_keys=True)
        os.replace(scratch, path)
    except OSError:
        pass  # a cache: the next check inspects again


def inspect_all(files, config):
    """[(source, Text or None)] for every (source, path): the build's verdict, without processing.

    A photo the build has processed (in the cache) is fine; the verdict on
    any other is kept in checked.json by its cache key.
    """
    made_by = fingerprint(config)
    checked_path = os.path.join(config["cache"], CHECKED)
    checked = _load_checked(checked_path)
    seen, changed = {}, False
    verdicts = []
    for source, path in files:
        try:
            with open(path, "rb") as f:
                data = f.read()
        except OSError as error:
            verdicts.append((source, Text("photo_unreadable", {"reason": error.strerror or str(error)})))
            continue
        key = cache_key(data, made_by)
        if key in checked:
            verdict = checked[key]
        elif load(config["cache"], source, key) is not None:
            verdict = None
        else:
            try:
                inspect(data, config)
                verdict = None
            except BadPhoto as bad:
                verdict = [bad.code, bad.params]
            changed = True
        seen[key] = verdict
        verdicts.append((source, Text(verdict[0], verdict[1]) if verdict else None))
    if changed or set(checked) != set(seen):
        _save_checked(checked_path, seen)  # only the photos of today's folder
    return verdicts


def check_content(settings, index):
    """The content check's step (CHECK_STEPS in pelicanconf.py): the photo folder's problems, added to the index's."""
    config = photo_config(settings)
    ignore = settings.get("IGNORE_FILES", ())
    files = photo_files(settings["PATH"], config["folder"], ignore)
    records, record_problems = read_records(settings["PATH"], config["folder"], ignore)
    index.add(photo_problems(config, index, inspect_all(files, config), records, record_problems))
