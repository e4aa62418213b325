"""The theme in the page's language: gettext catalogues and Babel dates.

The catalogues are `theme/translations/<lang>/LC_MESSAGES/messages.po`, found
from the theme's absolute path and compiled in memory on every build, so a
stale `.mo` can never be served. English is the language of the templates'
messages and needs no catalogue; any other language without one stops the build.
"""

import io
import os

from babel.dates import format_date, format_skeleton
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations
from pelican import signals

__all__ = ["load_translations", "content_date", "register"]

SOURCE_LANGUAGE = "en"
DOMAIN = "messages"


class MissingCatalogue(Exception):
    pass


def catalogue_path(theme, lang):
    return os.path.join(theme, "translations", lang, "LC_MESSAGES", f"{DOMAIN}.po")


def load_translations(theme, lang):
    """Translations for `lang`, compiled from its `.po` file."""
    if lang == SOURCE_LANGUAGE:
        return NullTranslations()
    path = catalogue_path(os.path.abspath(theme), lang)
    if not os.path.exists(path):
        raise MissingCatalogue(
            f"{path}: no catalogue for the language '{lang}'; "
            "run 'invoke messages' and translate the new file"
        )
    with open(path, "rb") as f:
        catalogue = read_po(f, locale=lang, domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, catalogue)
    buffer.seek(0)
    return Translations(fp=buffer, domain=DOMAIN)


def content_date(value, locale, precision="day"):
    """A date as a reader in `locale` writes it, as precise as the content knows it."""
    if precision == "year":
        return str(value.year)
    if precision == "month":
        return format_skeleton("yMMMM", value, locale=locale)
    return format_date(value, format="long", locale=locale)


def install(generator):
    settings = generator.settings
    lang = settings["DEFAULT_LANG"]
    locale = settings["LANGUAGES"][lang].get("locale", lang)
    env = generator.env
    catalogues = {code: load_translations(settings["THEME"], code) for code in settings["LANGUAGES"]}
    env.install_gettext_translations(catalogues[lang], newstyle=True)
    env.filters["long_date"] = lambda value: content_date(value, locale)
    env.globals["content_date"] = lambda item: content_date(
        item.date, locale, getattr(item, "date_precision", "day")
    )
    env.globals["gettext_in"] = lambda code, message: catalogues[code].gettext(message)


def register():
    signals.generator_init.connect(install)
