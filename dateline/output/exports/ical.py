"""``events.ics``: every event as an all-day iCalendar event spanning its real precision.

A day is one day, a month the whole month, a week seven days, a year the year, a range from its
start to its end inclusive.  DTEND is exclusive (RFC 5545 §3.6.1), so it is the day after the last.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence

from dateline import dates
from dateline.config import Settings
from dateline.output.exports.urls import link_url, site_host, site_url
from dateline.site.views import EventView

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


def stamp(build_time: str) -> str:
    """DTSTAMP from the build's one clock (never the wall clock), in UTC."""
    moment = dt.datetime.fromisoformat(build_time.replace("Z", "+00:00")).astimezone(dt.UTC)
    return moment.strftime("%Y%m%dT%H%M%SZ")


def _description(view: EventView, settings: Settings) -> str:
    lines = [f"{view.label}: {view.summary}"]
    if view.quote:
        lines.append(f"“{view.quote}”")
    for source in view.sources:
        where = link_url(settings, source)
        name = source.title + (f" ({source.publisher})" if source.publisher else "")
        lines.append(f"Source: {name}" + (f" {where}" if where else ""))
    return "\n".join(lines)


def text(value: str) -> str:
    """A TEXT value escaped as RFC 5545 §3.3.11 asks."""
    return (value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n"))


def fold(line: str) -> bytes:
    """One content line, folded at 75 octets without splitting a UTF-8 character, CRLF-ended."""
    data = line.encode("utf-8")
    parts, start, limit = [], 0, 75
    while len(data) - start > limit:
        cut = start + limit
        while cut > start and (data[cut] & 0xC0) == 0x80:  # inside a multi-byte character
            cut -= 1
        parts.append(data[start:cut])
        start, limit = cut, 74  # continuation lines begin with one space
    parts.append(data[start:])
    return b"\r\n ".join(parts) + b"\r\n"


def _vevent(view: EventView, settings: Settings, host: str, stamped: str) -> bytes:
    span = all_day_span(view.date, view.end)
    if span is None:
        return b""
    lines = ["BEGIN:VEVENT", f"UID:{text(view.id + '@' + host)}", f"DTSTAMP:{stamped}",
             f"DTSTART;VALUE=DATE:{span[0]:%Y%m%d}", f"DTEND;VALUE=DATE:{span[1]:%Y%m%d}",
             f"SUMMARY:{text(view.summary)}",
             f"DESCRIPTION:{text(_description(view, settings))}"]
    if settings.site_origin:  # a URL property must be absolute
        lines.append(f"URL;VALUE=URI:{site_url(settings, view.path)}")
    if view.tags:
        lines.append("CATEGORIES:" + ",".join(text(t.name) for t in view.tags))
    lines += ["TRANSP:TRANSPARENT", "END:VEVENT"]  # history, not a busy slot in a calendar
    return b"".join(fold(line) for line in lines)


def events_ics(event_views: Sequence[EventView], settings: Settings, build_time: str
               ) -> bytes:
    """The calendar's bytes, written line by line: CRLF lines folded at 75 octets (RFC 5545).

    Written by hand rather than through the icalendar package, whose objects and folding are
    slow (docs/performance.md); the tests read the result back with icalendar.
    """
    head = ["BEGIN:VCALENDAR", f"PRODID:{PRODID}", "VERSION:2.0", "CALSCALE:GREGORIAN",
            f"X-WR-CALNAME:{text(settings.title)}"]
    if settings.description:
        head.append(f"X-WR-CALDESC:{text(settings.description)}")
    host, stamped = site_host(settings), stamp(build_time)
    # one join of every part: joining the events, then adding head and tail, would make the
    # whole calendar three times over
    events = (_vevent(view, settings, host, stamped) for view in event_views)
    return b"".join(itertools.chain((fold(line) for line in head), events,
                                    (b"END:VCALENDAR\r\n",)))
