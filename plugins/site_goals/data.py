"""Open data: the goals register as JSON and CSV, from the same register as the pages.

Three files in each language's goals folder, identical in every language:
goals.json (every goal with its history), goals.csv (one goal a row) and
goal-history.csv (one item of a goal's history a row). The fields are
documented in README.md ("Goals register") and on the overview page.
"""

import json
import os

from site_content.model import language_root
from site_sections.open_data import to_csv

from .register import reduced_date

__all__ = ["goal_fields", "history_fields", "goal_records", "to_json", "write", "FILES"]

# what each file is called; the overview page links them in this order
FILES = {"json": "goals.json", "csv": "goals.csv", "history": "goal-history.csv"}
KIND_SEPARATOR = " "  # kinds in one CSV cell: "lighting public-infrastructure"


def goal_fields(languages):
    """The columns of goals.csv, in order (the keys of each JSON goal but `history`)."""
    return (["id", "community", "shared", "cycle", "kinds", "status", "status_date"]
            + [f"title_{lang}" for lang in languages] + [f"url_{lang}" for lang in languages])


def history_fields(languages):
    """The columns of goal-history.csv (the keys of each JSON history item, and `goal`)."""
    return (["goal", "date", "status", "item", "kind"]
            + [f"title_{lang}" for lang in languages] + [f"url_{lang}" for lang in languages])


def _titles_and_urls(versions, languages, site_root):
    record = {}
    for lang in languages:
        version = versions.get(lang)
        record[f"title_{lang}"] = version.title if version else None
    for lang in languages:
        version = versions.get(lang)
        record[f"url_{lang}"] = (
            f"{site_root}{language_root(languages, lang)}{version.url}" if version else None
        )
    return record


def goal_records(goals, languages, site_root):
    """[{field: value}] of every goal, each with its `history` (oldest first)."""
    records = []
    for goal in goals:
        status_entry = goal.status_entry
        record = {
            "id": goal.id,
            "community": goal.community,
            "shared": goal.shared,
            "cycle": goal.cycle,
            "kinds": list(goal.kinds),
            "status": goal.status,
            "status_date": reduced_date(status_entry) if status_entry else None,
            **_titles_and_urls(goal.versions, languages, site_root),
        }
        record["history"] = [
            {"date": reduced_date(entry), "status": entry.status, "item": entry.id,
             "kind": entry.type or entry.kind,
             **_titles_and_urls(entry.versions, languages, site_root)}
            for entry in goal.history
        ]
        records.append(record)
    return records


def to_json(records):
    return json.dumps({"goals": records}, ensure_ascii=False, indent=2) + "\n"


def _cell(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return KIND_SEPARATOR.join(value)
    return value


def csv_rows(records):
    """(goal rows, history rows) for the two CSV files."""
    goals = [{name: _cell(value) for name, value in record.items() if name != "history"}
             for record in records]
    history = [{"goal": record["id"], **item} for record in records for item in record["history"]]
    return goals, history


def texts(goals, languages, site_root):
    """{which: text} of the three files (the keys of FILES)."""
    records = goal_records(goals, languages, site_root)
    goal_rows, history_rows = csv_rows(records)
    return {
        "json": to_json(records),
        "csv": to_csv(goal_rows, goal_fields(languages)),
        "history": to_csv(history_rows, history_fields(languages)),
    }


def write(folder, goals, languages, site_root):
    """Write the three files into `folder`; return FILES."""
    os.makedirs(folder, exist_ok=True)
    for which, text in texts(goals, languages, site_root).items():
        with open(os.path.join(folder, FILES[which]), "w", encoding="utf-8", newline="") as f:
            f.write(text)
    return FILES
