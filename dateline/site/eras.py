"""Eras on listings: each note's ``era:`` as readers see it, and a listing's events grouped
under the eras they fall in (TimelineJS's eras, CFR's phases), with those outside every era
left as they were.

An event belongs to an era when its first day lies between the era's first day and its last
(``models.Era``); eras never overlap (``assemble.eras_in_order`` reports those that do), so an
event belongs to one era at most, and a listing in timeline order falls into runs: an era's
events, then those between eras, then the next era's.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

from dateline import dates
from dateline.models import Era
from dateline.site import listings
from dateline.site.listings import Period
from dateline.site.markup import to_html
from dateline.site.slugs import slugify
from dateline.site.views import DocumentIndex, EventView, content_links, source_path


@dataclass(frozen=True, slots=True)
class EraView:
    """An era as a listing's heading and an event page name it."""

    title: str
    anchor: str  # its heading's id on a listing: "era-the-2018-summits"
    start: str  # TIMEX3-style values, as the note gives them
    end: str
    first: str  # ISO days it covers, first and last
    last: str
    label: str  # "March – December 2018"
    summary_html: str  # the note's body, sanitized
    note: str  # the note's source page


def era_views(eras: Sequence[Era], documents: DocumentIndex, base_path: str = "/"
              ) -> tuple[EraView, ...]:
    """``eras`` (in timeline order) as views; two eras of one title get distinct anchors."""
    made: list[EraView] = []
    taken: set[str] = set()
    for era in eras:
        anchor = base = f"era-{slugify(era.title, 60).lower() or 'untitled'}"
        number = 1
        while anchor in taken:
            number += 1
            anchor = f"{base}-{number}"
        taken.add(anchor)
        first, last = era_days(era)
        document = documents.documents.get(era.path)
        made.append(EraView(
            title=era.title, anchor=anchor, start=era.start, end=era.end, first=first, last=last,
            label=dates.label(era.start, era.end),
            summary_html=to_html(era.summary, content_links(base_path, era.path,
                                                            documents.pages))
            if era.summary else "",
            note=source_path(document) if document else ""))
    return tuple(made)


def era_days(era: Era) -> tuple[str, str]:
    """The first and the last ISO day ``era`` covers."""
    first, last = dates.bounds(era.start), dates.bounds(era.end)
    return first[0].isoformat() if first else "", last[1].isoformat() if last else ""


def era_at(day: str, spans: Sequence[tuple[str, str]]) -> int | None:
    """Index in ``spans`` (eras' first and last days, in order, not overlapping) of the one
    covering the ISO ``day``, or None."""
    if not day:
        return None
    at = bisect.bisect_right([first for first, _last in spans], day) - 1
    return at if at >= 0 and day <= spans[at][1] else None


@dataclass(slots=True)  # not frozen: made while pages render, like listings' groups
class EraGroup:
    """A run of a listing's events: those of one era (``era``), or between eras (None)."""

    era: EraView | None
    prefix: str  # put before the ids of its headings, unique on the page
    periods: list[Period]
    count: int


def group_by_era(items: Sequence[EventView], eras: Sequence[EraView]) -> list[EraGroup]:
    """``items`` (in timeline order) in runs by era, each run by year and month.

    Without eras this is one group of ``listings.group_by_period(items)``, its ids as they
    were.  A year (or month) an era starts or ends in is split between two runs, so the ids
    of a run's headings start with the era's anchor; runs between eras after the first start
    with ``g2-``, ``g3-``...
    """
    runs: list[tuple[int | None, list[EventView]]] = []
    spans = [(e.first, e.last) for e in eras]
    for item in items:
        at = era_at(item.start, spans) if eras else None
        if not runs or runs[-1][0] != at:
            runs.append((at, []))
        runs[-1][1].append(item)
    groups = []
    outside = 0
    for number, (at, run) in enumerate(runs, 1):
        era = eras[at] if at is not None else None
        if era is None:
            outside += 1
        prefix = f"{era.anchor}-" if era else ("" if outside == 1 else f"g{number}-")
        periods = listings.group_by_period(run)
        groups.append(EraGroup(era, prefix, periods, sum(p.count for p in periods)))
    return groups
