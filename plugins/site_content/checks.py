"""Front matter checked against the schema, one file at a time.

`check_fields()` returns the clean values (dates as dates, a single community
as a list of one...) and every problem it finds, each as (line, Text,
blocking): a blocking problem leaves the file out of the build (see
schema.STRICT_FIELDS); the others drop the wrong value, or only warn.
Pure functions; the index calls them, cross-file checks are in references.py.
"""

import datetime
import difflib
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from .messages import Text, did_you_mean, join_or, language_name
from .model import is_key, slugify
from .schema import COMPANIONS, GOAL_KINDS, SCHEMA, STRICT_FIELDS, TEXT_LENGTH, YEARS

# YYYY-MM-DD, optionally with HH:MM (a space or a T between)
_WHEN = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}))?")
_HASH = re.compile(r"[0-9a-f]{12}")
_HINTS = {"title", "summary", "date", "guide", "chapter", "cover_alt", "kinds", "cycle"}


class Bad(Exception):
    """A value that does not fit its field; carries the message."""

    def __init__(self, text):
        super().__init__(text.code)
        self.text = text


@dataclass
class Checked:
    meta: dict = field(default_factory=dict)
    problems: list = field(default_factory=list)  # [(line, Text, blocking)]
    # A required shared field is left to the original, which lacks it (and
    # says so itself): this file cannot be built either.
    waits_for_original: bool = False


def hint(name):
    if name == "kinds":
        return Text("hint_kinds", {"kinds": join_or(GOAL_KINDS)})
    return Text(f"hint_{name}" if name in _HINTS else "hint_default")


def shown_value(value, limit=40):
    text = str(value).replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def closest(word, candidates):
    """The candidate nearest to a misspelt word, or None."""
    lowered = {str(c).lower(): c for c in candidates}
    found = difflib.get_close_matches(str(word).lower(), list(lowered), n=1, cutoff=0.7)
    return lowered[found[0]] if found else None


# --- one value ---------------------------------------------------------------


def as_text(name, value, spec):
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise Bad(Text("not_text", {"field": name}))
    text = str(value).strip()
    limit = spec.max_length or TEXT_LENGTH
    if len(text) > limit:
        raise Bad(Text("too_long", {"field": name, "limit": limit, "length": len(text)}))
    return text


def as_texts(name, value, spec):
    values = [value] if isinstance(value, (str, int, float)) and not isinstance(value, bool) else value
    if not isinstance(values, list):
        raise Bad(Text("not_list", {"field": name}))
    return [as_text(name, item, spec) for item in values]


def _when(name, value, code):
    when = None
    if isinstance(value, datetime.datetime):
        when = value.replace(tzinfo=None)
    elif isinstance(value, datetime.date):
        when = value
    else:
        match = _WHEN.fullmatch(str(value).strip())
        if match:
            numbers = [int(part) for part in match.groups() if part is not None]
            try:  # (strptime costs a millisecond a call: too slow for thousands of files)
                when = datetime.date(*numbers) if len(numbers) == 3 else datetime.datetime(*numbers)
            except ValueError:
                pass  # 2024-02-30, 25:00...
    if when is None:
        raise Bad(Text(code, {"field": name, "value": shown_value(value)}))
    if not YEARS[0] <= when.year <= YEARS[1]:
        raise Bad(Text("date_range", {"field": name, "value": shown_value(value), "year": when.year}))
    return when


def as_date(name, value, spec):
    return _when(name, value, "not_date")


def as_datetime(name, value, spec):
    return _when(name, value, "not_datetime")


def as_choice(name, value, spec):
    if str(value) not in spec.choices:
        raise Bad(Text("not_choice", {"field": name, "value": shown_value(value), "choices": join_or(spec.choices)}))
    return str(value)


def as_int(name, value, spec):
    number = value if isinstance(value, int) and not isinstance(value, bool) else None
    if number is None and isinstance(value, str) and value.strip().isdigit():
        number = int(value)
    if spec.maximum is not None and (number is None or not (spec.minimum or 0) <= number <= spec.maximum):
        raise Bad(Text("not_int_range", {"field": name, "value": shown_value(value),
                                         "minimum": spec.minimum or 0, "maximum": spec.maximum}))
    if number is None or number < (spec.minimum or 0):
        raise Bad(Text("not_int", {"field": name, "value": shown_value(value), "minimum": spec.minimum or 0}))
    return number


def as_count(name, value, spec):
    """A number of people counted: a whole number, 0 or more; no estimate ("~30", "30+")."""
    number = value if isinstance(value, int) and not isinstance(value, bool) else None
    if number is None and isinstance(value, str) and value.strip().isdigit():
        number = int(value)
    if number is None or number < 0:
        raise Bad(Text("not_count", {"field": name, "value": shown_value(value)}))
    return number


def as_id(name, value, spec):
    if not is_key(value):
        suggestion = slugify(value) or "baldone"
        raise Bad(Text("not_id", {"field": name, "value": shown_value(value), "suggestion": suggestion}))
    return value


def list_of(convert):
    """A converter of a list of values (one value is a list of one) from one of a value."""

    def as_list(name, value, spec):
        values = [value] if isinstance(value, str) else value
        if not isinstance(values, list):
            raise Bad(Text("not_list", {"field": name}))
        return [convert(name, item, spec) for item in values]

    return as_list


as_ids = list_of(as_id)


def as_slug(name, value, spec):
    if not is_key(value):
        suggestion = slugify(value) or "page"
        raise Bad(Text("not_slug", {"value": shown_value(value), "suggestion": suggestion}))
    return value


def as_url(name, value, spec):
    text = str(value).strip()
    parts = urlsplit(text)
    if parts.scheme not in ("https", "http") or not parts.netloc or " " in text:
        raise Bad(Text("not_url", {"field": name, "value": shown_value(value)}))
    return text


def as_image(name, value, spec):
    text = as_text(name, value, spec)
    for prefix in ("{static}", "/", "images/"):
        text = text.removeprefix(prefix)
    return text


def as_coordinates(name, value, spec):
    numbers = value if isinstance(value, list) and len(value) == 2 else None
    if numbers is None or not all(isinstance(n, (int, float)) and not isinstance(n, bool) for n in numbers):
        raise Bad(Text("not_coordinates", {"field": name}))
    latitude, longitude = numbers
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise Bad(Text("not_coordinates", {"field": name}))
    return [float(latitude), float(longitude)]


def as_flag(name, value, spec):
    if not isinstance(value, bool):
        raise Bad(Text("not_flag", {"field": name, "value": shown_value(value)}))
    return value


def as_hash(name, value, spec, shown=""):
    if not isinstance(value, str) or not _HASH.fullmatch(value):
        raise Bad(Text("not_hash", {"value": shown_value(value), "path": shown}))
    return value


def as_goal_status(name, value, spec):
    """{goal id: status}: the status each goal has from the item's date on."""
    if not isinstance(value, dict) or not value:
        raise Bad(Text("not_goal_status", {"field": name, "status": spec.choices[1]}))
    return {as_id(name, str(goal), spec): as_choice(name, status, spec) for goal, status in value.items()}


CONVERTERS = {
    "text": as_text,
    "texts": as_texts,
    "date": as_date,
    "datetime": as_datetime,
    "choice": as_choice,
    "choices": list_of(as_choice),
    "int": as_int,
    "count": as_count,
    "id": as_id,
    "ids": as_ids,
    "slug": as_slug,
    "url": as_url,
    "image": as_image,
    "coordinates": as_coordinates,
    "flag": as_flag,
    "goal_status": as_goal_status,
    "hash": as_hash,
}


def is_empty(value):
    return value is None or (isinstance(value, str) and not value.strip()) or value in ([], {})


# --- one file ----------------------------------------------------------------


def check_fields(kind, meta, lines, *, translation, inherited=None, end_line=None,
                 default_lang="lv", shown=""):
    """Check a file's front matter against the schema of its kind.

    lines: [(field, line)] as written (field_lines()); inherited: the clean
    metadata of the original, for a translation that has one, else None;
    end_line: the closing '---', where a missing field would go.
    """
    schema = SCHEMA[kind]
    first_line = {}
    result = Checked()
    for name, line in lines:
        if name in first_line:
            result.problems.append((line, Text("duplicate_field", {"field": name, "other": first_line[name]}), False))
        else:
            first_line[name] = line
    suggested = set()  # fields offered as "did you mean": not also reported missing
    for name, value in meta.items():
        line = first_line.get(str(name))
        spec = schema.get(name)
        if spec is None:
            suggestion = closest(name, schema)
            suggested.add(suggestion)
            fix = did_you_mean(suggestion, Text("fix_unknown_field"))
            kind_text = Text(f"kind_{kind}")
            result.problems.append((line, Text("unknown_field", {"kind": kind_text, "field": name, "fix": fix}), False))
            continue
        if spec.translation_only and not translation:
            text = (Text("slug_in_original", {"language": language_name(default_lang)})
                    if name == "slug" else Text("translated_from_in_original"))
            result.problems.append((line, text, False))
            continue
        if is_empty(value):
            if spec.required:
                result.problems.append((line, Text("empty_value", {"field": name, "hint": hint(name)}), True))
            continue
        try:
            converter = CONVERTERS[spec.type]
            extra = {"shown": shown} if spec.type == "hash" else {}
            result.meta[name] = converter(name, value, spec, **extra)
        except Bad as bad:
            strict = spec.required or name in STRICT_FIELDS
            result.problems.append((line, bad.text, strict))
    for name, spec in schema.items():
        if not spec.required or name in meta or name in suggested:
            continue
        if translation and spec.shared and inherited is not None:
            if name not in inherited:
                result.waits_for_original = True
            continue
        result.problems.append((end_line, Text("missing", {"field": name, "hint": hint(name)}), True))
    for name, companion in COMPANIONS.items():
        has_it = name in result.meta or (translation and inherited is not None and name in inherited)
        companion_spec = schema.get(companion)
        inherits = (translation and inherited is not None and companion_spec is not None
                    and companion_spec.shared and companion in inherited)
        if has_it and companion not in result.meta and companion not in meta and not inherits:
            line = first_line.get(name, end_line)
            result.problems.append((line, Text("missing", {"field": companion, "hint": hint(companion)}), False))
    result.problems.sort(key=lambda problem: problem[0] or 0)
    return result
