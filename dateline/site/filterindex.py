"""A listing's filter index: every event of a listing in pages, in one small JSON file.

``static/filters.js`` loads it the first time a reader filters a listing that has more than one
page, and filters every page of the listing from it: the results, their count, the chart and the
key developments.  It holds only what filtering and a result line need, so that it stays small
(the busiest actor of the TE3 silver site: ``bench/listing_index.py``):

    {"v": 1, "total": N,
     "actor": [[code, name], ...], "type": [[value, label], ...], "quad": [[value, label], ...],
     "tag": [[slug, label], ...], "source": [[slug, title], ...],
     "events": [[id, label, month, year, quad, type, [actors], [tags], [sources], key, summary],
                ...]}

Events are in the listing's order (oldest first; within a day the most important first), so
their position is their sort key.  ``quad``, ``type``, ``actors``, ``tags`` and ``sources`` are
positions in the tables above (-1 for no type); ``month`` is "YYYY-MM" or "" (dated to a year
or a season only); ``key`` is the importance of one of its year's key developments, else 0.
An event's page is ``events/<id>/``.  The bytes are the same for the same listing: tables
sorted by value, keys sorted, no spaces.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial

from dateline.site import listings
from dateline.site.render import DATA, Context, Page
from dateline.site.views import Deferred, EventView, quad_label

VERSION = 1
FILE = "filter-index.json"  # next to the listing's first page
# Past this many events a listing has no index (about 220 bytes an event: it would pass 1 MB);
# its pages filter their own cards and say so, and the filter links lead to each value's listing.
INDEX_LIMIT = 4000


@dataclass
class _Table:
    """Values of one kind, each with its label: numbered as they are first met, then sorted."""

    rows: list[list[str]] = field(default_factory=list)
    at: dict[str, int] = field(default_factory=dict)

    def position(self, value: str, label: str) -> int:
        found = self.at.get(value)
        if found is None:
            found = self.at[value] = len(self.rows)
            self.rows.append([value, label])
        return found

    def sort(self) -> None:
        """The rows in the order of their values, numbered again."""
        self.rows.sort(key=lambda row: row[0])
        self.at = {row[0]: n for n, row in enumerate(self.rows)}


def index_path(listing: str) -> str:
    """The site path of the index of the listing at ``listing`` ("actors/usa/")."""
    return listing + FILE


def index_bytes(listed: Sequence[EventView]) -> bytes:
    """The filter index of a listing of ``listed`` (in the listing's order), as UTF-8 JSON."""
    tables = {kind: _Table() for kind in ("actor", "type", "quad", "tag", "source")}
    for view in listed:  # every value met, then the tables sorted: rows point into them
        _row(view, tables)
    for table in tables.values():
        table.sort()
    rows = [_row(view, tables) for view in listed]
    document: dict[str, object] = {"v": VERSION, "total": len(listed), "events": rows}
    document.update({kind: table.rows for kind, table in tables.items()})
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"),
                      sort_keys=True).encode("utf-8")


def _row(view: EventView, tables: dict[str, _Table]) -> list[object]:
    # the values and labels of the listing's filter options (listings.facets)
    return [
        view.id, view.label, view.month, view.year if view.year is not None else 0,
        tables["quad"].position(view.quad or "none", quad_label(view.quad)),
        tables["type"].position(view.type_value, view.type_label) if view.type_value else -1,
        [tables["actor"].position(a.code, a.name) for a in view.actors],
        [tables["tag"].position(t.slug, "#" + t.name) for t in view.tags],
        [tables["source"].position(s.slug, s.title)
         for s in {s.slug: s for s in view.sources if s.slug}.values()],
        round(view.importance, 2) if view.key else 0,
        view.summary,
    ]


def planned(path: str, listed: Sequence[EventView], page_size: int, limit: int
            ) -> tuple[Context, dict[str, Page]]:
    """What every page of the listing at ``path`` shares: filter options over the whole
    listing (``facets``) and, for a listing of more than ``page_size`` events, the path of its
    filter index (``filter_index``, else ""); and that index, planned as a data file beside
    the listing's first page.  A listing of one page has no index: the script filters its
    cards.  Its pages offer ``limit`` actors, tags and sources; the script adds the rest from
    the index.  A listing of more than ``INDEX_LIMIT`` has none (``filter_partial``)."""
    if len(listed) <= page_size:
        return {"facets": Deferred(partial(listings.facets, listed)), "filter_index": "",
                "filter_partial": False}, {}
    facets = Deferred(partial(listings.facets, listed, limit))
    if len(listed) > INDEX_LIMIT:
        return {"facets": facets, "filter_index": "", "filter_partial": True}, {}
    index = index_path(path)
    return ({"facets": facets, "filter_index": index, "filter_partial": False},
            {index: Page(DATA, {"data": Deferred(partial(index_bytes, listed))})})
