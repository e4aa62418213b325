"""Open data: the communities as JSON and CSV, from the same documents as the pages.

One record per published community, both languages in each record, keyed by
the community's stable id (the file name's key, e.g. "mezinieki"). Pure
functions; `write` is called by the section pages' generator. The fields are
documented in README.md ("Open data").
"""

import csv
import io
import json
import os

from site_content.model import language_root

__all__ = ["fields", "community_records", "to_json", "to_csv", "write"]

NAME = "communities"  # communities.json and communities.csv in each language's list folder


def fields(languages):
    """The columns of the CSV, in order (the keys of each JSON record)."""
    return (
        ["id", "stage", "latitude", "longitude"]
        + [f"name_{lang}" for lang in languages]
        + [f"url_{lang}" for lang in languages]
    )


def community_records(index, section, site_root):
    """[{field: value}] of every published community, sorted by id."""
    records = []
    for (group_section, key), group in sorted(index.groups.items()):
        if group_section != section:
            continue
        published = {
            lang: document for lang, document in group.items()
            if index.metadata(document).get("status", "published") != "draft"
        }
        original = published.get(index.default_lang)
        if original is None:
            continue
        meta = index.metadata(original)
        coordinates = meta.get("coordinates") or [None, None]
        record = {"id": key, "stage": meta.get("stage"),
                  "latitude": coordinates[0], "longitude": coordinates[1]}
        for lang in index.languages:
            document = published.get(lang)
            record[f"name_{lang}"] = str(index.metadata(document)["title"]) if document else None
        for lang in index.languages:
            document = published.get(lang)
            record[f"url_{lang}"] = (
                f"{site_root}{language_root(index.languages, lang)}{document.url}" if document else None
            )
        records.append(record)
    return records


def to_json(records):
    return json.dumps({"communities": records}, ensure_ascii=False, indent=2) + "\n"


def to_csv(records, columns):
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    for record in records:
        writer.writerow({field: "" if record.get(field) is None else record[field] for field in columns})
    return out.getvalue()


def write(folder, index, section, site_root):
    """Write communities.json and communities.csv into `folder`; return their names."""
    records = community_records(index, section, site_root)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, f"{NAME}.json"), "w", encoding="utf-8", newline="") as f:
        f.write(to_json(records))
    with open(os.path.join(folder, f"{NAME}.csv"), "w", encoding="utf-8", newline="") as f:
        f.write(to_csv(records, fields(index.languages)))
    return f"{NAME}.json", f"{NAME}.csv"
