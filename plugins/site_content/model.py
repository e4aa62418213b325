"""The content model: file names, kinds of content, shared fields and URLs.

Pure functions and constants only; the Pelican hooks live in `reader.py`.
"""

import re
import unicodedata
from dataclasses import dataclass, field

from .schema import SCHEMA, shared_fields

# `kopienu-sarunas.lv.md`: the translation key, then the language.
FILE_NAME = re.compile(r"^(?P<key>[a-z0-9]+(?:-[a-z0-9]+)*)\.(?P<lang>[a-z]{2})\.md$")
KEY = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

# Kinds of content that Pelican treats as dated articles (in feeds and
# newest-first lists); the other kinds are pages.
ARTICLE_KINDS = {"story", "news"}

# Fields written once, in the default-language file, and inherited by each
# translation unless the translation sets them itself (from schema.py).
SHARED_FIELDS = {kind: shared_fields(kind) for kind in SCHEMA}


@dataclass(frozen=True)
class Document:
    """One content file, as known before Pelican reads it."""

    section: str  # folder in content/, e.g. "stories"
    kind: str  # "story", "news", "chapter", "community" or "page"
    key: str  # translation key, from the file name
    lang: str
    source: str  # path relative to the content folder
    slug: str
    url: str  # relative to the language's root, e.g. "stasti/x/"
    meta: dict = field(compare=False, repr=False)  # front matter as written
    body_line: int = 1  # line of the file where the Markdown body starts
    lines: dict = field(default_factory=dict, compare=False, repr=False)  # field -> line
    links: tuple = field(default=(), compare=False, repr=False)  # links.Link of the body
    stamp: str = field(default="", compare=False, repr=False)  # translations.version_stamp


# Latvian letters folded the way Latvians write them without diacritics.
_FOLD = str.maketrans("āčēģīķļņōŗšūž", "acegiklnorsuz")


def slugify(text):
    """An address made of a title: "Kopsanāksme Mežiniekos" -> "kopsanaksme-meziniekos"."""
    folded = unicodedata.normalize("NFKD", str(text).lower().translate(_FOLD))
    plain = folded.encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")


def is_key(value):
    """Whether `value` is a key, slug or id: lower-case Latin letters, digits, hyphens."""
    return isinstance(value, str) and KEY.fullmatch(value) is not None


def parse_file_name(name):
    """Return (key, lang) for `key.lang.md`, or None when the name does not fit."""
    match = FILE_NAME.match(name)
    return (match["key"], match["lang"]) if match else None


def section_path(sections, section, lang):
    """URL path of a section's list page in a language: "stasti", "" for pages."""
    return sections[section][lang]


def url_for(sections, section, lang, slug):
    """URL of a document relative to its language's root: `stasti/slug/`."""
    path = section_path(sections, section, lang)
    return f"{path}/{slug}/" if path else f"{slug}/"


def language_root(languages, lang):
    """Root-relative path of a language's home: "/" or "/en/"."""
    prefix = languages[lang]["prefix"]
    return f"/{prefix}/" if prefix else "/"
