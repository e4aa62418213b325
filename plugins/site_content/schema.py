"""The content schema: the front-matter fields of each kind of content.

The one place that says, per kind (story, news, chapter, community, goal, page),
which fields exist, which are required, their types and allowed values, and
which are shared across translations (written once, in the default-language
file, and inherited by each translation unless it sets them itself).

`checks.py` validates front matter against it, `model.SHARED_FIELDS` is
derived from it, `content/README.md` documents it for organisers (a test
keeps the two in step) and `scaffold.py` writes new files that satisfy it.

Types (validated in `checks.py`):
  text         a line of text ("title: Kopsanāksme Mežiniekos")
  texts        a list of text ([līdzdalība, koprade])
  date         YYYY-MM-DD (or YYYY-MM-DD HH:MM)
  datetime     YYYY-MM-DD or YYYY-MM-DD HH:MM, local time of the site
  choice       one of `choices`
  choices      a list of `choices` ([lighting, sports]); one value is a list of one
  int          a whole number, at least `minimum`
  count        a number of people counted: a whole number, 0 or more (never an estimate)
  id           lower-case Latin letters, digits and hyphens ("mezinieki")
  ids          a list of ids
  slug         an id used as the last part of a page's address
  url          an https:// or http:// address
  image        a file in content/images/ ("2022/mezauli.jpg")
  coordinates  [latitude, longitude] in degrees
  flag         true or false
  goal_status  goal ids, each with one of `choices` ({apgaismojums: planned})
  hash         a version stamp written by `invoke translations --done`
"""

from dataclasses import dataclass

# What the fields of the "id" types refer to, checked across documents
# (references.py): the key of a file of that kind.
REFERENCES = {"communities": "community", "community": "community",
              "goals": "goal", "goal_status": "goal"}

# --- The goals register (plugins/site_goals) ---------------------------------
# A goal is a file of its own in the goals folder: its id is the file name's
# key, its title is written in each language. Its status is not written in
# it: it follows from the dated stories and news that record one for it in
# `goal_status` (the latest such record; `identified` until there is one).
GOAL_STATUSES = ("identified", "planned", "in-progress", "done")
GOAL_KINDS = ("lighting", "public-infrastructure", "sports", "children",
              "gathering-recreation", "other")


@dataclass(frozen=True)
class Field:
    type: str
    required: bool = False
    shared: bool = False  # written once in the original, inherited by translations
    choices: tuple = ()
    minimum: int | None = None
    maximum: int | None = None
    translation_only: bool = False  # allowed only in a translation's file
    max_length: int | None = None  # characters, for text fields


# Bounds of every value: a page shows a title in its heading, its tab, every
# list and feed; a summary under it. Years outside YEARS are mistakes (and
# some cannot even be shown as dates: 9999-12-31 23:00 in Riga is in the year
# 10000 in UTC).
TITLE_LENGTH = 200
SUMMARY_LENGTH = 500
TEXT_LENGTH = 500  # any other line of text (a place, an author, a photo's description)
YEARS = (1900, 2200)


# Every kind of content has these.
COMMON = {
    "title": Field("text", required=True, max_length=TITLE_LENGTH),
    "summary": Field("text", required=True, max_length=SUMMARY_LENGTH),
    "status": Field("choice", choices=("published", "draft")),
    # The default language's address comes from the file name; a translation
    # may set its own.
    "slug": Field("slug", translation_only=True),
    # The version of the original this translation was last brought up to
    # date with (see translations.py).
    "translated_from": Field("hash", translation_only=True),
}

# Dated kinds: newest first in lists and feeds, held back until their date.
DATED = {
    "date": Field("date", required=True, shared=True),
    "date_precision": Field("choice", shared=True, choices=("day", "month", "year")),
}

# What stories and news are about. A goal in `goal_status` is referred to
# as in `goals` (it need not be written in both) and gets that status on the
# item's date.
TOPICS = {
    "communities": Field("ids", shared=True),
    "goals": Field("ids", shared=True),
    "goal_status": Field("goal_status", shared=True, choices=GOAL_STATUSES),
}

# --- Meeting fields (news items that announce or report on a meeting) -------
# Read by plugins/site_meetings; add meeting fields here, in this block.
# Times are local to the site's TIMEZONE; the cross-field rules (an end after
# its start, a report naming an existing invitation) are site_meetings' own.
MEETING = {
    "event_start": Field("datetime", shared=True),
    "event_end": Field("datetime", shared=True),
    "place": Field("text", shared=True),
    "address": Field("text", shared=True),
    "registration": Field("url", shared=True),
    "event_status": Field(
        "choice", shared=True, choices=("scheduled", "cancelled", "postponed", "rescheduled")
    ),
    "report_of": Field("id", shared=True),  # key of the invitation a report covers
}
# --- end of meeting fields --------------------------------------------------

# --- Participation fields (read by plugins/site_participation) --------------
# Only what was counted: a field left out is "not recorded", never zero, and
# no figure is shown for it. `participants` is the number of people at the
# meeting a news item announces (`event_start`) or reports on (`report_of`);
# such an item's `communities` are the communities that took part. A news item
# that closes a meeting cycle names the cycle's year in `cycle`, may record
# the whole cycle's total in `cycle_participants`, and may name the cycle's
# closing meeting (its news item's key) in `cycle_meeting`.
PARTICIPATION = {
    "participants": Field("count", shared=True),
    "cycle": Field("int", shared=True, minimum=2000),
    "cycle_participants": Field("count", shared=True),
    "cycle_meeting": Field("id", shared=True),
}
# --- end of participation fields --------------------------------------------

SCHEMA = {
    "story": {
        **COMMON,
        **DATED,
        **TOPICS,
        "themes": Field("texts"),
        "author": Field("text"),
        "cover": Field("image", shared=True),
        "cover_alt": Field("text"),  # required with a cover, in every language
    },
    "news": {
        **COMMON,
        **DATED,
        **TOPICS,
        "type": Field("choice", shared=True, choices=("news", "invitation", "report")),
        **MEETING,
        **PARTICIPATION,
    },
    "chapter": {
        **COMMON,
        "guide": Field("choice", required=True, shared=True, choices=("methodology", "guidelines")),
        "chapter": Field("int", required=True, shared=True, minimum=1),
    },
    "community": {
        **COMMON,
        "stage": Field("choice", shared=True, choices=("met", "forming", "smart-village")),
        "coordinates": Field("coordinates", shared=True),
        # true when the coordinates are a guess: the map marks the place as approximate
        "coordinates_uncertain": Field("flag", shared=True),
    },
    "goal": {
        **COMMON,
        "kinds": Field("choices", required=True, shared=True, choices=GOAL_KINDS),
        # the community whose goal it is; without one, a goal the communities
        # named together (a shared goal)
        "community": Field("id", shared=True),
        # the year of the meeting cycle in which it was named
        "cycle": Field("int", shared=True, minimum=2000, maximum=YEARS[1]),
    },
    "page": {**COMMON},
}

# Fields that only make sense together: (field, the field it needs).
# A photo needs its description in every language; a cycle's total or closing
# meeting needs the cycle's year.
COMPANIONS = {"cover": "cover_alt", "cycle_participants": "cycle", "cycle_meeting": "cycle"}

# A wrong value of a required field, or of one of these, leaves the file out
# of the build rather than guess: a misspelt "status: draft" must not publish
# a draft, a wrong slug must not move a page. A wrong value of any other
# optional field is dropped, and the page is built without it.
STRICT_FIELDS = ("status", "slug")

# Fields left out of a translation's version stamp: changing them in the
# original does not make a translation stale (see translations.py).
UNVERSIONED = ("status", "slug", "translated_from")


def shared_fields(kind):
    return tuple(name for name, spec in SCHEMA[kind].items() if spec.shared)
