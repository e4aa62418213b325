"""schema.org `Event` data of a meeting, as JSON for a `<script type="application/ld+json">`.

Built as a dict and serialised with `json.dumps`; dates are ISO 8601, a timed
meeting's with its UTC offset, an all-day meeting's as a plain date.
"""

import json

from .model import iso

SCHEMA = "https://schema.org/"
EVENT_STATUS = {
    "scheduled": "EventScheduled",
    "cancelled": "EventCancelled",
    "postponed": "EventPostponed",
    "rescheduled": "EventRescheduled",
}


def event_data(meeting, *, name, description, url, lang, organisation, organisation_url):
    """The Event as a dict, ready for json.dumps."""
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": name,
        "startDate": iso(meeting.start),
    }
    if meeting.end:
        data["endDate"] = iso(meeting.end)
    data["eventStatus"] = SCHEMA + EVENT_STATUS[meeting.status]
    data["eventAttendanceMode"] = SCHEMA + "OfflineEventAttendanceMode"
    if meeting.place or meeting.address:
        location = {"@type": "Place", "name": meeting.place or meeting.address}
        if meeting.address:
            location["address"] = meeting.address
        data["location"] = location
    data["organizer"] = {"@type": "Organization", "name": organisation, "url": organisation_url}
    if description:
        data["description"] = description
    data["inLanguage"] = lang
    data["url"] = url
    return data


def script_text(data):
    """JSON that cannot end its <script> element early: <, > and & as \\u escapes."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
