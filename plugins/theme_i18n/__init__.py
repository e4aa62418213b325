"""The theme in the page's language: gettext catalogues and Babel dates.

The catalogues are `theme/translations/<lang>/LC_MESSAGES/messages.po`, found
from the theme's absolute path and compiled in memory on every build, so a
stale `.mo` can never be served. English is the language of the templates'
messages and needs no catalogue; any other language without one stops the build.
"""

import datetime
import functools
import io
import os

from babel.dates import format_date, format_interval, format_skeleton, format_time
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations
from markupsafe import Markup
from pelican import signals

__all__ = ["load_translations", "content_date", "machine_date", "event_period", "register"]

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


@functools.lru_cache(maxsize=4096)  # many pages show the same dates
def content_date(value, locale, precision="day"):
    """A date as a reader in `locale` writes it, as precise as the content knows it."""
    if precision == "year":
        return str(value.year)
    if precision == "month":
        return format_skeleton("yMMMM", value, locale=locale)
    return format_date(value, format="long", locale=locale)


@functools.lru_cache(maxsize=4096)  # lists show the same dates again and again
def machine_date(value, precision="day"):
    """A date as HTML's <time datetime> takes it, as precise as the content knows it."""
    return datetime.date.strftime(value, {"year": "%Y", "month": "%Y-%m"}.get(precision, "%Y-%m-%d"))


def event_period(start, end, locale):
    """When an event takes place, in local time: "2024. gada 5. marts, 18:00–20:00".

    start and end are dates (an all-day event, end its last day) or datetimes
    already in local time; end may be None.
    """
    if not isinstance(start, datetime.datetime):
        if end is None or end == start:
            return format_date(start, format="long", locale=locale)
        return format_interval(start, end, "yMMMMd", locale=locale)
    day = format_date(start.date(), format="long", locale=locale)
    if end is None:
        return f"{day}, {format_time(start.time(), format='short', locale=locale)}"
    if end.date() == start.date():
        return f"{day}, {format_interval(start.time(), end.time(), 'Hm', locale=locale)}"
    last = format_date(end.date(), format="long", locale=locale)
    return (
        f"{day}, {format_time(start.time(), format='short', locale=locale)} – "
        f"{last}, {format_time(end.time(), format='short', locale=locale)}"
    )


def load_catalogues(pelican):
    """Every language's catalogue, compiled once per run (kept by this module, not in the settings)."""
    settings = pelican.settings
    _CATALOGUES.clear()
    _CATALOGUES.update((code, load_translations(settings["THEME"], code)) for code in settings["LANGUAGES"])


_CATALOGUES = {}  # this run's {language: Translations}


def fast_gettext(translations):
    """Jinja's new-style gettext for autoescaped templates, each message translated once.

    The same result as the one `install_gettext_translations(newstyle=True)`
    installs (the message as Markup, `%` applied with the variables, so `%%`
    is a percent sign), without going through the template context on every
    call: a page calls it a dozen times, and it was a tenth of a page's time.
    """
    @functools.lru_cache(maxsize=None)
    def translated(message):
        return Markup(translations.gettext(message))

    @functools.lru_cache(maxsize=None)
    def without_variables(message):
        return translated(message) % {}

    def gettext(message, **variables):
        if not variables:
            return without_variables(message)
        return translated(message) % variables

    return gettext


def _precision(item):
    """How much of an item's date the content knows: "day" (the default), "month" or "year"."""
    return getattr(item, "date_precision", "day")


def install(generator):
    settings = generator.settings
    lang = settings["DEFAULT_LANG"]
    locale = settings["LANGUAGES"][lang].get("locale", lang)
    env = generator.env
    catalogues = _CATALOGUES
    env.install_gettext_translations(catalogues[lang], newstyle=True)
    env.globals["gettext"] = env.globals["_"] = fast_gettext(catalogues[lang])
    env.filters["long_date"] = lambda value: content_date(value, locale)
    env.globals["content_date"] = lambda item: content_date(item.date, locale, _precision(item))
    env.globals["machine_date"] = lambda item: machine_date(item.date, _precision(item))
    env.globals["event_period"] = lambda start, end=None: event_period(start, end, locale)
    env.globals["gettext_in"] = lambda code, message: catalogues[code].gettext(message)


def register():
    signals.initialized.connect(load_catalogues)
    signals.generator_init.connect(install)
