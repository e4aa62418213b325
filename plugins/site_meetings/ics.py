"""iCalendar files of meetings, made with the `icalendar` library.

Every value comes from the content, none from the clock, so that the same
content gives the same bytes: the UID from the item's translation key (an edit
of the title or text keeps it), DTSTAMP from the item's own date. A timed
meeting carries TZID with a VTIMEZONE for the years of the calendar's meetings;
an all-day meeting is a DATE value whose DTEND is the day after its last day.
"""

import datetime as dt
from urllib.parse import urlsplit

from sitebuilder.context import site_root


# event_status -> iCalendar STATUS
STATUS = {
    "scheduled": "CONFIRMED",
    "rescheduled": "CONFIRMED",
    "postponed": "TENTATIVE",
    "cancelled": "CANCELLED",
}


def uid_domain(settings):
    """CALENDAR_UID_DOMAIN, else the host of the site's address, else "localhost"."""
    configured = settings.get("CALENDAR_UID_DOMAIN")
    if configured:
        return configured
    host = urlsplit(site_root(settings)).hostname
    return host or "localhost"


def event_uid(key, domain):
    """One UID per meeting, the same in every language and after every edit."""
    return f"meeting-{key}@{domain}"


def as_utc(value, tz):
    """A content date or datetime as an aware UTC datetime (for DTSTAMP)."""
    if not isinstance(value, dt.datetime):
        value = dt.datetime.combine(value, dt.time())
    if value.tzinfo is None:
        value = value.replace(tzinfo=tz)
    return value.astimezone(dt.timezone.utc)


def event_end(meeting):
    """DTEND: the given end; for an all-day meeting the day after its last day."""
    if meeting.all_day:
        return meeting.last_day + dt.timedelta(days=1)
    return meeting.end  # None: a timed meeting without a known end has no DTEND


def vevent(meeting, *, uid, title, description, url, stamp):
    """The VEVENT of one meeting in one language."""
    from icalendar import Event  # noqa: PLC0415 - see vcalendar

    event = Event.new(
        uid=uid,
        stamp=stamp,
        start=meeting.start,
        end=event_end(meeting),
        summary=title,
        description=description or None,
        location=meeting.location or None,
        url=url or None,
        status=STATUS[meeting.status],
    )
    if meeting.all_day:
        event.add("TRANSP", "TRANSPARENT")  # a day's meeting does not fill the whole day
    return event


def vcalendar(events, *, prodid, uid, lang, name=None, url=None):
    """A calendar of VEVENTs with the VTIMEZONEs their times need.

    With a name it is a calendar to subscribe to (refreshed daily); without,
    a file to import into one's own calendar.
    """
    # Imported when a calendar is made: a rebuild that changes no meeting makes none,
    # and importing icalendar takes about 0.06 s of it.
    from icalendar import Calendar, vDuration  # noqa: PLC0415

    calendar = Calendar.new(prodid=prodid, uid=uid, calscale="GREGORIAN", url=url or None)
    if name:
        calendar.calendar_name = name
        calendar["NAME"].params["LANGUAGE"] = lang
        calendar.refresh_interval = dt.timedelta(days=1)
        calendar["REFRESH-INTERVAL"].params["VALUE"] = "DURATION"  # required by RFC 7986
        calendar.add("X-PUBLISHED-TTL", vDuration(dt.timedelta(days=1)))
    for event in events:
        calendar.add_component(event)
    years = [moment.year for event in events for moment in (event.start, event.end) if moment]
    if years:
        # Only the years of the meetings: the output depends on the content alone.
        calendar.add_missing_timezones(
            first_date=dt.date(min(years), 1, 1), last_date=dt.date(max(years) + 1, 1, 1)
        )
    return calendar.to_ical()
