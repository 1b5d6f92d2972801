"""The assemble stage: extracted events plus editors' notes → one ordered, merged timeline."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import replace
from urllib.parse import urlsplit

from dateline import dates, events
from dateline.events.rules import cameo_type, lexicon
from dateline.memo import Memos
from dateline.models import Document, Event, Extraction, NoteEvent, Problem, Source, Timeline
from dateline.slugs import slugify


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


def note_events(document: Document, documents: Mapping[str, Document]) -> list[Event]:
    """The events an editor declared in a note (corrections are applied later)."""
    made = []
    for entry in document.note_events:
        if entry.corrects:
            continue
        source = Source(document.path, entry.line, document.title or entry.title, kind="note",
                        published=document.published)
        code, quad = _cameo(entry)
        made.append(Event(
            id=note_event_id(document, entry), date=entry.date, end=entry.end, mod=entry.mod,
            summary=entry.title, status=entry.status or "happened", actors=entry.actors,
            type=code, quad=quad, tags=tuple(dict.fromkeys(entry.tags + document.tags)),
            sources=(source, *cited_sources(entry, documents)), description=entry.description,
            quote="",
        ))
    return made


def _cameo(entry: NoteEvent) -> tuple[str, str]:
    """The editor's type, else the one the verb lexicon reads from the title."""
    if entry.type:
        return entry.type, lexicon().quads.get(entry.type, "")
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


def assemble(documents: Sequence[Document], extractions: Mapping[str, Extraction],
             folder: str = "content", memo: Memos | None = None) -> tuple[Timeline, list[Problem]]:
    """Merge, correct, score and order every event; report duplicates and dangling corrections.

    ``folder`` is the content folder's name, for hints that point at another file.  With
    ``memo`` (the dev server), groups of unchanged buckets and scores of unchanged events are
    reused: the result is the same, only faster.
    """
    problems = _duplicate_ids(documents, folder) + _duplicate_slugs(documents, folder)
    duplicates = {(p.path, p.line) for p in problems}
    # the second file with a taken slug, and the second entry with a taken id, are left out
    kept = [d for d in documents if (d.path, 1) not in duplicates or d.kind == "note"]
    extracted = [e for d in kept for e in extractions[d.path].events] if extractions else []
    by_path = {d.path: d for d in kept}
    declared = [e for d in kept for e in note_events(d, by_path)
                if (d.path, e.sources[0].line) not in duplicates]
    merged, aliases = events.merge_with_aliases(_unique_ids(extracted),
                                                memo.buckets if memo else None)
    merged += declared
    corrections = [(d, replace(entry, corrects=aliases.get(entry.corrects, entry.corrects)))
                   for d in kept for entry in d.note_events if entry.corrects]
    corrected, found = events.apply_corrections(merged, corrections)
    problems.extend(found)
    scored = events.score_importance(corrected) if memo is None else \
        [memo.scored.get(e, _scored) for e in corrected]
    ordered = tuple(sorted(scored, key=lambda e: (*dates.sort_key(e.date, e.end), e.id)))
    return Timeline(ordered, tuple(kept), dict(extractions)), problems


def _scored(event: Event) -> Event:
    return events.score_importance([event])[0]


def _unique_ids(extracted: Sequence[Event]) -> list[Event]:
    """Extracted ids are content hashes; identical sentences in two places keep both, renamed.

    The copies are numbered in path order; every other event is passed on as it is (the same
    object, which the dev server's memos recognize).
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
            renamed[id(event)] = _renamed(event, f"{event_id}-{number}")
    return [renamed.get(id(e), e) for e in extracted]


def _renamed(event: Event, new_id: str) -> Event:
    return replace(event, id=new_id)
