"""The assemble stage: extracted events plus editors' notes → one ordered, merged timeline."""

from __future__ import annotations

import bisect
import hashlib
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from functools import partial
from urllib.parse import urlsplit

from dateline import dates, events
from dateline.events.gazetteer import Gazetteer, default_gazetteer, resolve_actor
from dateline.events.merge import MergeMemo, merge_groups
from dateline.events.rules import cameo_type, quad_of
from dateline.models import (
    Document,
    Era,
    Event,
    Extraction,
    NoteEvent,
    Problem,
    Source,
    Timeline,
)
from dateline.pipeline.memo import IdentityMemo, Memos
from dateline.pipeline.names import name_problems, resolved_actors
from dateline.site.slugs import slugify


def note_event_id(document: Document, entry: NoteEvent) -> str:
    """Explicit ``id``, else date + slug of the title + a short hash of the note's path."""
    if entry.id:
        return entry.id
    digest = hashlib.sha256(f"{document.path}:{entry.title}".encode()).hexdigest()[:4]
    return f"{entry.date}-{slugify(entry.title, 48)}-{digest}".lower()


def cited_sources(entry: NoteEvent, documents: Mapping[str, Document]) -> tuple[Source, ...]:
    """A note's ``sources:``: content files become full sources, addresses become links."""
    cited = []
    for reference in entry.sources:
        target = documents.get(reference.removeprefix("content/"))
        if target is not None:
            cited.append(Source(target.path, target.body_line, target.title, url=target.url,
                                publisher=target.publisher, published=target.published,
                                kind=target.kind))
        elif reference.startswith(("http://", "https://")):
            host = urlsplit(reference).netloc.removeprefix("www.")
            cited.append(Source("", 0, host or reference, url=reference, kind="link"))
    return tuple(cited)


def note_events(document: Document, documents: Mapping[str, Document],
                resolve: Callable[[str], str] = str) -> list[Event]:
    """The events an editor declared in a note (corrections are applied later); ``resolve``
    gives the known actor a code stands for ("usa" → "USA")."""
    made = []
    for entry in document.note_events:
        if entry.corrects:
            continue
        source = Source(document.path, entry.line, document.title or entry.title, kind="note",
                        published=document.published)
        code, quad = _cameo(entry)
        made.append(Event(
            id=note_event_id(document, entry), date=entry.date, end=entry.end, mod=entry.mod,
            summary=entry.title, status=entry.status or "happened",
            actors=resolved_actors((*entry.actors, *entry.source, *entry.target), resolve),
            source=resolved_actors(entry.source, resolve),
            target=resolved_actors(entry.target, resolve),
            type=code, quad=quad, tags=tuple(dict.fromkeys(entry.tags + document.tags)),
            sources=(source, *cited_sources(entry, documents)), description=entry.description,
            quote="", why=entry.why,
        ))
    return made


def _cameo(entry: NoteEvent) -> tuple[str, str]:
    """The editor's type, else the one the verb lexicon reads from the title."""
    if entry.type:
        return entry.type, quad_of(entry.type)
    return cameo_type(entry.title)


def _duplicate_ids(documents: Sequence[Document], folder: str) -> list[Problem]:
    seen: dict[str, tuple[str, int]] = {}
    problems = []
    for document in documents:
        for entry in document.note_events:
            if entry.corrects or not entry.id:
                continue
            if entry.id in seen:
                path, line = seen[entry.id]
                problems.append(Problem(document.path, entry.line, entry.col, "error",
                                        f"duplicate event id '{entry.id}'",
                                        f"{folder}/{path} line {line} already uses it; "
                                        "choose another id"))
            else:
                seen[entry.id] = (document.path, entry.line)
    return problems


def _duplicate_slugs(documents: Sequence[Document], folder: str) -> list[Problem]:
    seen: dict[str, str] = {}
    problems = []
    for document in documents:
        if document.slug in seen:
            problems.append(Problem(document.path, 1, 1, "error",
                                    f"duplicate source id '{document.slug}'",
                                    f"{folder}/{seen[document.slug]} has the same id; "
                                    "rename one file or set a different 'source_id'"))
        else:
            seen[document.slug] = document.path
    return problems


def promoted(documents: Sequence[Document], extractions: Mapping[str, Extraction]) -> list[Event]:
    """Candidates selection left off that a note corrects: the editor wants them on the
    timeline (``corrects: <id>``, as ``check --candidates FILE`` lists them)."""
    wanted = {entry.corrects for d in documents for entry in d.note_events
              if entry.corrects and not entry.suppress}
    return [c.event for d in documents if d.path in extractions
            for c in extractions[d.path].left_off if c.event.id in wanted]


def assemble(documents: Sequence[Document], extractions: Mapping[str, Extraction],
             folder: str = "content", memo: Memos | None = None,
             groups_of: Callable[[Sequence[Event]], list[list[Event]]] = merge_groups,
             gazetteer: Gazetteer | None = None) -> tuple[Timeline, list[Problem]]:
    """Merge, correct, score and order every event; report duplicates and dangling corrections.

    ``folder`` is the content folder's name, for hints that point at another file.  With
    ``memo`` (the dev server), groups of unchanged buckets and scores of unchanged events are
    reused: the result is the same, only faster.  ``groups_of`` groups the reports of one
    development otherwise (``events.buckets.groups_by_bucket``: the same groups, in workers).
    Actor codes of notes are matched to ``gazetteer``'s (the built-in one if None) without
    regard to case; tags and actors whose pages would collide are reported (``names``).
    """
    resolve = partial(resolve_actor,
                      gazetteer=gazetteer if gazetteer is not None else default_gazetteer())
    problems = _duplicate_ids(documents, folder) + _duplicate_slugs(documents, folder)
    duplicates = {(p.path, p.line) for p in problems}
    # the second file with a taken slug, and the second entry with a taken id, are left out
    kept = [d for d in documents if (d.path, 1) not in duplicates or d.kind == "note"]
    extracted = [e for d in kept for e in extractions[d.path].events] if extractions else []
    extracted += promoted(kept, extractions)
    by_path = {d.path: d for d in kept}
    declared = [e for d in kept for e in note_events(d, by_path, resolve)
                if (d.path, e.sources[0].line) not in duplicates]
    if memo is not None and memo.merge is None:
        memo.merge = MergeMemo()
    merged, aliases = events.merge_with_aliases(
        _unique_ids(extracted, memo.renamed if memo else None), memo.merge if memo else None,
        groups_of)
    merged += declared
    corrections = [(d, replace(entry, corrects=aliases.get(entry.corrects, entry.corrects),
                               actors=resolved_actors(entry.actors, resolve),
                               source=resolved_actors(entry.source, resolve),
                               target=resolved_actors(entry.target, resolve)))
                   for d in kept for entry in d.note_events if entry.corrects]
    corrected, found = events.apply_corrections(merged, corrections)
    problems.extend(found)
    ordered = _in_order(events.score_importance(corrected)) if memo is None else \
        _kept_in_order(corrected, memo)
    problems.extend(name_problems(kept, ordered, resolve, folder))
    eras, overlaps = eras_in_order(kept, folder)
    problems.extend(overlaps)
    return Timeline(ordered, tuple(kept), dict(extractions), eras), problems


def _era_order(era: Era) -> tuple[str, str, str, str]:
    first, last = dates.bounds(era.start), dates.bounds(era.end)
    return (first[0].isoformat() if first else "", last[1].isoformat() if last else "",
            era.title, era.path)


def eras_in_order(documents: Sequence[Document], folder: str = "content"
                  ) -> tuple[tuple[Era, ...], list[Problem]]:
    """The notes' eras by start (then end, title and file), and an error for each era that
    overlaps an earlier one: an event belongs to one era at most, so the later is left out."""
    kept: list[Era] = []
    problems = []
    for era in sorted((d.era for d in documents if d.era is not None), key=_era_order):
        if kept and _era_order(era)[0] <= _era_order(kept[-1])[1]:
            before = kept[-1]
            problems.append(Problem(
                era.path, era.line, era.col, "error",
                f"era '{era.title}' overlaps era '{before.title}' "
                f"({folder}/{before.path} line {before.line})",
                "an event belongs to one era: end the earlier era before the later starts"))
            continue
        kept.append(era)
    return tuple(kept), problems


def _order(event: Event) -> tuple[str, int, float, str, str]:
    """Timeline order: by start, coarser dates first; within a day (or any one date) the most
    important first; then by end and id (a total order)."""
    start, rank, end = dates.sort_key(event.date, event.end)
    return start, rank, -event.importance, end, event.id


def _in_order(scored: Sequence[Event]) -> tuple[Event, ...]:
    return tuple(sorted(scored, key=_order))


def _kept_in_order(corrected: Sequence[Event], memo: Memos) -> tuple[Event, ...]:
    """Scored and in order, as ``_in_order(score_importance(corrected))``, from the last build.

    Events that are the same objects as last time keep their score and place; the few that
    came are scored and inserted (bisect), those that went are dropped: no sort of the whole
    timeline after one edit.
    """
    now = {id(e): e for e in corrected}
    before: dict[int, tuple[Event, Event]] = memo.order[0]
    gone, new = before.keys() - now.keys(), now.keys() - before.keys()
    if len(gone) + len(new) > len(now) // 4:  # mostly new (the first build): sort it all
        scored = events.score_importance(corrected)
        memo.order = ({id(c): (c, s) for c, s in zip(corrected, scored, strict=True)},
                      list(_in_order(scored)))
        return tuple(memo.order[1])
    removed = {id(before[slot][1]) for slot in gone}
    ordered = [e for e in memo.order[1] if id(e) not in removed] if removed else memo.order[1]
    kept = dict(before)
    for slot in gone:
        del kept[slot]
    for slot in new:
        scored_event = events.score_importance([now[slot]])[0]
        kept[slot] = (now[slot], scored_event)
        bisect.insort(ordered, scored_event, key=_order)
    memo.order = (kept, ordered)
    return tuple(ordered)


def _unique_ids(extracted: Sequence[Event], kept: IdentityMemo[Event, Event] | None = None
                ) -> list[Event]:
    """Extracted ids are content hashes; identical sentences in two places keep both, renamed.

    The copies are numbered in path order; every other event is passed on as it is (the same
    object, which the dev server's memos recognize).  With ``kept``, a copy renamed the same way
    as last time is the same renamed object too.
    """
    ids = [e.id for e in extracted]
    if len(set(ids)) == len(ids):  # the usual case, checked at C speed
        return list(extracted)
    counts = Counter(ids)
    shared: dict[str, list[Event]] = {}
    for event in extracted:
        if counts[event.id] > 1:
            shared.setdefault(event.id, []).append(event)
    renamed: dict[int, Event] = {}
    for event_id, copies in shared.items():
        copies.sort(key=lambda e: e.sources[0].path if e.sources else "")
        for number, event in enumerate(copies[1:], 2):
            new_id = f"{event_id}-{number}"
            renamed[id(event)] = _renamed(event, new_id) if kept is None else \
                kept.get(event, partial(_renamed, new_id=new_id), new_id)
    return [renamed.get(id(e), e) for e in extracted]


def _renamed(event: Event, new_id: str) -> Event:
    return replace(event, id=new_id)
