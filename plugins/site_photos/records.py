"""A photo's record: who is in it, their consent, its caption and credit.

A record is a short YAML file beside the photo, named as the photo with
`.yml` added (content/images/talka/abele.jpg.yml for abele.jpg), written by
organisers (see content/README.md):

    people: yes          # people can be recognised in the photo
    children: yes        # children among them (then people: yes too)
    consent:             # who gave it, when, how: a reference, never a scan
      by: Anna Bērziņa, the mother of both children
      date: 2024-05-01
      how: signed form no. 12, kept in the association's office
    caption:             # optional: one text, or one for each language
      lv: Bērni stāda ābeli pie skolas
      en: Children planting an apple tree at the school
    credit: Jānis Ozols  # optional: who took it
    licence: CC BY 4.0   # optional: where the photo is not the association's own

A photo with no record is taken to show no one who needs asking; a photo
whose record says it shows people (or children) and has no consent is not
published (site_photos shows a placeholder in a preview, a strict build
fails). Records are content: read with a size limit, parsed with
yaml.safe_load, and every problem names the record's file and line.
Pure functions over a file's bytes.
"""

import datetime
import difflib
import re
from dataclasses import dataclass, field

import yaml

from site_content.messages import Text, did_you_mean

SUFFIX = ".yml"
MAX_BYTES = 4096  # a record is a few lines; a larger file is not one
FIELDS = ("people", "children", "consent", "caption", "credit", "licence")
CONSENT_FIELDS = ("by", "date", "how")
# A consent form's scan, named where only a reference belongs.
_SCAN = re.compile(r"\.(?:jpe?g|png|pdf|heic|heif|webp|tiff?|gif|docx?|odt)\b", re.I)


@dataclass(frozen=True)
class Record:
    people: bool | None = None
    children: bool | None = None
    consent: dict | None = None  # {"by", "date", "how"}, all given
    caption: dict = field(default_factory=dict)  # {lang: text}; "" for every language
    credit: str = ""
    licence: str = ""
    lines: dict = field(default_factory=dict, compare=False)  # field -> line of the file

    @property
    def shows_people(self):
        return bool(self.people or self.children)

    @property
    def withheld(self):
        """Shows people and has no consent: not to be published."""
        return self.shows_people and self.consent is None

    def caption_in(self, lang):
        return self.caption.get(lang) or self.caption.get("", "")


def record_name(photo_source):
    return photo_source + SUFFIX


def is_record(name):
    return name.lower().endswith(SUFFIX)


def photo_of(record_source):
    return record_source[: -len(SUFFIX)]


def _lines(text):
    """{top-level field: line} of a YAML mapping, from its nodes (1-based)."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return {}
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {str(key.value): key.start_mark.line + 1 for key, _value in node.value}


def _yes_no(name, value):
    if isinstance(value, bool):
        return value, None
    return None, Text("record_yes_no", {"field": name, "value": str(value)[:40]})


def _text(name, value):
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return str(value).strip(), None
    return None, Text("record_text", {"field": name})


def _consent(value):
    """({by, date, how} or None, [Text])."""
    if not isinstance(value, dict):
        if isinstance(value, str) and _SCAN.search(value):
            return None, [Text("record_consent_scan", {"value": value[:60]})]
        return None, [Text("record_consent_shape")]
    problems = []
    consent = {}
    for name in CONSENT_FIELDS:
        given = value.get(name)
        if given is None or (isinstance(given, str) and not given.strip()):
            problems.append(Text("record_consent_missing", {"field": name}))
            continue
        if name == "date":
            if isinstance(given, datetime.date):
                consent[name] = given.isoformat()[:10]
                continue
            try:
                consent[name] = datetime.date.fromisoformat(str(given).strip()).isoformat()
            except ValueError:
                problems.append(Text("record_consent_date", {"value": str(given)[:40]}))
            continue
        text = str(given).strip()
        found = _SCAN.search(text)
        if found:
            problems.append(Text("record_consent_scan", {"value": text[:60]}))
            continue
        consent[name] = text
    for name in value:
        if name not in CONSENT_FIELDS:
            near = difflib.get_close_matches(str(name), CONSENT_FIELDS, n=1, cutoff=0.6)
            problems.append(Text("record_unknown_field", {
                "field": f"consent: {name}",
                "fix": did_you_mean(near[0] if near else None, Text("record_consent_shape")),
            }))
    return (consent if len(consent) == len(CONSENT_FIELDS) and not problems else None), problems


def parse(data):
    """(Record, [(line, Text)]) of a record's bytes; a record with problems keeps what was right.

    A record that cannot be read at all says nothing about people: the photo
    is then taken to show people without consent (withheld), since the
    organiser meant to say something about them.
    """
    if len(data) > MAX_BYTES:
        return Record(people=True), [(None, Text("record_too_large", {"size": len(data), "limit": MAX_BYTES}))]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return Record(people=True), [(None, Text("record_syntax", {"detail": f"UTF-8: {error.reason}"}))]
    try:
        values = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        detail = getattr(error, "problem", None) or str(error).splitlines()[0]
        return Record(people=True), [(mark.line + 1 if mark else None, Text("record_syntax", {"detail": detail}))]
    if values is None:
        values = {}
    if not isinstance(values, dict):
        return Record(people=True), [(1, Text("record_syntax", {"detail": "field: value"}))]
    lines = _lines(text)
    problems = []
    found = {}
    for name, value in values.items():
        line = lines.get(str(name))
        if name not in FIELDS:
            near = difflib.get_close_matches(str(name), FIELDS + ("license",), n=1, cutoff=0.6)
            suggestion = "licence" if near == ["license"] else (near[0] if near else None)
            problems.append((line, Text("record_unknown_field", {
                "field": str(name), "fix": did_you_mean(suggestion, Text("fix_record_fields"))})))
            continue
        if value is None:
            continue
        if name in ("people", "children"):
            found[name], problem = _yes_no(name, value)
            if problem is not None:
                found[name] = True  # unclear: taken as yes, the safe reading
                problems.append((line, problem))
        elif name == "consent":
            found[name], consent_problems = _consent(value)
            problems += [(line, problem) for problem in consent_problems]
        elif name == "caption" and isinstance(value, dict):
            caption = {}
            for lang, text_value in value.items():
                clean, problem = _text("caption", text_value)
                if problem is not None:
                    problems.append((line, problem))
                else:
                    caption[str(lang)] = clean
            found[name] = caption
        else:
            clean, problem = _text(name, value)
            if problem is not None:
                problems.append((line, problem))
            else:
                found[name] = {"": clean} if name == "caption" else clean
    if found.get("children") and found.get("people") is False:
        problems.append((lines.get("people"), Text("record_children_no_people")))
    return Record(**found, lines=lines), problems
