"""Listings of event views: periods, days, actors and tags, filter options, pagination.

Frozen, slotted values that templates read as attributes; ``plan.py`` makes them, most of them
lazily (``views.Deferred``), in the worker that renders the page.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from dateline import dates
from dateline.site import typelabels
from dateline.site.views import (
    QUADS,
    ActorView,
    EventView,
    month_path,
    quad_label,
    year_path,
)

T = TypeVar("T")
# Values made while pages render, by the thousand (a chart's bars, a listing's groups and filter
# options, a source page's cited events), are slotted dataclasses but not frozen: a frozen one's
# __init__ sets each field through object.__setattr__, several times slower.  Nothing changes
# them once made (tests/foundation/test_render_lookup.py names them).
# the quad filter lists kinds in the chart's stacking order ("none" for no kind)
_QUAD_ORDER = {("none" if q == "" else q): i for i, q in enumerate(QUADS)}


@dataclass(slots=True)  # not frozen: see the note above
class MonthGroup:
    key: str  # "YYYY-MM"
    label: str
    path: str
    events: tuple[EventView, ...]


@dataclass(slots=True)  # not frozen: see the note above
class Period:
    """A year's events: those dated to the year only, then its months."""

    year: int
    path: str
    events: tuple[EventView, ...]
    months: tuple[MonthGroup, ...]
    count: int


def group_by_period(views: Sequence[EventView]) -> list[Period]:
    """Years oldest first, each with its coarse (year-level) events first, then its months."""
    years: dict[int, dict[str, list[EventView]]] = defaultdict(lambda: defaultdict(list))
    for view in views:
        if view.year is None:
            continue
        years[view.year][view.month].append(view)
    result = []
    for year in sorted(years):
        months = years[year]
        result.append(Period(
            year=year, path=year_path(year), events=tuple(months.get("", ())),
            months=tuple(MonthGroup(key, dates.label(key), month_path(key), tuple(months[key]))
                         for key in sorted(k for k in months if k)),
            count=sum(len(v) for v in months.values())))
    return result


def tag_index(views: Iterable[EventView]) -> dict[str, list[EventView]]:
    tags: dict[str, list[EventView]] = defaultdict(list)
    for view in views:
        for tag in view.tags:
            tags[tag.name].append(view)
    return dict(sorted(tags.items(), key=lambda kv: kv[0].lower()))


def actor_index(views: Iterable[EventView]) -> dict[str, list[EventView]]:
    """Each actor code with the events it takes part in, most active first (ties by code)."""
    actors: dict[str, list[EventView]] = defaultdict(list)
    for view in views:
        for actor in view.actors:
            actors[actor.code].append(view)
    return dict(sorted(actors.items(), key=lambda kv: (-len(kv[1]), kv[0])))


@dataclass(slots=True)  # not frozen: see the note above
class ActorRow:
    """An actor with a count of events: on the actors index, atop its page, as a partner."""

    code: str
    name: str
    path: str
    count: int
    person: bool  # a person (lower-case id), not a state or an organization


def actor_row(actor: ActorView, count: int) -> ActorRow:
    return ActorRow(actor.code, actor.name, actor.path, count, actor.code.islower())


def co_actors(code: str, views: Iterable[EventView], limit: int = 10) -> list[ActorRow]:
    """The actors that appear in the same events as ``code``, most shared events first."""
    counts: dict[str, int] = defaultdict(int)
    names: dict[str, ActorView] = {}
    for view in views:
        codes = {a.code for a in view.actors}
        if code not in codes:
            continue
        for actor in view.actors:
            names.setdefault(actor.code, actor)
        for other in codes - {code}:
            counts[other] += 1
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
    return [actor_row(names[c], n) for c, n in ranked]


@dataclass(slots=True)  # not frozen: see the note above
class FacetOption:
    value: str
    label: str
    count: int
    path: str = ""  # the listing of every event with this value (no-JS filter link), if any


@dataclass(slots=True)  # not frozen: see the note above
class Facets:
    """Filter options of a listing, by kind (templates read ``facets|attr(kind)``)."""

    actor: tuple[FacetOption, ...]
    quad: tuple[FacetOption, ...]
    type: tuple[FacetOption, ...]
    tag: tuple[FacetOption, ...]
    year: tuple[FacetOption, ...]
    source: tuple[FacetOption, ...]


_FACET_KINDS = ("actor", "quad", "type", "tag", "year", "source")


def type_path(value: str) -> str:
    """``types/<value>/``: every event of one type (``EventView.type_value``, a slug)."""
    return f"types/{value}/"


def type_index(views: Iterable[EventView]) -> list[tuple[FacetOption, list[EventView]]]:
    """Each type (as the type filter offers it, with its listing's path) with its events, in
    CAMEO's order (cooperation first), then editors' own types."""
    types: dict[str, list[EventView]] = defaultdict(list)
    for view in views:
        if view.type_value:
            types[view.type_value].append(view)
    ranked = sorted(types.items(), key=lambda kv: typelabels.type_rank(kv[1][0].type))
    return [(FacetOption(value, found[0].type_label, len(found), type_path(value)), found)
            for value, found in ranked]


def facets(views: Sequence[EventView], limit: int | None = None) -> Facets:
    """Filter options of a listing: every value present on it, with a label, a count and the
    listing of that value (""  for kinds, which have none).  With ``limit``, only that many
    actors, tags and sources, the most frequent: a listing in pages has a filter index, from
    which the script adds the others."""
    labels: dict[str, dict[str, tuple[str, str]]] = {k: {} for k in _FACET_KINDS}
    counts: dict[str, dict[str, int]] = {k: defaultdict(int) for k in _FACET_KINDS}
    type_ranks: dict[str, tuple[int, str]] = {}  # "04" and "042" are one option, "talks"

    def add(kind: str, value: str, label: str, path: str = "") -> None:
        labels[kind].setdefault(value, (label, path))
        counts[kind][value] += 1

    for view in views:
        for actor in view.actors:
            add("actor", actor.code, actor.name, actor.path)
        add("quad", view.quad or "none", quad_label(view.quad))
        if view.type_value:
            add("type", view.type_value, view.type_label, type_path(view.type_value))
            type_ranks.setdefault(view.type_value, typelabels.type_rank(view.type))
        for tag in view.tags:
            add("tag", tag.slug, "#" + tag.name, tag.path)
        if view.year is not None:
            add("year", str(view.year), str(view.year), year_path(view.year))
        for source in {s.slug: s for s in view.sources if s.slug}.values():
            add("source", source.slug, source.title, f"sources/{source.slug}/")
    options = {kind: [FacetOption(v, label, counts[kind][v], path)
                      for v, (label, path) in found.items()]
               for kind, found in labels.items()}
    options["year"].sort(key=lambda o: o.value)
    options["type"].sort(key=lambda o: type_ranks[o.value])
    options["quad"].sort(key=lambda o: _QUAD_ORDER.get(o.value, len(QUADS)))
    for kind in ("actor", "tag", "source"):
        options[kind].sort(key=lambda o: (-o.count, o.label.lower()))
        if limit is not None:
            del options[kind][limit:]
    return Facets(**{kind: tuple(found) for kind, found in options.items()})


@dataclass(frozen=True, slots=True)
class PageLink:
    number: int
    path: str


@dataclass(frozen=True, slots=True)
class Pagination(Generic[T]):
    """One page of a listing: its ``items`` and the links to the others."""

    number: int
    count: int  # pages in all
    path: str
    total: int  # items in all
    items: tuple[T, ...]
    first: int  # number of its first item, from 1
    last: int
    prev: str  # path of the page before, or ""
    next: str
    pages: tuple[PageLink, ...]  # every page, when there is more than one


def paginate(path: str, items: Sequence[T], per_page: int) -> list[Pagination[T]]:
    """``items`` in pages of ``per_page``: page 1 at ``path``, page n at ``path/page/n/``."""
    count = max(1, -(-len(items) // per_page))
    paths = [path if n == 1 else f"{path}page/{n}/" for n in range(1, count + 1)]
    nav = tuple(PageLink(n, p) for n, p in enumerate(paths, 1)) if count > 1 else ()
    return [Pagination(
        number=n, count=count, path=paths[n - 1], total=len(items),
        items=tuple(items[(n - 1) * per_page: n * per_page]),
        first=(n - 1) * per_page + 1, last=min(n * per_page, len(items)),
        prev=paths[n - 2] if n > 1 else "", next=paths[n] if n < count else "", pages=nav,
    ) for n in range(1, count + 1)]


@dataclass(slots=True)  # not frozen: see the note above
class CitedEvent:
    """An event as a source page lists it: its view and ``anchor``, the id of the sentence on
    that page it was read from ("" for none).  The view itself, not a copy: a timeline of
    12,000 articles cites its events 200,000 times."""

    event: EventView
    anchor: str


@dataclass(slots=True)  # not frozen: see the note above
class DayGroup:
    key: str  # the heading's id: "d1", "d2", ...
    label: str
    events: tuple[EventView, ...]


def group_by_day(items: Sequence[EventView]) -> list[DayGroup]:
    """Consecutive events under one heading each: a day's events under that day, events dated
    more coarsely ("week of 26 November 2018", "December 2018") under their own date."""
    runs: list[tuple[str, list[EventView]]] = []
    for item in items:
        label = dates.label(item.date) if item.precision == "day" else item.label
        if not runs or runs[-1][0] != label:
            runs.append((label, []))
        runs[-1][1].append(item)
    return [DayGroup(f"d{n}", label, tuple(group)) for n, (label, group) in enumerate(runs, 1)]


@dataclass(frozen=True, slots=True)
class PeriodLink:
    """A month as its page and its neighbours' links name it."""

    key: str
    label: str
    path: str


@dataclass(frozen=True, slots=True)
class ArchiveMonth:
    label: str  # "Dec"
    name: str  # "December 2018"
    path: str
    count: int


@dataclass(frozen=True, slots=True)
class ArchiveYear:
    year: int
    path: str
    count: int
    months: tuple[ArchiveMonth, ...]


@dataclass(frozen=True, slots=True)
class TagRow:
    name: str
    path: str
    count: int


@dataclass(frozen=True, slots=True)
class SourceRow:
    title: str
    path: str
    kind: str
    published: str
    publisher: str
