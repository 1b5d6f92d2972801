"""View models: the frozen, slotted values templates and exports read, built once per build.

Templates read them as attributes (``{{ event.date }}``); the exports serialize them field by
field (``exports/``), so a field added here reaches no data file by accident.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Generic, TypeVar

from dateline import dates, events
from dateline.events.gazetteer import Gazetteer
from dateline.models import Document, Event, Source
from dateline.site import typelabels
from dateline.site.markup import LazyHTML, Links, to_html
from dateline.site.slugs import canonical_tag, name_slug

Url = Callable[[str], str]
PRECISE = ("month", "week", "day", "time")
# Quad classes in stacking order (cooperation at the base, conflict on top); readers see them
# by the labels of typelabels.py.
QUADS = ("verbal-cooperation", "material-cooperation", "verbal-conflict", "material-conflict", "")
T = TypeVar("T")
_UNMADE = object()


class Deferred(Generic[T]):
    """A listing's derived value (chart, filter options, periods), made when the page is
    rendered (``render``): in a full build, in the forked render worker rather than while
    planning, which is serial and holds every page's context.  Templates never see it, only
    ``value``; compared (the dev server's page memo), it is compared as that value.
    """

    __slots__ = ("_make", "_value")

    def __init__(self, make: Callable[[], T]) -> None:
        self._make = make
        self._value: T | object = _UNMADE

    @property
    def value(self) -> T:
        if self._value is _UNMADE:
            self._value = self._make()
        return self._value  # type: ignore[return-value]  # made above: a T

    def __eq__(self, other: object) -> bool:
        return self.value == (other.value if isinstance(other, Deferred) else other)

    __hash__ = None  # type: ignore[assignment]  # like the lists it stands for


@dataclass(frozen=True, slots=True)
class ActorView:
    code: str
    name: str
    path: str


@dataclass(frozen=True, slots=True)
class TagView:
    name: str  # canonical form
    path: str
    slug: str


@dataclass(frozen=True, slots=True)
class SourceView:
    """A source as readers follow it: ``page`` is its page on this site, at the sentence the
    event was read from (``anchor``, underlined there) when there is one; ``path`` and ``line``
    are for the data exports and editors, never shown on a page."""

    path: str
    line: int
    title: str
    url: str
    publisher: str
    published: str
    kind: str
    slug: str
    page: str
    anchor: str


@dataclass(frozen=True, slots=True)
class EventView:
    """Everything a template or an export shows about one event."""

    id: str
    path: str
    date: str
    end: str
    mod: str
    precision: str
    label: str
    datetime: str
    start: str
    year: int | None
    month: str
    month_label: str
    summary: str
    quote: str
    status: str
    certainty: str
    type: str
    type_label: str
    type_value: str
    quad: str
    quad_label: str
    importance: float
    key: bool  # one of its year's key developments
    actors: tuple[ActorView, ...]
    source: tuple[str, ...]  # codes: who acts or speaks (all among ``actors``)
    target: tuple[str, ...]  # at whom it is aimed
    tags: tuple[TagView, ...]
    sources: tuple[SourceView, ...]
    # the cards' data-* attributes for static/filters.js, joined here once rather than by
    # Jinja filter chains in every card
    actor_codes: str
    tag_slugs: str
    source_slugs: str
    description_html: str
    why_html: str  # "Why it matters", as a note gives it


@dataclass(frozen=True, slots=True)
class DocumentIndex:
    """The build's documents by content path, and each one's page (what links written in
    Markdown point at), made once per build rather than once per page that has links."""

    documents: Mapping[str, Document]
    pages: Mapping[str, str]


def document_index(documents: Iterable[Document]) -> DocumentIndex:
    by_path = {d.path: d for d in documents}
    return DocumentIndex(by_path, {p: source_path(d) for p, d in by_path.items()})


@dataclass(frozen=True, slots=True)
class DocumentView:
    """What a source page shows of its document; ``html`` is made when the page is rendered."""

    title: str
    kind: str
    path: str
    published: str
    publisher: str
    url: str
    author: str
    anchor: str  # the date its relative dates were read against
    sort_date: str  # search sorts by it: a note's first event's date
    tags: tuple[TagView, ...]
    html: LazyHTML
    extra: Mapping[str, object]  # front-matter keys of other generators, for themes


@dataclass(frozen=True, slots=True)
class ThemePage:
    """``page.extra`` on a source page, as Hugo, Jekyll and Pelican themes read it."""

    extra: Mapping[str, object]


def event_path(event_id: str) -> str:
    return f"events/{event_id}/"


def source_path(document: Document) -> str:
    return f"sources/{document.slug}/"


def tag_path(tag: str) -> str:
    """``tags/<slug>/`` of a tag in any spelling ("Summit" and "summit" share one page)."""
    return f"tags/{name_slug(canonical_tag(tag))}/"


def tag_views(tags: Iterable[str]) -> tuple[TagView, ...]:
    """Each tag once, in its canonical form, with its page and slug."""
    return tuple(TagView(t, f"tags/{name_slug(t)}/", name_slug(t))
                 for t in dict.fromkeys(canonical_tag(t) for t in tags))


def year_path(year: int) -> str:
    return f"years/{year}/"


def month_path(key: str) -> str:
    return f"years/{key[:4]}/{key[5:7]}/"


def actor_path(code: str) -> str:
    """``actors/<slug>/``: codes are lower-cased ("USA" → "usa"), person ids stay as they are;
    a code of another script keeps its letters, one of symbols only is spelled in code points."""
    return f"actors/{name_slug(code)}/"


def quad_label(quad: str) -> str:
    """The plain label of a quad class ("verbal-conflict" → "Hostile talk")."""
    return typelabels.kind_label(quad)


def month_of(value: str) -> str:
    """The month a date is listed under: its own, or for a week the month the week starts in."""
    if dates.precision(value) == "week":
        return dates.iso_start(value)[:7]
    return dates.month_key(value)


def html_datetime(value: str) -> str:
    """A ``<time datetime>`` value: HTML accepts year, month, week and day forms directly."""
    if dates.precision(value) in ("year", "month", "week", "day"):
        return value
    return dates.iso_start(value)


def event_view(event: Event, documents: DocumentIndex, gazetteer: Gazetteer | None,
               base_path: str = "/", key: bool = False) -> EventView:
    """Everything a template shows about one event (``key``: a key development)."""
    sources = tuple(_source_view(s, documents.documents) for s in event.sources)
    tags = tag_views(event.tags)
    month = month_of(event.date)
    return EventView(
        id=event.id, path=event_path(event.id), date=event.date, end=event.end, mod=event.mod,
        precision=dates.precision(event.date),
        label=event_label(event),
        datetime=html_datetime(event.date), start=dates.iso_start(event.date),
        year=dates.year_of(event.date), month=month,
        month_label=dates.label(month) if month else "",
        summary=event.summary, quote=event.quote, status=event.status,
        certainty=event.certainty, type=event.type,
        type_label=typelabels.type_label(event.type),
        type_value=typelabels.type_value(event.type),
        quad=event.quad, quad_label=quad_label(event.quad) if event.quad else "",
        importance=event.importance, key=key,
        actors=tuple(ActorView(a, events.actor_name(a, gazetteer), actor_path(a))
                     for a in event.actors),
        source=event.source, target=event.target, tags=tags, sources=sources,
        actor_codes=" ".join(event.actors), tag_slugs=" ".join(t.slug for t in tags),
        source_slugs=" ".join(dict.fromkeys(s.slug for s in sources if s.slug)),
        description_html=_note_html(event.description, event, documents, base_path),
        why_html=_note_html(event.why, event, documents, base_path),
    )


def event_label(event: Event) -> str:
    """How a reader sees an event's date ("27–28 February 2019"; "June or July 2018" when the
    story gave two dates as alternatives)."""
    alternative = event.end != "" and "or" in event.quote.split()
    return dates.label(event.date, event.end, event.mod, alternative)


def _note_html(text: str, event: Event, documents: DocumentIndex, base_path: str) -> str:
    """A note's Markdown about ``event`` as sanitized HTML, its links to content files pointed
    at their pages (relative to the note that wrote it: the event's first source)."""
    if not text:
        return ""
    return to_html(text, content_links(
        base_path, event.sources[0].path if event.sources else "", documents.pages))


def _source_view(source: Source, documents: Mapping[str, Document]) -> SourceView:
    document = documents.get(source.path)
    # the sentence's id on the source page (plan._event_spans); a note's events have no span
    anchor = f"s{source.start}" if document and source.end > source.start else ""
    return SourceView(
        path=source.path, line=source.line, title=source.title, url=source.url,
        publisher=source.publisher, published=source.published, kind=source.kind,
        slug=document.slug if document else "",
        page=(source_path(document) + (f"#{anchor}" if anchor else "")) if document else "",
        anchor=anchor)


def content_links(base_path: str, source: str, pages: Mapping[str, str]) -> Links:
    """Link rewriting for Markdown written in ``source``: content files → their source pages
    (``pages``, as ``DocumentIndex.pages`` gives them)."""
    return Links(base_path, source, pages)
