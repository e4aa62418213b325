"""The content index: one pass over every content file's name and front matter.

Built once per build, before Pelican runs, and shared by every language's run:
it knows each document's translations and their URLs, so that a Latvian page
can link its English translation although the Latvian run never reads it.
"""

import fnmatch
import os
from dataclasses import dataclass, field

from . import frontmatter
from .model import SHARED_FIELDS, Document, parse_file_name, url_for


@dataclass(frozen=True)
class Problem:
    source: str  # path relative to the content folder
    line: int | None
    message: str

    def __str__(self):
        where = f"{self.source}:{self.line}" if self.line else self.source
        return f"{where}: {self.message}"


@dataclass
class ContentIndex:
    languages: dict
    default_lang: str
    documents: dict = field(default_factory=dict)  # source -> Document
    groups: dict = field(default_factory=dict)  # (section, key) -> {lang: Document}
    problems: list = field(default_factory=list)

    @classmethod
    def scan(cls, content_path, sections, languages, default_lang, ignore=()):
        """Read every section folder's `*.md` front matter; never raises for content."""
        index = cls(languages=languages, default_lang=default_lang)
        for section in sections:
            for source in _markdown_files(content_path, section, ignore):
                index._add(content_path, sections, section, source)
        return index

    @classmethod
    def from_settings(cls, settings):
        return cls.scan(
            settings["PATH"],
            settings["SECTIONS"],
            settings["LANGUAGES"],
            settings["DEFAULT_LANG"],
            ignore=settings.get("SITE_IGNORE_FILES", settings.get("IGNORE_FILES", ())),
        )

    def _add(self, content_path, sections, section, source):
        parsed = parse_file_name(os.path.basename(source))
        if parsed is None:
            self.problems.append(Problem(source, None, "the file name is not 'name.lang.md'"))
            return
        key, lang = parsed
        if lang not in self.languages:
            self.problems.append(Problem(source, None, f"'{lang}' is not a language of the site"))
            return
        try:
            with open(os.path.join(content_path, source), encoding="utf-8") as f:
                meta, _body, body_line = frontmatter.parse(f.read())
        except UnicodeDecodeError:
            self.problems.append(Problem(source, None, "the file is not UTF-8 text"))
            return
        except frontmatter.FrontMatterError as error:
            self.problems.append(Problem(source, error.line, str(error)))
            return
        slug = str(meta.get("slug") or key)
        document = Document(
            section=section,
            kind=sections[section]["kind"],
            key=key,
            lang=lang,
            source=source,
            slug=slug,
            url=url_for(sections, section, lang, slug),
            meta=meta,
            body_line=body_line,
        )
        self.documents[source] = document
        self.groups.setdefault((section, key), {})[lang] = document

    def translations(self, document):
        """Every language version of a document, itself included: {lang: Document}."""
        return self.groups.get((document.section, document.key), {})

    def metadata(self, document):
        """The document's front matter with the shared fields of its original filled in."""
        original = self.translations(document).get(self.default_lang)
        merged = {}
        if original is not None and original is not document:
            merged = {
                name: original.meta[name]
                for name in SHARED_FIELDS[document.kind]
                if name in original.meta
            }
        merged.update(document.meta)
        return merged


def _markdown_files(content_path, section, ignore):
    """Paths (relative to content_path) of a section's Markdown files, sorted."""
    root = os.path.join(content_path, section)
    found = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in sorted(filenames):
            if name.endswith(".md") and not any(fnmatch.fnmatch(name, p) for p in ignore):
                found.append(os.path.relpath(os.path.join(dirpath, name), content_path))
    return found
