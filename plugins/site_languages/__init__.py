"""Two languages, one set of content: translation links and the language switcher.

Each language is built by its own Pelican run (see `site_build`);
`language_settings()` makes that run's settings. Every page gets `alternates`:
one entry per language of the site, with the URL of the translation, or, when
there is none, the URL of that language's home page and `available=False`.
"""

from typing import NamedTuple

from pelican import signals

from sitebuilder.context import current, site_root

from site_content.model import language_root, section_path

__all__ = ["Alternate", "language_settings", "alternates_for", "path_alternates", "document_link", "register"]


def language_settings(settings, lang, output_path):
    """Overrides that turn the site's settings into one language's run."""
    languages = settings["LANGUAGES"]
    prefix = languages[lang]["prefix"]
    site_root = settings["SITEURL"]
    others = [other for other in languages if other != lang]
    site_default = settings.get("SITE_DEFAULT_LANG", settings["DEFAULT_LANG"])
    default = lang == site_default
    site_url = f"{site_root}/{prefix}" if prefix else site_root
    return {
        "DEFAULT_LANG": lang,
        "SITE_DEFAULT_LANG": site_default,
        "SITEURL": site_url,
        "FEED_DOMAIN": site_url,  # feeds' own links: each language's feed is in its folder
        "SITENAME": languages[lang]["sitename"],
        "SITESUBTITLE": languages[lang]["tagline"],
        "OUTPUT_PATH": f"{output_path}/{prefix}" if prefix else output_path,
        "SITE_IGNORE_FILES": list(settings["IGNORE_FILES"]),
        "IGNORE_FILES": list(settings["IGNORE_FILES"]) + [f"*.{o}.md" for o in others],
        # Theme files and images are shared: only the default language copies them.
        "THEME_STATIC_PATHS": settings["THEME_STATIC_PATHS"] if default else [],
        "STATIC_PATHS": settings["STATIC_PATHS"] if default else [],
    }


class Alternate(NamedTuple):
    """A page in one language of the site (templates read `alternate.href`, as they would a dict's)."""

    lang: str
    name: str  # the language's own name
    href: str
    available: bool  # False: no translation, href is that language's home page
    current: bool  # the language of the page shown


def _entry(settings, lang, path, available):
    languages = settings["LANGUAGES"]
    return Alternate(
        lang=lang,
        name=languages[lang]["name"],
        href=site_root(settings) + path,
        available=available,
        current=lang == settings["DEFAULT_LANG"],
    )


def alternates_for(settings, section=None, document=None):
    """Alternates of a document, of a section's list page, or of the home page."""
    languages = settings["LANGUAGES"]
    entries = []
    for lang in languages:
        root = language_root(languages, lang)
        if document is not None:
            translation = current().index.translations(document).get(lang)
            if translation is None:
                entries.append(_entry(settings, lang, root, False))
            else:
                entries.append(_entry(settings, lang, root + translation.url, True))
        elif section is not None:
            path = section_path(settings["SECTIONS"], section, lang)
            entries.append(_entry(settings, lang, f"{root}{path}/" if path else root, True))
        else:
            entries.append(_entry(settings, lang, root, True))
    return entries


def path_alternates(settings, paths):
    """Alternates of a generated page whose path is known in every language.

    paths: {lang: path relative to that language's root}, e.g. {"lv": "tiksanas/"}.
    """
    languages = settings["LANGUAGES"]
    return [
        _entry(settings, lang, language_root(languages, lang) + paths[lang], True)
        for lang in languages
    ]


def attach_alternates(content):
    """Give every content object its `alternates`."""
    build = current()
    if build is None or not hasattr(content, "key"):
        return
    document = build.index.documents.get(
        content.relative_source_path.replace("\\", "/")
    )
    if document is not None:
        content.alternates = alternates_for(content.settings, document=document)
        content.untranslated = [a for a in content.alternates if not a.available]


def document_link(settings, reference):
    """`{"title", "href"}` of a document ("pages/privatums") in the page's language.

    None when the document does not exist in that language.
    """
    section, _, key = reference.partition("/")
    lang = settings["DEFAULT_LANG"]
    group = current().index.groups.get((section, key), {})
    document = group.get(lang)
    if document is None:
        return None
    meta = current().index.metadata(document)
    return {"title": meta.get("title", key), "href": f"{settings['SITEURL']}/{document.url}"}


def add_template_functions(generator):
    settings = generator.settings
    env = generator.env
    env.globals["page_alternates"] = lambda section=None: alternates_for(settings, section=section)
    env.globals["document_link"] = lambda reference: document_link(settings, reference)


def mark_feed_language(context, feed):
    """`xml:lang` on the feed: each language's feed holds only that language."""
    feed.feed["language"] = context["DEFAULT_LANG"]


def register():
    signals.feed_generated.connect(mark_feed_language)
    signals.content_object_init.connect(attach_alternates)
    signals.generator_init.connect(add_template_functions)
