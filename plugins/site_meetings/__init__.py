"""Meetings: invitations, upcoming and past meeting pages, calendars, schema.org Event.

A news item with `event_start` describes a meeting. After the articles are
read, each meeting item gets `meeting` (a `model.Meeting`: times, place,
whether it is past at the build's date, the report that names it in
`report_of`, its .ics) and `meeting_jsonld`; the build context gets
`meetings` (upcoming and past items, the next one, the pages' paths). A generator then
writes, in each language, the upcoming and past meeting pages, the
language's calendar and one .ics per meeting beside its page.

The build's date is SITE_TODAY ("YYYY-MM-DD", for tests and previews), by
default today in TIMEZONE: the same content built on the same day gives the
same bytes.
"""

import html
import logging
import os
from dataclasses import replace
from zoneinfo import ZoneInfo

from pelican import signals
from pelican.generators import Generator

from sitebuilder.context import current, site_root

from site_content.publication import build_today
from site_languages import path_alternates

from . import ics, jsonld
from .model import read_meeting, split
from .reports import link_in, report_of_problems, reports_by_invitation

__all__ = ["paths_for", "register"]

logger = logging.getLogger(__name__)

# URL paths relative to a language's root; MEETINGS[lang] in the settings overrides them.
DEFAULT_PATHS = {
    "upcoming": "meetings",
    "past": "meetings/past",
    "calendar": "calendar.ics",
    "calendar_name": "",  # what a calendar program calls the calendar; default SITENAME
}


def paths_for(settings, lang):
    return dict(DEFAULT_PATHS, **settings.get("MEETINGS", {}).get(lang, {}))


def field_line(path, field):
    """1-based line of `field:` in a file's front matter, or None."""
    try:
        with open(path, encoding="utf-8") as f:
            for number, line in enumerate(f, start=1):
                if number > 1 and line.strip() == "---":
                    return None
                if line.startswith(f"{field}:"):
                    return number
    except OSError:
        return None
    return None


def log_problems(article, document, problems):
    """Warn of each problem once: in the file that writes the field, not in its translations.

    Like the content checks, a wrong value is left out and the page built
    without it; a strict build (publishing) fails on the warning.
    """
    for field, message in problems:
        if field in document.meta:
            line = field_line(article.source_path, field)
            where = f"{document.source}:{line}" if line else document.source
            logger.warning("%s: '%s' %s", where, field, message)


def collect(generator):
    """Read every news item's meeting, judge it upcoming or past, note it in the context."""
    settings, context = generator.settings, generator.context
    build = current()
    index = build.index if build is not None else None
    if index is None:
        return
    lang = settings["DEFAULT_LANG"]
    tz = ZoneInfo(settings["TIMEZONE"])
    today = build_today(settings)
    reports = reports_by_invitation(index)
    root = site_root(settings)
    pairs = []
    for article in generator.articles:
        document = index.documents.get(article.relative_source_path.replace("\\", "/"))
        if document is None or document.kind != "news":
            continue
        meta = article.metadata
        meeting, problems = read_meeting(document.key, meta, tz)
        if meeting is None and field_line(article.source_path, "event_start"):
            # the file has a start that the content checks have already refused
            problems = [problem for problem in problems if problem[0] == "event_start"]
        wrong_report_of = report_of_problems(index, document, meta)
        log_problems(article, document, problems + wrong_report_of)
        if meta.get("report_of"):
            if not wrong_report_of:
                group = index.groups.get((document.section, str(meta["report_of"])), {})
                article.meeting_invitation = link_in(index, group, lang, root)
            continue  # a report's meeting is the one of the invitation it names
        if meeting is None:
            continue
        meeting = replace(
            meeting,
            past=meeting.last_day < today,
            report=link_in(index, reports.get((document.section, document.key), {}), lang, root),
            calendar=f"{article.url}{article.slug}.ics",
        )
        article.meeting = meeting
        article.meeting_jsonld = jsonld.script_text(event_json(settings, article, meeting))
        pairs.append((article, meeting))
    upcoming, past = split(pairs, today, tz)
    context["meetings"] = {
        "today": today,
        "paths": paths_for(settings, lang),
        "upcoming": [article for article, _meeting in upcoming],
        # what the home page shows: the first upcoming meeting that still takes place
        "next": next((a for a, m in upcoming if m.status != "cancelled"), None),
        "past": [article for article, _meeting in past],
        "all": [article for article, _meeting in list(reversed(past)) + upcoming],  # by start
    }


def absolute_url(settings, path):
    """The address of a file of this language; "" in builds without a domain."""
    site = settings["SITEURL"]
    return f"{site}/{path}" if site.startswith(("https://", "http://")) else ""


def _summary(article):
    return html.unescape(str(article.metadata.get("summary") or "")).strip()


def event_json(settings, article, meeting):
    lang = settings["DEFAULT_LANG"]
    return jsonld.event_data(
        meeting,
        name=article.title,
        description=_summary(article),
        url=f"{settings['SITEURL']}/{article.url}",
        lang=lang,
        organisation=settings["LANGUAGES"][lang]["organisation"],
        organisation_url=f"{settings['SITEURL']}/",
    )


def offers_calendar(meeting):
    """Whether a meeting's page offers its own calendar file (and so the build makes it)."""
    return not meeting.past and meeting.status != "cancelled"


class MeetingsGenerator(Generator):
    """Writes the meeting pages and the calendars of one language."""

    def generate_output(self, writer):
        state = self.context.get("meetings")
        if state is None:
            return
        paths = state["paths"]
        languages = self.settings["LANGUAGES"]
        template = self.get_template("meetings")
        for which in ("upcoming", "past"):
            path = paths[which]
            others = {code: paths_for(self.settings, code)[which] + "/" for code in languages}
            writer.write_file(
                f"{path}/index.html",
                template,
                self.context,
                url=f"{path}/",
                meetings_page=which,
                items=state[which],
                alternates=path_alternates(self.settings, others),
            )
        # A calendar shows only front matter: site_build's writer (write_data) reuses the
        # last build's file when no front matter changed; Pelican's own writes it each time.
        write = getattr(writer, "write_data", None) or self.write_made
        events = {}

        def event(article):
            if article.key not in events:
                events[article.key] = self.vevent(article)
            return events[article.key]

        write(paths["calendar"], lambda: self.vcalendar(
            [event(article) for article in state["all"]], "calendar", subscription=True))
        # A meeting's own .ics is made only where its page offers it ("Add to calendar",
        # macros/meetings.html): for a meeting still to come that is not cancelled.
        # The calendar of all meetings above keeps the past and cancelled ones.
        for article in state["all"]:
            if offers_calendar(article.meeting):
                write(article.meeting.calendar, lambda article=article: self.vcalendar([event(article)], article.key))

    def vevent(self, article):
        url = absolute_url(self.settings, article.url)
        summary = _summary(article)
        return ics.vevent(
            article.meeting,
            uid=ics.event_uid(article.key, ics.uid_domain(self.settings)),
            title=article.title,
            description="\n\n".join(part for part in (summary, url) if part),
            url=url,
            stamp=ics.as_utc(getattr(article, "modified", None) or article.date, article.date.tzinfo),
        )

    def vcalendar(self, events, name, subscription=False):
        lang = self.settings["DEFAULT_LANG"]
        language = self.settings["LANGUAGES"][lang]
        paths = paths_for(self.settings, lang)
        title = paths["calendar_name"] or self.settings["SITENAME"]
        return ics.vcalendar(
            events,
            prodid=f"-//{language['organisation']}//{self.settings['SITENAME']}//{lang.upper()}",
            uid=f"{name}-{lang}@{ics.uid_domain(self.settings)}",
            name=title if subscription else None,
            url=absolute_url(self.settings, paths["calendar"]) if subscription else None,
            lang=lang,
        )

    def write_made(self, relative, make):
        self.write(relative, make())

    def write(self, relative, data):
        path = os.path.join(self.output_path, *relative.split("/"))
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data)


def get_generators(pelican):
    return MeetingsGenerator


def register():
    signals.article_generator_finalized.connect(collect)
    signals.get_generators.connect(get_generators)
