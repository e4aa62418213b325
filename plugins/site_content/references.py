"""Checks across files: translations, addresses, communities, goals, images, links.

Run by the index once every file's fields are checked; returns Problems.
A problem here warns (and fails a strict build) but leaves the file in the
build, except two files at one address: the later one is left out.
"""

import os
import posixpath
import re
from urllib.parse import unquote, urlsplit

from . import boundary
from .checks import closest
from .messages import Text, did_you_mean, join_or, language_name
from .model import language_root
from .problems import Problem
from .schema import REFERENCES

_INTERNAL = re.compile(r"^(?:\{(?P<a>filename|static|attach)\}|\|(?P<b>filename|static|attach)\|)(?P<path>.*)$")
# Top-level folders of every language that are the site's own.
SITE_FOLDERS = ("theme", "feeds")


def check(index, content_path, sections, static_paths, shown=""):
    context = _Context(index, content_path, sections, static_paths, shown)
    problems = []
    for step in (_originals, _addresses, _communities, _goals, _cycles, _covers, _links):
        problems += step(context)
    return problems


class _Context:
    def __init__(self, index, content_path, sections, static_paths, shown):
        self.index = index
        self.content_path = content_path
        self.sections = sections
        self.static_paths = tuple(static_paths)
        self.shown = shown
        self.files = sorted(index.files.values(), key=lambda d: d.source)
        self.by_key = {(d.section, d.key, d.lang): d for d in reversed(self.files)}
        self.by_section = {}
        for d in self.files:
            self.by_section.setdefault((d.section, d.lang), []).append(d)

    def path(self, source):
        """A file as the organiser finds it: "content/stories/x.lv.md"."""
        return f"{self.shown}/{source}" if self.shown else source

    def exists(self, relative):
        """A regular file in content/ (a link, even to a file, is not one: see boundary.py)."""
        return relative in self.index.tree


def _problem(document, line, code, blocking=False, **params):
    return Problem(document.source, line, Text(code, params), blocking=blocking)


def _originals(c):
    """A translation needs its original."""
    index = c.index
    found = []
    for document in c.files:
        if document.lang == index.default_lang or index.original(document) is not None:
            continue
        if (document.section, document.key, index.default_lang) in index.broken:
            continue  # the original exists but cannot be read: its own message says so
        folder = posixpath.dirname(document.source)
        original = c.path(f"{folder}/{document.key}.{index.default_lang}.md")
        language = language_name(index.default_lang)
        found.append(_problem(document, None, "no_original", language=language, original=original))
    return found


def _reserved(c, lang):
    """Addresses of a language that the site itself uses."""
    reserved = {f"{conf[lang]}/" for conf in c.sections.values() if conf.get(lang)}
    reserved |= {f"{folder}/" for folder in SITE_FOLDERS + c.static_paths}
    reserved |= set(c.index.reserved.get(lang, ()))
    if not c.index.languages[lang]["prefix"]:
        reserved |= {f"{conf['prefix']}/" for conf in c.index.languages.values() if conf["prefix"]}
    return reserved


# The key, in the kept readings (kept.py), of which file had each address at the last build.
ADDRESSES_KEY = ("addresses",)


def _addresses(c):
    """One address, one file: the one that had it keeps it.

    The file that had the address at the last build of this content folder
    (the index's kept readings remember it), else the one with the earlier
    date, else the first in name order: a build never moves a page that was
    there to give its address to a new file that asks for it with its
    `slug`; the new file is the one reported and left out.
    """
    index = c.index
    reserved = {lang: _reserved(c, lang) for lang in index.languages}
    had = (index.kept.get(ADDRESSES_KEY) if index.kept is not None else None) or {}
    used = {}
    found = []

    def order(document):
        url = (document.lang, language_root(index.languages, document.lang) + document.url)
        return (had.get(url) != document.source, _first_published(index, document), document.source)

    for document in sorted(c.files, key=order):
        url = language_root(index.languages, document.lang) + document.url
        fix = "fix_rename" if document.lang == index.default_lang else "fix_slug"
        line = document.lines.get("slug")
        if document.url in reserved[document.lang]:
            found.append(_problem(document, line, "reserved_url", True, url=url, fix=Text(fix)))
        elif (document.lang, url) in used:
            other = c.path(used[(document.lang, url)])
            if document.kind == "goal" and document.lang == index.default_lang:
                found.append(_problem(document, line, "duplicate_goal", True, value=document.key, other=other))
                continue
            fix = Text(f"{fix}_either")
            found.append(_problem(document, line, "duplicate_url", True, url=url, other=other, fix=fix))
        else:
            used[(document.lang, url)] = document.source
    if index.kept is not None and used != had:
        index.kept.put(ADDRESSES_KEY, used)
    return found


def _first_published(index, document):
    date = index.merged(document).get("date")
    if date is None:
        return ""
    return date.isoformat() if hasattr(date, "isoformat") else str(date)


def _keys(c, kind):
    """Keys of every file of a kind, those that cannot be read included."""
    keys = {d.key for d in c.files if d.kind == kind}
    keys |= {key for section, key, _lang in c.index.broken if c.sections[section]["kind"] == kind}
    return keys


def _unknown(c, kind, fields, code, fix_known, fix_none):
    """Problems of ids in `fields` (as lists, or keys of mappings) that name no file of `kind`."""
    known = _keys(c, kind)
    lang = c.index.default_lang
    if known:
        otherwise = Text(fix_known, {"lang": lang, "example": sorted(known)[0]})
    else:
        otherwise = Text(fix_none)
    found = []
    for document in c.files:
        for field in fields:
            values = document.meta.get(field) or ()
            for value in [values] if isinstance(values, str) else values:
                if value not in known:
                    fix = did_you_mean(closest(value, known), otherwise)
                    found.append(_problem(document, document.lines.get(field), code,
                                          value=value, field=field, fix=fix))
    return found


def _communities(c):
    """`communities` of stories and news, `community` of goals: files in the communities folder."""
    return _unknown(c, "community", _fields_naming("community"), "unknown_community",
                    "fix_community", "fix_no_communities")


def _goals(c):
    """`goals` and `goal_status` of stories and news: files in the goals folder.

    Two items of one date that give a goal different statuses leave its status
    to the order of their file names: the later one is told so.
    """
    found = _unknown(c, "goal", _fields_naming("goal"), "unknown_goal", "fix_goal", "fix_no_goals")
    given = {}  # (goal, date) -> (status, document)
    for document in c.files:
        date = document.meta.get("date")
        if document.lang != c.index.default_lang or date is None:
            continue
        for goal, status in (document.meta.get("goal_status") or {}).items():
            earlier = given.setdefault((goal, date), (status, document))
            if earlier[0] != status:
                found.append(_problem(document, document.lines.get("goal_status"), "goal_status_twice",
                                      goal=goal, status=status, other_status=earlier[0],
                                      other=c.path(earlier[1].source)))
    return found


def _cycles(c):
    """Participation fields (schema.PARTICIPATION) across files, in the originals.

    A cycle is closed by one news item; its closing meeting is a news item
    with `event_start`; `participants` belongs to a meeting or to its report.
    """
    found = []
    closed = {}  # cycle -> the document that closes it
    for document in c.files:
        meta = document.meta
        if document.lang != c.index.default_lang or document.kind != "news":
            continue
        cycle = meta.get("cycle")
        if isinstance(cycle, int):
            other = closed.setdefault(cycle, document)
            if other is not document:
                found.append(_problem(document, document.lines.get("cycle"), "cycle_twice",
                                      cycle=cycle, other=c.path(other.source)))
        target = meta.get("cycle_meeting")
        if isinstance(target, str):
            meeting = c.by_key.get((document.section, target, c.index.default_lang))
            if meeting is None or not meeting.meta.get("event_start"):
                found.append(_problem(document, document.lines.get("cycle_meeting"), "cycle_meeting_unknown",
                                      value=target, lang=c.index.default_lang))
        if "participants" in meta and not meta.get("event_start") and not meta.get("report_of"):
            found.append(_problem(document, document.lines.get("participants"), "participants_no_meeting"))
    return found + _counted_once(c)


def _counted_once(c):
    """A meeting's number of participants is written once: in its news item or in one report."""
    found = []
    first = {}  # (section, meeting key) -> the document that records the meeting's number
    originals = [d for d in c.files if d.lang == c.index.default_lang and d.kind == "news"]
    # the meeting's own item first, then its reports in the order of their names
    originals.sort(key=lambda d: (bool(d.meta.get("report_of")), d.source))
    for document in originals:
        if "participants" not in document.meta:
            continue
        meeting = document.meta.get("report_of") or (document.key if document.meta.get("event_start") else None)
        if meeting is None:
            continue
        other = first.setdefault((document.section, meeting), document)
        if other is not document:
            found.append(_problem(document, document.lines.get("participants"), "participants_twice",
                                  other=c.path(other.source)))
    return found


def _fields_naming(kind):
    return tuple(field for field, target in REFERENCES.items() if target == kind)


def _covers(c):
    found = []
    for document in c.files:
        cover = document.meta.get("cover")
        if cover and boundary.resolve(f"{c.index.photo_folder}/x", cover) is None:
            found.append(_problem(document, document.lines.get("cover"), "link_outside", True, target=cover))
        elif cover and not c.exists(f"{c.index.photo_folder}/{cover}"):
            found.append(_problem(document, document.lines.get("cover"), "cover_missing", target=cover))
    return found


def _links(c):
    found = []
    for document in c.files:
        for link in document.links:
            problem = _link(c, document, link)
            if problem is not None:
                found.append(problem)
            if link.image and link.alt == "":
                found.append(_problem(document, link.line, "image_alt", target=link.target))
    return found


def _how_to_link(document, section=None):
    return Text("fix_link", {"lang": document.lang, "section": section or document.section})


def _clean(path):
    return unquote(path.split("#", 1)[0].split("?", 1)[0])


def _link(c, document, link):
    """The problem with one link or image of a document, or None."""
    target = link.target
    internal = _INTERNAL.match(target)
    if internal:
        what = internal["a"] or internal["b"]
        path = _clean(internal["path"])
        if not path:
            return None  # a link to a place on the same page
        relative = boundary.resolve(document.source, path)
        if relative is None:
            return _problem(document, link.line, "link_outside", True, target=target)
        if what != "filename" or link.image:
            problem = _unpublished_file(c, document, link, relative)
            if problem is not None:
                return problem
        if what == "filename" and not link.image and relative in c.index.files:
            return _document_link(c, document, link, relative)
        if what == "filename" and not link.image and not c.exists(relative):
            return _missing_document(c, document, link, relative)
        if not c.exists(relative):
            return _problem(document, link.line, "image_missing" if link.image else "link_missing",
                            target=target, fix=_how_to_link(document))
        return None
    if urlsplit(target).scheme or target.startswith(("//", "#")):
        return None  # another site, an e-mail address, a place on the page
    if not target.startswith("/"):
        if link.image:
            return _problem(document, link.line, "image_missing", target=target)
        return None
    return _site_path(c, document, link)


def _unpublished_file(c, document, link, relative):
    """A `{static}`/`{attach}` link to a file Pelican would copy as it is, but the site does not publish."""
    index = c.index
    through_link = any(relative == name or relative.startswith(name + "/") for name in index.links)
    if through_link or (c.exists(relative) and relative not in index.files
                        and not relative.startswith(index.photo_folder + "/")
                        and not boundary.is_attachment(relative)):
        return _problem(document, link.line, "link_not_published", True, target=link.target,
                        types=join_or(boundary.ATTACHMENT_TYPES))
    return None


def _document_link(c, document, link, relative):
    index = c.index
    target = index.files[relative]
    if target.lang != document.lang:
        same = c.by_key.get((target.section, target.key, document.lang))
        if same is not None:
            return _problem(document, link.line, "link_language", target=link.target,
                            language=language_name(target.lang), suggestion=f"{{filename}}/{same.source}")
        return _problem(document, link.line, "link_missing", target=link.target,
                        fix=_how_to_link(document))
    if relative in index.excluded:
        return None  # a file with a problem of its own: its message is enough
    if relative in index.held_back and document.source not in index.held_back:
        return _problem(document, link.line, "link_unpublished", target=link.target)
    return None


def _missing_document(c, document, link, relative):
    if relative in c.index.unreadable:
        return None  # a file with a problem of its own: its message is enough
    candidates = [f"{{filename}}/{d.source}" for d in c.files if d.lang == document.lang]
    suggestion = closest(f"{{filename}}/{relative}", candidates)
    fix = did_you_mean(suggestion, _how_to_link(document))
    return _problem(document, link.line, "link_missing", target=link.target, fix=fix)


def _site_path(c, document, link):
    """A root-relative link: to an image, or to a document of a section."""
    parts = [part for part in _clean(link.target).split("/") if part]
    lang = c.index.default_lang
    prefixes = {conf["prefix"]: code for code, conf in c.index.languages.items() if conf["prefix"]}
    if parts and parts[0] in prefixes:
        lang, parts = prefixes[parts[0]], parts[1:]
    if not parts:
        return None
    if parts[0] in c.static_paths or link.image:
        if not c.exists("/".join(parts)):
            code = "image_missing" if link.image else "link_missing"
            return _problem(document, link.line, code, target=link.target, fix=_how_to_link(document))
        return None
    section = next((s for s, conf in c.sections.items() if conf.get(lang) == parts[0]), None)
    if section is None or len(parts) < 2 or parts[1].isdigit():
        return None  # a list page, or a page the site makes (not a content file)
    url = f"{parts[0]}/{parts[1]}/"
    documents = c.by_section.get((section, lang), [])
    if any(d.url == url for d in documents):
        return None
    nearest = closest(parts[1], {d.slug: d for d in documents})
    suggestion = next((f"{{filename}}/{d.source}" for d in documents if d.slug == nearest), None)
    fix = did_you_mean(suggestion, _how_to_link(document, section))
    return _problem(document, link.line, "link_missing", target=link.target, fix=fix)
