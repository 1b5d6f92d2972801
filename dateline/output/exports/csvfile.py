"""``events.csv``: one row per event for spreadsheets and research scripts (RFC 4180, UTF-8).

Lists inside a cell (actors, tags, sources, urls) are joined with ";" — content paths, actor codes,
tags and URLs never contain one, so splitting on ";" gives the list back.  Every cell, and every
item of a list cell, that a spreadsheet would run as a formula starts with "'".
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from dateline.config import Settings
from dateline.output.exports.urls import site_url
from dateline.site.views import EventView

COLUMNS = ("id", "date", "end", "precision", "status", "summary", "actors", "type", "quad",
           "tags", "sources", "urls", "permalink")


def _joined(values: Sequence[str]) -> str:
    """A list cell, each item made inert: a script that splits the cell on ";" into cells of
    their own must not get a formula back."""
    return ";".join(dict.fromkeys(_inert(v) for v in values if v))


def _inert(cell: str) -> str:
    """A cell a spreadsheet will not run as a formula (OWASP's CSV injection advice)."""
    return "'" + cell if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell


def row(view: EventView, settings: Settings) -> list[str]:
    """The cells of one event, in COLUMNS order."""
    return [_inert(cell) for cell in [
        view.id, view.date, view.end, view.precision, view.status, view.summary,
        _joined([a.code for a in view.actors]), view.type, view.quad,
        _joined([t.name for t in view.tags]),
        _joined([s.path for s in view.sources]),
        _joined([s.url for s in view.sources]),
        site_url(settings, view.path),
    ]]


def events_csv(event_views: Sequence[EventView], settings: Settings) -> bytes:
    """Header plus one row per event; CRLF line ends and quoting as RFC 4180 describes."""
    # encoded as it is written: a StringIO of text with any non-ASCII character in it holds
    # four bytes per character
    buffer = io.BytesIO()
    with io.TextIOWrapper(buffer, encoding="utf-8", newline="", write_through=True) as text:
        writer = csv.writer(text, dialect="excel", lineterminator="\r\n")
        writer.writerow(COLUMNS)
        writer.writerows(row(view, settings) for view in event_views)
        return buffer.getvalue()
