"""Open data: the participation record as JSON and CSV, from the same Record as the pages.

Five files in each language's participation folder, identical in every
language (their fields are documented on the page and in content/README.md):
participation.json (everything below), participation.csv (one year of one
community, or of the whole association, a row), meetings.csv (one meeting a
row), cycles.csv (one meeting cycle a row) and goal-status.csv (how many goals
had each status at the end of each year). A number that the content does not
record is empty (null in JSON), never 0.
"""

import json

from site_content.model import language_root
from site_content.schema import GOAL_STATUSES
from site_sections.open_data import to_csv

__all__ = ["FILES", "tally_fields", "texts"]

FILES = {"json": "participation.json", "csv": "participation.csv", "meetings": "meetings.csv",
         "cycles": "cycles.csv", "goal_status": "goal-status.csv"}
SEPARATOR = " "  # communities in one CSV cell: "baldone kekava"


def _column(status):
    return status.replace("-", "_")


def tally_fields():
    """The columns of participation.csv (the keys of each JSON year but `community`'s place)."""
    return (["year", "community", "meetings", "meetings_counted", "participants", "stories", "goals_named"]
            + [f"became_{_column(status)}" for status in GOAL_STATUSES])


def meeting_fields(languages):
    return (["item", "date", "year", "communities", "participants"]
            + [f"title_{lang}" for lang in languages] + [f"url_{lang}" for lang in languages])


def cycle_fields(languages):
    return (["cycle", "participants", "communities", "item", "meeting", "meeting_date"]
            + [f"title_{lang}" for lang in languages] + [f"url_{lang}" for lang in languages])


def status_fields():
    return ["year"] + [_column(status) for status in GOAL_STATUSES]


def _tally(tally, community):
    return {
        "year": tally.year,
        "community": community,
        "meetings": tally.meetings,
        "meetings_counted": tally.counted,
        "participants": tally.participants,
        "stories": tally.stories,
        "goals_named": tally.goals_named,
        **{f"became_{_column(status)}": n for status, n in tally.changes.items()},
    }


def _links(ref, languages, site_root):
    record = {}
    for lang in languages:
        version = ref.versions.get(lang)
        record[f"title_{lang}"] = version[0] if version else None
    for lang in languages:
        version = ref.versions.get(lang)
        record[f"url_{lang}"] = f"{site_root}{language_root(languages, lang)}{version[1]}" if version else None
    return record


def records(record, languages, site_root):
    """The JSON document as a dict; languages: the LANGUAGES setting ({code: {...}})."""
    return {
        "years": [_tally(record.association[year], None) for year in record.years],
        "communities": [
            {"id": key, "years": [_tally(tallies[year], key) for year in record.years]}
            for key, tallies in sorted(record.communities.items())
        ],
        "meetings": [
            {"item": meeting.ref.id, "date": meeting.day.isoformat(), "year": meeting.year,
             "communities": list(meeting.communities), "participants": meeting.participants,
             **_links(meeting.ref, languages, site_root)}
            for meeting in record.meetings
        ],
        "cycles": [
            {"cycle": cycle.year, "participants": cycle.participants, "communities": list(cycle.communities),
             "item": cycle.ref.id, "meeting": cycle.meeting.id if cycle.meeting else None,
             "meeting_date": cycle.meeting_day.isoformat() if cycle.meeting_day else None,
             **_links(cycle.ref, languages, site_root)}
            for cycle in record.cycles
        ],
        "goal_status": [
            {"year": year, **{_column(status): n for status, n in record.goal_status[year].items()}}
            for year in record.years
        ],
    }


def _cells(row):
    return {name: SEPARATOR.join(value) if isinstance(value, list) else value for name, value in row.items()}


def texts(record, languages, site_root):
    """{which: text} of the five files (the keys of FILES); languages: the LANGUAGES setting."""
    document = records(record, languages, site_root)
    rows = document["years"] + [row for community in document["communities"] for row in community["years"]]
    return {
        "json": json.dumps(document, ensure_ascii=False, indent=2) + "\n",
        "csv": to_csv(rows, tally_fields()),
        "meetings": to_csv([_cells(row) for row in document["meetings"]], meeting_fields(languages)),
        "cycles": to_csv([_cells(row) for row in document["cycles"]], cycle_fields(languages)),
        "goal_status": to_csv(document["goal_status"], status_fields()),
    }
