"""Page planning: every page of the site as a template name plus a plain-data context (pure).

Listing pages (year, month, actor, tag) are paginated so that no page grows without bound: a
timeline of tens of thousands of events stays a set of pages of at most ``PAGE_SIZE`` cards, and
the index shows the overview, the key developments and the recent months instead of everything.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from dateline import chart, dates, events, exports, views
from dateline.config import Settings
from dateline.markup import Highlight, Links, highlighted_html
from dateline.models import Document, Event, Timeline
from dateline.render import Page

PAGE_SIZE = 200  # event cards on one listing page
INDEX_FULL = 300  # up to this many events the index shows the whole timeline
RECENT = 100  # otherwise it shows whole recent months until it holds at least this many
KEY_INDEX = 8  # key developments on the index
KEY_PERIOD = 4  # key developments of one year or one actor
SOURCES_PAGE = 1000  # rows on one page of the sources index


def plan_pages(timeline: Timeline, settings: Settings, gazetteer: Any,
               build_time: str) -> tuple[dict[str, Page], list[dict[str, Any]]]:
    """Every HTML/XML page of the site as template + context, and the event views."""
    documents = {d.path: d for d in timeline.documents}
    event_views = [views.event_view(e, documents, gazetteer, settings.base_path)
                   for e in timeline.events]
    key_ids = _mark_key(timeline.events, event_views)
    periods = views.group_by_period(event_views)
    common = {"build_time": build_time, "years": [(p["year"], p["path"]) for p in periods]}
    pages = {"index.html": Page("index.html", {**common, **_index_context(event_views, periods,
                                                                          key_ids)})}
    for period in periods:
        pages.update(_year_pages(period, common))
        pages.update(_month_pages(period, periods, common))
    for view in event_views:
        pages[view["path"] + "index.html"] = Page("event.html", {**common, "event": view})
    pages.update(_actor_pages(event_views, common))
    pages.update(_tag_pages(event_views, common))
    pages.update(_source_pages(timeline, event_views, settings, common))
    pages["search/index.html"] = Page("search.html", common)
    pages["404.html"] = Page("404.html", common)
    pages["feed.xml"] = Page("feed.xml", {**common, "events": exports.latest(
        event_views, settings.feed_size)})
    return pages, event_views


def _mark_key(timeline_events: Sequence[Event], event_views: list[dict[str, Any]]) -> set[str]:
    """Flag each year's ``KEY_PERIOD`` most important developments (one per month at most)."""
    by_year: dict[str, list[Event]] = {}
    for event in events.key_developments(list(timeline_events), 1):
        by_year.setdefault(event.date[:4], []).append(event)
    chosen = {e.id for group in by_year.values() for e in _top(group, KEY_PERIOD)}
    for view in event_views:
        view["key"] = view["id"] in chosen
    return chosen


def _top(items: Sequence[Any], limit: int) -> list[Any]:
    def importance(item: Any) -> float:
        return float(item["importance"] if isinstance(item, dict) else item.importance)
    return sorted(items, key=lambda i: -importance(i))[:limit]


def _in_order(items: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(items, key=lambda v: (dates.sort_key(v["date"], v["end"]), v["id"]))


def _listing(event_list: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """What every listing page shows besides its own header: periods and filter options."""
    return {"periods": views.group_by_period(event_list), "facets": views.facets(event_list)}


def _index_context(event_views: list[dict[str, Any]], periods: list[dict[str, Any]],
                   key_ids: set[str]) -> dict[str, Any]:
    keys = _in_order(_top([v for v in event_views if v["id"] in key_ids], KEY_INDEX))
    shown = event_views if len(event_views) <= INDEX_FULL else _recent(periods)
    return {**_listing(shown), "count": len(event_views), "complete": shown is event_views,
            "shown": len(shown), "key_events": keys,
            "chart": chart.overview(event_views, key_ids={v["id"] for v in keys}),
            "archive": [_archive_year(p) for p in periods]}


def _recent(periods: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Whole months from the newest back until ``RECENT`` events, never more than a page."""
    months = [m for p in periods for m in p["months"]]
    chosen: list[dict[str, Any]] = []
    for month in reversed(months):
        if len(chosen) >= RECENT:
            break
        chosen = month["events"] + chosen
    return chosen[-PAGE_SIZE:]


def _archive_year(period: dict[str, Any]) -> dict[str, Any]:
    return {"year": period["year"], "path": period["path"], "count": period["count"],
            "months": [{"label": m["label"][:3], "name": m["label"], "path": m["path"],
                        "count": len(m["events"])} for m in period["months"]]}


def _year_pages(period: dict[str, Any], common: dict[str, Any]) -> dict[str, Page]:
    ordered = period["events"] + [v for m in period["months"] for v in m["events"]]
    year = str(period["year"])
    keys = _in_order(_top([v for v in ordered if v["key"]], KEY_PERIOD))
    overview = chart.overview(ordered, f"{period['year']:04d}-01", f"{period['year']:04d}-12",
                              {v["id"] for v in keys},
                              f"Events per month in {year}")
    archive = _archive_year(period)
    return {page["path"] + "index.html": Page("year.html", {
        **common, **_listing(page["items"]), "year": period["year"], "page": page,
        "count": period["count"], "chart": overview, "key_events": keys, "archive": archive,
    }) for page in views.paginate(period["path"], ordered, PAGE_SIZE)}


def _month_pages(period: dict[str, Any], periods: list[dict[str, Any]],
                 common: dict[str, Any]) -> dict[str, Page]:
    months = [m for p in periods for m in p["months"]]
    position = {m["key"]: n for n, m in enumerate(months)}
    pages = {}
    for month in period["months"]:
        at = position[month["key"]]
        around = {"prev": months[at - 1] if at > 0 else None,
                  "next": months[at + 1] if at + 1 < len(months) else None}
        for page in views.paginate(month["path"], month["events"], PAGE_SIZE):
            pages[page["path"] + "index.html"] = Page("month.html", {
                **common, "month": {k: month[k] for k in ("key", "label", "path")},
                "year": period["year"], "page": page, "events": page["items"],
                "facets": views.facets(page["items"]),
                **{k: ({"label": m["label"], "path": m["path"]} if m else None)
                   for k, m in around.items()}})
    return pages


def _actor_pages(event_views: list[dict[str, Any]], common: dict[str, Any]) -> dict[str, Page]:
    index = views.actor_index(event_views)
    pages, rows = {}, []
    for code, acting in index.items():
        actor = next(a for a in acting[0]["actors"] if a["code"] == code)
        keys = _in_order(_top(acting, KEY_PERIOD))
        context = {"actor": {**actor, "person": code.islower(), "count": len(acting)},
                   "chart": chart.overview(acting, key_ids={v["id"] for v in keys},
                                           title=f"Events involving {actor['name']} per month"),
                   "key_events": keys, "partners": views.co_actors(code, acting)}
        for page in views.paginate(actor["path"], acting, PAGE_SIZE):
            pages[page["path"] + "index.html"] = Page("actor.html", {
                **common, **context, **_listing(page["items"]), "page": page})
        rows.append({**actor, "count": len(acting), "person": code.islower()})
    pages["actors/index.html"] = Page("actors.html", {**common, "actors": rows})
    return pages


def _tag_pages(event_views: list[dict[str, Any]], common: dict[str, Any]) -> dict[str, Page]:
    tags = views.tag_index(event_views)
    pages = {}
    for name, tagged in tags.items():
        for page in views.paginate(views.tag_path(name), tagged, PAGE_SIZE):
            pages[page["path"] + "index.html"] = Page("tag.html", {
                **common, **_listing(page["items"]), "tag": name, "page": page,
                "events": page["items"], "count": len(tagged)})
    pages["tags/index.html"] = Page("tags.html", {**common, "tags": [
        {"name": n, "path": views.tag_path(n), "count": len(v)} for n, v in tags.items()]})
    return pages


def _source_pages(timeline: Timeline, event_views: list[dict[str, Any]], settings: Settings,
                  common: dict[str, Any]) -> dict[str, Page]:
    cited = _events_by_source(event_views)
    spans = _event_spans(timeline)
    documents = {d.path: d for d in timeline.documents}
    pages = {}
    for document in timeline.documents:
        links = views.content_links(settings.base_path, document.path, documents)
        pages[views.source_path(document) + "index.html"] = Page("source.html", {
            **common, **_source_context(document, timeline, cited.get(document.path, []),
                                        spans.get(document.path, []), links)})
    rows = [{"title": d.title, "path": views.source_path(d), "kind": d.kind,
             "published": d.published, "publisher": d.publisher} for d in timeline.documents]
    for page in views.paginate("sources/", rows, SOURCES_PAGE):
        pages[page["path"] + "index.html"] = Page("sources.html", {
            **common, "sources": page["items"], "page": page})
    return pages


def _events_by_source(event_views: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    cited: dict[str, list[dict[str, Any]]] = {}
    for view in event_views:
        for source in view["sources"]:
            cited.setdefault(source["path"], []).append({**view, "cited_line": source["line"]})
    return cited


def _event_spans(timeline: Timeline) -> dict[str, list[Highlight]]:
    """The sentences each document contributed to events, to underline on its source page."""
    spans: dict[str, list[Highlight]] = {}
    for event in timeline.events:
        for source in event.sources:
            if source.end > source.start:
                spans.setdefault(source.path, []).append(Highlight(
                    source.start, source.end, "event", event.summary, f"s{source.start}",
                    "/" + views.event_path(event.id)))  # a site path: links add the base
    return spans


def _source_context(document: Document, timeline: Timeline, cited: list[dict[str, Any]],
                    event_spans: list[Highlight], links: Links) -> dict[str, Any]:
    extraction = timeline.extractions.get(document.path)
    spans = [Highlight(t.start, t.end, "timex", t.value) for t in
             (extraction.timexes if extraction else ())] + event_spans
    return {"document": {
        "title": document.title, "kind": document.kind, "path": document.path,
        "published": document.published, "publisher": document.publisher, "url": document.url,
        "author": document.author, "anchor": extraction.anchor if extraction else "",
        "tags": [{"name": t, "path": views.tag_path(t)} for t in document.tags],
        "html": highlighted_html(document.body, spans, links),
    }, "events": cited}
