"""What the dev server's rebuilds remember, so one saved file costs work for that file only.

Extractions of unchanged files come back as the very same objects from rebuild to rebuild, so
everything computed from them (merged groups, the scored and ordered timeline, event views and
cards, source pages' HTML) can be reused by object identity: an ``is`` check, not a deep
comparison.  Full builds use none of
this (they stream once and exit); the memos live in ``incremental.BuildState``.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from markupsafe import Markup

from dateline.events.editorial import KeptTops
from dateline.events.gazetteer import Gazetteer
from dateline.events.merge import MergeMemo
from dateline.models import Event, Extraction
from dateline.site.markup import LazyHTML
from dateline.site.views import EventView

K = TypeVar("K")
V = TypeVar("V")


class IdentityMemo(Generic[K, V]):
    """Values computed from an object, reused while the very same object comes back.

    Entries not used since the last ``sweep()`` are dropped by it, so the memo never holds more
    than two builds' worth of objects.  ``get`` is called once per event per rebuild, so it
    takes the function itself (no closure or partial made per call).
    """

    def __init__(self) -> None:
        self._entries: dict[int, tuple[K, Hashable, V]] = {}
        self._used: dict[int, tuple[K, Hashable, V]] = {}

    def get(self, key: K, compute: Callable[[K], V], extra: Hashable = None) -> V:
        """``compute(key)`` (for ``key`` and ``extra``, compared by value), or the value kept."""
        slot = id(key)
        entry = self._used.get(slot) or self._entries.get(slot)
        if entry is not None and entry[0] is key and entry[1] == extra:
            self._used[slot] = entry
            return entry[2]
        value = compute(key)
        self._used[slot] = (key, extra, value)
        return value

    def sweep(self) -> None:
        """Forget everything not asked for since the previous sweep."""
        self._entries, self._used = self._used, {}


class ValueMemo(Generic[K, V]):
    """Values by a hashable key (e.g. a document digest with its highlight spans), swept too."""

    def __init__(self) -> None:
        self._entries: dict[K, V] = {}
        self._used: dict[K, V] = {}

    def get(self, key: K, compute: Callable[[], V]) -> V:
        if key in self._used:
            return self._used[key]
        value = self._entries[key] if key in self._entries else compute()
        self._used[key] = value
        return value

    def sweep(self) -> None:
        self._entries, self._used = self._used, {}


@dataclass
class Memos:
    """Everything an incremental rebuild may reuse from the previous one."""

    # extractions by cache key: the same objects every rebuild while the file is unchanged
    extractions: dict[str, Extraction] = field(default_factory=dict)
    # merged groups per (actors, status) bucket, with the log to regroup each from
    merge: MergeMemo | None = None  # made by the first assemble
    # each event as corrected (by id) → (that event, scored), and the scored timeline in order
    order: tuple[dict[int, tuple[Event, Event]], list[Event]] = field(
        default_factory=lambda: ({}, []))
    renamed: IdentityMemo[Event, Event] = field(default_factory=IdentityMemo)  # duplicate-id copies
    views: IdentityMemo[Event, EventView] = field(default_factory=IdentityMemo)
    views_for: Hashable = None  # what every view depends on besides its event (see plan.py)
    html: ValueMemo[Hashable, LazyHTML] = field(default_factory=ValueMemo)
    cards: IdentityMemo[EventView, dict[int, Markup]] = field(default_factory=IdentityMemo)
    key_periods: KeptTops = field(default_factory=dict)  # each month's events and top
    gazetteer: tuple[object, Gazetteer] | None = None  # (site's actors as read, gazetteer)

    def sweep(self) -> None:
        self.renamed.sweep()
        self.views.sweep()
        self.html.sweep()
        self.cards.sweep()
