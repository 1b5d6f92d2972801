"""View helpers of the reading pages: actor paths, actor index, co-occurrence, facets, pages."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import jinja2

from dateline import events as actors
from dateline.models import Document, Event, Source
from dateline.site import listings, plan, render, sourcepages, typelabels, views
from dateline.site.slugs import name_slug


def card(event_id: str, codes: list[str], year: int = 2018, quad: str = "",
         tags: tuple[str, ...] = (), sources: tuple[str, ...] = (), kind: str = ""
         ) -> views.EventView:
    """The view of an event of ``year`` by ``codes``, citing the documents named ``sources``."""
    documents = [Document(f"articles/{s}.md", "article", s.upper(), "", "", 1, "0" * 64,
                          source_id=s) for s in dict.fromkeys(sources)]
    event = Event(event_id, str(year), f"summary {event_id}", actors=tuple(codes), quad=quad,
                  type=kind, tags=tags, sources=tuple(Source(f"articles/{s}.md", 1, s.upper())
                                                      for s in sources))
    return views.event_view(event, views.document_index(documents), None)


def test_actor_paths() -> None:
    assert views.actor_path("USA") == "actors/usa/"
    assert views.actor_path("donald-trump") == "actors/donald-trump/"


def test_actor_index_orders_by_activity_then_code() -> None:
    index = listings.actor_index([card("1", ["PRK", "USA"]), card("2", ["USA"]),
                                  card("3", ["CHN"])])
    assert list(index) == ["USA", "CHN", "PRK"]
    assert [v.id for v in index["USA"]] == ["1", "2"]


def test_co_actors_counts_shared_events() -> None:
    events = [card("1", ["USA", "PRK"]), card("2", ["USA", "PRK", "KOR"]),
              card("3", ["USA", "CHN"]), card("4", ["PRK", "CHN"])]
    partners = listings.co_actors("USA", events)
    assert [(p.code, p.count) for p in partners] == [("PRK", 2), ("CHN", 1), ("KOR", 1)]
    assert partners[0].path == "actors/prk/" and partners[0].name == actors.actor_name("PRK")
    assert listings.co_actors("USA", events, limit=1)[0].code == "PRK"


def test_facets_count_each_value_once_per_event() -> None:
    events = [card("1", ["USA", "PRK"], 2018, "verbal-conflict", ("summit",), ("a", "a")),
              card("2", ["USA"], 2019, "", ("summit", "talks"), ("b",))]
    found = listings.facets(events)
    assert found.actor[0] == listings.FacetOption("USA", actors.actor_name("USA"), 2,
                                                  "actors/usa/")
    assert [f.value for f in found.year] == ["2018", "2019"]
    assert [f.path for f in found.year] == ["years/2018/", "years/2019/"]
    assert [f.path for f in found.quad] == ["", ""]  # kinds have no listing of their own
    assert found.tag[0].path == "tags/summit/" and found.source[0].path == "sources/a/"
    assert [f.value for f in found.quad] == ["verbal-conflict", "none"]
    assert {f.value: f.count for f in found.source} == {"a": 1, "b": 1}
    assert found.source[0].label == "A"
    assert found.tag[0].label == "#summit" and found.tag[0].count == 2
    assert found.type == ()


def test_facets_of_a_listing_in_pages_offer_the_most_frequent_values_only() -> None:
    events = [card(str(n), ["USA", f"X{n % 3}"], tags=(f"t{n % 4}",), sources=(f"s{n}",))
              for n in range(12)]
    found = listings.facets(events, limit=2)
    assert [(f.value, f.count) for f in found.actor] == [("USA", 12), ("X0", 4)]
    assert len(found.tag) == len(found.source) == 2 and found.tag[0].count == 3
    assert len(listings.facets(events).source) == 12  # no limit: every value


def test_type_index_groups_events_by_type_in_cameo_order() -> None:
    events = [card("1", ["USA"], kind="13"), card("2", ["USA"], kind="042"),
              card("3", ["USA"], kind="04"), card("4", ["USA"], kind="summit"),
              card("5", ["USA"])]
    found = listings.type_index(events)
    talks = typelabels.labels().types["04"].label
    assert [(o.label, o.count, [v.id for v in typed]) for o, typed in found] == [
        (talks, 2, ["2", "3"]), (typelabels.labels().types["13"].label, 1, ["1"]),
        ("summit", 1, ["4"])]
    assert found[0][0].path == f"types/{name_slug(talks)}/"


def test_type_facets_read_as_plain_labels_in_cameo_order() -> None:
    events = [card("1", ["USA"], kind="13"), card("2", ["USA"], kind="042"),
              card("3", ["USA"], kind="04"), card("4", ["USA"], kind="summit")]
    found = listings.facets(events).type
    talks = typelabels.labels().types["04"].label
    threat = typelabels.labels().types["13"].label
    # "04" and the finer "042" are one option; an editor's own word comes after CAMEO's roots
    assert [(f.label, f.count) for f in found] == [(talks, 2), (threat, 1), ("summit", 1)]
    assert [f.value for f in found] == [name_slug(talks), name_slug(threat), "summit"]


def test_paginate() -> None:
    items = list(range(5))
    pages = listings.paginate("tags/x/", items, 2)
    assert [p.path for p in pages] == ["tags/x/", "tags/x/page/2/", "tags/x/page/3/"]
    assert [p.items for p in pages] == [(0, 1), (2, 3), (4,)]
    assert pages[0].prev == "" and pages[0].next == "tags/x/page/2/"
    assert pages[2].first == 5 and pages[2].last == 5
    assert [link.path for link in pages[1].pages] == [p.path for p in pages]
    single = listings.paginate("tags/y/", items, 10)
    assert len(single) == 1 and single[0].pages == ()
    assert listings.paginate("tags/z/", [], 10)[0].items == ()


def test_group_by_day_puts_each_day_and_each_coarser_date_under_one_heading() -> None:
    def item(date: str, mod: str = "", label: str = "") -> views.EventView:
        made = views.event_view(Event(date, date, "x", mod=mod), views.document_index(()), None)
        return replace(made, label=label) if label else made

    items = [item("2018-12"), item("2018-W48"), item("2018-12-04"), item("2018-12-04", "APPROX"),
             item("2018-12-06"), item("2018-12-04", label="x")]
    groups = listings.group_by_day(items)
    assert [(g.key, g.label, len(g.events)) for g in groups] == [
        ("d1", "December 2018", 1), ("d2", "week of 26 November 2018", 1),
        ("d3", "4 December 2018", 2), ("d4", "6 December 2018", 1), ("d5", "4 December 2018", 1)]
    assert [e for g in groups for e in g.events] == items


def test_a_cited_event_is_its_view_with_the_cited_sentence() -> None:
    view = card("e1", ["USA"], sources=("a",))
    cited = sourcepages._events_by_source([view])["articles/a.md"]
    assert cited == [listings.CitedEvent(view, "")]  # no span: a note's sentence has no anchor
    assert cited[0].event is view  # the view itself, not a copy


def test_deferred_is_made_once_when_first_used_and_compared_as_its_value() -> None:
    made: list[int] = []

    def make() -> list[int]:
        made.append(1)
        return [1, 2, 3]

    value = views.Deferred(make)
    assert made == []  # nothing computed until a page is rendered
    assert value.value == [1, 2, 3] and value.value is value.value
    assert made == [1]
    assert value == [1, 2, 3] == views.Deferred(make)
    assert made == [1, 1]  # once for itself, once for the other Deferred compared with it
    assert value != views.Deferred(list)


def test_templates_read_a_deferred_value_itself() -> None:
    env = jinja2.Environment(undefined=jinja2.StrictUndefined)
    env.loader = jinja2.DictLoader({"t.html": "{{ chart.name }} {{ days|length }}"})
    later = views.Deferred(lambda: listings.TagRow("Events per month", "", 0))
    page = render.Page("t.html", {"chart": later, "days": views.Deferred(lambda: [1, 2])})
    assert dict(render.render_pages(env, {"p": page})) == {"p": b"Events per month 2"}


def test_listings_charts_and_filters_are_made_while_rendering_not_while_planning(
        monkeypatch: Any) -> None:
    from dateline.config import Settings
    from dateline.site import chart
    from tests.conftest import REPO
    from tests.reading.test_reading_footer import timeline_over

    calls: list[str] = []
    for module, name in ((chart, "overview"), (listings, "facets"), (listings, "co_actors")):
        real = getattr(module, name)
        monkeypatch.setattr(module, name, lambda *a, _r=real, _n=name, **k: (
            calls.append(_n), _r(*a, **k))[1])
    settings = Settings(root=REPO)
    pages, _ = plan.plan_pages(timeline_over([2016, 2017]), settings, None, "2020-01-02T00:00Z")
    assert calls == []
    html = dict(render.render_pages(render.environment(settings), pages))
    assert {"overview", "facets"} <= set(calls)
    assert b'class="overview' in html["years/2016/index.html"]
