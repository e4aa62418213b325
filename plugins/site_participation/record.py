"""The participation record: what the content says happened, per community and year.

Pure functions over the content index (site_content) and the goals register
(site_goals), made once per run and shared by the community pages, the
association's page, the yearly reports and the open data, so that they agree.
Only what the content records is counted, and only published items:

- a meeting is a news item with `event_start` that has taken place (its last
  day is before the build's day) and was not cancelled or postponed; its year
  is the year it started; its communities are those its item names, with those
  its reports (`report_of`) name; its participants are the number its item
  records (`participants`), else the first of its reports that records one
  (a second number is a content problem), else not recorded;
- a story counts in the year of its date, for each community it names;
- a goal is named in its cycle's year (`cycle`), else in the year of the first
  item of its history; a community's goal counts for that community, a goal
  the communities share only for the association;
- a goal's status changes when an item of its history records a status other
  than the one it had (`identified` at first), in the year of that item;
- a cycle is a news item with `cycle`: its total (`cycle_participants`), the
  communities it names and its closing meeting (`cycle_meeting`).

Participants are a sum of recorded numbers, never an estimate: a year or a
community without any recorded number has None ("not recorded"), and
`counted` says at how many of its meetings a number was recorded. A meeting
of several communities counts for each of them, and once for the association.
"""

import datetime
from dataclasses import dataclass, field

from site_content.schema import GOAL_STATUSES

__all__ = ["Ref", "Meeting", "Cycle", "Tally", "Record", "build_record", "meetings", "cycles"]

FIRST_STATUS = GOAL_STATUSES[0]
NOT_HELD = ("cancelled", "postponed")


@dataclass(frozen=True)
class Ref:
    """A published document, as a link to it needs: {lang: (title, url)}."""

    id: str  # "news/kopsanaksme-mezinieki-2022": its section and key
    versions: dict = field(compare=False)  # {lang: (title, url relative to the language's root)}


@dataclass(frozen=True)
class Meeting:
    ref: Ref
    day: datetime.date  # the day it started
    communities: tuple
    participants: int | None  # None: not recorded

    @property
    def year(self):
        return self.day.year


@dataclass(frozen=True)
class Cycle:
    year: int
    ref: Ref  # the news item that closes it
    participants: int | None  # the whole cycle's total; None: not recorded
    communities: tuple
    meeting: Ref | None = None  # the closing meeting
    meeting_day: datetime.date | None = None


@dataclass
class Tally:
    """What happened in one year, for one community or for the association."""

    year: int
    meetings: int = 0
    counted: int = 0  # meetings with a recorded number of participants
    participants: int | None = None  # their sum; None while no number is recorded
    stories: int = 0
    goals_named: int = 0
    changes: dict = field(default_factory=lambda: dict.fromkeys(GOAL_STATUSES, 0))  # status -> goals

    @property
    def changed(self):
        return sum(self.changes.values())

    @property
    def empty(self):
        return not (self.meetings or self.stories or self.goals_named or self.changed)

    def add_meeting(self, meeting):
        self.meetings += 1
        if meeting.participants is not None:
            self.counted += 1
            self.participants = (self.participants or 0) + meeting.participants


@dataclass
class Record:
    years: list  # every year from the first to the last with anything recorded
    association: dict  # year -> Tally
    communities: dict  # community key -> {year: Tally}, every published community
    shared: dict  # year -> Tally of the goals the communities share (named, changed)
    meetings: list  # [Meeting], by day
    cycles: list  # [Cycle], by year
    goal_status: dict  # year -> {status: goals with it at the end of the year}
    goals_undated: int = 0  # goals whose year of naming is not recorded

    def community_cycles(self, key):
        return [cycle for cycle in self.cycles if key in cycle.communities]

    def total(self, tallies):
        """One Tally summing `tallies` (year 0)."""
        total = Tally(0)
        for tally in tallies:
            total.meetings += tally.meetings
            total.counted += tally.counted
            if tally.participants is not None:
                total.participants = (total.participants or 0) + tally.participants
            total.stories += tally.stories
            total.goals_named += tally.goals_named
            for status, n in tally.changes.items():
                total.changes[status] += n
        return total


def _day(value):
    return value.date() if isinstance(value, datetime.datetime) else value


def _original(index, group):
    return group.get(index.default_lang) or group[sorted(group)[0]]


def _ref(index, section, key, group):
    return Ref(f"{section}/{key}", {
        lang: (str(index.metadata(document).get("title") or key), document.url)
        for lang, document in sorted(group.items())
    })


def _items(index, kind):
    """[(section, key, group, original's metadata)] of the published documents of a kind."""
    found = []
    for (section, key), group in sorted(index.groups.items()):
        if index.sections[section]["kind"] == kind:
            found.append((section, key, group, index.metadata(_original(index, group))))
    return found


def meetings(index, today):
    """[Meeting] held before `today`, by day (then by id)."""
    news = _items(index, "news")
    reports = {}
    for section, _key, _group, meta in news:
        if meta.get("report_of"):
            reports.setdefault((section, str(meta["report_of"])), []).append(meta)
    found = []
    for section, key, group, meta in news:
        start = meta.get("event_start")
        if start is None or meta.get("report_of") or meta.get("event_status") in NOT_HELD:
            continue
        last_day = _day(meta.get("event_end") or start)
        if last_day >= today:
            continue
        communities = list(meta.get("communities") or ())
        participants = meta.get("participants")
        for report in reports.get((section, key), ()):  # in the order of their keys
            communities += [c for c in report.get("communities") or () if c not in communities]
            if participants is None:
                participants = report.get("participants")
        found.append(Meeting(_ref(index, section, key, group), _day(start), tuple(communities), participants))
    found.sort(key=lambda meeting: (meeting.day, meeting.ref.id))
    return found


def cycles(index, today=None):
    """[Cycle] closed by the published news items with `cycle`, by year (the first item a year)."""
    found = {}
    for section, key, group, meta in _items(index, "news"):
        year = meta.get("cycle")
        if not isinstance(year, int) or year in found:
            continue
        meeting = meeting_day = None
        target = meta.get("cycle_meeting")
        target_group = index.groups.get((section, str(target))) if target else None
        if target_group:
            target_meta = index.metadata(_original(index, target_group))
            if target_meta.get("event_start") is not None:
                meeting = _ref(index, section, str(target), target_group)
                meeting_day = _day(target_meta["event_start"])
        found[year] = Cycle(year, _ref(index, section, key, group), meta.get("cycle_participants"),
                            tuple(meta.get("communities") or ()), meeting, meeting_day)
    return [found[year] for year in sorted(found)]


def _goal_year(goal):
    if goal.cycle:
        return goal.cycle
    return goal.history[0].date.year if goal.history else None


def _changes(goal):
    """[(year, status)] each time the goal's status changed, oldest first."""
    status, found = FIRST_STATUS, []
    for entry in goal.history:
        if entry.status and entry.status != status:
            status = entry.status
            found.append((entry.date.year, status))
    return found


def _status_at(goal, year):
    status = FIRST_STATUS
    for entry in goal.history:
        if entry.status and entry.date.year <= year:
            status = entry.status
    return status


def build_record(index, goals, today):
    """The Record of the published content (goals: site_goals' register) on the build's day."""
    held = meetings(index, today)
    closed = cycles(index)
    stories = []  # (year, communities)
    for _section, _key, _group, meta in _items(index, "story"):
        if meta.get("date") is not None:
            stories.append((_day(meta["date"]).year, tuple(meta.get("communities") or ())))
    named = [(goal, _goal_year(goal)) for goal in goals]
    years = {meeting.year for meeting in held} | {cycle.year for cycle in closed}
    years |= {year for year, _communities in stories}
    years |= {year for _goal, year in named if year}
    years |= {year for goal in goals for year, _status in _changes(goal)}
    years = list(range(min(years), max(years) + 1)) if years else []

    association = {year: Tally(year) for year in years}
    communities = {key: {year: Tally(year) for year in years}
                   for _section, key, _group, _meta in _items(index, "community")}

    shared = {year: Tally(year) for year in years}

    def each(keys, year, goal=False):
        """The tallies a thing of these communities counts in: the association's, each community's."""
        yield association[year]
        if goal and not keys:
            yield shared[year]
        for key in dict.fromkeys(keys):
            if key in communities:
                yield communities[key][year]

    for meeting in held:
        for tally in each(meeting.communities, meeting.year):
            tally.add_meeting(meeting)
    for year, keys in stories:
        for tally in each(keys, year):
            tally.stories += 1
    for goal, year in named:
        owners = (goal.community,) if goal.community else ()
        if year:
            for tally in each(owners, year, goal=True):
                tally.goals_named += 1
        for changed_year, status in _changes(goal):
            for tally in each(owners, changed_year, goal=True):
                tally.changes[status] += 1
    goal_status = {}
    for year in years:
        counts = dict.fromkeys(GOAL_STATUSES, 0)
        for goal, named_year in named:
            if named_year and named_year <= year:
                counts[_status_at(goal, year)] += 1
        goal_status[year] = counts
    return Record(
        years=years,
        association=association,
        communities=communities,
        shared=shared,
        meetings=held,
        cycles=closed,
        goal_status=goal_status,
        goals_undated=sum(1 for _goal, year in named if not year),
    )
