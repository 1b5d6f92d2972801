"""``events.ics``: every event as an all-day iCalendar event spanning its real precision.

A day is one day, a month the whole month, a week seven days, a year the year, a range from its
start to its end inclusive.  DTEND is exclusive (RFC 5545 §3.6.1), so it is the day after the last.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import icalendar

from dateline import dates
from dateline.config import Settings
from dateline.exports.urls import link_url, site_host, site_url

PRODID = "-//Dateline//Dateline timeline//EN"


def all_day_span(date: str, end: str = "") -> tuple[dt.date, dt.date] | None:
    """``(DTSTART, DTEND)`` of an event: first day, and the day after its last (exclusive)."""
    first = dates.bounds(date)
    if first is None:
        return None
    last = dates.bounds(end) if end else None
    final = last[1] if last is not None and last[1] >= first[0] else first[1]
    if final == dt.date.max:  # DTEND would be the year 10000, which no date type holds
        return None
    return first[0], final + dt.timedelta(days=1)


def stamp(build_time: str) -> dt.datetime:
    """DTSTAMP from the build's one clock (never the wall clock), in UTC."""
    return dt.datetime.strptime(build_time, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.UTC)


def _description(view: dict[str, Any], settings: Settings) -> str:
    lines = [f"{view['label']}: {view['summary']}"]
    if view["quote"]:
        lines.append(f"“{view['quote']}”")
    for source in view["sources"]:
        where = link_url(settings, source)
        name = source["title"] + (f" ({source['publisher']})" if source["publisher"] else "")
        lines.append(f"Source: {name}" + (f" {where}" if where else ""))
    return "\n".join(lines)


def _vevent(view: dict[str, Any], settings: Settings, host: str, stamped: dt.datetime
            ) -> icalendar.Event | None:
    span = all_day_span(view["date"], view["end"])
    if span is None:
        return None
    event = icalendar.Event()
    event.add("uid", f"{view['id']}@{host}")
    event.add("dtstamp", stamped)
    event.add("dtstart", span[0])
    event.add("dtend", span[1])
    event.add("summary", view["summary"])
    event.add("description", _description(view, settings))
    if settings.site_origin:  # a URL property must be absolute
        event.add("url", site_url(settings, view["path"]), parameters={"VALUE": "URI"})
    if view["tags"]:
        event.add("categories", [t["name"] for t in view["tags"]])
    event.add("transp", "TRANSPARENT")  # history, not a busy slot in anyone's calendar
    return event


@lru_cache(maxsize=1 << 15)
def _vevent_bytes(view_json: str, settings: Settings, host: str, build_time: str) -> bytes:
    """One VEVENT's bytes, memoized: a dev-server rebuild re-encodes only the events that
    changed (icalendar costs about a millisecond per event)."""
    event = _vevent(json.loads(view_json), settings, host, stamp(build_time))
    return bytes(event.to_ical()) if event is not None else b""


def events_ics(event_views: Sequence[dict[str, Any]], settings: Settings, build_time: str
               ) -> bytes:
    """The calendar's bytes: CRLF lines folded at 75 octets, as RFC 5545 asks."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", settings.title)
    if settings.description:
        calendar.add("x-wr-caldesc", settings.description)
    frame, end = bytes(calendar.to_ical()), b"END:VCALENDAR\r\n"
    host = site_host(settings)
    body = b"".join(_vevent_bytes(json.dumps(view, sort_keys=True, default=str), settings, host,
                                  build_time) for view in event_views)
    return frame[: -len(end)] + body + end
