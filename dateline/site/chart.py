"""The overview chart: events per month, stacked by quad class, as a plain-data SVG model.

Geometry is computed here at build time; ``templates/partials/overview.html`` draws it, so the chart
needs no JavaScript.  Each month with events links to its month page; key developments are marked
above their month.  The same numbers feed a data table, the chart's text alternative.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from dateline import dates
from dateline.site import views
from dateline.site.views import EventView

WIDTH = 960
PLOT_TOP = 30  # room for key-development markers above the tallest bar
MARKER = 24  # a marker's target, in px (the chart is never drawn smaller than its width)
PLOT_HEIGHT = 150
LEFT = 40  # room for the y-axis labels
RIGHT = 8
AXIS = 36  # room for month/year labels under the plot
QUAD_ORDER = tuple(views.QUADS)  # bottom to top
# Values made while pages render, by the thousand (a chart's bars, a listing's groups and filter
# options, a source page's cited events), are slotted dataclasses but not frozen: a frozen one's
# __init__ sets each field through object.__setattr__, several times slower.  Nothing changes
# them once made (tests/foundation/test_render_lookup.py names them).


@dataclass(slots=True)  # not frozen: see the note above
class Segment:
    """One kind's part of a bar."""

    quad: str  # "none" for no kind
    label: str
    count: int
    y: float
    h: float


@dataclass(slots=True)  # not frozen: see the note above
class Bar:
    """One month: its stacked segments, its link (months with events) and its table row."""

    key: str  # "YYYY-MM"
    label: str
    path: str  # "" for a month without events
    x: float
    w: float
    total: int
    segments: tuple[Segment, ...]
    counts: tuple[int, ...]  # per kind, in QUAD_ORDER
    summary: str


@dataclass(slots=True)  # not frozen: see the note above
class Marker:
    """A key development above its month (the most important one, if several)."""

    x: float
    y: int
    path: str
    label: str


@dataclass(slots=True)  # not frozen: see the note above
class Tick:
    value: int
    y: float


@dataclass(slots=True)  # not frozen: see the note above
class AxisLabel:
    x: float
    text: str
    sub: str  # the year under a month's initial, where a year starts
    start: bool  # a year's label, with a rule at its start
    text_x: float = 0.0  # where a year's label starts: kept inside the chart at its right end
    gap: bool = False  # years without developments were left out just before it


@dataclass(slots=True)  # not frozen: see the note above
class LegendItem:
    quad: str
    label: str
    count: int


@dataclass(slots=True)  # not frozen: see the note above
class Chart:
    """The chart's geometry, in SVG user units, and its text alternative."""

    title: str
    desc: str
    width: int
    height: int
    left: int
    right: int
    top: int
    base: int
    bars: tuple[Bar, ...]
    ticks: tuple[Tick, ...]
    labels: tuple[AxisLabel, ...]
    markers: tuple[Marker, ...]
    legend: tuple[LegendItem, ...]
    coarse: int  # events dated too coarsely for a bar
    scale: int  # the count the plot's top stands for (filters.js redraws bars with it)
    skipped: tuple[str, ...] = ()  # years left out between years with developments


def month_range(first: str, last: str) -> list[str]:
    """Every "YYYY-MM" key from ``first`` to ``last`` inclusive."""
    year, month = int(first[:4]), int(first[5:7])
    end = (int(last[:4]), int(last[5:7]))
    keys = []
    while (year, month) <= end:
        keys.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return keys


MAX_MONTHS = 360  # thirty years: the longest span the chart labels legibly
YEAR_TEXT = 30  # the width of a year's label ("2018" at 12 px) and a little room


def nice_ceiling(value: int) -> int:
    """The smallest 1, 2 or 5 × 10ⁿ at or above ``value`` (at least 1)."""
    if value <= 1:
        return 1
    power = 10 ** math.floor(math.log10(value))
    return next(int(step * power) for step in (1, 2, 5, 10) if step * power >= value)


def overview(event_views: Sequence[EventView], first: str = "", last: str = "",
             key_ids: Collection[str] = (), title: str = "Events per month") -> Chart | None:
    """The chart of ``event_views`` from month ``first`` to ``last`` (default: their extent)."""
    dated = [v for v in event_views if v.month]
    if not dated and not (first and last):
        return None
    months, skipped = _span(dated, first, last)
    first, last = months[0], months[-1]
    counts: dict[str, dict[str, int]] = {m: dict.fromkeys(QUAD_ORDER, 0) for m in months}
    keyed: dict[str, list[EventView]] = {}
    for view in dated:
        if view.month in counts:
            quad = view.quad if view.quad in counts[view.month] else ""
            counts[view.month][quad] += 1
            if view.id in key_ids:
                keyed.setdefault(view.month, []).append(view)
    top = nice_ceiling(max((sum(c.values()) for c in counts.values()), default=0))
    step = (WIDTH - LEFT - RIGHT) / len(months)
    bars = tuple(_bar(m, i, step, counts[m], top) for i, m in enumerate(months))
    coarse = sum(1 for v in event_views if not v.month)
    return Chart(
        title=title, desc=_description(bars, coarse, first, last, skipped),
        width=WIDTH, height=PLOT_TOP + PLOT_HEIGHT + AXIS,
        left=LEFT, right=WIDTH - RIGHT, top=PLOT_TOP, base=PLOT_TOP + PLOT_HEIGHT,
        bars=bars, ticks=_ticks(top), labels=_labels(months, step),
        markers=_markers(bars, keyed),
        legend=tuple(LegendItem(q or "none", views.quad_label(q),
                                sum(c[q] for c in counts.values())) for q in QUAD_ORDER),
        coarse=coarse, scale=top, skipped=skipped,
    )


def _span(dated: Sequence[EventView], first: str, last: str) -> tuple[list[str], tuple[str, ...]]:
    """The chart's months, and the years left out: from ``first`` to ``last`` when both are
    given (a year's chart), else the months of the years that hold developments, from the
    first to the last, leaving out the years between without any (a stray date centuries
    back must not stretch the chart over thousands of empty months): at most the last
    ``MAX_MONTHS`` of them."""
    if first and last:
        return month_range(first, last), ()
    last = last or max(v.month for v in dated)
    start = first or min(v.month for v in dated)
    held = {v.month[:4] for v in dated if start <= v.month <= last}
    months = [m for m in month_range(start, last) if m[:4] in held][-MAX_MONTHS:]
    years = {int(m[:4]) for m in months}
    return months, tuple(f"{y:04d}" for y in range(min(years), max(years)) if y not in years)


def _bar(month: str, index: int, step: float, counts: dict[str, int], top: int) -> Bar:
    gap = min(2.0, step * 0.2)
    x, width = LEFT + index * step + gap / 2, max(step - gap, 0.5)
    base = float(PLOT_TOP + PLOT_HEIGHT)
    segments: list[Segment] = []
    for quad in QUAD_ORDER:
        if counts[quad]:
            height = PLOT_HEIGHT * counts[quad] / top
            base -= height
            segments.append(Segment(quad or "none", views.quad_label(quad), counts[quad],
                                    round(base, 2), round(height, 2)))
    total = sum(counts.values())
    label = dates.label(month)
    # label then count ("hostile talk 1"): the labels are kinds, not countable nouns
    parts = ", ".join(f"{s.label.lower()} {s.count}" for s in segments)
    return Bar(
        key=month, label=label, path=views.month_path(month) if total else "",
        x=round(x, 2), w=round(width, 2), total=total, segments=tuple(segments),
        counts=tuple(counts[q] for q in QUAD_ORDER),
        summary=f"{label}: {total} event{'s' if total != 1 else ''}"
                + (f" ({parts})" if total else ""),
    )


def _markers(bars: Sequence[Bar], keyed: dict[str, list[EventView]]) -> tuple[Marker, ...]:
    """One marker per run of months too close for separate ``MARKER``-wide targets: the most
    important key development of the run, above its month, the others counted."""
    runs: list[list[tuple[Bar, EventView]]] = []
    last_x = -float(MARKER)
    for bar in bars:
        for view in keyed.get(bar.key, ()):
            centre = bar.x + bar.w / 2
            if not runs or centre - last_x >= MARKER + 2:
                runs.append([])
                last_x = centre
            runs[-1].append((bar, view))
    return tuple(_marker(run) for run in runs)


def _marker(run: list[tuple[Bar, EventView]]) -> Marker:
    bar, best = max(run, key=lambda pair: (pair[1].importance, pair[1].id))
    more = f" and {len(run) - 1} more" if len(run) > 1 else ""
    return Marker(x=round(bar.x + bar.w / 2, 2), y=PLOT_TOP - 4, path=best.path,
                  label=f"Key development, {best.label}: {best.summary}{more}")


def _ticks(top: int) -> tuple[Tick, ...]:
    values = [0, top // 2, top] if top % 2 == 0 and top >= 2 else [0, top]
    return tuple(Tick(v, round(PLOT_TOP + PLOT_HEIGHT * (1 - v / top), 2)) for v in values)


def _labels(months: list[str], step: float) -> tuple[AxisLabel, ...]:
    """Month initials for a short span, else years (thinned so they never overlap)."""
    if len(months) <= 24:
        return tuple(AxisLabel(round(LEFT + (i + 0.5) * step, 2), dates.MONTHS[int(m[5:]) - 1][:3],
                               m[:4] if i == 0 or m.endswith("-01") else "", False)
                     for i, m in enumerate(months))
    starts = [(i, m[:4]) for i, m in enumerate(months)
              if i == 0 or m[:4] != months[i - 1][:4]]
    every = max(1, math.ceil(len(starts) * 44 / (WIDTH - LEFT - RIGHT)))
    return tuple(AxisLabel(round(LEFT + i * step, 2), year, "", True,
                           # a label starts just after its rule, never past the chart's end
                           text_x=round(min(LEFT + i * step + 3, WIDTH - RIGHT - YEAR_TEXT), 2),
                           gap=i > 0 and int(year) != int(months[i - 1][:4]) + 1)
                 for n, (i, year) in enumerate(starts) if n % every == 0)


def _description(bars: Sequence[Bar], coarse: int, first: str, last: str,
                 skipped: Sequence[str] = ()) -> str:
    total = sum(b.total for b in bars)
    busiest = max(bars, key=lambda b: (b.total, b.key))
    text = (f"{total} events dated to a month between {dates.label(first)} and "
            f"{dates.label(last)}, stacked by kind of interaction.")
    if skipped:
        text += f" Years without developments are left out: {', '.join(skipped)}."
    if busiest.total:
        text += f" The busiest month is {busiest.label} with {busiest.total}."
    if coarse:
        text += f" {coarse} more are dated only to a year or season and are not shown."
    return text
