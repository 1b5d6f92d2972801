"""Calendar points at a granularity ("2018-W48", "2018-Q3", "199") and their arithmetic.

A :class:`Point` is a day inside the period plus the period's granularity, so
shifting and formatting share one representation; python-dateutil does the
month and year arithmetic.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta

SEASON_MONTH = {"SP": 4, "SU": 7, "FA": 10, "WI": 1}
# granularities from coarse to fine; the TIMEX3 value of a point depends only on these
GRANULARITIES = ("century", "decade", "year", "half", "quarter", "season", "month",
                 "week", "weekend", "day")
UNIT_GRANULARITY = {"CE": "century", "DE": "decade", "Y": "year", "HALF": "half",
                    "Q": "quarter", "M": "month", "W": "week", "2W": "week", "WE": "weekend",
                    "D": "day"}


@dataclass(frozen=True)
class Point:
    """A calendar period: ``day`` lies inside it, ``gran`` says how wide it is."""

    day: dt.date
    gran: str
    season: str = ""  # SP | SU | FA | WI when gran == "season"

    def value(self) -> str:
        """The TIMEX3 value of the period."""
        d = self.day
        if self.gran == "day":
            return d.isoformat()
        if self.gran in ("week", "weekend"):
            year, week, _ = d.isocalendar()
            return f"{year:04d}-W{week:02d}" + ("-WE" if self.gran == "weekend" else "")
        return _coarse_value(d, self.gran, self.season)

    def shift(self, amount: int, unit: str) -> Point:
        """The point ``amount`` units later (earlier when negative), same granularity."""
        return Point(self.day + unit_delta(unit, amount), self.gran, self.season)

    def at(self, gran: str) -> Point:
        """The same moment seen at another granularity."""
        return Point(self.day, gran, self.season if gran == "season" else "")


def _coarse_value(d: dt.date, gran: str, season: str) -> str:
    if gran == "month":
        return f"{d.year:04d}-{d.month:02d}"
    if gran == "quarter":
        return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
    if gran == "half":
        return f"{d.year:04d}-H{1 if d.month <= 6 else 2}"
    if gran == "season":
        return f"{d.year:04d}-{season}"
    if gran == "decade":
        return f"{d.year // 10:03d}"
    if gran == "century":
        return f"{d.year // 100:02d}"
    return f"{d.year:04d}"


def unit_delta(unit: str, amount: int) -> relativedelta:
    """The calendar distance of ``amount`` TIMEX3 units (Y, M, W, D, Q, DE, CE, ...)."""
    months = {"Y": 12, "M": 1, "Q": 3, "HALF": 6, "DE": 120, "CE": 1200, "ML": 12000}
    days = {"W": 7, "2W": 14, "D": 1, "WE": 7}
    if unit in months:
        return relativedelta(months=months[unit] * amount)
    return relativedelta(days=days.get(unit, 1) * amount)


UNRESOLVED = {"day": "XXXX-XX-XX", "week": "XXXX-WXX", "weekend": "XXXX-WXX-WE",
              "month": "XXXX-XX", "quarter": "XXXX-QX", "half": "XXXX-HX",
              "season": "XXXX-XX", "year": "XXXX", "decade": "XXX", "century": "XX"}


def unresolved(gran: str) -> str:
    """The value of a relative expression at ``gran`` when there is no anchor."""
    return UNRESOLVED.get(gran, "XXXX")


def weekday_on_or_before(anchor: dt.date, iso_weekday: int) -> dt.date:
    """The latest day with that ISO weekday (1 = Monday) on or before ``anchor``."""
    return anchor - dt.timedelta(days=(anchor.isoweekday() - iso_weekday) % 7)


def weekday_on_or_after(anchor: dt.date, iso_weekday: int) -> dt.date:
    """The earliest day with that ISO weekday on or after ``anchor``."""
    return anchor + dt.timedelta(days=(iso_weekday - anchor.isoweekday()) % 7)


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    """The date, or None when it does not exist (Feb 30) or is out of range."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


CLOSE_DAYS = 120  # "payable Jan. 2" after some past verb in November: the coming one ...
FAR_DAYS = 183  # ... even after a past-tense verb, rather than one ten months back


def nearest_year(anchor: dt.date, month: int, day: int | None, tense: str,
                 certain: bool = False) -> int:
    """Year for a year-less month (and day): the nearest plausible occurrence.

    ``tense`` "past" prefers one on or before the anchor, "future" one on or
    after it; for a day ("Jan. 2") unless the other way is much nearer (within
    ~4 months while the tense-consistent one is over half a year away), unless
    the tense is ``certain`` ("the year ended Jan. 31").
    """
    options: list[tuple[int, int]] = []  # (signed distance in days, year)
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        when = safe_date(year, month, day) if day else dt.date(year, month, 15)
        if when is not None:
            options.append(((when - anchor).days, year))
    if not options:
        return anchor.year
    nearest = min(options, key=lambda o: abs(o[0]))
    if tense == "past":
        fitting = [o for o in options if o[0] <= 0]
    elif tense == "future":
        fitting = [o for o in options if o[0] >= 0]
    else:
        fitting = []
    if not fitting:
        return nearest[1]
    best = min(fitting, key=lambda o: abs(o[0]))
    much_nearer = abs(nearest[0]) <= CLOSE_DAYS and abs(best[0]) > FAR_DAYS
    if day is not None and not certain and much_nearer:
        return nearest[1]
    return best[1]
