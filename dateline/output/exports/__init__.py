"""Machine-readable outputs built from the same view models as the pages."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from dateline import dates
from dateline.config import Settings
from dateline.models import Era
from dateline.output.exports.csvfile import events_csv
from dateline.output.exports.ical import events_ics
from dateline.output.exports.streamed_json import document_bytes
from dateline.output.exports.timelinejs import timelinejs_json
from dateline.output.exports.urls import site_url
from dateline.site.views import EventView

SCHEMA_VERSION = 1
# Every file data_files() writes, so `check` knows them without building them.
DATA_FILES = ("timeline.json", "timelinejs.json", "events.ics", "events.csv")


def latest(event_views: Sequence[EventView], size: int) -> list[EventView]:
    """The newest ``size`` events, newest first (ties by id, so output is stable)."""
    ordered = sorted(event_views, key=lambda v: (dates.sort_key(v.date, v.end), v.id),
                     reverse=True)
    return ordered[:size]


def timeline_json(event_views: Sequence[EventView], settings: Settings,
                  build_time: str) -> bytes:
    """``timeline.json``: the data contract (schema in schemas/timeline.schema.json)."""
    events = (
        {
            "id": v.id,
            "date": v.date,
            "end": v.end or None,
            "precision": v.precision,
            "mod": v.mod or None,
            "status": v.status,
            "certainty": v.certainty or None,
            "summary": v.summary,
            "quote": v.quote,
            "actors": [a.code for a in v.actors],
            "source": list(v.source),
            "target": list(v.target),
            "type": v.type or None,
            "quad": v.quad or None,
            "tags": [t.name for t in v.tags],
            "importance": round(float(v.importance), 4),
            "sources": [
                {"path": s.path or None, "line": s.line or None, "title": s.title,
                 "publisher": s.publisher or None, "url": s.url or None,
                 "published": s.published or None}
                for s in v.sources
            ],
            "url": site_url(settings, v.path),
        }
        for v in event_views
    )
    head = {
        "version": SCHEMA_VERSION,
        "site": {"title": settings.title, "description": settings.description,
                 "base_url": settings.base_url, "language": settings.language,
                 "generated": build_time},
    }
    return document_bytes(head, "events", events)


def sitemap(paths: Iterable[str], settings: Settings, lastmod: str) -> bytes:
    """``sitemap.xml`` listing every HTML page (directory URLs, no index.html)."""
    from xml.sax.saxutils import escape

    rows = []
    for path in sorted(paths):
        if not path.endswith(".html") or path == "404.html":
            continue
        page = path[: -len("index.html")] if path.endswith("index.html") else path
        rows.append(f"  <url><loc>{escape(site_url(settings, page))}</loc>"
                    f"<lastmod>{lastmod[:10]}</lastmod></url>")
    body = "\n".join(rows)
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{body}\n</urlset>\n'
            ).encode()


def data_files(event_views: Sequence[EventView], settings: Settings, build_time: str,
               eras: Sequence[Era] = ()) -> dict[str, bytes]:
    """Every data export of the site, by site-relative path (the names in DATA_FILES)."""
    return dict(iter_data_files(event_views, settings, build_time, eras))


def iter_data_files(event_views: Sequence[EventView], settings: Settings, build_time: str,
                    eras: Sequence[Era] = ()) -> Iterator[tuple[str, bytes]]:
    """``data_files`` one file at a time, each made only when asked for (they are large);
    ``eras`` (the timeline's) go to TimelineJS's."""
    yield "timeline.json", timeline_json(event_views, settings, build_time)
    yield "timelinejs.json", timelinejs_json(event_views, settings, eras)
    yield "events.ics", events_ics(event_views, settings, build_time)
    yield "events.csv", events_csv(event_views, settings)
