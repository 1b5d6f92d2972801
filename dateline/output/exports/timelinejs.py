"""``timelinejs.json``: the timeline in TimelineJS 3's JSON format, ready to embed.

Dates keep their precision (a year-only date is ``{"year": 2019}``), ``unique_id`` is our event id
so TimelineJS's ``#event-<id>`` bookmarks match our permalinks.  The notes' eras are TimelineJS's
``eras`` (a band under the time axis, headed by the era's title), and each slide's ``group`` (its
row) is its era's title; events outside every era have no group (TimelineJS puts them in a row
of their own).  A site without eras groups its slides by their main actor.
Each slide's headline is the event's summary and its text the description and quote, what kind
of event and who, the sources and the permalink, all escaped. Links are absolute when the base
URL names the site's host (TimelineJS's embed runs on another site), else under the base path.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Sequence

from dateline import dates
from dateline.config import Settings
from dateline.models import Era
from dateline.output.exports.streamed_json import document_bytes
from dateline.output.exports.urls import link_url, site_url
from dateline.site.eras import era_at, era_days
from dateline.site.views import ActorView, EventView

_FIELDS = {"year": ("year",), "month": ("year", "month"), "day": ("year", "month", "day")}
# Each TIMEX3 precision shown at the nearest one TimelineJS has.
_SHOWN_AS = {"century": "year", "decade": "year", "year": "year", "half": "month",
             "quarter": "month", "season": "month", "month": "month", "week": "day",
             "day": "day", "time": "day"}


def date_object(day: dt.date, precision: str) -> dict[str, int]:
    """A TimelineJS date with only the fields ``precision`` knows."""
    return {name: getattr(day, name) for name in _FIELDS[_SHOWN_AS[precision]]}


def slide_dates(date: str, end: str = "") -> tuple[dict[str, int], dict[str, int] | None] | None:
    """``(start_date, end_date)``: a range ends at its end's last day; a week, quarter or decade
    without a range ends at its own last day; a day, month or year needs no end."""
    span, kind = dates.bounds(date), dates.precision(date)
    if span is None:
        return None
    start = date_object(span[0], kind)
    end_span = dates.bounds(end) if end else None
    if end_span is not None:
        return start, date_object(end_span[1], dates.precision(end))
    last = date_object(span[1], kind)
    return start, (last if last != start else None)


def _link(href: str, text: str) -> str:
    return f'<a href="{html.escape(href, quote=True)}">{html.escape(text)}</a>'


def slide_text(view: EventView, settings: Settings) -> str:
    """HTML of a slide: the description and the quote, what kind of event and who, the sources
    as links, and the permalink; every piece of text escaped, every link absolute when the
    base URL names a host (TimelineJS's own page is on another site)."""
    parts = []
    if view.description_html:
        parts.append(_absolute_links(view.description_html, settings))
    if view.quote:
        parts.append(f"<blockquote><p>“{html.escape(view.quote)}”</p></blockquote>")
    about = [view.type_label or view.quad_label, ", ".join(a.name for a in view.actors)]
    if any(about):
        parts.append(f"<p>{html.escape(' · '.join(filter(None, about)))}</p>")
    links = []
    for source in view.sources:
        where = link_url(settings, source)
        name = source.title + (f" ({source.publisher})" if source.publisher else "")
        links.append(_link(where, name) if where else html.escape(name))
    if links:
        parts.append("<p>Sources: " + "; ".join(links) + "</p>")
    parts.append(f"<p>{_link(site_url(settings, view.path), 'Permalink')}</p>")
    return "".join(parts)


# A description's links to the site are written from its root, under the base path
# ("/repo/events/x/", markup.Links); nh3 writes every attribute in double quotes.
_ROOT_LINK = re.compile(r'(\s(?:href|src)=")(/(?!/))')


def _absolute_links(fragment: str, settings: Settings) -> str:
    """``fragment`` with its root-relative links made absolute, when the site's host is known."""
    if not settings.site_origin:
        return fragment
    return _ROOT_LINK.sub(lambda m: m[1] + settings.site_origin + m[2], fragment)


def slide(view: EventView, settings: Settings, group: str | None = None
          ) -> dict[str, object] | None:
    """One event as a TimelineJS slide (None for a date TimelineJS cannot place); ``group``
    is its row's name (its era's title, "" for none), by default its main actor."""
    placed = slide_dates(view.date, view.end)
    if placed is None:
        return None
    result: dict[str, object] = {"unique_id": view.id, "start_date": placed[0]}
    if placed[1] is not None:
        result["end_date"] = placed[1]
    result["display_date"] = view.label
    result["text"] = {"headline": html.escape(view.summary, quote=False),
                      "text": slide_text(view, settings)}
    group = main_actor(view.actors) if group is None else group
    if group:
        result["group"] = html.escape(group, quote=False)  # TimelineJS sets it as innerHTML
    return result


def main_actor(actors: Sequence[ActorView]) -> str:
    """Name of the first state or organization (people are lower-case ids), else the first actor:
    one row per state keeps TimelineJS's groups few and stable."""
    states = [a for a in actors if not a.code.islower()]
    chosen = states or list(actors)
    return chosen[0].name if chosen else ""


def era(declared: Era) -> dict[str, object]:
    """An era as TimelineJS draws it: from its first day to the end of its last.

    Both ends are written as days: TimelineJS reads ``{"year": 2019}`` as 1 January, and it
    drops an end whose fields match those of the start (``{"year": 2019}`` to
    ``{"year": 2019, "month": 12, "day": 31}`` matches), then refuses the era for lacking one.
    A one-day era runs from the day's first minute to its last, for the same reason."""
    first, last = dates.bounds(declared.start), dates.bounds(declared.end)
    assert first is not None and last is not None  # the schema reads only placeable dates
    start = date_object(first[0], "day")
    end = date_object(last[1], "day")
    if end == start:
        start, end = {**start, "hour": 0, "minute": 0}, {**end, "hour": 23, "minute": 59}
    return {"start_date": start, "end_date": end,
            "text": {"headline": html.escape(declared.title, quote=False)}}


def timelinejs_json(event_views: Sequence[EventView], settings: Settings,
                    eras: Sequence[Era] = ()) -> bytes:
    """The document: a title slide, the eras (``eras`` in order, never overlapping) and the
    events, each grouped by its era when there are eras."""
    title = {"text": {"headline": html.escape(settings.title, quote=False),
                      "text": f"<p>{html.escape(settings.description)}</p>"
                      if settings.description else ""}}
    spans = [era_days(e) for e in eras]

    def group(view: EventView) -> str | None:
        if not eras:
            return None
        at = era_at(view.start, spans)
        return eras[at].title if at is not None else ""

    slides = (s for s in (slide(v, settings, group(v)) for v in event_views) if s is not None)
    head: dict[str, object] = {"title": title}
    if eras:
        head["eras"] = [era(e) for e in eras]
    return document_bytes(head, "events", slides)
