"""View models: plain dicts the templates and exports read, built once per build."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, Generic, TypeVar

from dateline import dates, events, typelabels
from dateline.markup import Links, to_html
from dateline.models import Document, Event, Source
from dateline.slugs import canonical_tag, name_slug

Url = Callable[[str], str]
PRECISE = ("month", "week", "day", "time")
# Quad classes in stacking order (cooperation at the base, conflict on top); readers see them
# by the labels of typelabels.py.
QUADS = ("verbal-cooperation", "material-cooperation", "verbal-conflict", "material-conflict", "")
_QUAD_ORDER = {("none" if q == "" else q): i for i, q in enumerate(QUADS)}
T = TypeVar("T")


class Deferred(Generic[T]):
    """A listing's derived value (chart, filter options, periods), made when a template first
    uses it: in a full build, in the forked render worker rather than while planning.

    Planning is serial and holds every page's context; a listing's chart and facets cost a
    third of it.  To a template the value looks like what it stands for (truth, length,
    iteration, items and keys); compared, it is compared as that value.
    """

    __slots__ = ("_made", "_make", "_value")

    def __init__(self, make: Callable[[], T]) -> None:
        self._make, self._made = make, False
        self._value: Any = None

    def value(self) -> T:
        if not self._made:
            self._value, self._made = self._make(), True
        return self._value  # type: ignore[no-any-return]

    def __bool__(self) -> bool:
        return bool(self.value())

    def __len__(self) -> int:
        return len(self.value())  # type: ignore[arg-type]

    def __iter__(self) -> Iterator[Any]:
        return iter(self.value())  # type: ignore[call-overload,no-any-return]

    def __getitem__(self, key: Any) -> Any:
        return self.value()[key]  # type: ignore[index]

    def __getattr__(self, name: str) -> Any:  # Jinja tries ``chart.bars`` as an attribute first
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self.value(), name)

    def __eq__(self, other: object) -> bool:
        return self.value() == (other.value() if isinstance(other, Deferred) else other)

    __hash__ = None  # type: ignore[assignment]  # like the lists and dicts it stands for


def event_path(event_id: str) -> str:
    return f"events/{event_id}/"


def source_path(document: Document) -> str:
    return f"sources/{document.slug}/"


def tag_path(tag: str) -> str:
    """``tags/<slug>/`` of a tag in any spelling ("Summit" and "summit" share one page)."""
    return f"tags/{name_slug(canonical_tag(tag))}/"


def tag_views(tags: Iterable[str]) -> list[dict[str, str]]:
    """Each tag once, in its canonical form, with its page and slug."""
    return [{"name": t, "path": f"tags/{name_slug(t)}/", "slug": name_slug(t)}
            for t in dict.fromkeys(canonical_tag(t) for t in tags)]


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


def event_view(event: Event, documents: dict[str, Document], gazetteer: Any,
               base_path: str = "/") -> dict[str, Any]:
    """Everything a template shows about one event."""
    alternative = event.end != "" and "or" in event.quote.split()
    sources = [_source_view(s, documents) for s in event.sources]
    tags = tag_views(event.tags)
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
        "month": month_of(event.date),
        "month_label": dates.label(month_of(event.date)) if month_of(event.date) else "",
        "summary": event.summary,
        "quote": event.quote,
        "status": event.status,
        "certainty": event.certainty,
        "type": event.type,
        "type_label": typelabels.type_label(event.type),
        "type_value": typelabels.type_value(event.type),
        "quad": event.quad,
        "quad_label": quad_label(event.quad) if event.quad else "",
        "importance": event.importance,
        "key": False,
        "actors": [{"code": a, "name": events.actor_name(a, gazetteer), "path": actor_path(a)}
                   for a in event.actors],
        "source": list(event.source),  # codes: who acts or speaks (all among "actors")
        "target": list(event.target),  # at whom it is aimed
        "tags": tags,
        "sources": sources,
        # the cards' data-* attributes for static/filters.js, joined here once: Jinja's
        # map/select/unique filter chains were a third of a card's rendering
        "actor_codes": " ".join(event.actors),
        "tag_slugs": " ".join(t["slug"] for t in tags),
        "source_slugs": " ".join(dict.fromkeys(s["slug"] for s in sources if s["slug"])),
        "description_html": to_html(event.description, content_links(
            base_path, event.sources[0].path if event.sources else "", documents))
        if event.description else "",
    }


def _source_view(source: Source, documents: dict[str, Document]) -> dict[str, Any]:
    """A source as readers follow it: ``page`` is its page on this site, at the sentence the
    event was read from (``anchor``, underlined there) when there is one; ``path`` and ``line``
    are for the data exports and editors, never shown on a page."""
    document = documents.get(source.path)
    # the sentence's id on the source page (plan._event_spans); a note's events have no span
    anchor = f"s{source.start}" if document and source.end > source.start else ""
    return {
        "path": source.path, "line": source.line, "title": source.title, "url": source.url,
        "publisher": source.publisher, "published": source.published, "kind": source.kind,
        "slug": document.slug if document else "",
        "page": (source_path(document) + (f"#{anchor}" if anchor else "")) if document else "",
        "anchor": anchor,
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


def actor_index(views: Iterable[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Each actor code with the events it takes part in, most active first (ties by code)."""
    actors: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for view in views:
        for actor in view["actors"]:
            actors[actor["code"]].append(view)
    return dict(sorted(actors.items(), key=lambda kv: (-len(kv[1]), kv[0])))


def co_actors(code: str, views: Iterable[dict[str, Any]], limit: int = 10) -> list[dict[str, Any]]:
    """The actors that appear in the same events as ``code``, most shared events first."""
    counts: dict[str, int] = defaultdict(int)
    names: dict[str, dict[str, Any]] = {}
    for view in views:
        codes = {a["code"] for a in view["actors"]}
        if code not in codes:
            continue
        for actor in view["actors"]:
            names.setdefault(actor["code"], actor)
        for other in codes - {code}:
            counts[other] += 1
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
    return [{**names[c], "count": n} for c, n in ranked]


def facets(views: Sequence[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Filter options of a listing: every value present on it, with a label and a count."""
    found: dict[str, dict[str, list[Any]]] = {
        k: {} for k in ("actor", "quad", "type", "tag", "year", "source")}
    type_ranks: dict[str, tuple[int, str]] = {}  # "04" and "042" are one option, "talks"

    def add(kind: str, value: str, label: str) -> None:
        entry = found[kind].setdefault(value, [label, 0])
        entry[1] += 1

    for view in views:
        for actor in view["actors"]:
            add("actor", actor["code"], actor["name"])
        add("quad", view["quad"] or "none", quad_label(view["quad"]))
        if view["type_value"]:
            add("type", view["type_value"], view["type_label"])
            type_ranks.setdefault(view["type_value"], typelabels.type_rank(view["type"]))
        for tag in view["tags"]:
            add("tag", tag["slug"], "#" + tag["name"])
        if view["year"] is not None:
            add("year", str(view["year"]), str(view["year"]))
        for source in {s["slug"]: s for s in view["sources"] if s["slug"]}.values():
            add("source", source["slug"], source["title"])
    ordered = {"year": lambda kv: kv[0], "type": lambda kv: type_ranks[kv[0]],
               "quad": lambda kv: _QUAD_ORDER.get(kv[0], len(QUADS))}
    result = {}
    for kind, values in found.items():
        key = ordered.get(kind, lambda kv: (-kv[1][1], kv[1][0].lower()))
        result[kind] = [{"value": v, "label": lab, "count": n}
                        for v, (lab, n) in sorted(values.items(), key=key)]
    return result


def paginate(path: str, items: Sequence[dict[str, Any]], per_page: int) -> list[dict[str, Any]]:
    """``items`` in pages of ``per_page``: page 1 at ``path``, page n at ``path/page/n/``."""
    count = max(1, -(-len(items) // per_page))
    paths = [path if n == 1 else f"{path}page/{n}/" for n in range(1, count + 1)]
    nav = [{"number": n, "path": p} for n, p in enumerate(paths, 1)]
    return [{
        "number": n, "count": count, "path": paths[n - 1], "total": len(items),
        "items": list(items[(n - 1) * per_page: n * per_page]),
        "first": (n - 1) * per_page + 1, "last": min(n * per_page, len(items)),
        "prev": paths[n - 2] if n > 1 else "", "next": paths[n] if n < count else "",
        "pages": nav if count > 1 else [],
    } for n in range(1, count + 1)]


class CitedEvent(Mapping[str, Any]):
    """An event's view as a source page lists it: the view plus ``cited_anchor``, the id of the
    sentence on that page it was read from ("" for none).  A view of its own, not a copy: a
    timeline of 12,000 articles cites its events 200,000 times."""

    __slots__ = ("anchor", "view")

    def __init__(self, view: dict[str, Any], anchor: str) -> None:
        self.view, self.anchor = view, anchor

    def __getitem__(self, key: str) -> Any:
        return self.anchor if key == "cited_anchor" else self.view[key]

    def __iter__(self) -> Iterator[str]:
        yield from self.view
        yield "cited_anchor"

    def __len__(self) -> int:
        return len(self.view) + 1

    def __eq__(self, other: object) -> bool:
        if isinstance(other, CitedEvent):
            return self.anchor == other.anchor and (self.view is other.view
                                                or self.view == other.view)
        return super().__eq__(other)

    __hash__ = None  # type: ignore[assignment]  # like the dict it stands for


def group_by_day(items: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Consecutive events under one heading each: a day's events under that day, events dated
    more coarsely ("week of 26 November 2018", "December 2018") under their own date."""
    groups: list[dict[str, Any]] = []
    for item in items:
        label = dates.label(item["date"]) if item["precision"] == "day" else item["label"]
        if not groups or groups[-1]["label"] != label:
            groups.append({"key": f"d{len(groups) + 1}", "label": label, "events": []})
        groups[-1]["events"].append(item)
    return groups


def content_links(base_path: str, source: str, documents: dict[str, Document]) -> Links:
    """Link rewriting for Markdown written in ``source``: content files → their source pages."""
    return Links(base_path, source, _SourcePages(documents))


class _SourcePages(Mapping[str, str]):
    """content path → source page, looked up only for the paths a link names."""

    def __init__(self, documents: dict[str, Document]) -> None:
        self.documents = documents

    def __getitem__(self, key: str) -> str:
        return source_path(self.documents[key])

    def __iter__(self) -> Iterator[str]:
        return iter(self.documents)

    def __len__(self) -> int:
        return len(self.documents)

