"""What a meeting's poster says, as plain data, and where it goes.

Only what the content and the settings hold: the meeting's title, summary,
time and place (its news item's front matter), the organiser (the
language's `organisation`) and the funder's acknowledgement (the language's
`acknowledgement`: the site is the project's, so every meeting on it is one
of the funded project; a site that sets none prints none).
"""

import html
from dataclasses import dataclass

from .qr import qr_image, short_address
from .when import schedule

__all__ = ["DEFAULTS", "options", "wanted", "poster_path", "PosterText", "poster_text", "Poster"]

# POSTERS in the settings, over these. The file's name, per language, after the meeting's slug
# beside its page: /jaunumi/vasaras-tiksanas/vasaras-tiksanas-plakats.pdf.
DEFAULTS = {
    "pdf": False,  # made only where set (publishconf.py): about 0.5 s of CPU a poster, once (cached)
    "names": {"lv": "plakats", "en": "poster"},
}
# A meeting gets a poster while it is to come and its date holds: a cancelled
# meeting needs none, and a postponed one has no date yet.
STATUSES = ("scheduled", "rescheduled")


def options(settings):
    config = dict(DEFAULTS, **settings.get("POSTERS", {}))
    config["names"] = dict(DEFAULTS["names"], **config["names"])
    return config


def wanted(meeting):
    """Whether a meeting gets a poster."""
    return not meeting.past and meeting.status in STATUSES


def poster_path(config, lang, url, slug):
    """The poster's URL path, relative to the language's root."""
    return f"{url}{slug}-{config['names'].get(lang, 'poster')}.pdf"


@dataclass(frozen=True)
class Poster:
    """A poster made for a meeting page: its path (relative to the language's root) and size."""

    path: str
    size: int


@dataclass(frozen=True)
class PosterText:
    title: str
    summary: str
    days: tuple  # ((day in words, time or ""), ...): the day, or the first and the last day
    hours: tuple | None  # (start,) or (start, end) within the day; () in `days`; None: not known
    status: str  # the meeting's event_status
    place: str
    address: str
    organiser: str
    acknowledgement: str
    link: str  # the meeting page's address, in the QR code
    link_text: str  # the same as one types it
    qr: str  # the QR code as an SVG data URI
    heading_font: str  # the URL of the title's font (resolved by the PDF renderer)


def plain(value):
    """Front-matter text as the poster prints it."""
    return html.unescape(str(value or "")).strip()


def poster_text(*, title, summary, meeting, language, locale, link, heading_font):
    """The text of a meeting's poster. language: the settings' LANGUAGES entry of the page's language."""
    days, hours = schedule(meeting.start, meeting.end, locale)
    return PosterText(
        title=plain(title),
        summary=plain(summary),
        days=days,
        hours=hours,
        status=meeting.status,
        place=meeting.place,
        address=meeting.address,
        organiser=language.get("organisation", ""),
        acknowledgement=language.get("acknowledgement", ""),
        link=link,
        link_text=short_address(link),
        qr=qr_image(link),
        heading_font=heading_font,
    )
