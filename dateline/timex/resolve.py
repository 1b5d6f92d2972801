"""Resolvers: from a rule's normalized fields to a TIMEX3 value.

Each rule names one resolver (``resolve:`` in YAML). A resolver returns a
:class:`Resolved` or None when the match turns out not to be a date (Feb 30).
Relative values need the anchor; without one they stay underspecified
("XXXX-WXX-2"), never today.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from dateline.timex.context import Context
from dateline.timex.fields import Fields
from dateline.timex.grammar import Rule
from dateline.timex.timepoint import (
    SEASON_MONTH,
    Point,
    nearest_year,
    safe_date,
    unit_delta,
    unresolved,
)


@dataclass(frozen=True)
class Resolved:
    """A value, its mod and type, and the calendar point for discourse (if any)."""

    value: str
    type: str
    mod: str = ""
    point: Point | None = None


Resolver = Callable[[Rule, Fields, Context], Resolved | None]
RESOLVERS: dict[str, Resolver] = {}


def resolver(name: str) -> Callable[[Resolver], Resolver]:
    """Register a resolver under the name rules use."""

    def register(fn: Resolver) -> Resolver:
        RESOLVERS[name] = fn
        return fn

    return register


def mod_of(rule: Rule, f: Fields) -> str:
    """The match's own modifier ("early", "nearly") or else the rule's."""
    return f.get("mod") or rule.mod


def done(rule: Rule, f: Fields, point: Point | None, gran_if_none: str) -> Resolved:
    """A DATE/TIME result from a point (or the unresolved value when there is none)."""
    value = point.value() if point else unresolved(gran_if_none)
    return Resolved(value, rule.type, mod_of(rule, f), point)


@resolver("literal")
def literal(rule: Rule, f: Fields, ctx: Context) -> Resolved | None:
    """A fixed value, with {field} placeholders filled: PRESENT_REF, XXXX-WXX-{weekday}."""
    try:
        value = rule.value.format(**f)
    except (KeyError, IndexError, ValueError):
        return None
    return Resolved(value, rule.type, mod_of(rule, f))


def _year_for(f: Fields, ctx: Context, month: int, day: int | None) -> int | None:
    """The explicit year, else the nearest plausible one for month (and day)."""
    if f.get("year"):
        return int(f["year"])
    if ctx.anchor is None:
        return None
    if f.get("ydir"):  # "June last year"
        return ctx.anchor.year + int(f["ydir"])
    direction = f.get("dir", "")
    if direction in ("-1", "1"):  # "last April" / "next April": strictly before / after
        year = ctx.anchor.year
        later = (month, day or 0) > (ctx.anchor.month, ctx.anchor.day if day else 0)
        earlier = (month, day or 0) < (ctx.anchor.month, ctx.anchor.day if day else 0)
        if direction == "-1":
            return year if earlier else year - 1
        return year if later else year + 1
    if direction == "0":
        return ctx.anchor.year
    return nearest_year(ctx.anchor, month, day, ctx.tense(), ctx.right_after_past_verb())


@resolver("date")
def calendar_date(rule: Rule, f: Fields, ctx: Context) -> Resolved | None:
    """Month/day/year, month/year, season, quarter, half or year — explicit or year-less."""
    if "month" not in f and f.get("day") and rule.params.get("month_from") == "anchor":
        return _day_of_month(rule, f, ctx)
    if "month" in f:
        month = int(f["month"]) if f["month"] else 0
        day = int(f["day"]) if f.get("day") else None
        if not 1 <= month <= 12:
            return None
        year = _year_for(f, ctx, month, day)
        gran = "day" if day else "month"
        if year is None:
            value = f"XXXX-{month:02d}" + (f"-{day:02d}" if day else "")
            return Resolved(value, rule.type, mod_of(rule, f))
        when = safe_date(year, month, day or 1)
        return done(rule, f, Point(when, gran), gran) if when else None
    if "season" in f:
        return _season(rule, f, ctx)
    if "quarter" in f or "half" in f:
        return _part_of_year(rule, f, ctx)
    if f.get("year"):
        year = int(f["year"])
        return done(rule, f, Point(dt.date(year, 1, 1), "year"), "year") if year else None
    return None


def _day_of_month(rule: Rule, f: Fields, ctx: Context) -> Resolved | None:
    """"the 14th": that day in the anchor's month, or the month before / after when
    the tense says the day has passed / is still to come."""
    day = int(f["day"])
    if ctx.anchor is None:
        return Resolved(f"XXXX-XX-{day:02d}", rule.type, mod_of(rule, f))
    tense = ctx.tense()
    shift = 0
    if tense == "past" and day > ctx.anchor.day:
        shift = -1
    elif tense == "future" and day < ctx.anchor.day:
        shift = 1
    first = ctx.anchor.replace(day=1) + unit_delta("M", shift)
    when = safe_date(first.year, first.month, day)
    return done(rule, f, Point(when, "day"), "day") if when else None


@resolver("range_end")
def range_end(rule: Rule, f: Fields, ctx: Context) -> Resolved | None:
    """The bare day ending a range ("March 5-6"): the month of the date just before."""
    last = ctx.discourse.last
    if last is None or last.gran != "day" or ctx.start - ctx.discourse.last_end > 5:
        return None
    when = safe_date(last.day.year, last.day.month, int(f.get("day") or 0))
    if when is None or when <= last.day:
        return None
    return done(rule, f, Point(when, "day"), "day")


def _season(rule: Rule, f: Fields, ctx: Context) -> Resolved | None:
    season = f["season"]
    month = SEASON_MONTH[season]
    year = _year_for(f, ctx, month, None)
    if year is None:
        return Resolved(f"XXXX-{season}", rule.type, mod_of(rule, f))
    return done(rule, f, Point(dt.date(year, month, 1), "season", season), "season")


def _part_of_year(rule: Rule, f: Fields, ctx: Context) -> Resolved | None:
    gran = "quarter" if "quarter" in f else "half"
    n = int(f.get("quarter") or f.get("half") or 0)
    months = 3 if gran == "quarter" else 6
    if not 1 <= n <= 12 // months:
        return None
    month = (n - 1) * months + 1
    if f.get("year"):
        year: int | None = int(f["year"])
    elif ctx.anchor is None:
        return Resolved(f"XXXX-{'Q' if gran == 'quarter' else 'H'}{n}", rule.type,
                        mod_of(rule, f))
    else:
        current = (ctx.anchor.month - 1) // months + 1
        # a quarter more than one ahead of the anchor's is last year's ("fourth quarter"
        # in a January story); "this year's" / "last year's" come in as dir
        year = ctx.anchor.year - (1 if n > current + 1 else 0)
        if f.get("dir") in ("-1", "1", "0"):
            year = ctx.anchor.year + int(f["dir"])
    year = (year or 0) + int(rule.params.get("years", "0"))
    point = Point(dt.date(year, month, 1), gran)
    return done(rule, f, point, gran)
