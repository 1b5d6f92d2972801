"""Page planning: every page of the site as a template name plus a plain-data context (pure).

Listing pages (year, month, actor, tag, and ``events/``, every event) are paginated so that no
page grows without bound: a timeline of tens of thousands of events stays a set of pages of at
most ``PAGE_SIZE`` cards, and the index shows the overview, the key developments and the recent
months instead of everything.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Protocol, TypeVar

from dateline import dates, events
from dateline.config import Settings
from dateline.events.editorial import KeptTops
from dateline.events.gazetteer import Gazetteer
from dateline.models import Event, Timeline
from dateline.output import exports
from dateline.pipeline.memo import IdentityMemo, Memos
from dateline.site import chart, eras, filterindex, listings, related, views
from dateline.site.listings import (
    ArchiveMonth,
    ArchiveYear,
    Pagination,
    Period,
    PeriodLink,
    TagRow,
)
from dateline.site.render import Context, Page
from dateline.site.slugs import name_slug, slug_owners
from dateline.site.sourcepages import source_pages
from dateline.site.views import Deferred, EventView

PAGE_SIZE = 200  # event cards on one listing page
INDEX_FULL = 300  # up to this many events the index shows the whole timeline
RECENT = 100  # otherwise it shows whole recent months until it holds at least this many
KEY_INDEX = 8  # key developments on the index
KEY_PERIOD = 4  # key developments of one year or one actor
FOOTER_YEARS = 12  # newest years the footer links to; the index's archive lists them all
FACET_LIMIT = 40  # actors, tags, sources offered on a listing in pages (its index has them all)
T = TypeVar("T")


@dataclass(frozen=True)
class SiteFacts:
    """What every page of a build shares: event views, periods and the footer's years."""

    events: Sequence[Event]  # the timeline's events (or those shown), with their views:
    event_views: list[EventView]
    periods: list[Period]
    key_ids: set[str]
    common: Context
    documents: views.DocumentIndex
    docs_version: int  # changes when any document's path or slug does (links depend on them)


def site_facts(timeline: Timeline, settings: Settings, gazetteer: Gazetteer | None,
               build_time: str,
               memo: Memos | None = None, shown: Collection[str] | None = None) -> SiteFacts:
    """Event views (reused from ``memo`` for unchanged events) and what derives from them.

    With ``shown`` (content paths), only the views of the events citing those documents, and
    no periods: what ``document_pages`` needs, and no more.
    """
    documents = views.document_index(timeline.documents)
    docs_version = hash(tuple((d.path, d.slug) for d in timeline.documents))
    key_ids = _key_ids(timeline.events, memo.key_periods if memo is not None else None)
    base = settings.base_path

    def view(event: Event) -> EventView:
        return views.event_view(event, documents, gazetteer, base, event.id in key_ids)

    chosen = timeline.events if shown is None else \
        [e for e in timeline.events if any(s.path in shown for s in e.sources)]
    if memo is None:
        event_views = [view(e) for e in chosen]
    else:
        shared = (docs_version, id(gazetteer), base)  # what every view depends on
        if memo.views_for != shared:
            memo.views, memo.views_for = IdentityMemo(), shared
        views_memo = memo.views
        event_views = [views_memo.get(e, view, e.id in key_ids) for e in chosen]
    periods = listings.group_by_period(event_views) if shown is None else []
    years = sorted({y for y in map(dates.year_of, (e.date for e in timeline.events))
                    if y is not None})  # the periods' years, without making every view
    # The footer is on every page: all of a long chronology's years (or a tagger's stray
    # "1400") would be most of each event page's bytes.
    common: Context = {"build_time": build_time, "earlier_years": len(years) > FOOTER_YEARS,
              "years": [(y, views.year_path(y)) for y in years[-FOOTER_YEARS:]]}
    return SiteFacts(chosen, event_views, periods, key_ids, common, documents, docs_version)


def plan_pages(timeline: Timeline, settings: Settings, gazetteer: Gazetteer | None,
               build_time: str, memo: Memos | None = None,
               checkpoint: Callable[[], None] = lambda: None
               ) -> tuple[dict[str, Page], list[EventView]]:
    """Every HTML/XML page of the site as template + context, and the event views.

    ``checkpoint()`` is called between parts (the dev server raises there to stop early).
    """
    facts = site_facts(timeline, settings, gazetteer, build_time, memo)
    event_views, periods, common = facts.event_views, facts.periods, facts.common
    newest = max((d.published[:7] for d in timeline.documents if d.published), default="")
    era_list = eras.era_views(timeline.eras, facts.documents, settings.base_path)
    pages = {"index.html": Page("index.html", {**common, **_index_context(
        event_views, periods, facts.key_ids, newest, era_list)})}
    for period in periods:
        checkpoint()
        pages.update(_year_pages(period, common, era_list))
        pages.update(_month_pages(period, periods, common))
    pages.update(_all_events_pages(event_views, periods, common))
    around = related.event_index(timeline.events, era_list)
    for event_view in event_views:
        pages[event_view.path + "index.html"] = _event_page(event_view, common, around)
    pages.update(_actor_pages(event_views, common, checkpoint))
    checkpoint()
    pages.update(_tag_pages(event_views, common))
    pages.update(_type_pages(event_views, common))
    pages.update(source_pages(timeline, facts, settings, memo, checkpoint=checkpoint))
    pages["search/index.html"] = Page("search.html", common)
    pages["404.html"] = Page("404.html", common)
    pages["feed.xml"] = Page("feed.xml", {**common, "events": exports.latest(
        event_views, settings.feed_size)})
    return pages, event_views


def document_pages(timeline: Timeline, facts: SiteFacts, settings: Settings,
                   paths: Collection[str], memo: Memos | None = None) -> dict[str, Page]:
    """The pages that show ``paths`` directly: their source pages and their events' pages.

    The same pages, with the same contexts, as ``plan_pages`` makes for them: the dev server
    renders these first, so the page an editor is looking at updates before the listings do.
    """
    citing = [(e, v) for e, v in zip(facts.events, facts.event_views, strict=True)
              if any(s.path in paths for s in e.sources)]
    around = related.event_index(timeline.events, eras.era_views(
        timeline.eras, facts.documents, settings.base_path))
    pages = {v.path + "index.html": _event_page(v, facts.common, around) for _e, v in citing}
    shown = [d for d in timeline.documents if d.path in paths]
    pages.update(source_pages(timeline, facts, settings, memo, shown, citing))
    return pages


def _event_page(view: EventView, common: Context, around: related.EventIndex) -> Page:
    """An event's page: the event, and the developments around it (made as it renders)."""
    return Page("event.html", {**common, "event": view, "around": Deferred(
        partial(related.event_context, around, view.id))})


def _key_ids(timeline_events: Sequence[Event], kept: KeptTops | None = None) -> set[str]:
    """Each year's ``KEY_PERIOD`` most important developments (one per month at most)."""
    by_year: dict[str, list[Event]] = {}
    for event in events.key_developments(timeline_events, 1, kept):
        by_year.setdefault(event.date[:4], []).append(event)
    return {e.id for group in by_year.values() for e in _top(group, KEY_PERIOD)}


class _Ranked(Protocol):
    @property
    def importance(self) -> float: ...


R = TypeVar("R", bound=_Ranked)


def _top(items: Sequence[R], limit: int) -> list[R]:
    return sorted(items, key=lambda i: -i.importance)[:limit]


def _in_order(items: Sequence[EventView]) -> list[EventView]:
    return sorted(items, key=lambda v: (dates.sort_key(v.date, v.end), v.id))


def _listing(event_list: Sequence[EventView], shared: Context) -> Context:
    """What a listing page shows besides its own header: its periods, and what every page of
    the listing shares (``_filtering``)."""
    return {"periods": Deferred(partial(listings.group_by_period, event_list)), **shared}


def _filtering(path: str, listed: Sequence[EventView]) -> tuple[Context, dict[str, Page]]:
    """Filter options over the whole listing at ``path``, and its filter index if it has pages."""
    return filterindex.planned(path, listed, PAGE_SIZE, FACET_LIMIT)


def _index_context(event_views: list[EventView], periods: list[Period],
                   key_ids: set[str], newest: str = "",
                   era_list: Sequence[eras.EraView] = ()) -> Context:
    keys = _in_order(_top([v for v in event_views if v.id in key_ids], KEY_INDEX))
    shown = event_views if len(event_views) <= INDEX_FULL else _recent(periods, newest)
    # filtered as every event is: through the index of events/
    shared, _index = _filtering("events/", [v for v in event_views if v.year is not None])
    return {**_listing(shown, shared), "count": len(event_views),
            "complete": shown is event_views,
            "era_groups": Deferred(partial(eras.group_by_era, shown, era_list)),
            "shown": len(shown), "key_events": keys,
            "chart": Deferred(partial(chart.overview, event_views,
                                      key_ids={v.id for v in keys})),
            "archive": [_archive_year(p) for p in periods]}


def _recent(periods: list[Period], newest: str = "") -> list[EventView]:
    """Whole months from the newest back until ``RECENT`` events, never more than a page.

    "Recent" ends at the newest story (``newest``, "YYYY-MM"): months after it hold only what
    is planned, which the listing shows on its own pages, not as what happened recently.
    """
    months = [m for p in periods for m in p.months if not newest or m.key <= newest]
    chosen: list[EventView] = []
    for month in reversed(months):
        if len(chosen) >= RECENT:
            break
        chosen = [*month.events, *chosen]
    return chosen[-PAGE_SIZE:]


def _archive_year(period: Period) -> ArchiveYear:
    return ArchiveYear(period.year, period.path, period.count, tuple(
        ArchiveMonth(m.label[:3], m.label, m.path, len(m.events)) for m in period.months))


def _pages_of(path: str, items: Sequence[T]) -> list[tuple[str, Pagination[T]]]:
    """Each page of a listing with the path of its file."""
    return [(page.path + "index.html", page)
            for page in listings.paginate(path, items, PAGE_SIZE)]


def _all_events_pages(event_views: list[EventView], periods: list[Period],
                      common: Context) -> dict[str, Page]:
    """``events/``, every event in pages (a Hugo section's list), and ``years/``, every year
    with its months and their counts: the addresses above each event and year page."""
    listed = [v for v in event_views if v.year is not None]  # as the periods hold them
    shared, pages = _filtering("events/", listed)
    pages.update({file: Page("events.html", {
        **common, **_listing(page.items, shared), "page": page, "count": len(listed)})
        for file, page in _pages_of("events/", listed)})
    pages["years/index.html"] = Page("years.html", {
        **common, "count": len(listed), "archive": [_archive_year(p) for p in periods]})
    return pages


def _year_pages(period: Period, common: Context, era_list: Sequence[eras.EraView] = ()
                ) -> dict[str, Page]:
    ordered = [*period.events, *(v for m in period.months for v in m.events)]
    year = str(period.year)
    keys = _in_order(_top([v for v in ordered if v.key], KEY_PERIOD))
    overview = Deferred(partial(chart.overview, ordered, f"{period.year:04d}-01",
                                f"{period.year:04d}-12", {v.id for v in keys},
                                f"Events per month in {year}"))
    archive = _archive_year(period)
    shared, pages = _filtering(period.path, ordered)
    return pages | {file: Page("year.html", {
        **common, **_listing(page.items, shared), "year": period.year, "page": page,
        "era_groups": Deferred(partial(eras.group_by_era, page.items, era_list)),
        "count": period.count, "chart": overview, "key_events": keys, "archive": archive,
    }) for file, page in _pages_of(period.path, ordered)}


def _month_pages(period: Period, periods: list[Period], common: Context) -> dict[str, Page]:
    months = [PeriodLink(m.key, m.label, m.path) for p in periods for m in p.months]
    position = {m.key: n for n, m in enumerate(months)}
    pages: dict[str, Page] = {}
    for month in period.months:
        at = position[month.key]
        around = {"prev": months[at - 1] if at > 0 else None,
                  "next": months[at + 1] if at + 1 < len(months) else None}
        shared, index = _filtering(month.path, month.events)
        pages.update(index)
        for file, page in _pages_of(month.path, month.events):
            pages[file] = Page("month.html", {
                **common, "month": months[at], "year": period.year, "page": page,
                "events": page.items,
                "days": Deferred(partial(listings.group_by_day, page.items)), **shared,
                **around})
    return pages


def _actor_pages(event_views: list[EventView], common: Context,
                 checkpoint: Callable[[], None] = lambda: None) -> dict[str, Page]:
    index = _page_owners(listings.actor_index(event_views))
    pages, rows = {}, []
    for number, (code, acting) in enumerate(index.items()):
        if number % 50 == 0:
            checkpoint()
        actor = listings.actor_row(next(a for a in acting[0].actors if a.code == code),
                                   len(acting))
        keys = _in_order(_top(acting, KEY_PERIOD))
        context = {"actor": actor,
                   "chart": Deferred(partial(
                       chart.overview, acting, key_ids={v.id for v in keys},
                       title=f"Events involving {actor.name} per month")),
                   "key_events": keys,
                   "partners": Deferred(partial(listings.co_actors, code, acting))}
        shared, index_file = _filtering(actor.path, acting)
        pages.update(index_file)
        for file, page in _pages_of(actor.path, acting):
            pages[file] = Page("actor.html", {
                **common, **context, **_listing(page.items, shared), "page": page})
        rows.append(actor)
    pages["actors/index.html"] = Page("actors.html", {**common, "actors": rows})
    return pages


def _page_owners(index: dict[str, list[EventView]]) -> dict[str, list[EventView]]:
    """``index`` without the names whose page another name keeps (``slugs.slug_owners``: the
    assemble stage reports each as an error), so no page is written twice."""
    owners = slug_owners(index)
    return {name: found for name, found in index.items() if owners[name_slug(name)] == name}


def _tag_pages(event_views: list[EventView], common: Context) -> dict[str, Page]:
    tags = _page_owners(listings.tag_index(event_views))
    pages: dict[str, Page] = {}
    for name, tagged in tags.items():
        shared, index = _filtering(views.tag_path(name), tagged)
        pages.update(index)
        for file, page in _pages_of(views.tag_path(name), tagged):
            pages[file] = Page("tag.html", {
                **common, **_listing(page.items, shared), "tag": name, "page": page,
                "events": page.items, "count": len(tagged)})
    pages["tags/index.html"] = Page("tags.html", {**common, "tags": [
        TagRow(n, views.tag_path(n), len(v)) for n, v in tags.items()]})
    return pages


def _type_pages(event_views: list[EventView], common: Context) -> dict[str, Page]:
    """Each type's events in pages (``types/<value>/``, where the type filter leads without
    JavaScript), and ``types/``, every type in CAMEO's order with its count."""
    found = listings.type_index(event_views)
    pages: dict[str, Page] = {}
    for option, typed in found:
        shared, index = _filtering(option.path, typed)
        pages.update(index)
        for file, page in _pages_of(option.path, typed):
            pages[file] = Page("type.html", {**common, **_listing(page.items, shared),
                                             "type": option, "page": page})
    pages["types/index.html"] = Page("types.html", {**common, "types": [
        option for option, _typed in found]})
    return pages
