"""The content index: one pass over every content file's name and front matter.

Built once per build, before Pelican runs, and shared by every language's run:
it knows each document's translations and their URLs, so that a Latvian page
can link its English translation although the Latvian run never reads it.

It is also the content check: reading every file once, it collects every
problem (`problems`, see problems.py) instead of raising, in four steps:

1. files: names, encoding, front matter (a file that cannot be read is left out);
2. fields: each file against the schema of its kind (checks.py);
3. publication: drafts and items dated after the build's day are held back;
4. references: translations, addresses, communities, goals, images, links.

`documents` and `groups` then hold what this build publishes: a file with a
blocking problem is left out, and so are its translations, which inherit
from it. Pelican reads only those (reader.py skips the rest), so an organiser
sees one message per mistake, not a Pelican error after it.
"""

import fnmatch
import functools
import json
import os
import re
from dataclasses import dataclass, field

from sitebuilder.cache import key as cache_key

from . import boundary, frontmatter, html_policy, publication, references
from .checks import check_fields
from .links import find_links
from .messages import Text, join_or
from .model import ARTICLE_KINDS, SHARED_FIELDS, Document, parse_file_name, slugify, url_for
from .problems import Problem
from .translations import state as translation_state
from .translations import version_stamp

TEXT_SUFFIXES = (".md", ".markdown", ".mdown", ".txt")


@dataclass
class ContentIndex:
    languages: dict
    default_lang: str
    sections: dict = field(default_factory=dict)
    documents: dict = field(default_factory=dict)  # source -> Document, published
    groups: dict = field(default_factory=dict)  # (section, key) -> {lang: Document}, published
    problems: list = field(default_factory=list)
    files: dict = field(default_factory=dict)  # source -> Document, every readable file
    unreadable: set = field(default_factory=set)  # sources that could not be read
    broken: set = field(default_factory=set)  # (section, key, lang) of unreadable files
    originals: dict = field(default_factory=dict)  # (section, key) -> readable original
    excluded: set = field(default_factory=set)  # readable sources left out of the build
    held_back: dict = field(default_factory=dict)  # source -> publication.HeldBack
    tree: set = field(default_factory=set)  # every regular file in content/, links not followed
    links: tuple = ()  # the symbolic links in content/: refused, never read
    photo_folder: str = "images"
    reserved: dict = field(default_factory=dict)  # lang -> addresses the site makes itself ("tiksanas/")
    checked: int = 0  # content files looked at
    preview: bool = False
    kept: object = field(default=None, repr=False)  # a kept.Kept of what each file's reading found
    data: dict = field(default_factory=dict, repr=False)  # source -> the file's bytes, read once
    _digests: dict = field(default_factory=dict, repr=False)  # source -> digest, computed once
    _checked: dict = field(default_factory=dict, repr=False)  # source -> key of its fields' check
    _last_body: tuple = field(default=(None, None), repr=False)  # (source, body) last asked for

    @classmethod
    def scan(cls, content_path, sections, languages, default_lang, ignore=(), *,
             static_paths=(), today=None, preview=False, shown="", kept=None,
             photo_folder="images", reserved=None):
        """Read and check every content file; never raises for content.

        kept (a kept.Kept, see kept_namespace) keeps what reading each file
        found between builds: an unchanged file is not parsed again.
        reserved: {lang: [addresses the site makes itself, e.g. "tiksanas/"]}.
        """
        index = cls(languages=languages, default_lang=default_lang, sections=sections, preview=preview,
                    kept=kept, photo_folder=photo_folder, reserved=dict(reserved or {}))
        read = {}
        tree = boundary.walk(content_path, _ignore_matcher(ignore), static_paths)
        index.tree = set(tree.files)
        index.links = tuple(tree.links)
        for source in tree.links:
            index._problem(source, None, "symlink")
        files = _sorted_files(tree, sections)
        for source in tree.files:
            if not _is_text_or_photo(source, sections, photo_folder) and not boundary.is_attachment(source):
                suffix = os.path.splitext(source)[1].lower() or os.path.basename(source)
                index._problem(source, None, "file_type", suffix=suffix,
                               types=join_or(boundary.ATTACHMENT_TYPES))
        for source, section in files:
            index.checked += 1
            entry = index._read(content_path, section, source)
            if entry is not None:
                read[source] = entry
        index._check(read, shown)
        today = today or publication.build_today({})
        for source, document in index.files.items():
            reason = publication.held_back(index.merged(document), today)
            if reason is not None:
                index.held_back[source] = reason
        index.add(references.check(index, content_path, sections, static_paths, shown))
        index._publish()
        index.problems.sort(key=lambda p: (p.source, p.line or 0))
        return index

    @classmethod
    def from_settings(cls, settings, shown="", kept=None):
        return cls.scan(**scan_arguments(settings), shown=shown, kept=kept)

    def add(self, problems):
        for problem in problems:
            self.problems.append(problem)
            if problem.blocking:
                self.excluded.add(problem.source)

    # --- 1. files ----------------------------------------------------------

    def _problem(self, source, line, code, **params):
        self.add([Problem(source, line, Text(code, params), blocking=True)])
        self.unreadable.add(source)

    def _read(self, content_path, section, source):
        """(section, key, lang, meta, lines, body_line, links, stamp), or None after a problem."""
        name = os.path.basename(source)
        if section is None:
            folders = ", ".join(f"content/{folder}/" for folder in self.sections)
            return self._problem(source, None, "outside_sections", folders=folders)
        if not name.lower().endswith(TEXT_SUFFIXES):
            return self._problem(source, None, "not_markdown")
        parsed = parse_file_name(name)
        if parsed is None:
            return self._problem(source, None, "name_pattern", suggestion=self._suggest_name(name))
        key, lang = parsed
        if lang not in self.languages:
            endings = join_or([f".{code}.md" for code in self.languages])
            return self._problem(source, None, "name_language", lang=lang, endings=endings)
        data = self.data.get(source)
        if data is None:
            data = _load(content_path, source)
            if data is None:
                size = os.path.getsize(os.path.join(content_path, source))
                return self._problem(source, None, "file_too_large", size=_kilobytes(size),
                                     limit=_kilobytes(boundary.MAX_TEXT_BYTES))
            self.data[source] = data
        kind = self._kind(section)
        digest = self._digests.get(source) or _digest(data, kind)
        self._digests[source] = digest
        found = self.kept.get(digest) if self.kept is not None else None
        if found is None:
            parsed = self._read_text(source, data)
            if parsed is None:
                self.broken.add((section, key, lang))
                return None
            found = _findings(kind, *parsed)
            if self.kept is not None:
                self.kept.put(digest, found)
        meta, lines, body_line, links, stamp, removed = found
        self.add(Problem(source, line, Text(code, params)) for line, code, params in removed)
        return section, key, lang, meta, lines, body_line, links, stamp

    def _read_text(self, source, data):
        """(text, meta, body, body_line) of a file's bytes, or None after a problem."""
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            return self._problem(source, data[: error.start].count(b"\n") + 1, "not_utf8")
        if not text.strip():
            return self._problem(source, None, "empty")
        try:
            meta, body, body_line = frontmatter.parse(text)
        except frontmatter.FrontMatterError as error:
            return self._problem(source, error.line, error.text.code, **error.text.params)
        overflow = boundary.markup_overflow(body)
        if overflow is not None:
            mark, count, limit = overflow
            return self._problem(source, None, "too_much_markup", mark=mark, count=count, limit=limit)
        return text, meta, body, body_line

    def _suggest_name(self, name):
        stem = name
        for suffix in TEXT_SUFFIXES:
            if stem.lower().endswith(suffix):
                stem = stem[: -len(suffix)]
        base, _dot, lang = stem.rpartition(".")
        if not base or lang.lower() not in self.languages:
            base, lang = stem, self.default_lang
        return f"{slugify(base) or 'nosaukums'}.{lang.lower()}.md"

    # --- 2. fields ---------------------------------------------------------

    def _check(self, read, shown):
        """Check every file's fields, originals first: translations inherit from them."""
        originals = self.originals
        ordered = sorted(read.items(), key=lambda item: item[1][2] != self.default_lang)
        for source, (section, key, lang, meta, lines, body_line, links, stamp) in ordered:
            translation = lang != self.default_lang
            original = originals.get((section, key)) if translation else None
            inherited = None  # no original: a translation needs every required field itself
            if original is not None:
                inherited = original.meta
            elif (section, key, self.default_lang) in self.broken:
                inherited = {}  # an original that cannot be read: it says so, this file waits
            shown_source = f"{shown}/{source}" if shown else source
            # What the check depends on: the file, and for a translation its original's check.
            if original is not None:
                origin = self._checked[original.source]
            else:
                origin = "broken" if inherited is not None else None
            check_key = self._checked[source] = (
                "fields", self._digests[source], translation, origin, self.default_lang, shown_source,
            )
            checked = self.kept.get(check_key) if self.kept is not None else None
            if checked is None:
                checked = check_fields(
                    self._kind(section), meta, lines,
                    translation=translation,
                    inherited=inherited,
                    end_line=body_line - 1,
                    default_lang=self.default_lang,
                    shown=shown_source,
                )
                if self.kept is not None:
                    self.kept.put(check_key, checked)
            clean = checked.meta
            slug = clean.get("slug", key) if translation else key
            document = Document(
                section=section,
                kind=self._kind(section),
                key=key,
                lang=lang,
                source=source,
                slug=slug,
                url=url_for(self.sections, section, lang, slug),
                meta=clean,
                body_line=body_line,
                lines=dict(reversed(lines)),
                links=tuple(links),
                stamp=stamp,
            )
            self.files[source] = document
            self.add(Problem(source, line, text, blocking) for line, text, blocking in checked.problems)
            inherits_trouble = translation and (
                checked.waits_for_original
                or (section, key, self.default_lang) in self.broken
                or (original is not None and original.source in self.excluded)
            )
            if inherits_trouble:
                self.excluded.add(source)
            if not translation:
                originals.setdefault((section, key), document)

    def _kind(self, section):
        return self.sections[section]["kind"]

    # --- 4. what is published ----------------------------------------------

    def _publish(self):
        for source, document in self.files.items():
            if source in self.excluded or (source in self.held_back and not self.preview):
                continue
            group = self.groups.setdefault((document.section, document.key), {})
            if document.lang in group:
                continue  # a second file at the same address: reported, left out
            group[document.lang] = document
            self.documents[source] = document

    # --- questions the build asks ------------------------------------------

    def translations(self, document):
        """Every published language version of a document, itself included: {lang: Document}."""
        return self.groups.get((document.section, document.key), {})

    def original(self, document):
        """The readable default-language file of a document (itself for an original), or None."""
        return self.originals.get((document.section, document.key))

    def merged(self, document):
        """Clean metadata with the shared fields of its original filled in."""
        original = self.original(document)
        merged = {}
        if original is not None and original is not document:
            merged = {
                name: original.meta[name]
                for name in SHARED_FIELDS[document.kind]
                if name in original.meta
            }
        merged.update(document.meta)
        return merged

    def metadata(self, document):
        """The document's front matter with the shared fields of its original filled in."""
        return self.merged(document)

    def body(self, source, path=None):
        """The Markdown body of a content file, from the bytes the index read (else from `path`).

        The last one is kept: a run asks for a document's body to convert it,
        then again to keep the document (sitebuilder.cache.documents).
        """
        if self._last_body[0] == source:
            return self._last_body[1]
        data = self.data.get(source)
        if data is None:
            with open(path, "rb") as f:
                data = f.read()
        body = frontmatter.body_of(data)  # the index has read the YAML
        self._last_body = (source, body)
        return body

    def translation_state(self, document):
        """translations.CURRENT, STALE or UNCONFIRMED; None for an original or an orphan."""
        original = self.original(document)
        if document.lang == self.default_lang or original is None:
            return None
        return translation_state(document.meta.get("translated_from"), original.stamp)

    def digests(self):
        """What pages can show of the published documents, but their text.

        Returns (shared, {group: front matter digest}, {group: state digest}).
        A group is a document in all its languages ("stories/x"). Its front
        matter digest covers its files' front matter (with what translations
        inherit) and addresses; its state digest what only its own pages show:
        whether a translation is out of date, whether it is held back (a
        preview). `shared` covers every document's address and the front
        matter of the kinds that are not dated items (communities, chapters,
        pages: names and links any page may show). For the incremental
        builds (sitebuilder.cache.keys, site_incremental).
        """
        def hashed(value):
            return cache_key(json.dumps(value, sort_keys=True, default=str, ensure_ascii=False))

        def origin(document):
            original = self.original(document)
            return None if original is None else self._checked.get(original.source)

        meta, states = {}, {}
        for (section, key), documents in sorted(self.groups.items()):
            versions = [document for _lang, document in sorted(documents.items())]
            name = f"{section}/{key}"
            # merged() is made of its file's fields check and its original's: kept by their keys.
            kept_key = None
            if self.kept is not None and all(d.source in self._checked for d in versions):
                kept_key = ("group", tuple((d.source, d.slug, d.url, self._checked[d.source], origin(d))
                                           for d in versions))
            meta[name] = self.kept.get(kept_key) if kept_key else None
            if meta[name] is None:
                meta[name] = hashed([[d.source, d.slug, d.url, self.merged(d)] for d in versions])
                if kept_key:
                    self.kept.put(kept_key, meta[name])
            states[name] = hashed([
                [d.source, self.translation_state(d), repr(self.held_back.get(d.source))] for d in versions
            ])
        addresses = [
            [source, document.section, document.kind, document.key, document.lang, document.url]
            for source, document in sorted(self.documents.items())
        ]
        undated = sorted(
            (name, digest) for name, digest in meta.items()
            if self._kind(name.partition("/")[0]) not in ARTICLE_KINDS
        )
        return hashed([addresses, undated]), meta, states




def _digest(data, kind):
    return cache_key(kind, data)


def _findings(kind, text, meta, body, body_line):
    """What the index keeps of a file it could read: (meta, lines, body_line, links, stamp, removed).

    removed: [(line, message code, params)] of the raw HTML that cleaning takes out of its page.
    """
    links = find_links(body, body_line)
    removed = html_policy.problems(body, body_line, links) if html_policy.needs_cleaning(body) else []
    return meta, frontmatter.field_lines(text), body_line, links, version_stamp(kind, meta, body), removed


@functools.lru_cache(maxsize=1)  # the code of a running build does not change
def kept_namespace():
    """What kept readings depend on besides the file: the code of this package."""
    folder = os.path.dirname(os.path.abspath(__file__))
    parts = []
    for name in sorted(os.listdir(folder)):
        if name.endswith(".py"):
            with open(os.path.join(folder, name), "rb") as f:
                parts.append((name, f.read()))
    return cache_key(tuple(parts))


def scan_arguments(settings):
    """What ContentIndex.scan reads of the settings: the index is the same when these are."""
    return {
        "content_path": settings["PATH"],
        "sections": settings["SECTIONS"],
        "languages": settings["LANGUAGES"],
        "default_lang": settings["DEFAULT_LANG"],
        "ignore": _ignored(settings),
        "static_paths": settings.get("STATIC_PATHS", ()),
        "today": publication.build_today(settings),
        "preview": publication.is_preview(settings),
        "photo_folder": (settings.get("PHOTOS") or {}).get("folder", "images"),
        "reserved": reserved_addresses(settings),
    }


def _ignored(settings):
    return settings.get("SITE_IGNORE_FILES", settings.get("IGNORE_FILES", ()))


def _ignore_matcher(ignore):
    # One expression for all the patterns: fnmatch tried each on each file (0.03 s for 2,000 files).
    return re.compile("|".join(fnmatch.translate(os.path.normcase(p)) for p in ignore)).match if ignore else None


def _sorted_files(tree, sections):
    """(source, section or None) of every content file of a boundary.Walk, sorted.

    A file in a section's folder is a content file of it; a Markdown file
    elsewhere is one of no section (the check says where it belongs).
    """
    found = []
    for source in tree.files:
        top = source.split("/")[0]
        if "/" in source and top in sections:
            found.append((source, top))
        elif source.lower().endswith(".md"):
            found.append((source, None))
    return found


def _is_text_or_photo(source, sections, photo_folder):
    """Whether the index or the photo pipeline reads the file (else it must be an attachment)."""
    top = source.split("/")[0]
    if "/" in source and top in sections:
        return True  # a text, or a problem of its own (not_markdown)
    if "/" in source and top == photo_folder:
        return True
    return source.lower().endswith(".md")


def _load(content_path, source):
    """A text's bytes, or None when it is larger than a text may be (it is never read whole)."""
    with open(os.path.join(content_path, source), "rb") as f:
        data = f.read(boundary.MAX_TEXT_BYTES + 1)
    return None if len(data) > boundary.MAX_TEXT_BYTES else data


def _kilobytes(size):
    return -(-size // 1024)  # rounded up: a file over the limit never shows as at it


def _content_files(content_path, sections, ignore, static_paths):
    """(source relative to content_path, section or None) of every content file, sorted.

    Static folders, links, hidden and ignored files are not content files.
    """
    return _sorted_files(boundary.walk(content_path, _ignore_matcher(ignore), static_paths), sections)


def reserved_addresses(settings):
    """{lang: sorted addresses}: the folders the site itself makes in each language.

    A page there would be overwritten, or hide what the site makes: the
    editor (/admin/) and the search index and the photos (in the root
    language), the search page, the meetings' lists, the guides' printable copies, the
    offline page.
    """
    languages = settings["LANGUAGES"]
    found = {}
    for lang, conf in languages.items():
        names = {
            (settings.get("SEARCH_PAGES") or {}).get(lang),
            (((settings.get("GUIDE_PRINT") or {}).get("paths") or {}).get(lang) or {}).get("folder"),
        }
        meetings = (settings.get("MEETINGS") or {}).get(lang) or {}
        names |= {meetings.get("upcoming"), meetings.get("past")}
        names.add(((settings.get("OFFLINE") or {}).get("pages") or {}).get(lang))
        names.add("pagefind")  # each language's search index
        if not conf.get("prefix"):
            names |= {(settings.get("EDITOR") or {}).get("path"),
                      (settings.get("PHOTOS") or {}).get("folder", "images")}
        found[lang] = sorted({f"{name.strip('/').split('/')[0]}/" for name in names if name})
    return found
