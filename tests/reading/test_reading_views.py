"""View helpers of the reading pages: actor paths, actor index, co-occurrence, facets, pages."""

from __future__ import annotations

from typing import Any

from dateline import typelabels, views
from dateline.slugs import name_slug


def card(event_id: str, actors: list[str], year: int = 2018, quad: str = "",
         tags: tuple[str, ...] = (), sources: tuple[str, ...] = (), kind: str = ""
         ) -> dict[str, Any]:
    return {"id": event_id, "year": year, "quad": quad, "type": kind,
            "type_label": typelabels.type_label(kind), "type_value": typelabels.type_value(kind),
            "actors": [{"code": a, "name": a.title(), "path": views.actor_path(a)} for a in actors],
            "tags": [{"name": t, "slug": t, "path": views.tag_path(t)} for t in tags],
            "sources": [{"slug": s, "title": s.upper()} for s in sources]}


def test_actor_paths() -> None:
    assert views.actor_path("USA") == "actors/usa/"
    assert views.actor_path("donald-trump") == "actors/donald-trump/"


def test_actor_index_orders_by_activity_then_code() -> None:
    index = views.actor_index([card("1", ["PRK", "USA"]), card("2", ["USA"]), card("3", ["CHN"])])
    assert list(index) == ["USA", "CHN", "PRK"]
    assert [v["id"] for v in index["USA"]] == ["1", "2"]


def test_co_actors_counts_shared_events() -> None:
    events = [card("1", ["USA", "PRK"]), card("2", ["USA", "PRK", "KOR"]),
              card("3", ["USA", "CHN"]), card("4", ["PRK", "CHN"])]
    partners = views.co_actors("USA", events)
    assert [(p["code"], p["count"]) for p in partners] == [("PRK", 2), ("CHN", 1), ("KOR", 1)]
    assert partners[0]["path"] == "actors/prk/"
    assert views.co_actors("USA", events, limit=1)[0]["code"] == "PRK"


def test_facets_count_each_value_once_per_event() -> None:
    events = [card("1", ["USA", "PRK"], 2018, "verbal-conflict", ("summit",), ("a", "a")),
              card("2", ["USA"], 2019, "", ("summit", "talks"), ("b",))]
    found = views.facets(events)
    assert found["actor"][0] == {"value": "USA", "label": "Usa", "count": 2}
    assert [f["value"] for f in found["year"]] == ["2018", "2019"]
    assert [f["value"] for f in found["quad"]] == ["verbal-conflict", "none"]
    assert {f["value"]: f["count"] for f in found["source"]} == {"a": 1, "b": 1}
    assert found["tag"][0]["label"] == "#summit" and found["tag"][0]["count"] == 2
    assert found["type"] == []


def test_type_facets_read_as_plain_labels_in_cameo_order() -> None:
    events = [card("1", ["USA"], kind="13"), card("2", ["USA"], kind="042"),
              card("3", ["USA"], kind="04"), card("4", ["USA"], kind="summit")]
    found = views.facets(events)["type"]
    talks = typelabels.labels().types["04"].label
    threat = typelabels.labels().types["13"].label
    # "04" and the finer "042" are one option; an editor's own word comes after CAMEO's roots
    assert [(f["label"], f["count"]) for f in found] == [(talks, 2), (threat, 1), ("summit", 1)]
    assert [f["value"] for f in found] == [name_slug(talks), name_slug(threat), "summit"]


def test_paginate() -> None:
    items = [{"n": n} for n in range(5)]
    pages = views.paginate("tags/x/", items, 2)
    assert [p["path"] for p in pages] == ["tags/x/", "tags/x/page/2/", "tags/x/page/3/"]
    assert [len(p["items"]) for p in pages] == [2, 2, 1]
    assert pages[0]["prev"] == "" and pages[0]["next"] == "tags/x/page/2/"
    assert pages[2]["first"] == 5 and pages[2]["last"] == 5
    single = views.paginate("tags/y/", items, 10)
    assert len(single) == 1 and single[0]["pages"] == []
    assert views.paginate("tags/z/", [], 10)[0]["items"] == []


def test_group_by_day_puts_each_day_and_each_coarser_date_under_one_heading() -> None:
    def item(date: str, precision: str, label: str) -> dict[str, str]:
        return {"date": date, "precision": precision, "label": label}

    items = [item("2018-12", "month", "December 2018"), item("2018-W48", "week",
             "week of 26 November 2018"), item("2018-12-04", "day", "4 December 2018"),
             item("2018-12-04", "day", "around 4 December 2018"),
             item("2018-12-06", "day", "6 December 2018"), item("2018-12-04", "day", "x")]
    groups = views.group_by_day(items)
    assert [(g["key"], g["label"], len(g["events"])) for g in groups] == [
        ("d1", "December 2018", 1), ("d2", "week of 26 November 2018", 1),
        ("d3", "4 December 2018", 2), ("d4", "6 December 2018", 1), ("d5", "4 December 2018", 1)]
    assert [e for g in groups for e in g["events"]] == items


def test_a_cited_event_reads_as_its_view_with_the_cited_sentence() -> None:
    view = {"id": "e1", "summary": "Talks resumed.", "path": "events/e1/"}
    cited = views.CitedEvent(view, "s12")
    assert cited["summary"] == "Talks resumed." and cited["cited_anchor"] == "s12"
    assert dict(cited) == {**view, "cited_anchor": "s12"}
    assert cited == views.CitedEvent(dict(view), "s12")
    assert cited != views.CitedEvent(view, "s13")
    assert cited != views.CitedEvent({**view, "summary": "Talks ended."}, "s12")


def test_deferred_is_made_once_when_first_used_and_looks_like_its_value() -> None:
    made: list[int] = []

    def make() -> dict[str, Any]:
        made.append(1)
        return {"bars": [1, 2, 3], "title": "Events"}

    value = views.Deferred(make)
    assert made == []  # nothing computed until a template asks
    assert value and len(value) == 2 and sorted(value) == ["bars", "title"]
    assert value["bars"] == [1, 2, 3] and value.get("title") == "Events"
    assert value == {"bars": [1, 2, 3], "title": "Events"} == views.Deferred(make)
    assert made == [1, 1]  # once for itself, once for the other Deferred compared with it
    assert not views.Deferred(lambda: None) and not views.Deferred(list)


def test_listings_charts_and_filters_are_made_while_rendering_not_while_planning(
        monkeypatch: Any) -> None:
    from dateline import chart, plan, render
    from dateline.config import Settings
    from tests.conftest import REPO
    from tests.reading.test_reading_footer import timeline_over

    calls: list[str] = []
    for module, name in ((chart, "overview"), (views, "facets"), (views, "co_actors")):
        real = getattr(module, name)
        monkeypatch.setattr(module, name, lambda *a, _r=real, _n=name, **k: (
            calls.append(_n), _r(*a, **k))[1])
    settings = Settings(root=REPO)
    pages, _ = plan.plan_pages(timeline_over([2016, 2017]), settings, None, "2020-01-02T00:00Z")
    assert calls == []
    html = dict(render.render_pages(render.environment(settings), pages))
    assert {"overview", "facets"} <= set(calls)
    assert b'class="overview' in html["years/2016/index.html"]
