"""Is a translation up to date with its original?

Git keeps no file times, and a file's time changes with every checkout, so
the test is by content. Each original has a version stamp: the first 12 hex
digits of a SHA-256 of what a translation translates (its body and its
non-shared fields; shared fields such as the date are inherited, so changing
them does not make a translation stale; whitespace at line ends and around
the body does not count). A translation records, in `translated_from`, the
stamp of the original it was last brought up to date with;
`invoke translations --done FILE` writes it. A translation is then

  current      its `translated_from` is the original's stamp now;
  stale        the original has changed since;
  unconfirmed  it has never been marked up to date.

A stale or unconfirmed translation carries a notice on its page.
"""

import hashlib
import json
import re

from . import frontmatter
from .schema import UNVERSIONED, shared_fields

CURRENT, STALE, UNCONFIRMED = "current", "stale", "unconfirmed"


def version_stamp(kind, meta, body):
    """The stamp of an original: its translatable fields and body, hashed."""
    skip = set(shared_fields(kind)) | set(UNVERSIONED)
    fields = {str(name): value for name, value in meta.items() if str(name) not in skip}
    lines = [line.rstrip() for line in body.replace("\r\n", "\n").strip().split("\n")]
    text = json.dumps(fields, sort_keys=True, ensure_ascii=False, default=str) + "\n" + "\n".join(lines)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def state(translation_stamp, original_stamp):
    if not translation_stamp:
        return UNCONFIRMED
    return CURRENT if translation_stamp == original_stamp else STALE


_STAMP_LINE = re.compile(r"^translated_from\s*:.*$", re.M)


def with_stamp(text, stamp):
    """A file's text with `translated_from: stamp` in its front matter, the rest unchanged."""
    _yaml, _body, body_line = frontmatter.split(text)
    lines = text.splitlines(keepends=True)
    newline = "\r\n" if lines[0].endswith("\r\n") else "\n"
    head = lines[: body_line - 2]  # up to, not including, the closing '---'
    entry = f"translated_from: {stamp}{newline}"
    for number, line in enumerate(head):
        if number and _STAMP_LINE.match(line.rstrip("\r\n")):
            head[number] = entry
            break
    else:
        if head and not head[-1].endswith(("\n", "\r")):
            head[-1] += newline
        head.append(entry)
    return "".join(head + lines[body_line - 2 :])


MISSING = "missing"


def rows(index, shown):
    """The translation table: ([(original path, {lang: (state, draft)})], missing, stale, example).

    Only originals with something to do are listed; `example` is a translation
    to show in the "how to mark it" line.
    """
    others = [code for code in index.languages if code != index.default_lang]
    files = {(d.section, d.key, d.lang): d for d in index.files.values()}
    table, missing, stale, example = [], 0, 0, None
    for original in sorted(index.originals.values(), key=lambda d: d.source):
        states = {}
        for lang in others:
            translation = files.get((original.section, original.key, lang))
            if translation is None:
                states[lang] = (MISSING, False)
                missing += 1
                continue
            current = state(translation.meta.get("translated_from"), original.stamp)
            states[lang] = (current, translation.meta.get("status") == "draft")
            if current != CURRENT:
                stale += 1
                example = example or shown(translation.source)
        if any(code != CURRENT for code, _draft in states.values()):
            table.append((shown(original.source), states))
    return table, missing, stale, example


def orphans(index):
    """Translations whose original does not exist."""
    return sorted(
        d.source for d in index.files.values()
        if d.lang != index.default_lang and index.original(d) is None
    )
