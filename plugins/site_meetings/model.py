"""Meetings as plain data: the event fields of a news item, read and checked.

A news item describes a meeting when it sets `event_start`. Times are local
(the site's TIMEZONE, Europe/Riga here): "YYYY-MM-DD HH:MM" is a timed
meeting, a bare "YYYY-MM-DD" a meeting on that day whose time is not known.
Pure functions only; the Pelican hooks live in `__init__.py`.
"""

import datetime as dt
from dataclasses import dataclass


# `event_status`: what the organisers say about the meeting now.
STATUSES = ("scheduled", "cancelled", "postponed", "rescheduled")

# Fields that only make sense for a meeting, i.e. next to `event_start`.
EVENT_FIELDS = ("event_end", "place", "address", "registration", "event_status")

_PATTERNS = ("%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d")
_WHEN_HINT = "write it as YYYY-MM-DD, or YYYY-MM-DD HH:MM with the local time"


@dataclass(frozen=True)
class Meeting:
    """One meeting; `start`/`end` are dates (all-day) or aware local datetimes."""

    key: str  # translation key of the news item
    start: dt.date
    end: dt.date | None = None  # for an all-day meeting, its last day
    place: str = ""
    address: str = ""
    registration: str = ""
    status: str = "scheduled"
    # Filled in by the build, from the other items and the build's date:
    past: bool = False
    report: dict | None = None  # {"title", "href", "lang"} of the report on it
    calendar: str = ""  # URL path of its .ics, relative to the language root

    @property
    def all_day(self):
        return not isinstance(self.start, dt.datetime)

    @property
    def last_day(self):
        """The day the meeting ends: after it, the meeting is past."""
        value = self.end or self.start
        return value.date() if isinstance(value, dt.datetime) else value

    @property
    def location(self):
        return ", ".join(part for part in (self.place, self.address) if part)

    @property
    def start_iso(self):
        return iso(self.start)

    @property
    def end_iso(self):
        return iso(self.end) if self.end else ""


def iso(value):
    """ISO 8601 as HTML and schema.org want it: a date, or minutes with offset."""
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="minutes")
    return value.isoformat()


def parse_when(value, tz):
    """A front-matter moment as a date, or as an aware datetime in `tz`.

    Raises ValueError with a message an organiser can act on.
    """
    if isinstance(value, dt.datetime):
        return value.astimezone(tz) if value.tzinfo else value.replace(tzinfo=tz)
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    for pattern in _PATTERNS:
        try:
            parsed = dt.datetime.strptime(text, pattern)
        except ValueError:
            continue
        return parsed.date() if pattern == "%Y-%m-%d" else parsed.replace(tzinfo=tz)
    raise ValueError(f"'{text}' is not a date or time; {_WHEN_HINT}")


def read_meeting(key, meta, tz):
    """(Meeting or None, [(field, message), ...]) for a news item's front matter."""
    if meta.get("event_start") in (None, ""):
        stray = [name for name in EVENT_FIELDS if meta.get(name) not in (None, "")]
        return None, [
            (name, "is set but 'event_start' is missing: add when the meeting starts")
            for name in stray
        ]
    problems = []
    try:
        start = parse_when(meta["event_start"], tz)
    except ValueError as error:
        return None, [("event_start", str(error))]
    end = None
    if meta.get("event_end") not in (None, ""):
        try:
            end = parse_when(meta["event_end"], tz)
        except ValueError as error:
            problems.append(("event_end", str(error)))
    if end is not None:
        if isinstance(start, dt.datetime) != isinstance(end, dt.datetime):
            problems.append(
                ("event_end", "and 'event_start' must both have a time of day, or both not")
            )
            end = None
        elif end < start:
            problems.append(("event_end", f"is before 'event_start' ({iso(start)})"))
            end = None
    registration = str(meta.get("registration") or "").strip()
    if registration and not registration.startswith(("https://", "http://")):
        problems.append(("registration", f"'{registration}' is not a web address: start it with https://"))
        registration = ""
    status = str(meta.get("event_status") or "scheduled").strip()
    if status not in STATUSES:
        problems.append(("event_status", f"'{status}' is not one of: {', '.join(STATUSES)}"))
        status = "scheduled"
    meeting = Meeting(
        key=key,
        start=start,
        end=end,
        place=str(meta.get("place") or "").strip(),
        address=str(meta.get("address") or "").strip(),
        registration=registration,
        status=status,
    )
    return meeting, problems


def sort_moment(meeting, tz):
    """The start as an aware datetime, so that dates and times sort together."""
    if meeting.all_day:
        return dt.datetime.combine(meeting.start, dt.time(), tzinfo=tz)
    return meeting.start


def split(pairs, today, tz):
    """(upcoming soonest first, past latest first) of (item, Meeting) pairs.

    A meeting is past once its last day is before `today`: a meeting is still
    "upcoming" on its own day.
    """
    ordered = sorted(pairs, key=lambda pair: (sort_moment(pair[1], tz), pair[1].key))
    upcoming = [pair for pair in ordered if pair[1].last_day >= today]
    past = [pair for pair in reversed(ordered) if pair[1].last_day < today]
    return upcoming, past
