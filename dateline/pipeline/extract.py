"""The extract stage: time expressions and events per document, cached by content hash.

Extraction is pure per document (text and publication date in, Extraction out), which is what
makes it cacheable by digest and safe to run in a process pool.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import Executor
from functools import cache
from importlib import resources
from importlib.abc import Traversable
from typing import Any, Protocol

from dateline import dates, events, timex
from dateline.events.gazetteer import Gazetteer
from dateline.events.select import select
from dateline.models import Candidate, Document, Extraction, Problem
from dateline.pipeline import pools

PARALLEL_THRESHOLD = 48  # below this many uncached documents a pool costs more than it saves
log = logging.getLogger(__name__)


class Cache(Protocol):
    def get_many(self, keys: Sequence[str]) -> dict[str, Extraction]: ...
    def put_many(self, items: Mapping[str, Extraction]) -> None: ...


def version_key(site_data: Mapping[str, Any] | None = None) -> str:
    """What, besides a file's bytes, changes extraction results: the code's versions, every
    rule and lexicon file it reads, and the site's ``data/actors.yaml`` (``site_data``)."""
    site = hashlib.sha256(json.dumps(site_data, sort_keys=True, default=str).encode()).hexdigest()
    return (f"t{timex.TAGGER_VERSION}-e{events.EXTRACTOR_VERSION}-r{rules_digest()[:16]}"
            f"-s{site[:16]}")


@cache
def rules_digest() -> str:
    """sha256 over the package's rule and lexicon files (editing one empties the cache of what
    it changes, without anyone bumping a version by hand)."""
    digest = hashlib.sha256()
    for package in ("dateline.timex", "dateline.events"):
        for path, data in sorted(_data_files(resources.files(package).joinpath("data"), "")):
            digest.update(f"{package}/{path}\0".encode() + data + b"\0")
    return digest.hexdigest()


def _data_files(folder: Traversable, prefix: str) -> Iterator[tuple[str, bytes]]:
    for entry in folder.iterdir():
        if entry.is_dir():
            yield from _data_files(entry, f"{prefix}{entry.name}/")
        elif entry.name.endswith((".yaml", ".json", ".txt")):
            yield f"{prefix}{entry.name}", entry.read_bytes()


def cache_key(document: Document, version: str) -> str:
    return hashlib.sha256(f"{document.digest}:{document.path}:{version}".encode()).hexdigest()


def anchor_of(document: Document) -> dt.date | None:
    """The date relative expressions resolve against: publication date, or a note's own date."""
    span = dates.bounds(document.published) if document.published else None
    if span is None:
        return None
    if document.kind == "article":
        return timex.reference_date(document.body, span[0])
    return span[0] if dates.precision(document.published) == "day" else None


def extract_document(document: Document, gazetteer: Gazetteer | None = None) -> Extraction:
    """Timexes and events of one document (pure)."""
    anchor = anchor_of(document)
    found = tuple(timex.tag(document.body, anchor))
    problems: list[Problem] = []
    extracted: tuple[events.Event, ...] = ()
    left_off: tuple[Candidate, ...] = ()
    if document.kind == "article":
        made, problems = events.extract_events(document, found, anchor, gazetteer)
        extracted, left_off = select(document, made)
    problems.extend(_unresolved(document, found, anchor))
    return Extraction(document.path, anchor.isoformat() if anchor else "", found, extracted,
                      tuple(problems), left_off)


def _unresolved(document: Document, found: Sequence[timex.Timex], anchor: dt.date | None
                ) -> Iterator[Problem]:
    """A warning per relative date left unresolved because the document has no anchor."""
    if anchor is not None:
        return
    for item in found:
        if item.value.startswith("XXXX"):
            line = document.body_line + document.body.count("\n", 0, item.start)
            col = item.start - (document.body.rfind("\n", 0, item.start) + 1) + 1
            yield Problem(document.path, line, col, "warning",
                          f"relative date '{item.text}' left unresolved (no publication date)",
                          "give the document a 'date:' so relative dates can be resolved")


def _extract_batch(batch: Sequence[Document], gazetteer: Gazetteer | None) -> list[Extraction]:
    return [extract_document(document, gazetteer) for document in batch]


def extract_all(documents: Sequence[Document], *, gazetteer: Gazetteer | None = None,
                cache: Cache | None = None, version: str = "", jobs: int = 1,
                executor: Executor | None = None) -> dict[str, Extraction]:
    """Extraction of every document: cached ones from ``cache``, the rest computed (in parallel)."""
    keys = {d.path: cache_key(d, version) for d in documents}
    cached = cache.get_many(list(keys.values())) if cache is not None else {}
    results = {d.path: cached[keys[d.path]] for d in documents if keys[d.path] in cached}
    todo = [d for d in documents if d.path not in results]
    log.debug("extracting %d of %d documents (%d cached)", len(todo), len(documents), len(results))
    if executor is not None or (jobs > 1 and len(todo) >= PARALLEL_THRESHOLD):
        fresh = _parallel(todo, gazetteer, jobs, executor)
    else:
        fresh = _extract_batch(todo, gazetteer)
    for extraction in fresh:
        results[extraction.path] = extraction
    if cache is not None and fresh:
        cache.put_many({keys[e.path]: e for e in fresh})
    return results


def _parallel(todo: Sequence[Document], gazetteer: Gazetteer | None, jobs: int,
              executor: Executor | None) -> list[Extraction]:
    # Batches amortize pickling; order is restored by path afterwards so output is deterministic.
    size = max(1, min(64, len(todo) // (max(jobs, 1) * 4) or 1))
    batches = [todo[i:i + size] for i in range(0, len(todo), size)]
    if executor is not None:
        futures = [executor.submit(_extract_batch, batch, gazetteer) for batch in batches]
        return [e for future in futures for e in future.result()]
    # The gazetteer goes to each worker once, not with every batch (unpickling it is not free).
    with pools.process_pool(jobs, "extract", _keep_gazetteer, (gazetteer,)) as pool:
        return [e for batch in pool.map(_extract_worker_batch, batches) for e in batch]


_worker_gazetteer: Gazetteer | None = None


def _keep_gazetteer(gazetteer: Gazetteer) -> None:
    """A pool worker's start (after ``pools.start_worker``): it keeps the gazetteer."""
    global _worker_gazetteer
    _worker_gazetteer = gazetteer


def _extract_worker_batch(batch: Sequence[Document]) -> list[Extraction]:
    return _extract_batch(batch, _worker_gazetteer)
