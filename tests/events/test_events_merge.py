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
    source: tuple[str, ...] = (),
    target: tuple[str, ...] = (),
    type_: str = "11",
) -> Event:
    cited = Source(path, 3, f"title of {path}", 0, 10, "Pub " + path, "", published)
    return Event(
        id=eid or f"{date}-{path.replace('/', '-')}",
        date=date,
        summary=summary,
        actors=actors,
        status=status,
        certainty=certainty,
        sources=(cited,),
        type=type_,
        source=source,
        target=target,
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
    """A story that tells yesterday's act undated gives a report dated by itself (status
    "reported"): it is the act of the day before, which keeps its own date and status."""
    own = event("a.md", "2018-12-04", SA, ("ZAF", "USA"))
    report = event("b.md", "2018-12-05", SA, ("ZAF", "USA"), certainty="report",
                   status="reported")
    [merged] = merge_events([report, own])
    assert (merged.date, merged.certainty, merged.status) == ("2018-12-04", "", "happened")
    assert [s.path for s in merged.sources] == ["a.md", "b.md"]


def test_a_report_two_days_late_merges_three_days_late_does_not() -> None:
    own = event("a.md", "2018-12-04", SA, ("ZAF", "USA"))
    late = event("b.md", "2018-12-06", SA, ("ZAF", "USA"), certainty="report", status="reported")
    later = replace(late, id="later", date="2018-12-07",
                    sources=(replace(late.sources[0], path="c.md"),))
    assert len(merge_events([own, late])) == 1
    assert len(merge_events([own, later])) == 2


def test_both_explicit_a_day_apart_stay_separate() -> None:
    a = event("a.md", "2018-12-04", SA, ("ZAF", "USA"))
    assert len(merge_events([a, event("b.md", "2018-12-05", SA, ("ZAF", "USA"))])) == 2


def test_dissimilar_wording_or_undated_plan_or_same_story_stay_separate() -> None:
    a = event("a.md", "2018-12-04", SA, ("ZAF", "USA"))
    other = event("b.md", "2018-12-04", "Trade ministers signed a fisheries pact", ("ZAF", "USA"))
    announced = event("c.md", "2018-12-04", SA, ("ZAF", "USA"), status="planned",
                      certainty="report")
    same_story = replace(a, id="other-id")
    assert len(merge_events([a, other, announced, same_story])) == 4


def test_a_plan_for_the_day_and_the_act_on_it_are_one_event_that_happened() -> None:
    plan = event("a.md", "2018-12-04", "Xi will visit Pyongyang for talks with Kim",
                 ("CHN", "PRK"), status="planned", published="2018-12-01", source=("CHN",),
                 target=("PRK",), type_="04")
    visit = event("b.md", "2018-12-04", "Xi arrives in Pyongyang for talks with Kim",
                  ("CHN", "PRK"), source=("CHN",), target=("PRK",), type_="04")
    [merged] = merge_events([visit, plan])
    assert merged.id == plan.id and merged.status == "happened"


RETURN = event("a.md", "2006-11-01", "North Korea says it has decided to return to the talks",
               ("PRK",), source=("PRK",), type_="01")


def test_a_report_naming_one_side_only_merges_with_one_naming_both() -> None:
    both = event("b.md", "2006-11-01", "Pyongyang agrees to return to the negotiation table",
                 ("PRK", "USA"), source=("PRK",), target=("USA",), type_="03", status="planned")
    [merged] = merge_events([both, RETURN])
    assert set(merged.actors) == {"PRK", "USA"} and merged.target == ("USA",)
    assert (merged.status, len(merged.sources)) == ("happened", 2)


def test_one_side_only_needs_the_same_acting_side_and_a_word_of_the_act() -> None:
    other_side = event("b.md", "2006-11-01", "Washington agrees to return to the negotiation "
                       "table", ("PRK", "USA"), source=("USA",), target=("PRK",), type_="03")
    other_act = event("c.md", "2006-11-01", "Pyongyang agrees to a visit by inspectors",
                      ("PRK", "USA"), source=("PRK",), target=("USA",), type_="03")
    assert len(merge_events([RETURN, other_side])) == 2
    assert len(merge_events([RETURN, other_act])) == 2


def test_other_acts_of_the_same_actors_on_the_same_day_stay_separate() -> None:
    condemns = event("a.md", "2018-12-04", SA, ("ZAF", "USA"), source=("ZAF",), target=("USA",))
    urges = event("b.md", "2018-12-04", "South Africa urged the United States to lift the "
                  "embargo against Cuba at the UN", ("ZAF", "USA"), source=("ZAF",),
                  target=("USA",), type_="02")
    assert len(merge_events([condemns, urges])) == 2


def test_the_same_act_by_another_actor_stays_separate_even_naming_fewer_states() -> None:
    sa = event("a.md", "2018-12-04", SA, ("ZAF", "USA", "CUB", "UN"), source=("ZAF",),
               target=("USA",))
    cu = event("b.md", "2018-12-04", "Cuba condemned the United States embargo against Cuba at "
               "the UN", ("CUB", "USA", "UN"), source=("CUB",), target=("USA",))
    assert len(merge_events([sa, cu])) == 2


def test_merge_is_order_independent_and_sorted() -> None:
    items = [
        event(f"{i}.md", d, SA, ("ZAF",), published=f"2018-12-0{i}")
        for i, d in enumerate(["2018-12-04", "2018-12-04", "2017-01-01"], start=1)
    ]
    forward, backward = merge_events(items), merge_events(list(reversed(items)))
    assert forward == backward
    assert [e.date for e in forward] == ["2017-01-01", "2018-12-04"]
