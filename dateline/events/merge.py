"""The same development reported by several articles → one event citing every source.

Whether two reports are one development is ``events/same.py``'s question; this module groups
the reports (each member of a group is the same development as every other member, so dates
never chain), bucket by bucket, and keeps the dev server's grouping between rebuilds.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field, replace

from dateline import dates
from dateline.events.same import ReportKey, bucket_key, lag_window, report_key, same
from dateline.events.same import main_actors as main_actors  # selection's and the benches'
from dateline.models import Event

_PRECISION_RANK = {name: i for i, name in enumerate(dates.PRECISIONS)}


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
        status=_status(best, members),
        type=code,
        quad=quad,
        sources=tuple(dict.fromkeys(s for m in in_order for s in m.sources)),
        actors=tuple(dict.fromkeys(a for m in in_order for a in m.actors)),
        source=tuple(dict.fromkeys(a for m in in_order for a in m.source)),
        target=tuple(dict.fromkeys(a for m in in_order for a in m.target)),
        tags=tuple(dict.fromkeys(t for m in in_order for t in m.tags)),
    )


def _status(best: Event, members: Sequence[Event]) -> str:
    """The best-dated member's status, unless it is a plan that another report says happened."""
    if best.status != "planned":
        return best.status
    done = {m.status for m in members}
    return next((status for status in ("happened", "reported") if status in done), best.status)


_Group = list[tuple[ReportKey, Event]]


@dataclass
class _Index:
    """Groups by bucket (``same.bucket_key``), then by founding day (single days) or year
    (coarser)."""

    days: dict[frozenset[str], dict[int, list[_Group]]]
    years: dict[tuple[frozenset[str], int], list[_Group]]
    undated: dict[tuple[frozenset[str], str], list[_Group]]

    def candidates(self, key: ReportKey) -> list[_Group]:
        if key.span is None:
            return self.undated.get((key.bucket, key.date), [])
        first, last = _days(key, key.span)
        days = self.days.get(key.bucket, {})
        if last - first > 31:  # in day order, never in the order days were first seen
            found = [g for day in sorted(d for d in days if first <= d <= last) for g in days[day]]
        else:
            found = [g for day in range(first, last + 1) for g in days.get(day, ())]
        for year in range(key.span[0].year, key.span[1].year + 1):
            found.extend(self.years.get((key.bucket, year), ()))
        return found

    def add(self, key: ReportKey, group: _Group) -> None:
        if not key.bucket:  # names no state: nothing can join it (``same.same``)
            return
        if key.span is None:
            self.undated.setdefault((key.bucket, key.date), []).append(group)
        elif key.span[0] == key.span[1]:
            by_day = self.days.setdefault(key.bucket, {})
            by_day.setdefault(key.span[0].toordinal(), []).append(group)
        else:
            for year in range(key.span[0].year, key.span[1].year + 1):
                self.years.setdefault((key.bucket, year), []).append(group)


def _days(key: ReportKey, span: tuple[dt.date, dt.date]) -> tuple[int, int]:
    """The days (ordinals) where a group ``key`` may join was founded: its own span, and for a
    report dated by its story, the days of the acts it may report late (groups are founded in
    ``merge_order``, so an event with a date of its own never meets a report-dated founder)."""
    before, after = lag_window(key)
    return span[0].toordinal() - before, span[1].toordinal() + after


def merge_order(events: Sequence[Event]) -> list[Event]:
    """The order events are placed in groups: own and finer dates first, they found the groups
    (a total order, whatever the order of ``events``)."""
    ordered = sorted(events, key=_first_seen)
    ordered.sort(key=_finer, reverse=True)
    return ordered


def merge_groups(events: Sequence[Event]) -> list[list[Event]]:
    """Reports of the same development grouped; each member matches every other member."""
    ordered = merge_order(events)
    groups: list[_Group] = []
    index = _Index({}, {}, {})
    for event in ordered:
        key = report_key(event)
        home = _home(index, key)
        if home is not None:
            home.append((key, event))
            continue
        groups.append([(key, event)])
        index.add(key, groups[-1])
    return [[e for _k, e in g] for g in groups]


@dataclass
class MergeLog:
    """How one bucket was grouped, so the next grouping of it can replay the unchanged part."""

    events: tuple[Event, ...]  # the input; holding it keeps the ids below valid
    home: dict[int, str]  # id(event) → id of the founder of the group it joined (its own id)
    keys: dict[int, tuple[Event, ReportKey]]
    groups: list[list[Event]]


def _offers(key: ReportKey, founder: ReportKey) -> bool:
    """Whether ``_Index.candidates(key)`` would list a group founded by ``founder``."""
    if key.span is None or founder.span is None:
        return key.span is None and founder.span is None and key.date == founder.date
    first, last = _days(key, key.span)
    if founder.span[0] == founder.span[1]:
        return first <= founder.span[0].toordinal() <= last
    return founder.span[0].year <= key.span[1].year and key.span[0].year <= founder.span[1].year


def regroup(events: Sequence[Event], log: MergeLog | None = None) -> MergeLog:
    """``merge_groups(events)``, replaying ``log`` (a grouping of similar events) where it holds.

    Greedy grouping depends on order, so it cannot simply be patched; but an event whose
    candidate groups are all exactly as they were when it was placed last time (same members)
    lands where it landed then.  Groups that differ from the log ("dirty": they gained or lost a
    member, or are new) are few after one edit, so almost every event is placed by a lookup and
    only the events near a changed group are compared again.  The result is exactly
    ``merge_groups(events)`` (``tests/events/test_merge_incremental.py`` checks it).
    """
    ordered = merge_order(events)
    old_keys = log.keys if log else {}
    keys = {id(e): old_keys[id(e)] if id(e) in old_keys and old_keys[id(e)][0] is e
            else (e, report_key(e)) for e in ordered}
    # log.events keeps the old objects alive, so an id found in both is the very same object
    previous = {i: f for i, f in log.home.items() if i in keys} if log else {}
    dirty = {log.home[id(e)] for e in log.events if id(e) not in keys} if log else set()
    groups: list[_Group] = []
    founders: dict[str, _Group] = {}
    dirty_keys: dict[str, ReportKey] = {}
    index = _Index({}, {}, {})
    home: dict[int, str] = {}

    def mark(founder: str) -> None:
        dirty.add(founder)
        if founder in founders:
            dirty_keys[founder] = founders[founder][0][0]

    for event in ordered:
        key = keys[id(event)][1]
        logged = previous.get(id(event))
        # a changed group matters only if this event could join it: offered, and the same
        # development as its founder (every member, the founder included, must match)
        replay = logged is not None \
            and not any(_offers(key, k) and same(key, k) for k in dirty_keys.values()) \
            and (logged == event.id or (logged in founders and logged not in dirty))
        if replay:
            group = founders.get(str(logged)) if logged != event.id else None
        else:
            group = _home(index, key)
        if group is not None:
            group.append((key, event))
            founder = group[0][1].id
        else:
            groups.append([(key, event)])
            index.add(key, groups[-1])
            founder = event.id
            founders[founder] = groups[-1]
            if founder in dirty:
                dirty_keys[founder] = key
        if not replay and logged != founder:
            mark(founder)
            if logged is not None:
                mark(logged)
        home[id(event)] = founder
    return MergeLog(tuple(ordered), home, keys, [[e for _k, e in g] for g in groups])


def _home(index: _Index, key: ReportKey) -> _Group | None:
    """The first candidate group whose every member is the same development as ``key``."""
    if not key.bucket:
        return None
    return next((g for g in index.candidates(key)
                 if not key.words.isdisjoint(g[0][0].words) and all(same(key, k) for k, _e in g)),
                None)


def merge_events(events: Sequence[Event]) -> list[Event]:
    """The same development from several sources merged into one event citing every source."""
    return merge_with_aliases(events)[0]


_Merged = list[tuple[list[Event], Event]]  # each group with the one event it became


Buckets = dict[Hashable, tuple[tuple[Event, ...], _Merged, MergeLog]]


@dataclass
class MergeMemo:
    """The dev server's merge state: each bucket's events, groups and log, and the input."""

    buckets: Buckets = field(default_factory=dict)
    # id of each input event of the last build → the object its bucket holds (an equal one)
    events: dict[int, Event] = field(default_factory=dict)


def bucket_of(event: Event) -> frozenset[str]:
    """Events merge only with events of the same bucket (``same.bucket_key``)."""
    return bucket_key(event)


def _merged(groups: Sequence[list[Event]]) -> _Merged:
    return [(g, _become(g)) for g in groups]


def _become(group: list[Event]) -> Event:
    """The one event a group stands for on the timeline."""
    return combine(group) if len(group) > 1 else group[0]


def merge_by_bucket(events: Sequence[Event], memo: MergeMemo) -> _Merged:
    """``merge_groups``, bucket by bucket, reusing what did not change since ``memo``'s build.

    Only events of one bucket can ever merge, and each bucket is grouped in the global order, so
    the groups are exactly those of ``merge_groups(events)``.  Only the buckets of events that
    came or went since the last build (by identity: unchanged files give the same objects) are
    regrouped, from their log (``regroup``); the others keep their groups as they are.
    """
    now = {id(e): e for e in events}
    gone, new = memo.events.keys() - now.keys(), now.keys() - memo.events.keys()
    # Re-extracting a file makes new objects for its unchanged sentences too: an event equal to
    # one that went is that one (its canonical object stays in the groups), not a change.
    went = {memo.events[slot]: memo.events[slot] for slot in gone}
    canonical = dict(memo.events)
    for slot in gone:
        del canonical[slot]
    added: list[Event] = []
    for slot in new:
        same = went.pop(now[slot], None)
        canonical[slot] = same if same is not None else now[slot]
        if same is None:
            added.append(now[slot])
    removed = {id(e) for e in went.values()}
    touched: dict[Hashable, list[Event]] = {}
    for event in went.values():
        touched.setdefault(bucket_of(event), [])
    for event in added:
        touched.setdefault(bucket_of(event), []).append(event)
    for key, arrived in touched.items():
        kept = memo.buckets.get(key)
        found = tuple(e for e in (kept[0] if kept else ()) if id(e) not in removed) \
            + tuple(arrived)
        if not found:
            memo.buckets.pop(key, None)
            continue
        log = regroup(found, kept[2] if kept is not None else None)
        old = {id(pair[0][0]): pair for pair in kept[1]} if kept is not None else {}
        memo.buckets[key] = (found, [_reuse(g, old) for g in log.groups], log)
    memo.events = canonical
    return [pair for bucket in memo.buckets.values() for pair in bucket[1]]


def _reuse(group: list[Event], old: dict[int, tuple[list[Event], Event]]) -> tuple[list[Event],
                                                                                  Event]:
    """The group with its merged event: the previous one when its members are the same."""
    pair = old.get(id(group[0]))
    if pair is not None and len(pair[0]) == len(group) and all(
            a is b for a, b in zip(pair[0], group, strict=True)):
        return pair
    return group, _become(group)


def merge_with_aliases(events: Sequence[Event], memo: MergeMemo | None = None,
                       groups_of: Callable[[Sequence[Event]], list[list[Event]]] = merge_groups
                       ) -> tuple[list[Event], dict[str, str]]:
    """Merged events, and for each report merged into another, its id → the surviving id.

    Editors correct events by the id they saw; after a new source merges that event into an
    earlier report, the alias keeps their correction pointing at the right event.  With
    ``memo`` (the dev server) unchanged buckets keep their groups (``merge_by_bucket``), and
    the events come in bucket order rather than date order.  Without it, ``groups_of`` groups
    them (``merge_groups``, or the same grouping bucket by bucket in workers).
    """
    merged, aliases = [], {}
    pairs = _merged(groups_of(events)) if memo is None else merge_by_bucket(events, memo)
    for group, event in pairs:
        merged.append(event)
        if len(group) > 1:
            aliases.update({m.id: event.id for m in group if m.id != event.id})
    if memo is not None:  # the dev server's assemble orders the whole timeline anyway
        return merged, aliases
    return sorted(merged, key=lambda e: (*dates.sort_key(e.date, e.end), e.id)), aliases
