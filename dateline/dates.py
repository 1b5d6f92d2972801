"""Dates at their real precision: TIMEX3-style values, their bounds, order and labels.

An event's date is a TIMEX3 value ("2018", "2018-08", "2018-W48", "2018-12-04", "201" for the
2010s, "2018-Q3", "2018-SU").  This module turns such values into date bounds, a sort key that puts
coarser dates before finer ones within a period, and a human label; and it parses the date forms
editors write in notes ("early 2019", "2019-02-27/2019-02-28").
"""

from __future__ import annotations

import datetime as dt
import functools
import re

from dateutil.relativedelta import relativedelta

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# Capitalized words that name a day or month, never a person or a place
CALENDAR_WORDS = frozenset((*WEEKDAYS, *MONTHS, "Today", "Yesterday"))

# Coarse first: rank used as the second sort key within the same start day.
PRECISIONS = ("century", "decade", "year", "half", "quarter", "season", "month", "week", "day",
              "time")

_PATTERNS = {
    "century": re.compile(r"^(\d{2})$"),
    "decade": re.compile(r"^(\d{3})$"),
    "year": re.compile(r"^(\d{4})$"),
    "half": re.compile(r"^(\d{4})-H([12])$"),
    "quarter": re.compile(r"^(\d{4})-Q([1-4])$"),
    "season": re.compile(r"^(\d{4})-(SP|SU|FA|WI)$"),
    "month": re.compile(r"^(\d{4})-(\d{2})$"),
    "week": re.compile(r"^(\d{4})-W(\d{2})$"),
    "day": re.compile(r"^(\d{4})-(\d{2})-(\d{2})$"),
    "time": re.compile(r"^(\d{4})-(\d{2})-(\d{2})T(\d{2})(?::(\d{2}))?"),
}
_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
_SEASON_NAMES = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}
_MOD_WORDS = {"START": "early", "MID": "mid", "END": "late", "APPROX": "about",
              "BEFORE": "before", "AFTER": "after", "ON_OR_BEFORE": "by", "ON_OR_AFTER": "from"}


@functools.lru_cache(maxsize=1 << 16)  # pure; each date is looked up many times a build
def precision(value: str) -> str:
    """The precision of a resolved TIMEX3 date value, or "" when it is not a placeable date."""
    for name, pattern in _PATTERNS.items():
        if pattern.match(value):
            return name
    return ""


@functools.lru_cache(maxsize=1 << 16)  # pure; each date is looked up many times a build
def bounds(value: str) -> tuple[dt.date, dt.date] | None:
    """First and last day covered by ``value``; None if unresolved or impossible."""
    kind = precision(value)
    if not kind:
        return None
    match = _PATTERNS[kind].match(value)
    assert match is not None
    groups = match.groups()
    try:
        first, span = _start_and_span(kind, groups)
    except ValueError:
        return None
    try:
        return first, first + span - dt.timedelta(days=1)
    except (OverflowError, ValueError):  # a period ending after 9999-12-31 ends on that day
        return first, dt.date.max


def _start_and_span(kind: str, g: tuple[str | None, ...]) -> tuple[dt.date, relativedelta]:
    year = int(g[0] or 0)
    if kind == "century":
        return dt.date(max(1, year * 100), 1, 1), relativedelta(years=100)
    if kind == "decade":
        return dt.date(max(1, year * 10), 1, 1), relativedelta(years=10)
    if kind == "year":
        return dt.date(year, 1, 1), relativedelta(years=1)
    if kind == "half":
        return dt.date(year, 1 + 6 * (int(g[1] or 1) - 1), 1), relativedelta(months=6)
    if kind == "quarter":
        return dt.date(year, 1 + 3 * (int(g[1] or 1) - 1), 1), relativedelta(months=3)
    if kind == "season":  # winter Y is the winter whose January is in Y, as the tagger reads it
        season = g[1] or "SP"
        start_year = year - 1 if season == "WI" else year
        return dt.date(start_year, _SEASON_START[season], 1), relativedelta(months=3)
    if kind == "month":
        return dt.date(year, int(g[1] or 0), 1), relativedelta(months=1)
    if kind == "week":
        return dt.date.fromisocalendar(year, int(g[1] or 0), 1), relativedelta(days=7)
    return dt.date(year, int(g[1] or 0), int(g[2] or 0)), relativedelta(days=1)


def is_valid(value: str) -> bool:
    return bounds(value) is not None


@functools.lru_cache(maxsize=1 << 16)  # pure; each date is looked up many times a build
def sort_key(value: str, end: str = "") -> tuple[str, int, str]:
    """Chronological order; within the same start, coarser precision first."""
    span = bounds(value)
    start = span[0].isoformat() if span else "9999-99-99"
    return start, PRECISIONS.index(precision(value)) if span else 99, end


@functools.lru_cache(maxsize=1 << 16)  # pure; each date is looked up many times a build
def year_of(value: str) -> int | None:
    span = bounds(value)
    if span and precision(value) == "season":  # winter 2018 begins in December 2017
        return int(value[:4])
    return span[0].year if span else None


@functools.lru_cache(maxsize=1 << 16)  # pure; each date is looked up many times a build
def month_key(value: str) -> str:
    """"2018-08" for dates inside one month, "" for coarser dates (shown at year level)."""
    kind = precision(value)
    return value[:7] if kind in ("month", "day", "time") else ""


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


_REFS = {"PAST_REF": "the past", "PRESENT_REF": "now", "FUTURE_REF": "the future"}
_DAY_PARTS = {"MO": "morning", "MI": "midday", "AF": "afternoon", "EV": "evening", "NI": "night",
              "DT": "daytime"}
_SPECIAL = re.compile(r"^(?P<year>\d{4})-W(?P<week>\d{2})-WE$"
                      r"|^(?P<day>\d{4}-\d{2}-\d{2})T(?P<part>MO|MI|AF|EV|NI|DT)$"
                      r"|^FY(?P<fy>\d{4})$|^XXXX-(?P<month>\d{2})-(?P<mday>\d{2})$")


def _special_label(value: str) -> str:
    """Words for the TIMEX values that are no calendar span: the reader never sees a code."""
    if value in _REFS:
        return _REFS[value]
    m = _SPECIAL.match(value)
    if m is None:
        return value
    if m["year"]:
        return _weekend_label(int(m["year"]), int(m["week"]))
    if m["day"]:
        return f"{_plain_label(m['day'])} ({_DAY_PARTS[m['part']]})"
    if m["fy"]:
        return f"fiscal year {m['fy']}"
    month = int(m["month"])
    return f"{int(m['mday'])} {MONTHS[month - 1]}" if 1 <= month <= 12 else value


def _weekend_label(year: int, week: int) -> str:
    try:
        saturday = dt.date.fromisocalendar(year, week, 6)
    except ValueError:
        return f"{year}-W{week:02d}-WE"
    sunday = saturday + dt.timedelta(days=1)
    if saturday.month == sunday.month:
        month = MONTHS[sunday.month - 1]
        return f"the weekend of {saturday.day}–{sunday.day} {month} {sunday.year}"
    return (f"the weekend of {saturday.day} {MONTHS[saturday.month - 1]} – {sunday.day} "
            f"{MONTHS[sunday.month - 1]} {sunday.year}")


def _plain_label(value: str) -> str:
    kind = precision(value)
    span = bounds(value)
    if span is None:
        return _special_label(value)
    first = span[0]
    if kind == "century":
        return f"the {_ordinal(int(value) + 1)} century"
    if kind == "decade":
        return f"the {value}0s"
    if kind == "half":
        return f"{'first' if value.endswith('1') else 'second'} half of {first.year}"
    if kind == "quarter":
        return f"Q{value[-1]} {first.year}"
    if kind == "season":
        if value.endswith("WI"):  # December of the year before to February
            return f"winter {first.year}–{str(first.year + 1)[-2:]}"
        return f"{_SEASON_NAMES[value[-2:]]} {first.year}"
    if kind == "month":
        return f"{MONTHS[first.month - 1]} {first.year}"
    if kind == "week":
        return f"week of {first.day} {MONTHS[first.month - 1]} {first.year}"
    if kind in ("day", "time"):
        return f"{first.day} {MONTHS[first.month - 1]} {first.year}"
    return str(first.year)


@functools.lru_cache(maxsize=1 << 16)  # pure; each date is looked up many times a build
def label(value: str, end: str = "", mod: str = "", alternative: bool = False) -> str:
    """How a reader sees a date: "2018", "August 2018", "week of 26 November 2018", ..."""
    text = _plain_label(value)
    if end and end != value:
        joiner = " or " if alternative else " – "
        text = _range_label(value, end, joiner)
    word = _MOD_WORDS.get(mod)
    if mod in ("START", "MID", "END") and text.startswith("the "):  # "the early 1990s"
        return f"the {word}{'-' if mod == 'MID' else ' '}{text[4:]}"
    return f"{word} {text}" if word else text


def _range_label(value: str, end: str, joiner: str) -> str:
    kind, end_kind = precision(value), precision(end)
    if kind == end_kind == "month" and value[:4] == end[:4]:
        return f"{MONTHS[int(value[5:7]) - 1]}{joiner}{MONTHS[int(end[5:7]) - 1]} {value[:4]}"
    if kind == end_kind == "day" and value[:7] == end[:7]:
        return f"{int(value[8:])}{joiner.strip() if joiner == ' – ' else joiner}" \
               f"{int(end[8:])} {MONTHS[int(value[5:7]) - 1]} {value[:4]}"
    return f"{_plain_label(value)}{joiner}{_plain_label(end)}"


@functools.lru_cache(maxsize=1 << 16)  # pure; each date is looked up many times a build
def iso_start(value: str) -> str:
    """ISO day of the first day of ``value`` ("" if unresolved): for feeds and calendars."""
    span = bounds(value)
    return span[0].isoformat() if span else ""


# --- Editors' forms -------------------------------------------------------------------------

_APPROX = {"early": "START", "mid": "MID", "late": "END", "around": "APPROX", "about": "APPROX",
           "circa": "APPROX", "c.": "APPROX", "before": "BEFORE", "after": "AFTER"}
_SEASON_WORDS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
_MONTH_WORD = {m.lower(): i for i, m in enumerate(MONTHS, 1)}
_EDITOR_FORM = re.compile(
    r"^(?:(?P<mod>early|mid|late|around|about|circa|c\.|before|after)[\s-]+)?"
    r"(?:(?P<season>spring|summer|autumn|fall|winter)\s+|(?P<month>[a-z]+)\s+)?"
    r"(?P<value>\d{2,4}(?:-(?:\d{2}|W\d{2}|Q[1-4]|H[12]|SP|SU|FA|WI)(?:-\d{2})?)?|\d{3}0s)$",
    re.IGNORECASE,
)


class DateError(ValueError):
    """An editor's date that cannot be understood; ``hint`` says what to write."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.hint = hint


HINT = ("write YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Www, a range like 2019-02-27/2019-02-28, "
        "or 'early 2019', 'mid-2018', 'late 2018', 'summer 2018', 'March 2019'")


def parse_editor_date(text: str) -> tuple[str, str, str]:
    """``(value, end, mod)`` for a date written by an editor; raises DateError."""
    text = text.strip()
    if "/" in text:
        first, _, last = text.partition("/")
        if not first.strip() or not last.strip():
            missing = "start" if not first.strip() else "end"
            raise DateError(f"range '{text}' has no {missing} date",
                            "write both ends, START/END, e.g. 2018-06-12/2018-06-14, or one "
                            "date without '/'")
        value, _, mod = parse_editor_date(first)
        end, _, _ = parse_editor_date(last)
        if sort_key(end) < sort_key(value):
            raise DateError(f"range ends before it starts (got {text})",
                            "put the earlier date first: START/END")
        return value, end, mod
    stamp = _DATETIME.match(text)
    if stamp:
        return _day_of(stamp, text), "", ""
    match = _EDITOR_FORM.match(text)
    if not match:
        if re.match(r"^\d{5,}", text):  # Python's dates, and ours, stop at 9999
            raise DateError(f"year must be 9999 or earlier (got {text})", HINT)
        raise DateError(f"cannot read date '{text}'", HINT)
    value = match["value"]
    if value.endswith("0s"):
        value = value[:3]
    if match["season"]:
        value = f"{value}-{_SEASON_WORDS[match['season'].lower()]}"
    elif match["month"]:
        month = _MONTH_WORD.get(match["month"].lower())
        if month is None or precision(value) != "year":
            raise DateError(f"cannot read date '{text}'", HINT)
        value = f"{value}-{month:02d}"
    _check_value(value, text)
    mod = _APPROX[match["mod"].lower()] if match["mod"] else ""
    return value, "", mod


# Hugo's "2018-06-12T10:00:00+02:00", Jekyll's "2018-06-12 10:00:00 +0200", Pelican's
# "2018-06-12 10:20": the day as written (the writer's own), to the timeline's day precision
_DATETIME = re.compile(r"^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?"
                       r"\s*(?:Z|[+-]\d{2}:?\d{2})?$", re.IGNORECASE)


def _day_of(stamp: re.Match[str], text: str) -> str:
    """The day of a date with a time of day; raises DateError for an impossible time."""
    hour, minute, second = int(stamp[2]), int(stamp[3]), int(stamp[4] or 0)
    if hour > 24 or minute > 59 or second > 60 or (hour == 24 and minute + second > 0):
        raise DateError(f"time of day does not exist (got {text})",
                        "write the time as HH:MM or HH:MM:SS, e.g. 2018-06-12T10:00:00+02:00")
    _check_value(stamp[1], text)
    return stamp[1]


def _check_value(value: str, text: str) -> None:
    if precision(value) not in ("century", "decade") and int(value[:4]) < 1:
        raise DateError(f"year must be 1 or later (got {text})", HINT)
    if precision(value) in ("day", "month"):
        month = int(value[5:7])
        if not 1 <= month <= 12:
            raise DateError(f"month must be 1..12 (got {text})", HINT)
    if precision(value) == "day" and bounds(value) is None:
        raise DateError(f"day does not exist (got {text})",
                        "check the calendar: e.g. February has 28 or 29 days")
    if precision(value) == "week" and bounds(value) is None:
        raise DateError(f"week does not exist (got {text})", "ISO weeks run 01..52 or 53")
    if not is_valid(value):
        raise DateError(f"cannot read date '{text}'", HINT)
    span = bounds(value)
    if span is not None and span[0].year < 1:
        raise DateError(f"year must be 1 or later (got {text})", HINT)
