"""Merging reports of one development; never across different actors."""

from __future__ import annotations

from dataclasses import replace

from dateline.events import merge_events
from dateline.models import Event, Source


def event(
    path: str,
    date: str,
    summary: str,
    actors: tuple[str, ...],
    *,
    published: str = "2018-12-05",
    certainty: str = "",
    status: str = "happened",
    eid: str = "",
) -> Event:
    source = Source(path, 3, f"title of {path}", 0, 10, "Pub " + path, "", published)
    return Event(
        id=eid or f"{date}-{path.replace('/', '-')}",
        date=date,
        summary=summary,
        actors=actors,
        status=status,
        certainty=certainty,
        sources=(source,),
        type="11",
        quad="verbal-conflict",
    )


SA = "South Africa condemned the United States embargo against Cuba at the UN"


def test_same_development_from_several_sources_is_one_event_citing_all() -> None:
    a = event(
        "a.md", "2018-12-04", SA, ("ZAF", "USA", "CUB", "UN"), published="2018-12-04", eid="x-1"
    )
    b = event(
        "b.md",
        "2018-12-04",
        "South Africa condemns the United States embargo on Cuba at UN",
        ("ZAF", "USA", "CUB", "UN"),
        published="2018-12-05",
        eid="a-2",
    )
    [merged] = merge_events([b, a])
    assert merged.id == "x-1"  # the first-seen report keeps its permalink
    assert [s.path for s in merged.sources] == ["a.md", "b.md"]


def test_different_actors_on_the_same_day_stay_separate() -> None:
    sa = event("a.md", "2018-12-04", SA, ("ZAF", "USA", "CUB", "UN"))
    cu = event(
        "b.md",
        "2018-12-04",
        "Cuba condemned the United States embargo against Cuba at the UN",
        ("CUB", "USA", "UN"),
    )
    assert len(merge_events([sa, cu])) == 2


def test_coarser_date_merges_into_the_finer_one() -> None:
    fine = event("a.md", "2018-12-04", SA, ("ZAF", "USA"))
    coarse = event("b.md", "2018-12", SA, ("ZAF", "USA"))
    [merged] = merge_events([coarse, fine])
    assert merged.date == "2018-12-04" and len(merged.sources) == 2


def test_report_dated_event_a_day_later_merges() -> None:
    own = event("a.md", "2018-12-04", SA, ("ZAF", "USA"))
    report = event("b.md", "2018-12-05", SA, ("ZAF", "USA"), certainty="report")
    [merged] = merge_events([report, own])
    assert (merged.date, merged.certainty) == ("2018-12-04", "")


def test_two_days_apart_or_both_explicit_a_day_apart_stay_separate() -> None:
    a = event("a.md", "2018-12-04", SA, ("ZAF", "USA"))
    assert len(merge_events([a, event("b.md", "2018-12-05", SA, ("ZAF", "USA"))])) == 2
    far = event("c.md", "2018-12-06", SA, ("ZAF", "USA"), certainty="report")
    assert len(merge_events([a, far])) == 2


def test_dissimilar_wording_or_status_or_same_story_stay_separate() -> None:
    a = event("a.md", "2018-12-04", SA, ("ZAF", "USA"))
    other = event("b.md", "2018-12-04", "Trade ministers signed a fisheries pact", ("ZAF", "USA"))
    planned = replace(event("c.md", "2018-12-04", SA, ("ZAF", "USA")), status="planned")
    same_story = replace(a, id="other-id")
    assert len(merge_events([a, other, planned, same_story])) == 4


def test_merge_is_order_independent_and_sorted() -> None:
    items = [
        event(f"{i}.md", d, SA, ("ZAF",), published=f"2018-12-0{i}")
        for i, d in enumerate(["2018-12-04", "2018-12-04", "2017-01-01"], start=1)
    ]
    forward, backward = merge_events(items), merge_events(list(reversed(items)))
    assert forward == backward
    assert [e.date for e in forward] == ["2017-01-01", "2018-12-04"]
