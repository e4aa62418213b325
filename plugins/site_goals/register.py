"""The goals register: every published goal with its history and status.

Pure functions over the content index (site_content), made once per run and
shared by the pages of every language and the open data, so that they agree:

- a goal is a file in a section of kind "goal"; its id is the file name's key
  (`apgaismojums-pieturas` for `apgaismojums-pieturas.lv.md`);
- its history is every published story and news item that names it in
  `goals` or in `goal_status`, oldest first: the order things happened;
- its status is the one that the latest item of its history records in
  `goal_status`, or `identified` while none records one.

An item's shared fields (date, goals, goal_status) are read from its
original, so a goal has the same history and status in every language; an
item not translated into a language is listed there in the language it has.
"""

import datetime
from dataclasses import dataclass, field, replace

from site_content.model import ARTICLE_KINDS
from site_content.schema import GOAL_KINDS, GOAL_STATUSES

__all__ = ["Version", "Entry", "Goal", "build_register", "by_status", "by_kind", "reduced_date"]

FIRST_STATUS = GOAL_STATUSES[0]


@dataclass(frozen=True)
class Version:
    """A document in one language: what a link to it needs."""

    lang: str
    title: str
    url: str  # relative to the language's root: "merki/apgaismojums/"


@dataclass(frozen=True)
class Entry:
    """A story or news item in a goal's history."""

    section: str
    key: str
    date: datetime.datetime  # (naive) as the item gives it
    date_precision: str  # how much of the date is known: "day", "month" or "year"
    kind: str  # "story" or "news"
    type: str | None  # a news item's type: "news", "invitation", "report"
    versions: dict = field(compare=False)  # {lang: Version}
    status: str | None = None  # the status it records for the goal

    @property
    def id(self):
        """Stable across builds and languages: "news/kopienu-sarunu-cikls-nosledzies"."""
        return f"{self.section}/{self.key}"


@dataclass(frozen=True)
class Goal:
    id: str
    kinds: tuple
    community: str | None  # None: a goal the communities share
    cycle: int | None  # the year of the meeting cycle that named it
    versions: dict = field(compare=False)  # {lang: Version}
    history: tuple = ()  # Entries, oldest first

    @property
    def status_entry(self):
        """The item that gave the goal its status, or None."""
        return next((entry for entry in reversed(self.history) if entry.status), None)

    @property
    def status(self):
        entry = self.status_entry
        return entry.status if entry else FIRST_STATUS

    @property
    def shared(self):
        return self.community is None


def _as_datetime(value):
    if isinstance(value, datetime.datetime):
        return value.replace(tzinfo=None)
    return datetime.datetime.combine(value, datetime.time())


def _versions(index, group):
    return {
        lang: Version(lang, str(index.metadata(document).get("title", document.key)), document.url)
        for lang, document in sorted(group.items())
    }


def _original(index, group):
    return group.get(index.default_lang) or group[sorted(group)[0]]


def _kind(index, section):
    return index.sections[section]["kind"]


def _entries(index):
    """{goal id: [Entry]} of every published story and news item that names a goal."""
    found = {}
    for (section, key), group in sorted(index.groups.items()):
        if _kind(index, section) not in ARTICLE_KINDS:
            continue
        meta = index.metadata(_original(index, group))
        statuses = meta.get("goal_status") or {}
        named = dict.fromkeys([*(meta.get("goals") or ()), *statuses])
        if not named or meta.get("date") is None:
            continue
        entry = Entry(
            section=section,
            key=key,
            date=_as_datetime(meta["date"]),
            date_precision=meta.get("date_precision", "day"),
            kind=_kind(index, section),
            type=meta.get("type"),
            versions=_versions(index, group),
        )
        for goal in named:
            found.setdefault(goal, []).append(replace(entry, status=statuses.get(goal)))
    return found


def build_register(index):
    """[Goal] of every published goal, sorted by id."""
    entries = _entries(index)
    goals = []
    for (section, key), group in sorted(index.groups.items()):
        if _kind(index, section) != "goal" or index.default_lang not in group:
            continue  # a goal's kinds and community are in its original
        meta = index.metadata(group[index.default_lang])
        history = sorted(entries.get(key, ()), key=lambda entry: (entry.date, entry.id))
        goals.append(Goal(
            id=key,
            kinds=tuple(kind for kind in GOAL_KINDS if kind in (meta.get("kinds") or ())),
            community=meta.get("community"),
            cycle=meta.get("cycle"),
            versions=_versions(index, group),
            history=tuple(history),
        ))
    return goals


def by_status(goals):
    """[(status, [Goal])] for every status, in the order of their progress."""
    return [(status, [goal for goal in goals if goal.status == status]) for status in GOAL_STATUSES]


def by_kind(goals):
    """[(kind, [Goal])] for every kind; a goal of two kinds is in both."""
    return [(kind, [goal for goal in goals if kind in goal.kinds]) for kind in GOAL_KINDS]


def reduced_date(entry):
    """The date as far as it is known, in ISO 8601: "2022-10-07", "2022-10" or "2022"."""
    length = {"year": 4, "month": 7}.get(entry.date_precision, 10)
    return entry.date.date().isoformat()[:length]
