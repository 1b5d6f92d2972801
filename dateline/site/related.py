"""Context on an event's page: the development before and after it between the same actors,
and the other events of its era.

Two events are between the same actors when they have the same source and the same target
(``Event.source``, ``Event.target``, as sets: "USA → PRK" is not "PRK → USA"); an event whose
source or target is empty is matched by its whole set of actors instead, with the other events
whose source or target is empty too.  Each event thus belongs to one thread (none without
actors), and previous and next are its neighbours there: the relation is symmetric, so the
next event's previous is the event itself.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from dateline import dates
from dateline.models import Event
from dateline.site.eras import EraView, era_at
from dateline.site.views import event_label, event_path, html_datetime

ERA_SHOWN = 10  # other events of its era an event page lists: those nearest to it

ThreadKey = tuple[str, tuple[str, ...], tuple[str, ...]]


@dataclass(frozen=True, slots=True)
class EventLink:
    """Another event as a link: its headline and date."""

    path: str
    summary: str
    label: str
    datetime: str


@dataclass(frozen=True, slots=True)
class EventContext:
    """What an event page shows around its event."""

    previous: EventLink | None  # between the same actors
    next: EventLink | None
    directed: bool  # the thread is by source and target (else by the set of actors)
    era: EraView | None
    era_events: tuple[EventLink, ...]  # the era's other events nearest to this one, in order
    era_count: int  # events of the era, this one included


@dataclass(frozen=True)
class EventIndex:
    """The timeline's events by thread and by era, to find any event's context at once."""

    threads: Mapping[ThreadKey, Sequence[Event]]
    place: Mapping[str, tuple[ThreadKey | None, int]]  # event id → its thread, its place there
    eras: Sequence[EraView]
    by_era: Sequence[Sequence[Event]]
    era_place: Mapping[str, tuple[int, int]]  # event id → its era's index, its place there


def thread_key(event: Event) -> ThreadKey | None:
    """The thread an event belongs to (see the module's text), None without actors."""
    if event.source and event.target:
        return ("directed", tuple(sorted(set(event.source))), tuple(sorted(set(event.target))))
    if event.actors:
        return ("actors", tuple(sorted(set(event.actors))), ())
    return None


def event_index(timeline_events: Sequence[Event], eras: Sequence[EraView]) -> EventIndex:
    """Threads and eras of ``timeline_events`` (in timeline order), kept in that order."""
    threads: dict[ThreadKey, list[Event]] = {}
    place: dict[str, tuple[ThreadKey | None, int]] = {}
    by_era: list[list[Event]] = [[] for _ in eras]
    era_place: dict[str, tuple[int, int]] = {}
    spans = [(e.first, e.last) for e in eras]
    for event in timeline_events:
        key = thread_key(event)
        if key is None:
            place[event.id] = (None, 0)
        else:
            thread = threads.setdefault(key, [])
            place[event.id] = (key, len(thread))
            thread.append(event)
        at = era_at(dates.iso_start(event.date), spans) if eras else None
        if at is not None:
            era_place[event.id] = (at, len(by_era[at]))
            by_era[at].append(event)
    return EventIndex(threads, place, tuple(eras), by_era, era_place)


def event_link(event: Event) -> EventLink:
    return EventLink(event_path(event.id), event.summary, event_label(event),
                     html_datetime(event.date))


def event_context(index: EventIndex, event_id: str) -> EventContext:
    """The context of the event ``event_id`` (an event of the index)."""
    key, at = index.place.get(event_id, (None, 0))
    thread = index.threads[key] if key is not None else ()
    previous = event_link(thread[at - 1]) if key is not None and at > 0 else None
    following = event_link(thread[at + 1]) if at + 1 < len(thread) else None
    era, era_events, count = _era_part(index, event_id)
    return EventContext(previous, following, key is not None and key[0] == "directed",
                        era, era_events, count)


def _era_part(index: EventIndex, event_id: str
              ) -> tuple[EraView | None, tuple[EventLink, ...], int]:
    """The event's era, up to ``ERA_SHOWN`` of its other events (those nearest the event, in
    order) and how many events the era holds."""
    if event_id not in index.era_place:
        return None, (), 0
    era, place = index.era_place[event_id]
    members = index.by_era[era]
    start = max(0, min(place - ERA_SHOWN // 2, len(members) - ERA_SHOWN - 1))
    nearest = [e for e in members[start:start + ERA_SHOWN + 1] if e.id != event_id]
    return index.eras[era], tuple(event_link(e) for e in nearest[:ERA_SHOWN]), len(members)
