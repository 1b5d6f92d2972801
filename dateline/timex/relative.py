"""Resolvers for expressions relative to the anchor: weekdays, "last week", "a year ago"."""

from __future__ import annotations

import datetime as dt

from dateline.timex.context import Context
from dateline.timex.fields import Fields
from dateline.timex.grammar import Rule
from dateline.timex.resolve import Resolved, done, mod_of, resolver
from dateline.timex.timepoint import (
    GRANULARITIES,
    UNIT_GRANULARITY,
    Point,
    weekday_on_or_after,
    weekday_on_or_before,
)

POD_VALUE = {"MO", "AF", "EV", "NI", "MI", "DT"}


def with_pod(rule: Rule, f: Fields, day: dt.date | None, unresolved_day: str) -> Resolved:
    """A day, or a TIME on that day when a part of day was captured ("Tuesday night")."""
    base = day.isoformat() if day else unresolved_day
    pod = f.get("pod", "") or rule.params.get("pod", "")
    point = Point(day, "day") if day else None
    if pod in POD_VALUE:
        return Resolved(f"{base}T{pod}", "TIME" if rule.type != "SET" else "SET",
                        mod_of(rule, f), point)
    return Resolved(base, rule.type, mod_of(rule, f), point)


DAY_REACH = 300  # characters a day just mentioned stays "the day" under discussion


def discourse_day(ctx: Context, reach: int = DAY_REACH) -> dt.date | None:
    """The day the text just talked about ("dashed Friday. ... in the morning"), if near."""
    last = ctx.discourse.last
    if last is None or last.gran != "day" or ctx.start - ctx.discourse.last_end > reach:
        return None
    return last.day


@resolver("today")
def today(rule: Rule, f: Fields, ctx: Context) -> Resolved | None:
    """today / yesterday / tomorrow / tonight: ``days`` param from the anchor
    (``base: discourse``: from the day just mentioned, when there is one)."""
    if ctx.anchor is None:
        return with_pod(rule, f, None, "XXXX-XX-XX")
    base = discourse_day(ctx) if rule.params.get("base") == "discourse" else None
    days = int(rule.params.get("days", "0"))
    return with_pod(rule, f, (base or ctx.anchor) + dt.timedelta(days=days), "XXXX-XX-XX")


def weekday_date(anchor: dt.date, weekday: int, direction: str, tense: str) -> dt.date:
    """The day a weekday name points at, given 'last'/'next' or the clause's tense."""
    if direction == "-1":  # "last Friday": strictly before the story date
        return weekday_on_or_before(anchor - dt.timedelta(days=1), weekday)
    if direction == "1":  # "next Friday": strictly after
        return weekday_on_or_after(anchor + dt.timedelta(days=1), weekday)
    if tense == "future":
        return weekday_on_or_after(anchor, weekday)
    return weekday_on_or_before(anchor, weekday)


@resolver("weekday")
def weekday(rule: Rule, f: Fields, ctx: Context) -> Resolved | None:
    """A weekday name: the past one on or before the anchor unless the verb is future."""
    day = int(f.get("weekday") or 0)
    if not 1 <= day <= 7:
        return None
    if ctx.anchor is None:
        return with_pod(rule, f, None, f"XXXX-WXX-{day}")
    # "the previous Friday" names its reference day however far back it was mentioned
    base = (discourse_day(ctx, len(ctx.text)) if rule.params.get("base") == "discourse"
            else None)
    if base is not None:  # "the previous Friday": the one before the day just mentioned
        return with_pod(rule, f, weekday_date(base, day, f.get("dir", ""), ""), "")
    when = weekday_date(ctx.anchor, day, f.get("dir", ""), ctx.tense(arrangement=True))
    return with_pod(rule, f, when, "")


@resolver("weekend")
def weekend(rule: Rule, f: Fields, ctx: Context) -> Resolved | None:
    """"the weekend" → the one before the anchor (after it with a future verb)."""
    if ctx.anchor is None:
        return done(rule, f, None, "weekend")
    direction = f.get("dir", "")
    if direction == "0":  # "this weekend": the one of the anchor's week
        saturday = ctx.anchor + dt.timedelta(days=6 - ctx.anchor.isoweekday())
    else:
        saturday = weekday_date(ctx.anchor, 6, direction, ctx.tense(arrangement=True))
    return done(rule, f, Point(saturday, "weekend"), "weekend")


def _amount(f: Fields, default: str = "1") -> int | None:
    raw = f.get("number", default)
    if raw == "X":
        return None
    try:
        return int(float(raw))
    except ValueError:
        return None


@resolver("relative")
def relative(rule: Rule, f: Fields, ctx: Context) -> Resolved | None:
    """last/this/next + unit: "last week" → 2018-W48, "next month", "this year"."""
    unit = f.get("unit") or rule.params.get("unit", "")
    gran = UNIT_GRANULARITY.get(unit)
    if gran is None:
        return None
    direction = int(f.get("dir") or rule.params.get("dir", "0"))
    amount = (_amount(f) or 1) * direction
    if ctx.anchor is None:
        return done(rule, f, None, gran)
    base = ctx.anchor
    last = ctx.discourse.last
    if rule.params.get("base") == "discourse" and last is not None:
        if _coarser(last.gran, gran):  # "the same day" after "March 1998": no day is known
            return None
        base = last.day  # "the following year": after the year just talked about
    return done(rule, f, Point(base, gran).shift(amount, unit), gran)


def _coarser(gran: str, than: str) -> bool:
    order = {name: rank for rank, name in enumerate(GRANULARITIES)}
    return gran in order and than in order and order[gran] < order[than]


@resolver("offset")
def offset(rule: Rule, f: Fields, ctx: Context) -> Resolved | None:
    """N units ago / earlier / later / from now: shifted from the anchor (or, for
    earlier/later, from the date the text talked about last)."""
    unit = f.get("unit", "")
    gran = UNIT_GRANULARITY.get(unit)
    amount = _amount(f)
    if gran is None:
        return None
    if amount is None:  # "several years ago": a vague past or future
        return Resolved("PAST_REF" if rule.params.get("sign") == "-1" else "FUTURE_REF",
                        "DATE", mod_of(rule, f))
    sign = int(rule.params.get("sign", "-1"))
    base = _offset_base(rule, ctx, unit)
    if base is None:
        return done(rule, f, None, gran)
    if base.gran == "quarter" or (base.gran == "day" and base.day != ctx.anchor):
        # a year before a quarter or a day under discussion keeps its precision
        return done(rule, f, base.shift(sign * amount, unit), base.gran)
    return done(rule, f, Point(base.day, gran).shift(sign * amount, unit), gran)


QUARTER_REACH = 400  # characters a quarter under discussion stays the topic


def _offset_base(rule: Rule, ctx: Context, unit: str) -> Point | None:
    """What "a year earlier" counts from: in results reporting, the quarter under
    discussion (unless a span like "the nine months" came last); for earlier/later,
    the day just mentioned; else the anchor."""
    d = ctx.discourse
    quarter_near = (d.last_quarter is not None
                    and ctx.start - d.last_quarter_end <= QUARTER_REACH)
    if unit == "Y" and quarter_near and d.last_type != "DURATION":
        return d.last_quarter
    if rule.params.get("base") == "discourse" and d.last is not None and d.last.gran == "day":
        return d.last
    return Point(ctx.anchor, "day") if ctx.anchor else None


@resolver("quarter_ref")
def quarter_ref(rule: Rule, f: Fields, ctx: Context) -> Resolved | None:
    """"the quarter", "the latest quarter": the quarter under discussion, else the last
    completed one; ``years: -1`` for "the year-ago quarter"."""
    years = int(rule.params.get("years", "0"))
    d = ctx.discourse
    base = d.last_quarter
    wider = d.last_type == "DURATION" or (
        d.last is not None and d.last.gran in ("half", "year") and d.last_end > d.last_quarter_end)
    if "quarter" not in ctx.text[ctx.start:ctx.end].lower() and (base is None or wider):
        # "the same period last year" after "the first nine months": a year, not a quarter
        if ctx.anchor is None:
            return done(rule, f, None, "year")
        year = int(f["year"]) if f.get("year") else ctx.anchor.year + years
        return done(rule, f, Point(dt.date(year, 1, 1), "year"), "year")
    if base is None:
        if ctx.anchor is None:
            return done(rule, f, None, "quarter")
        base = Point(ctx.anchor, "quarter").shift(-1, "Q")
    if f.get("year"):  # "the 1988 quarter": the quarter under discussion, that year
        base = Point(base.day.replace(year=int(f["year"])), "quarter")
    if years:
        base = base.shift(years, "Y")
    return done(rule, f, base, "quarter")


@resolver("year_ref")
def year_ref(rule: Rule, f: Fields, ctx: Context) -> Resolved | None:
    """"the year" / "the fiscal year": a one-year span before "ended"/"ending", else
    the year under discussion (or the anchor's)."""
    if ctx.following(12).lstrip().startswith(("ended", "ending", "that ended", "through")):
        return Resolved("P1Y", "DURATION", mod_of(rule, f))
    last = ctx.discourse.last
    if last is not None and last.gran in ("year", "quarter", "month", "half"):
        return done(rule, f, last.at("year"), "year")
    if ctx.anchor is None:
        return done(rule, f, None, "year")
    return done(rule, f, Point(ctx.anchor, "year"), "year")
