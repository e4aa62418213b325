"""The guides as readers meet them: ordered chapters, neighbours, print paths.

Pure functions only; the Pelican hooks live in `__init__.py`. A guide is a
named set of chapters of the methodology section (`guide` and `chapter` in
their front matter); GUIDES in the settings orders the guides.
"""

from dataclasses import dataclass, field

__all__ = ["Guide", "DEFAULTS", "options", "print_paths", "guides_of", "neighbours", "numbering_problems"]

# GUIDE_PRINT in the settings overrides these, key by key.
DEFAULTS = {
    "pdf": True,  # render each print page to a PDF at build time (WeasyPrint)
    # per language: the folder of the print pages below the methodology
    # section's path, and each guide's name in it (the default: the guide's key)
    "paths": {},
}


@dataclass(frozen=True)
class Guide:
    """One guide in one language."""

    name: str  # "methodology" or "guidelines"
    chapters: tuple = field(repr=False)  # chapter pages, in order
    page: str = ""  # the print page, relative to the language's root: "x/druka/y/"
    pdf: str = ""  # the PDF beside it, "x/druka/y.pdf"; "" when PDFs are off
    pdf_size: int = 0  # bytes, once rendered


def options(settings):
    """GUIDE_PRINT merged over the defaults (the settings are left as they are)."""
    return dict(DEFAULTS, **settings.get("GUIDE_PRINT", {}))


def print_paths(config, section_path, lang, guide):
    """(print page, PDF) of a guide in a language, relative to the language's root."""
    names = config["paths"].get(lang, {})
    folder = names.get("folder", "print")
    name = names.get(guide, guide)
    base = f"{section_path}/{folder}" if section_path else folder
    return f"{base}/{name}/", (f"{base}/{name}.pdf" if config["pdf"] else "")


def guides_of(chapters, order, paths):
    """{guide name: Guide} in the order of `order`, from chapters already in reading order.

    paths(name) gives (page, pdf) for a guide. Guides without chapters are left out.
    """
    found = {}
    for chapter in chapters:
        found.setdefault(getattr(chapter, "guide", ""), []).append(chapter)
    names = [name for name in order if name in found] + sorted(set(found) - set(order))
    guides = {}
    for name in names:
        page, pdf = paths(name)
        guides[name] = Guide(name, tuple(found[name]), page, pdf)
    return guides


def neighbours(guide, chapter):
    """(previous, next) chapter of `chapter` in its guide; None at either end."""
    keys = [item.key for item in guide.chapters]
    if chapter.key not in keys:
        return None, None
    position = keys.index(chapter.key)
    previous = guide.chapters[position - 1] if position > 0 else None
    following = guide.chapters[position + 1] if position + 1 < len(guide.chapters) else None
    return previous, following


def numbering_problems(guide, source_of):
    """One message for each chapter number that two chapters of a guide share.

    source_of(chapter) names the chapter's file.
    """
    by_number = {}
    for chapter in guide.chapters:
        by_number.setdefault(int(chapter.chapter), []).append(source_of(chapter))
    return [
        f"{sources[0]}: 'chapter' {number} of the guide '{guide.name}' is also the number of "
        f"{', '.join(sources[1:])}: give each chapter of a guide its own number"
        for number, sources in sorted(by_number.items())
        if len(sources) > 1
    ]
