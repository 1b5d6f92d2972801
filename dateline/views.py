"""View models: plain dicts the templates and exports read, built once per build from the Timeline."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from dateline import dates, events
from dateline.assemble import slugify
from dateline.markup import to_html
from dateline.models import Document, Event, Timeline

Url = Callable[[str], str]
PRECISE = ("month", "week", "day", "time")


def event_path(event_id: str) -> str:
    return f"events/{event_id}/"


def source_path(document: Document) -> str:
    return f"sources/{document.slug}/"


def tag_path(tag: str) -> str:
    return f"tags/{slugify(tag)}/"


def year_path(year: int) -> str:
    return f"years/{year}/"


def month_path(key: str) -> str:
    return f"years/{key[:4]}/{key[5:7]}/"


def html_datetime(value: str) -> str:
    """A ``<time datetime>`` value: HTML accepts year, month, week and day forms directly."""
    if dates.precision(value) in ("year", "month", "week", "day"):
        return value
    return dates.iso_start(value)


def event_view(event: Event, documents: dict[str, Document], gazetteer: Any) -> dict[str, Any]:
    """Everything a template shows about one event."""
    alternative = event.end != "" and "or" in event.quote.split()
    return {
        "id": event.id,
        "path": event_path(event.id),
        "date": event.date,
        "end": event.end,
        "mod": event.mod,
        "precision": dates.precision(event.date),
        "label": dates.label(event.date, event.end, event.mod, alternative),
        "datetime": html_datetime(event.date),
        "start": dates.iso_start(event.date),
        "year": dates.year_of(event.date),
        "month": dates.month_key(event.date),
        "summary": event.summary,
        "quote": event.quote,
        "status": event.status,
        "certainty": event.certainty,
        "type": event.type,
        "quad": event.quad,
        "importance": event.importance,
        "actors": [{"code": a, "name": events.actor_name(a, gazetteer)} for a in event.actors],
        "tags": [{"name": t, "path": tag_path(t)} for t in event.tags],
        "sources": [_source_view(s.path, s.line, s.title, s.url, s.publisher, s.published,
                                 s.start, documents) for s in event.sources],
        "description_html": to_html(event.description) if event.description else "",
    }


def _source_view(path: str, line: int, title: str, url: str, publisher: str, published: str,
                 start: int, documents: dict[str, Document]) -> dict[str, Any]:
    document = documents.get(path)
    anchor = f"#s{start}" if start else ""
    return {
        "path": path, "line": line, "title": title, "url": url, "publisher": publisher,
        "published": published,
        "page": (source_path(document) + anchor) if document else "",
    }


def group_by_period(views: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Years oldest first, each with its coarse (year-level) events first, then its months."""
    years: dict[int, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    for view in views:
        if view["year"] is None:
            continue
        years[view["year"]][view["month"]].append(view)
    result = []
    for year in sorted(years):
        months = years[year]
        result.append({
            "year": year,
            "path": year_path(year),
            "events": months.get("", []),
            "months": [
                {"key": key, "label": dates.label(key), "path": month_path(key),
                 "events": months[key]}
                for key in sorted(k for k in months if k)
            ],
            "count": sum(len(v) for v in months.values()),
        })
    return result


def tag_index(views: Iterable[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    tags: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for view in views:
        for tag in view["tags"]:
            tags[tag["name"]].append(view)
    return dict(sorted(tags.items(), key=lambda kv: kv[0].lower()))
