"""When a meeting takes place, in words, as a poster says it: "piektdien, 2024. gada 7. jūnijā".

Babel gives the day and date in the locale's full format ("EEEE, y. 'gada'
d. MMMM" in Latvian), but with the names in the nominative, as a heading or
a date on its own: "piektdiena, 2024. gada 7. jūnijs". Saying *on* which day
a meeting is, Latvian puts the weekday in its adverbial form and the month in
the locative: "piektdien, 2024. gada 7. jūnijā". CLDR has no such forms
(checked in Babel 2.18: its Latvian days and months, in format and
stand-alone context, are all nominative), so ON_THE_DAY maps Babel's names to
them; the rest of the pattern stays Babel's. A language without an entry
uses Babel's full date as it is (English: "Friday, 7 June 2024").

Pure functions; the words around the time ("plkst. 18:00", "laiks tiks
paziņots") are the template's, from the theme's catalogue.
"""

import datetime as dt

from babel import Locale
from babel.dates import format_date, format_time

__all__ = ["ON_THE_DAY", "day_in_words", "schedule"]

# Babel's nominative names -> the form that says on which day ("on Friday, in June").
ON_THE_DAY = {
    "lv": {
        "pirmdiena": "pirmdien",
        "otrdiena": "otrdien",
        "trešdiena": "trešdien",
        "ceturtdiena": "ceturtdien",
        "piektdiena": "piektdien",
        "sestdiena": "sestdien",
        "svētdiena": "svētdien",
        "janvāris": "janvārī",
        "februāris": "februārī",
        "marts": "martā",
        "aprīlis": "aprīlī",
        "maijs": "maijā",
        "jūnijs": "jūnijā",
        "jūlijs": "jūlijā",
        "augusts": "augustā",
        "septembris": "septembrī",
        "oktobris": "oktobrī",
        "novembris": "novembrī",
        "decembris": "decembrī",
    },
}


def _literal(text):
    """Text as a literal of a CLDR date pattern."""
    return "'" + text.replace("'", "''") + "'"


def day_in_words(day, locale):
    """The weekday and date of `day` (a date) as one says on which day something happens."""
    loc = Locale.parse(locale)
    forms = ON_THE_DAY.get(loc.language)
    pattern = loc.date_formats["full"].pattern
    if forms:
        weekday = loc.days["format"]["wide"][day.weekday()]
        month = loc.months["format"]["wide"][day.month]
        pattern = (
            pattern.replace("EEEE", _literal(forms.get(weekday, weekday)))
            .replace("MMMM", _literal(forms.get(month, month)))
        )
    return format_date(day, pattern, locale=loc)


def _time(moment, locale):
    return format_time(moment.time(), format="short", locale=locale)


def schedule(start, end, locale):
    """(days, hours): when a meeting is, in the words and numbers of `locale`.

    start, end: dates (a meeting without a known time; end its last day) or
    local datetimes; end may be None. days: ((day in words, time or ""), ...),
    one or two (the first and the last day); a meeting over two days with
    times has them there. hours: () when the days hold the times, ("18:00",)
    or ("18:00", "20:00") for a meeting within one day, None when the time is
    not known. The template says them in words ("plkst. 18:00", "laiks tiks
    paziņots"), through the theme's catalogue.
    """
    if not isinstance(start, dt.datetime):
        days = [(day_in_words(start, locale), "")]
        if end is not None and end != start:
            days.append((day_in_words(end, locale), ""))
        return tuple(days), None
    if end is None:
        return ((day_in_words(start.date(), locale), ""),), (_time(start, locale),)
    if end.date() == start.date():
        return ((day_in_words(start.date(), locale), ""),), (_time(start, locale), _time(end, locale))
    return (
        (day_in_words(start.date(), locale), _time(start, locale)),
        (day_in_words(end.date(), locale), _time(end, locale)),
    ), ()
