"""Drafts and scheduled items: what a build publishes, and on which day.

`status: draft` is never published. A story or news item dated after the
build's day is held back until a build on or after that day. The build's day
is SITE_TODAY ("YYYY-MM-DD", for tests and for building as if on another
day), by default today in the site's TIMEZONE. The development server sets
CONTENT_PREVIEW, which builds held-back items too, each marked as such.
"""

import datetime
from typing import NamedTuple
from zoneinfo import ZoneInfo


class HeldBack(NamedTuple):
    reason: str  # "draft" or "scheduled"
    date: datetime.date | None = None  # the day a scheduled item is published


def build_today(settings, now=None):
    """The build's date: SITE_TODAY ("YYYY-MM-DD") when set, else today in TIMEZONE."""
    value = settings.get("SITE_TODAY")
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if value:
        try:
            return datetime.date.fromisoformat(str(value).strip())
        except ValueError:
            raise ValueError(f"SITE_TODAY = '{value}' is not a date; write it as YYYY-MM-DD") from None
    tz = ZoneInfo(settings.get("TIMEZONE") or "UTC")
    return (now or datetime.datetime.now(tz)).astimezone(tz).date()


def is_preview(settings):
    value = settings.get("CONTENT_PREVIEW", False)
    return value is True or str(value).lower() in ("1", "true", "yes")


def held_back(meta, today):
    """Why a document with this (clean, merged) metadata is not published today, or None."""
    if meta.get("status") == "draft":
        return HeldBack("draft")
    date = meta.get("date")
    if date is not None:
        day = date.date() if isinstance(date, datetime.datetime) else date
        if day > today:
            return HeldBack("scheduled", day)
    return None
