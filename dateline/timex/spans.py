"""Resolvers for durations, decades and centuries, clock times and sets."""

from __future__ import annotations

import datetime as dt

from dateline.timex.context import Context
from dateline.timex.fields import Fields
from dateline.timex.grammar import Rule
from dateline.timex.relative import weekday_date
from dateline.timex.resolve import Resolved, done, mod_of, resolver
from dateline.timex.timepoint import Point, nearest_year, safe_date

TIME_UNITS = {"H", "MIN", "S"}
# TIMEX3 letters; decades and centuries count in years, fortnights in weeks
DURATION_UNIT = {"DE": ("10", "Y"), "CE": ("100", "Y"), "ML": ("1000", "Y"),
                 "2W": ("2", "W"), "HALF": ("6", "M"), "WE": ("", "WE"), "MIN": ("", "M")}


def duration_value(amount: str, unit: str) -> str:
    """'3', 'M' → P3M; 'X', 'Y' → PXY; '24', 'H' → PT24H; '2', 'DE' → P20Y."""
    factor, letter = DURATION_UNIT.get(unit, ("", unit))
    if factor and amount != "X":
        number = float(amount) * int(factor)
        amount = str(int(number)) if number.is_integer() else str(number)
    elif factor and amount == "X" and unit in ("DE", "CE"):
        letter = "DE" if unit == "DE" else "CE"  # "decades" → PXDE, "centuries" → PXCE
    if amount != "X" and "." in amount:
        amount = amount.rstrip("0").rstrip(".")
    prefix = "PT" if unit in TIME_UNITS else "P"
    return f"{prefix}{amount}{letter}"


@resolver("duration")
def duration(rule: Rule, f: Fields, ctx: Context) -> Resolved | None:
    """N units, a few units, units: P3M, PXY ..."""
    unit = f.get("unit") or rule.params.get("unit", "")
    if not unit:
        return None
    amount = f.get("number") or rule.params.get("number", "X")
    if amount not in ("X", "0") and float(amount) > 100000:
        return None
    return Resolved(duration_value(amount, unit), rule.type, mod_of(rule, f))


# "and a half" of a unit in the next smaller unit (TimeBank: "2 1/2 years" -> P2Y6M)
HALF_OF = {"Y": ("6", "M"), "M": ("15", "D"), "D": ("12", "H"), "H": ("30", "M"),
           "MIN": ("30", "S")}


def half_duration_value(amount: str, unit: str) -> str | None:
    """'2', 'Y' → P2Y6M (two and a half years); '0', 'H' → PT30M (half an hour)."""
    if amount == "X" or not amount.isdigit():
        return None
    whole = int(amount)
    factor, _ = DURATION_UNIT.get(unit, ("", unit))
    if unit in ("DE", "CE", "ML"):  # 2.5 decades = 25 years
        return f"P{whole * int(factor) + int(factor) // 2}Y"
    if unit not in HALF_OF:
        return None
    part, small = HALF_OF[unit]
    head = duration_value(amount, unit) if whole else ("PT" if unit in TIME_UNITS else "P")
    if small in ("H", "S") or (small == "M" and unit in TIME_UNITS):
        joiner = "" if "T" in head else "T"
        return f"{head}{joiner}{part}{small}"
    return f"{head}{part}{small}"


@resolver("half_duration")
def half_duration(rule: Rule, f: Fields, ctx: Context) -> Resolved | None:
    """'a minute and a half' → PT1M30S, '2 1/2 years' → P2Y6M, 'half an hour' → PT30M."""
    unit = f.get("unit", "")
    value = half_duration_value(f.get("number") or rule.params.get("number", "0"), unit)
    return Resolved(value, rule.type, mod_of(rule, f)) if value else None


@resolver("decade")
def decade(rule: Rule, f: Fields, ctx: Context) -> Resolved | None:
    """'the 1990s' → 199, "the '90s" / 'the nineties' → 199."""
    raw = f.get("decade", "")
    if len(raw) == 3:
        return Resolved(raw, rule.type, mod_of(rule, f))
    digits = raw[:1] if len(raw) == 2 else ""
    if not digits:
        return None
    # "'90s": the most recent such decade not after the anchor's
    base = ctx.anchor.year if ctx.anchor else 1999
    century = base // 100 if int(digits) * 10 <= base % 100 else base // 100 - 1
    return Resolved(f"{century:02d}{digits}", rule.type, mod_of(rule, f))


@resolver("century")
def century(rule: Rule, f: Fields, ctx: Context) -> Resolved | None:
    """'the 19th century' → 18."""
    n = int(f.get("century") or 0)
    if not 1 <= n <= 30:
        return None
    return Resolved(f"{n - 1:02d}", rule.type, mod_of(rule, f))


def _hour(f: Fields) -> tuple[int, int] | None:
    pod = f.get("pod", "")
    if "hour" not in f:
        return (12, 0) if pod == "MI" else (24, 0) if f.get("midnight") else None
    hour, minute = int(f["hour"]), int(f.get("minute") or 0)
    ampm = f.get("ampm", "")[:1]
    if ampm == "p" and hour < 12:
        hour += 12
    elif ampm == "a" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return None
    return hour, minute


def _time_day(f: Fields, ctx: Context, rule: Rule) -> tuple[dt.date | None, str]:
    """The day a clock time is on: a weekday, today/yesterday/tomorrow, or the anchor."""
    if ctx.anchor is None:
        weekday = f.get("weekday")
        return None, (f"XXXX-WXX-{weekday}" if weekday else "XXXX-XX-XX")
    if f.get("weekday"):
        return weekday_date(ctx.anchor, int(f["weekday"]), f.get("dir", ""),
                            ctx.tense(arrangement=True)), ""
    if f.get("month") and f.get("day"):
        month, day = int(f["month"]), int(f["day"])
        return safe_date(nearest_year(ctx.anchor, month, day, ctx.tense()), month, day), ""
    days = int(f.get("days") or rule.params.get("days", "0"))
    return ctx.anchor + dt.timedelta(days=days), ""


@resolver("time")
def clock_time(rule: Rule, f: Fields, ctx: Context) -> Resolved | None:
    """'3 p.m. Tuesday' → 2018-12-04T15:00; 'noon' → the anchor day at 12:00."""
    hm = _hour(f)
    if hm is None:
        return None
    day, unresolved_day = _time_day(f, ctx, rule)
    base = day.isoformat() if day else unresolved_day
    point = Point(day, "day") if day else None
    return Resolved(f"{base}T{hm[0]:02d}:{hm[1]:02d}", rule.type, mod_of(rule, f), point)


@resolver("set")
def set_value(rule: Rule, f: Fields, ctx: Context) -> Resolved | None:
    """'every week' → P1W, 'each Thursday' → XXXX-WXX-4, 'each July' → XXXX-07."""
    if rule.value:
        try:
            return Resolved(rule.value.format(**f), "SET", mod_of(rule, f))
        except (KeyError, ValueError):
            return None
    if f.get("weekday"):
        pod = f.get("pod", "")
        return Resolved(f"XXXX-WXX-{f['weekday']}" + (f"T{pod}" if pod else ""), "SET")
    if f.get("month"):
        return Resolved(f"XXXX-{int(f['month']):02d}", "SET")
    unit = f.get("unit", "")
    if not unit:
        return None
    return Resolved(duration_value(f.get("number", "1"), unit), "SET", mod_of(rule, f))


@resolver("holiday")
def holiday(rule: Rule, f: Fields, ctx: Context) -> Resolved | None:
    """'Christmas 2018' → 2018-12-25 (only with a year: a bare name is not a date)."""
    month_day = f.get("holiday", "")
    if not month_day or not f.get("year"):
        return None
    month, day = (int(x) for x in month_day.split("-"))
    when = dt.date(int(f["year"]), month, day)
    return done(rule, f, Point(when, "day"), "day")
