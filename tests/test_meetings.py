"""Meetings: calendars, upcoming and past pages, schema.org Event, on real builds.

The fixture site tests/fixtures/meetings has timed meetings in summer (+03:00)
and winter (+02:00), one across the change back to winter time, a two-day
meeting without a time, a cancelled one and a report naming its invitation.
It is built as if on 2024-05-01, and again, after a title edit, on 2024-07-05.
"""

import datetime as dt
import json
import shutil
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from conftest import ROOT, SITE_URL, Site, build_site
from site_content.publication import build_today
from site_meetings.model import Meeting, read_meeting, split
from sitecheck import local_path, page_url, parse, resolves
from theme_i18n import event_period

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "meetings"
RIGA = ZoneInfo("Europe/Riga")
DOMAIN = "kopienas.example.org"


@pytest.fixture(scope="module")
def meetings_site(tmp_path_factory):
    output = tmp_path_factory.mktemp("meetings") / "output"
    result = build_site(output, PATH=str(FIXTURE), SITE_TODAY="2024-05-01")
    assert result.ok, result
    return Site(output, SITE_URL, result, {})


@pytest.fixture(scope="module")
def later_site(tmp_path_factory):
    """The same meetings two months later, after the summer meeting's title was edited."""
    content = tmp_path_factory.mktemp("edited") / "content"
    shutil.copytree(FIXTURE, content)
    item = content / "news" / "vasaras-tiksanas.lv.md"
    item.write_text(
        item.read_text(encoding="utf-8").replace("title: Vasaras tikšanās", "title: Lielā vasaras tikšanās"),
        encoding="utf-8",
    )
    output = tmp_path_factory.mktemp("later") / "output"
    result = build_site(output, PATH=str(content), SITE_TODAY="2024-07-05")
    assert result.ok, result
    return Site(output, SITE_URL, result, {})


def calendar(site, path):
    return Calendar.from_ical((site.output / path).read_bytes())


def events(site, path):
    """{UID: VEVENT} of a calendar file."""
    return {str(event["UID"]): event for event in calendar(site, path).walk("VEVENT")}


def uid(key):
    return f"meeting-{key}@{DOMAIN}"


def events_data(site, page):
    """The schema.org Events of a page (its other JSON-LD, an Article say, left aside)."""
    scripts = parse(site.output, page).find_all("script", type="application/ld+json")
    return [data for data in (json.loads(s.string) for s in scripts) if data.get("@type") == "Event"]


def jsonld(site, page):
    found = events_data(site, page)
    assert len(found) == 1, page
    return found[0]


def titles(site, page):
    return [h.get_text(strip=True) for h in parse(site.output, page).select("main .card h2")]


# --- calendars ---------------------------------------------------------------


def test_each_language_has_a_calendar_of_its_meetings(meetings_site):
    lv = events(meetings_site, "kalendars.ics")
    en = events(meetings_site, "en/calendar.ics")
    keys = ["ziemas-tiksanas", "talka", "atcelta-tiksanas", "vasaras-tiksanas", "nakts-pargajiens"]
    assert list(lv) == [uid(key) for key in keys]  # by start, past meetings too
    assert list(en) == [uid("ziemas-tiksanas"), uid("vasaras-tiksanas")]  # the translated ones
    assert str(lv[uid("vasaras-tiksanas")]["SUMMARY"]) == "Vasaras tikšanās"
    assert str(en[uid("vasaras-tiksanas")]["SUMMARY"]) == "Summer meeting"
    assert str(en[uid("vasaras-tiksanas")]["URL"]) == f"{SITE_URL}/en/news/summer-meeting/"
    assert str(lv[uid("vasaras-tiksanas")]["LOCATION"]) == "Kopienas māja, Ciema iela 1, Ķekaviņa"
    assert uid("ziemas-tiksanas-parskats") not in lv  # a report is not a meeting of its own
    site_calendar = calendar(meetings_site, "kalendars.ics")
    assert str(site_calendar["X-WR-CALNAME"]) == "Kopienu stāsti: tikšanās"
    assert str(site_calendar["URL"]) == f"{SITE_URL}/kalendars.ics"


def test_summer_and_winter_meetings_have_their_local_offsets(meetings_site):
    lv = events(meetings_site, "kalendars.ics")
    summer, winter = lv[uid("vasaras-tiksanas")], lv[uid("ziemas-tiksanas")]
    assert summer["DTSTART"].params["TZID"] == "Europe/Riga"
    assert summer.start == dt.datetime(2024, 7, 4, 18, 0, tzinfo=RIGA)
    assert summer.start.utcoffset() == dt.timedelta(hours=3)
    assert summer.end.utcoffset() == dt.timedelta(hours=3)
    assert summer.start.astimezone(dt.timezone.utc).hour == 15
    assert winter.start.utcoffset() == dt.timedelta(hours=2)
    assert winter.start.astimezone(dt.timezone.utc).hour == 16
    assert winter.end - winter.start == dt.timedelta(minutes=90)
    zones = calendar(meetings_site, "kalendars.ics").walk("VTIMEZONE")
    assert [str(zone["TZID"]) for zone in zones] == ["Europe/Riga"]
    assert calendar(meetings_site, "kalendars.ics").get_missing_tzids() == set()


def test_a_meeting_across_the_change_to_winter_time_lasts_its_real_hours(meetings_site):
    night = events(meetings_site, "kalendars.ics")[uid("nakts-pargajiens")]
    assert night.start.utcoffset() == dt.timedelta(hours=3)
    assert night.end.utcoffset() == dt.timedelta(hours=2)
    utc = dt.timezone.utc  # (Python subtracts datetimes of one zone by the wall clock)
    assert night.end.astimezone(utc) - night.start.astimezone(utc) == dt.timedelta(hours=9)


def test_a_meeting_without_a_time_is_a_whole_day_event(meetings_site):
    talka = events(meetings_site, "kalendars.ics")[uid("talka")]
    assert talka["DTSTART"].params["VALUE"] == "DATE"
    assert talka.start == dt.date(2024, 5, 1) and not isinstance(talka.start, dt.datetime)
    assert talka.end == dt.date(2024, 5, 3)  # DTEND is the day after the last day


def test_calendar_values_come_from_the_content(meetings_site):
    lv = events(meetings_site, "kalendars.ics")
    # DTSTAMP is the item's date (2023-11-20 in Riga), not the time of the build
    assert lv[uid("ziemas-tiksanas")]["DTSTAMP"].dt == dt.datetime(2023, 11, 19, 22, tzinfo=dt.timezone.utc)
    assert str(lv[uid("atcelta-tiksanas")]["STATUS"]) == "CANCELLED"
    assert "DTEND" not in lv[uid("atcelta-tiksanas")]  # no end given: none invented


def test_uids_stay_the_same_when_a_title_changes(meetings_site, later_site):
    before = events(meetings_site, "kalendars.ics")
    after = events(later_site, "kalendars.ics")
    assert list(after) == list(before)
    assert str(after[uid("vasaras-tiksanas")]["SUMMARY"]) == "Lielā vasaras tikšanās"
    # and the same meeting has the same UID in both languages
    assert uid("vasaras-tiksanas") in events(meetings_site, "en/calendar.ics")


def test_every_upcoming_meeting_page_links_its_own_calendar_file(meetings_site):
    for page in ("jaunumi/vasaras-tiksanas/index.html", "en/news/summer-meeting/index.html"):
        link = parse(meetings_site.output, page).select_one("a[type='text/calendar'][download]")
        expected = {"jaunumi": "Pievienot kalendāram", "en": "Add to calendar"}[page.split("/")[0]]
        assert link.contents[0].strip() == expected
        assert link.find(class_="visually-hidden").get_text() in (": Vasaras tikšanās", ": Summer meeting")
        target = local_path(link["href"], page_url(page), SITE_URL)
        assert target.endswith(".ics") and resolves(meetings_site.output, target)
        assert list(events(meetings_site, target)) == [uid("vasaras-tiksanas")]
    summer = calendar(meetings_site, "jaunumi/vasaras-tiksanas/vasaras-tiksanas.ics")
    assert [str(zone["TZID"]) for zone in summer.walk("VTIMEZONE")] == ["Europe/Riga"]
    assert "X-WR-CALNAME" not in summer  # imported into one's own calendar, not a new one


def test_a_cancelled_or_past_meeting_offers_no_calendar_link(meetings_site):
    for page in ("jaunumi/atcelta-tiksanas/index.html", "jaunumi/ziemas-tiksanas/index.html"):
        assert parse(meetings_site.output, page).select("a[download]") == [], page
    cancelled = parse(meetings_site.output, "jaunumi/atcelta-tiksanas/index.html")
    assert "Atcelta" in cancelled.select_one("dl.event").get_text()
    # and no calendar file that nothing links is made for them; the calendar of all meetings keeps them
    for folder in ("jaunumi/atcelta-tiksanas", "jaunumi/ziemas-tiksanas"):
        assert list((meetings_site.output / folder).glob("*.ics")) == [], folder
    assert uid("ziemas-tiksanas") in events(meetings_site, "kalendars.ics")
    assert uid("atcelta-tiksanas") in events(meetings_site, "kalendars.ics")


# --- upcoming and past -------------------------------------------------------


def test_upcoming_and_past_pages_split_at_the_build_date(meetings_site):
    site = meetings_site
    assert titles(site, "tiksanas/index.html") == [
        "Divu dienu talka", "Atceltā tikšanās", "Vasaras tikšanās", "Nakts pārgājiens",
    ]
    assert titles(site, "tiksanas/notikusas/index.html") == ["Ziemas tikšanās"]
    assert titles(site, "en/meetings/index.html") == ["Summer meeting"]
    assert titles(site, "en/meetings/past/index.html") == ["Winter meeting"]
    soup = parse(site.output, "tiksanas/index.html")
    assert soup.title.get_text() == "Gaidāmās tikšanās – Kopienu stāsti"
    assert soup.select_one("link[hreflang=en]")["href"] == f"{SITE_URL}/en/meetings/"


def test_later_the_same_meetings_are_past(later_site):
    assert titles(later_site, "tiksanas/index.html") == ["Nakts pārgājiens"]
    assert titles(later_site, "tiksanas/notikusas/index.html") == [
        "Lielā vasaras tikšanās", "Atceltā tikšanās", "Divu dienu talka", "Ziemas tikšanās",
    ]
    assert titles(later_site, "en/meetings/index.html") == []
    text = parse(later_site.output, "en/meetings/index.html").main.get_text(" ", strip=True)
    assert "No meetings are planned at the moment." in text


def test_a_past_invitation_links_the_report_that_names_it(meetings_site):
    card = parse(meetings_site.output, "tiksanas/notikusas/index.html").select_one("main .card")
    link = card.find("a", href=f"{SITE_URL}/jaunumi/ziemas-tiksanas-parskats/")
    assert link.get_text() == "Kā noritēja ziemas tikšanās"
    assert "Šī tikšanās jau ir notikusi." in card.get_text()
    # the report is only in Latvian: the English page says so and marks the link's language
    en = parse(meetings_site.output, "en/news/winter-meeting/index.html")
    link = en.find("a", href=f"{SITE_URL}/jaunumi/ziemas-tiksanas-parskats/")
    assert (link["hreflang"], link["lang"]) == ("lv", "lv")
    report = parse(meetings_site.output, "jaunumi/ziemas-tiksanas-parskats/index.html")
    assert report.find("a", href=f"{SITE_URL}/jaunumi/ziemas-tiksanas/").get_text() == "Ziemas tikšanās"


def test_the_home_page_shows_the_next_meeting_that_takes_place(meetings_site, later_site):
    def next_meeting(site, page):
        section = parse(site.output, page).find("section", class_="next-meeting")
        return section and section.h3.get_text(strip=True)

    assert next_meeting(meetings_site, "index.html") == "Divu dienu talka"
    assert next_meeting(meetings_site, "en/index.html") == "Summer meeting"
    assert next_meeting(later_site, "index.html") == "Nakts pārgājiens"
    assert next_meeting(later_site, "en/index.html") is None
    section = parse(meetings_site.output, "index.html").find("section", class_="next-meeting")
    assert section.find("time")["datetime"] == "2024-05-01"
    assert section.find("time").get_text() == "2024. gada 1.–2. maijs"


def test_the_news_list_links_the_meeting_pages_and_the_calendar(meetings_site):
    links = parse(meetings_site.output, "jaunumi/index.html").select("ul.meeting-links a")
    assert [a.get_text() for a in links] == [
        "Gaidāmās tikšanās", "Notikušās tikšanās", "Tikšanos kalendārs (iCalendar)",
    ]
    for a in links:
        assert resolves(meetings_site.output, local_path(a["href"], "/jaunumi/", SITE_URL))


def test_every_link_of_the_meetings_fixture_resolves(meetings_site):
    from sitecheck import references  # noqa: PLC0415

    for page in meetings_site.pages:
        for _attribute, value in references(parse(meetings_site.output, page)):
            target = local_path(value, page_url(page), SITE_URL)
            assert target is None or resolves(meetings_site.output, target), f"{page}: {value}"


# --- schema.org Event --------------------------------------------------------


def test_meeting_pages_carry_an_event_with_offsets(meetings_site):
    summer = jsonld(meetings_site, "jaunumi/vasaras-tiksanas/index.html")
    assert summer["@type"] == "Event"
    assert summer["name"] == "Vasaras tikšanās"
    assert summer["startDate"] == "2024-07-04T18:00+03:00"
    assert summer["endDate"] == "2024-07-04T20:00+03:00"
    assert dt.datetime.fromisoformat(summer["startDate"]).utcoffset() == dt.timedelta(hours=3)
    assert summer["eventStatus"] == "https://schema.org/EventScheduled"
    assert summer["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert summer["location"] == {
        "@type": "Place", "name": "Kopienas māja", "address": "Ciema iela 1, Ķekaviņa",
    }
    assert summer["organizer"] == {
        "@type": "Organization", "name": "Partnerība Daugavkrasts", "url": f"{SITE_URL}/",
    }
    assert summer["inLanguage"] == "lv"
    assert summer["url"] == f"{SITE_URL}/jaunumi/vasaras-tiksanas/"
    winter = jsonld(meetings_site, "en/news/winter-meeting/index.html")
    assert (winter["startDate"], winter["inLanguage"]) == ("2023-12-05T18:00+02:00", "en")
    assert winter["name"] == "Winter meeting"
    assert jsonld(meetings_site, "jaunumi/talka/index.html")["startDate"] == "2024-05-01"
    cancelled = jsonld(meetings_site, "jaunumi/atcelta-tiksanas/index.html")
    assert cancelled["eventStatus"] == "https://schema.org/EventCancelled"


def test_a_news_item_without_a_meeting_has_no_event(meetings_site):
    assert events_data(meetings_site, "jaunumi/ziemas-tiksanas-parskats/index.html") == []


# --- the real content --------------------------------------------------------


def test_the_real_gathering_is_a_past_all_day_meeting(site):
    lv = events(site, "kalendars.ics")
    assert list(lv) == [uid("kopsanaksme-mezinieki-2022")]
    gathering = lv[uid("kopsanaksme-mezinieki-2022")]
    assert gathering.start == dt.date(2022, 10, 7) and gathering.end == dt.date(2022, 10, 8)
    assert str(gathering["LOCATION"]) == "Mežauļi, Mežinieki, Ķekavas novads"
    assert list(events(site, "en/calendar.ics")) == [uid("kopsanaksme-mezinieki-2022")]
    assert titles(site, "tiksanas/notikusas/index.html") == ["Kopsanāksme Mežiniekos 7. oktobrī"]
    assert titles(site, "tiksanas/index.html") == []
    event = jsonld(site, "jaunumi/kopsanaksme-mezinieki-2022/index.html")
    assert (event["startDate"], event["location"]["name"]) == ("2022-10-07", "Mežauļi")
    assert "endDate" not in event


# --- the pure functions ------------------------------------------------------


def meeting(start, end=None, key="x"):
    return Meeting(key=key, start=start, end=end)


def test_a_meeting_is_upcoming_until_its_last_day_has_passed():
    one_day = meeting(dt.date(2024, 5, 1), key="a")
    evening = meeting(dt.datetime(2024, 5, 2, 18, tzinfo=RIGA), key="b")
    pairs = [("a", one_day), ("b", evening)]
    for today, upcoming, past in (
        (dt.date(2024, 5, 1), ["a", "b"], []),
        (dt.date(2024, 5, 2), ["b"], ["a"]),
        (dt.date(2024, 5, 3), [], ["b", "a"]),
    ):
        found = split(pairs, today, RIGA)
        assert ([i for i, _m in found[0]], [i for i, _m in found[1]]) == (upcoming, past)


def test_the_build_date_is_a_setting_or_today_in_riga():
    assert build_today({"SITE_TODAY": "2024-05-01"}) == dt.date(2024, 5, 1)
    late = dt.datetime(2024, 5, 1, 22, 30, tzinfo=dt.timezone.utc)  # already 2 May in Riga
    assert build_today({"TIMEZONE": "Europe/Riga"}, now=late) == dt.date(2024, 5, 2)
    with pytest.raises(ValueError, match="SITE_TODAY = 'soon' is not a date"):
        build_today({"SITE_TODAY": "soon"})


@pytest.mark.parametrize(
    ("meta", "expected"),
    [
        ({"event_start": "7 October"}, [("event_start", "'7 October' is not a date or time; write it as YYYY-MM-DD, or YYYY-MM-DD HH:MM with the local time")]),
        ({"event_start": "2024-05-01 18:00", "event_end": "2024-05-01"}, [("event_end", "and 'event_start' must both have a time of day, or both not")]),
        ({"event_start": "2024-05-01 18:00", "event_end": "2024-05-01 17:00"}, [("event_end", "is before 'event_start' (2024-05-01T18:00+03:00)")]),
        ({"event_start": "2024-05-01", "registration": "pieteikties.lv"}, [("registration", "'pieteikties.lv' is not a web address: start it with https://")]),
        ({"event_start": "2024-05-01", "event_status": "maybe"}, [("event_status", "'maybe' is not one of: scheduled, cancelled, postponed, rescheduled")]),
        ({"place": "Mežauļi"}, [("place", "is set but 'event_start' is missing: add when the meeting starts")]),
    ],
)
def test_wrong_meeting_fields_are_explained(meta, expected):
    assert read_meeting("x", meta, RIGA)[1] == expected


def test_an_end_before_the_start_is_reported_and_fails_a_strict_build(tmp_path, caplog):
    from sitebuilder.pipeline import build  # noqa: PLC0415

    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    item = content / "news" / "talka.lv.md"
    item.write_text(
        item.read_text(encoding="utf-8").replace("event_end: 2024-05-02", "event_end: 2024-04-30"),
        encoding="utf-8",
    )
    result = build(
        str(ROOT / "publishconf.py"), output=str(tmp_path / "output"), jobs=1, strict=True,
        extra={"SITEURL": SITE_URL, "PATH": str(content), "SITE_TODAY": "2024-05-01"},
    )
    assert not result.ok
    assert "news/talka.lv.md:7: 'event_end' is before 'event_start' (2024-05-01)" in caplog.text


@pytest.mark.parametrize(
    ("locale", "start", "end", "expected"),
    [
        ("lv_LV", dt.datetime(2024, 3, 5, 18, tzinfo=RIGA), None, "2024. gada 5. marts, 18:00"),
        ("lv_LV", dt.datetime(2024, 3, 5, 18, tzinfo=RIGA), dt.datetime(2024, 3, 5, 20, tzinfo=RIGA), "2024. gada 5. marts, 18:00–20:00"),
        ("en_GB", dt.datetime(2024, 3, 5, 18, tzinfo=RIGA), dt.datetime(2024, 3, 5, 20, tzinfo=RIGA), "5 March 2024, 18:00–20:00"),
        ("en_GB", dt.datetime(2024, 10, 26, 22, tzinfo=RIGA), dt.datetime(2024, 10, 27, 6, tzinfo=RIGA), "26 October 2024, 22:00 – 27 October 2024, 06:00"),
        ("lv_LV", dt.date(2022, 10, 7), None, "2022. gada 7. oktobris"),
        ("en_GB", dt.date(2024, 5, 1), dt.date(2024, 5, 2), "1–2 May 2024"),
    ],
)
def test_meeting_times_in_each_language(locale, start, end, expected):
    assert event_period(start, end, locale) == expected


def test_a_past_meeting_is_called_past_and_an_upcoming_one_an_invitation(meetings_site):
    kicker = lambda page: parse(meetings_site.output, page).select_one(".kicker").get_text(" ", strip=True)  # noqa: E731
    assert kicker("jaunumi/ziemas-tiksanas/index.html") == "Jaunumi · Notikusi tikšanās"
    assert kicker("jaunumi/vasaras-tiksanas/index.html") == "Jaunumi · Ielūgums uz tikšanos"
    news_list = parse(meetings_site.output, "jaunumi/index.html").get_text(" ", strip=True)
    assert "Notikusi tikšanās" in news_list
