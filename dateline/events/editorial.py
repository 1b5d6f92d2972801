"""Editorial control: corrections by id, importance, key developments."""

from __future__ import annotations

import difflib
import functools
import math
from collections.abc import Sequence
from dataclasses import replace

from dateline import dates
from dateline.events.gazetteer import Gazetteer, default_gazetteer, is_person
from dateline.events.rules import date_bounds, lexicon, quad_of
from dateline.models import Document, Event, NoteEvent, Problem

STATUSES = ("happened", "planned", "reported")


def _problem(doc: Document, entry: NoteEvent, message: str, hint: str) -> Problem:
    return Problem(doc.path, entry.line, entry.col, "error", message, hint)


def _field_problems(doc: Document, entry: NoteEvent) -> list[Problem]:
    found = []
    for name in ("date", "end"):
        value = getattr(entry, name)
        if value and dates.bounds(value) is None:
            found.append(
                _problem(
                    doc,
                    entry,
                    f"correction {name} '{value}' is not a date",
                    "write a date like 2018-12-04, 2018-12, 2018-W48 or 2018",
                )
            )
    if entry.type and not quad_of(entry.type):
        found.append(
            _problem(
                doc,
                entry,
                f"correction type '{entry.type}' is not a CAMEO code",
                "use a code from 01 (statement) to 20 (mass violence), or a finer one such as 042",
            )
        )
    if entry.status and entry.status not in STATUSES:
        found.append(
            _problem(
                doc,
                entry,
                f"correction status '{entry.status}' is unknown",
                "use one of: " + ", ".join(STATUSES),
            )
        )
    return found


def corrected(event: Event, entry: NoteEvent) -> Event:
    """``event`` with the correction's non-empty fields applied."""
    changes: dict[str, object] = {}
    if entry.date:
        changes.update(date=entry.date, end=entry.end, mod=entry.mod, certainty="")
    elif entry.end or entry.mod:
        changes.update({k: v for k, v in (("end", entry.end), ("mod", entry.mod)) if v})
    if entry.title:
        changes["summary"] = entry.title
    if entry.actors or entry.source or entry.target:
        changes.update(_corrected_actors(event, entry))
    if entry.type:
        changes.update(type=entry.type, quad=quad_of(entry.type))
    if entry.status:
        changes["status"] = entry.status
    if entry.tags:
        changes["tags"] = tuple(dict.fromkeys(event.tags + entry.tags))
    if entry.description:
        changes["description"] = entry.description
    if entry.why:
        changes["why"] = entry.why
    return replace(event, **changes)  # type: ignore[arg-type]


def _corrected_actors(event: Event, entry: NoteEvent) -> dict[str, tuple[str, ...]]:
    """A correction's ``actors`` replace the event's (its source and target keep only the
    codes still among them); its ``source`` and ``target`` replace theirs and count as actors."""
    actors = entry.actors or event.actors
    source = entry.source or tuple(a for a in event.source if a in actors)
    target = entry.target or tuple(a for a in event.target if a in actors and a not in source)
    return {"actors": tuple(dict.fromkeys((*actors, *source, *target))), "source": source,
            "target": target}


def apply_corrections(
    events: Sequence[Event], corrections: Sequence[tuple[Document, NoteEvent]]
) -> tuple[list[Event], list[Problem]]:
    """Notes' ``corrects:`` entries change or (``suppress: true``) hide their target events."""
    if not corrections:
        return list(events), []
    by_id = {e.id: e for e in events}
    hidden: set[str] = set()
    problems: list[Problem] = []
    for doc, entry in corrections:
        target = by_id.get(entry.corrects)
        if target is None:
            close = difflib.get_close_matches(entry.corrects, list(by_id), n=3, cutoff=0.6)
            hint = (
                ("did you mean " + ", ".join(close) + "?")
                if close
                else "copy the id from the event's permalink on the built site"
            )
            problems.append(
                _problem(
                    doc, entry, f"correction targets unknown event id '{entry.corrects}'", hint
                )
            )
            continue
        if entry.suppress:
            hidden.add(target.id)
            continue
        found = _field_problems(doc, entry)
        problems.extend(found)
        if not found:
            by_id[target.id] = corrected(target, entry)
    return [by_id[e.id] for e in events if e.id not in hidden], problems


LEAD = 4  # a sentence starting within the first characters is the story's first: its lead


def importance(event: Event, gazetteer: Gazetteer | None = None) -> float:
    """Independent sources, actors' prominence, the kind of act, an explicit date and the
    stories' own emphasis (their lead sentence), as one score."""
    gaz = gazetteer or default_gazetteer()
    outlets = {s.publisher or s.path for s in event.sources}
    prominence = max(
        (gaz.prominence.get(a, 0.3) for a in event.actors if not is_person(a)), default=0.0
    )
    explicit = 0.0 if event.certainty else 1.0
    day = 0.5 if dates.precision(event.date) == "day" else 0.0
    act = lexicon().weights.get(event.type[:2], 0.0)  # a finer code weighs as its root
    lead = 0.5 if any(s.kind == "article" and s.start < LEAD for s in event.sources) else 0.0
    return round(math.log2(1 + len(outlets)) * 2 + prominence * 2 + explicit + day + act + lead,
                 3)


def score_importance(events: Sequence[Event]) -> list[Event]:
    """Every event with its importance filled in."""
    return [replace(e, importance=importance(e)) for e in events]


def period_of(event: Event) -> str:
    """The month of a dated event ("2018-12"), or its year when coarser than a month."""
    return _period(event.date)


@functools.lru_cache(maxsize=1 << 16)  # pure, and the same dates recur across events
def _period(value: str) -> str:
    span = date_bounds(value)
    if span is None:
        return value[:4]
    same_month = (span[0].year, span[0].month) == (span[1].year, span[1].month)
    return f"{span[0].year:04d}-{span[0].month:02d}" if same_month else str(span[0].year)


KeptTops = dict[tuple[str, int], tuple[tuple[Event, ...], list[Event]]]


def key_developments(events: Sequence[Event], per_period: int = 5,
                     kept: KeptTops | None = None) -> list[Event]:
    """The ``per_period`` most important events of each month (year for coarse dates), in order.

    ``kept`` (the dev server) remembers each period's events and choice: a period whose events
    are the very same objects as last time is not sorted again.  It is replaced in place.
    """
    periods: dict[str, list[Event]] = {}
    for event in events:
        periods.setdefault(period_of(event), []).append(event)
    fresh: KeptTops = {}
    for period, group in periods.items():
        members, old = tuple(group), (kept or {}).get((period, per_period))
        top = old[1] if old is not None and old[0] == members else \
            sorted(group, key=lambda e: (-e.importance, e.date, e.id))[:per_period]
        fresh[(period, per_period)] = (members, top)
    if kept is not None:
        kept.clear()
        kept.update(fresh)
    chosen = [e for _members, top in fresh.values() for e in top]
    return sorted(chosen, key=lambda e: (*dates.sort_key(e.date, e.end), e.id))
