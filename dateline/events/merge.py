"""The same development reported by several articles → one event citing every source."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from dateline import dates
from dateline.events.gazetteer import is_person
from dateline.events.rules import date_bounds, stopwords
from dateline.events.text import normalized
from dateline.models import Event

SIMILARITY = 0.3  # content-word overlap (Jaccard) for two reports of one development
_PRECISION_RANK = {name: i for i, name in enumerate(dates.PRECISIONS)}


def main_actors(event: Event) -> frozenset[str]:
    """States and organizations: the actors that must agree for a merge."""
    return frozenset(a for a in event.actors if not is_person(a))


@dataclass(frozen=True)
class _Key:
    """What merging compares, computed once per event."""

    actors: frozenset[str]
    people: frozenset[str]
    status: str
    paths: frozenset[str]
    date: str
    end: str
    span: tuple[dt.date, dt.date] | None
    reported: bool  # dated only by its story's date
    words: frozenset[str]


def _key(event: Event) -> _Key:
    words = frozenset(w for w in normalized(event.summary).split() if w not in stopwords())
    return _Key(
        main_actors(event),
        frozenset(a for a in event.actors if is_person(a)),
        event.status,
        frozenset(s.path for s in event.sources),
        event.date,
        event.end,
        date_bounds(event.date),
        bool(event.certainty),
        words,
    )


def _dates_agree(a: _Key, b: _Key) -> bool:
    """Equal dates; or one containing the other; or a day apart when one is a report date."""
    if a.date == b.date:
        return a.end == b.end or not (a.end and b.end)
    if a.span is None or b.span is None or a.end or b.end:
        return False
    (a0, a1), (b0, b1) = a.span, b.span
    if (a0 <= b0 and b1 <= a1) or (b0 <= a0 and a1 <= b1):
        return True
    single = a0 == a1 and b0 == b1
    return (a.reported or b.reported) and single and abs((a0 - b0).days) <= 1


def _same(a: _Key, b: _Key) -> bool:
    if a.paths & b.paths or a.actors != b.actors or a.status != b.status:
        return False
    if a.people and b.people and not a.people & b.people:
        return False
    if not _dates_agree(a, b) or not (a.words and b.words):
        return False
    return len(a.words & b.words) / len(a.words | b.words) >= SIMILARITY


def dates_compatible(a: Event, b: Event) -> bool:
    """Equal dates and ends, one date containing the other, or a day apart (report dates)."""
    return _dates_agree(_key(a), _key(b))


def same_development(a: Event, b: Event) -> bool:
    """Other stories, same actors and status, compatible dates, similar words."""
    return _same(_key(a), _key(b))


def _first_seen(event: Event) -> tuple[str, str, int, str]:
    src = event.sources[0] if event.sources else None
    return (src.published, src.path, src.line, event.id) if src else ("", "", 0, event.id)


def _finer(event: Event) -> tuple[int, int]:
    """Sort key preferring an event's own date, then a finer precision."""
    rank = _PRECISION_RANK.get(dates.precision(event.date), -1)
    return (0 if event.certainty else 1, rank)


def combine(members: Sequence[Event]) -> Event:
    """One event for a group: the first-seen member's id, the best-dated member's date."""
    in_order = sorted(members, key=_first_seen)
    best = max(in_order, key=_finer)  # max keeps the earliest among equally fine dates
    types = Counter(m.type for m in members if m.type)
    code = types.most_common(1)[0][0] if types else best.type
    quad = next((m.quad for m in members if m.type == code), best.quad)
    return replace(
        best,
        id=in_order[0].id,
        type=code,
        quad=quad,
        sources=tuple(dict.fromkeys(s for m in in_order for s in m.sources)),
        actors=tuple(dict.fromkeys(a for m in in_order for a in m.actors)),
        tags=tuple(dict.fromkeys(t for m in in_order for t in m.tags)),
    )


_Group = list[tuple[_Key, Event]]


@dataclass
class _Index:
    """Groups by actors and status, then by founding day (single days) or year (coarser)."""

    days: dict[tuple[frozenset[str], str], dict[int, list[_Group]]]
    years: dict[tuple[frozenset[str], str, int], list[_Group]]
    undated: dict[tuple[frozenset[str], str, str], list[_Group]]

    def candidates(self, key: _Key) -> list[_Group]:
        if key.span is None:
            return self.undated.get((key.actors, key.status, key.date), [])
        first, last = key.span[0].toordinal(), key.span[1].toordinal()
        days = self.days.get((key.actors, key.status), {})
        if key.reported:  # only a report-dated event may sit a day off
            first, last = first - 1, last + 1
        if last - first > 31:
            found = [g for day, gs in days.items() if first <= day <= last for g in gs]
        else:
            found = [g for day in range(first, last + 1) for g in days.get(day, ())]
        for year in range(key.span[0].year, key.span[1].year + 1):
            found.extend(self.years.get((key.actors, key.status, year), ()))
        return found

    def add(self, key: _Key, group: _Group) -> None:
        if key.span is None:
            self.undated.setdefault((key.actors, key.status, key.date), []).append(group)
        elif key.span[0] == key.span[1]:
            by_day = self.days.setdefault((key.actors, key.status), {})
            by_day.setdefault(key.span[0].toordinal(), []).append(group)
        else:
            for year in range(key.span[0].year, key.span[1].year + 1):
                self.years.setdefault((key.actors, key.status, year), []).append(group)


def merge_groups(events: Sequence[Event]) -> list[list[Event]]:
    """Reports of the same development grouped; each member matches every other member."""
    ordered = sorted(events, key=_first_seen)
    ordered.sort(key=_finer, reverse=True)  # own and finer dates found the groups
    groups: list[_Group] = []
    index = _Index({}, {}, {})
    for event in ordered:
        key = _key(event)
        home = next(
            (
                g
                for g in index.candidates(key)
                if not key.words.isdisjoint(g[0][0].words) and all(_same(key, k) for k, _e in g)
            ),
            None,
        )
        if home is not None:
            home.append((key, event))
            continue
        groups.append([(key, event)])
        index.add(key, groups[-1])
    return [[e for _k, e in g] for g in groups]


def merge_events(events: Sequence[Event]) -> list[Event]:
    """The same development from several sources merged into one event citing every source."""
    return merge_with_aliases(events)[0]


def merge_with_aliases(events: Sequence[Event]) -> tuple[list[Event], dict[str, str]]:
    """Merged events, and for each report merged into another, its id → the surviving id.

    Editors correct events by the id they saw; after a new source merges that event into an
    earlier report, the alias keeps their correction pointing at the right event.
    """
    merged, aliases = [], {}
    for group in merge_groups(events):
        event = combine(group) if len(group) > 1 else group[0]
        merged.append(event)
        aliases.update({m.id: event.id for m in group if m.id != event.id})
    return sorted(merged, key=lambda e: (*dates.sort_key(e.date, e.end), e.id)), aliases
