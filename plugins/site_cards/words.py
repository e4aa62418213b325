"""What a page's card says, in the page's language: a `draw.Words` from a document.

The translated labels (the kind of page, a meeting's time and status) come
from the theme's macros (theme/templates/macros/share_card.html), so they go
through the theme's catalogue like every other visible string; the names of
communities are their pages' titles.
"""

from markupsafe import Markup

from site_languages import document_link

from .draw import Words

__all__ = ["MACROS", "alt_text", "document_words", "list_pages", "list_words", "site_words"]

MACROS = "macros/share_card.html"
SEPARATOR = " · "


def plain(value):
    """A macro's output as the text it shows: no markup, entities decoded, spaces collapsed."""
    return Markup(str(value)).striptags()


def community_names(settings, ids):
    names = []
    for key in ids or ():
        link = document_link(settings, f"communities/{key}")
        if link:
            names.append(link["title"])
    return names


def document_words(settings, macros, item):
    """The words of a document's card: its kind, communities, title, and a meeting's time and place."""
    kind = plain(macros.kind(item))
    communities = community_names(settings, _community_ids(item))
    kicker = SEPARATOR.join(part for part in (kind, ", ".join(communities)) if part)
    meeting = getattr(item, "meeting", None)
    lang = settings["LANGUAGES"][settings["DEFAULT_LANG"]]
    return Words(
        title=item.title,
        kicker=kicker,
        when=plain(macros.when(meeting)) if meeting else "",
        where=meeting.location if meeting else "",
        sitename=settings["SITENAME"],
        organisation=lang.get("organisation", ""),
    )


def _community_ids(item):
    if item.kind in ("story", "news"):
        return getattr(item, "communities", None) or ()
    if item.kind == "goal" and getattr(item, "community", None):
        return (item.community,)
    return ()


def site_words(settings):
    """The words of the site's own card (the home page, lists, and every page without a card of its own)."""
    lang = settings["LANGUAGES"][settings["DEFAULT_LANG"]]
    return Words(
        title=lang.get("tagline") or settings["SITENAME"],
        sitename=settings["SITENAME"],
        organisation=lang.get("organisation", ""),
    )


def list_words(settings, macros, name):
    """The words of a list page's card: its title ("Stāsti", "Upcoming meetings") under the site's tagline."""
    lang = settings["LANGUAGES"][settings["DEFAULT_LANG"]]
    return Words(
        title=plain(macros.list_title(name)),
        kicker=lang.get("tagline", ""),
        sitename=settings["SITENAME"],
        organisation=lang.get("organisation", ""),
    )


def list_pages(settings):
    """{name: path} of the run's list pages: each section's that has one, and the meetings' pages."""
    lang = settings["DEFAULT_LANG"]
    pages = {name: conf.get(lang) for name, conf in settings.get("SECTIONS", {}).items() if conf.get(lang)}
    meetings = settings.get("MEETINGS", {}).get(lang, {})
    pages.update({name: meetings[name] for name in ("upcoming", "past") if meetings.get(name)})
    return {name: path.strip("/") for name, path in pages.items()}


def alt_text(words, macros=None, photo_alt=""):
    """The card described for those who cannot see it: the words it shows, then its photo."""
    parts = [words.kicker, words.title, words.when, words.where, words.sitename]
    sentences = [part if part.endswith((".", "!", "?", "…")) else part + "." for part in parts if part]
    if photo_alt and macros is not None:
        sentences.append(plain(macros.photo(photo_alt)))
    return " ".join(sentences)
