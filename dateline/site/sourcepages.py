"""Source pages: each article or note with its dates and event sentences highlighted, and the
sources index (planned like every other page: a template name and its context)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import Protocol

from dateline import dates
from dateline.config import Settings
from dateline.models import Document, Event, Timeline
from dateline.pipeline.memo import Memos
from dateline.site import listings, views
from dateline.site.listings import CitedEvent, SourceRow
from dateline.site.markup import Highlight, LazyHTML, Links, highlighted_html
from dateline.site.render import Context, Page
from dateline.site.timexlabels import shown_label
from dateline.site.views import DocumentView, EventView, ThemePage

SOURCES_PAGE = 1000  # rows on one page of the sources index


class SharedFacts(Protocol):
    """What source pages read of the facts every page of a build shares (``plan.SiteFacts``)."""

    @property
    def event_views(self) -> list[EventView]: ...
    @property
    def common(self) -> Context: ...
    @property
    def documents(self) -> views.DocumentIndex: ...
    @property
    def docs_version(self) -> int: ...


def source_pages(timeline: Timeline, facts: SharedFacts, settings: Settings,
                  memo: Memos | None, only: Sequence[Document] | None = None,
                  citing: Sequence[tuple[Event, EventView]] | None = None,
                  checkpoint: Callable[[], None] = lambda: None) -> dict[str, Page]:
    """Each document's page (``only`` some of them, cited by the events of ``citing``: then
    without the sources index)."""
    wanted = None if only is None else {d.path for d in only}
    shown_events = timeline.events if citing is None else [e for e, _v in citing]
    cited = _events_by_source(facts.event_views if citing is None else [v for _e, v in citing],
                              wanted)
    spans = _event_spans(shown_events, wanted)
    pages = {}
    for number, document in enumerate(timeline.documents if only is None else only):
        if number % 100 == 0:
            checkpoint()
        links = views.content_links(settings.base_path, document.path, facts.documents.pages)
        doc_spans = spans.get(document.path, [])
        key = (document.path, document.digest, tuple(doc_spans), facts.docs_version,
               settings.base_path)
        lazy = partial(LazyHTML, key, partial(_source_html, document, timeline, doc_spans, links))
        body = lazy() if memo is None else memo.html.get(key, lazy)
        pages[views.source_path(document) + "index.html"] = Page("source.html", {
            **facts.common, **_source_context(document, timeline, cited.get(document.path, []),
                                              body)})
    if only is not None:
        return pages
    rows = [SourceRow(d.title, views.source_path(d), d.kind, d.published, d.publisher)
            for d in timeline.documents]
    for page in listings.paginate("sources/", rows, SOURCES_PAGE):
        pages[page.path + "index.html"] = Page("sources.html", {
            **facts.common, "sources": page.items, "page": page})
    return pages


def _events_by_source(event_views: list[EventView], wanted: set[str] | None = None
                      ) -> dict[str, list[CitedEvent]]:
    """The events each document is cited by (only the ``wanted`` documents', if given)."""
    cited: dict[str, list[CitedEvent]] = {}
    for view in event_views:
        for source in view.sources:
            if wanted is None or source.path in wanted:
                cited.setdefault(source.path, []).append(CitedEvent(view, source.anchor))
    return cited


def _event_spans(timeline_events: Sequence[Event], wanted: set[str] | None = None
                 ) -> dict[str, list[Highlight]]:
    """The sentences each document contributed to events, to underline on its source page."""
    spans: dict[str, list[Highlight]] = {}
    for event in timeline_events:
        for source in event.sources:
            if source.end > source.start and (wanted is None or source.path in wanted):
                spans.setdefault(source.path, []).append(Highlight(
                    source.start, source.end, "event", event.summary, f"s{source.start}",
                    "/" + views.event_path(event.id)))  # a site path: links add the base
    return spans


def _source_html(document: Document, timeline: Timeline, event_spans: list[Highlight],
                 links: Links) -> str:
    """The document's Markdown as HTML, its dates and event sentences highlighted."""
    extraction = timeline.extractions.get(document.path)
    spans = [Highlight(t.start, t.end, "timex", t.value,
                       label=shown_label(t.text, t.value, t.type, t.mod))
             for t in (extraction.timexes if extraction else ())] + event_spans
    return highlighted_html(document.body, spans, links)


def _source_context(document: Document, timeline: Timeline, cited: list[CitedEvent],
                    html: LazyHTML) -> Context:
    extraction = timeline.extractions.get(document.path)
    extra = dict(document.extra)
    return {"document": DocumentView(
        title=document.title, kind=document.kind, path=document.path,
        published=document.published, publisher=document.publisher, url=document.url,
        author=document.author, anchor=extraction.anchor if extraction else "",
        # search sorts by it: a note has no publication date, so its first event's date (a
        # note of an era alone: the era's first day)
        sort_date=document.published or min(
            (c.event.start for c in cited if c.event.start), default="") or (
            dates.iso_start(document.era.start) if document.era else ""),
        tags=views.tag_views(document.tags), html=html, extra=extra,
    ), "events": cited, "page": ThemePage(extra)}  # other generators' keys
