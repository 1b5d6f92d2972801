"""The overview chart model: months, stacking, links, key markers and its text alternative."""

from __future__ import annotations

import itertools

import pytest

from dateline.models import Event
from dateline.site import chart, views


def view(event_id: str, date: str, quad: str = "", importance: float = 1.0) -> views.EventView:
    event = Event(event_id, date, f"summary {event_id}", quad=quad, importance=importance)
    return views.event_view(event, views.document_index(()), None)


def test_month_range_crosses_year_boundaries() -> None:
    assert chart.month_range("2018-11", "2019-02") == ["2018-11", "2018-12", "2019-01", "2019-02"]
    assert chart.month_range("2018-05", "2018-05") == ["2018-05"]


@pytest.mark.parametrize(("value", "expected"), [(0, 1), (1, 1), (3, 5), (7, 10), (10, 10),
                                                 (11, 20), (230, 500)])
def test_nice_ceiling(value: int, expected: int) -> None:
    assert chart.nice_ceiling(value) == expected


def test_bars_stack_quads_in_order_and_link_only_months_with_events() -> None:
    shown = [view("a", "2018-01-03", "verbal-conflict"),
             view("b", "2018-01-09", "verbal-cooperation"),
             view("c", "2018-01-20", "verbal-cooperation"), view("d", "2018-03-02"),
             view("y", "2018")]
    model = chart.overview(shown)
    assert model is not None
    assert [b.key for b in model.bars] == ["2018-01", "2018-02", "2018-03"]
    january, february, march = model.bars
    assert january.total == 3 and january.path == "years/2018/01/"
    assert february.total == 0 and february.path == ""
    assert march.segments[0].quad == "none"
    # cooperation sits at the base, conflict above it; heights follow the counts
    quads = [s.quad for s in january.segments]
    assert quads == ["verbal-cooperation", "verbal-conflict"]
    low, high = january.segments
    assert low.y > high.y
    assert low.h == pytest.approx(2 * high.h)
    assert low.y + low.h == pytest.approx(model.base)
    # the bar reads in the legend's plain words, each kind before its count
    cooperation = views.quad_label("verbal-cooperation").lower()
    assert "3 events" in january.summary and f"({cooperation} 2, " in january.summary
    assert "verbal" not in january.summary
    # the year-level event is not in any bar but the description says so
    assert model.coarse == 1
    assert "1 more are dated only to a year" in model.desc


def test_tallest_bar_reaches_the_top_tick() -> None:
    shown = [view(str(n), "2019-06-01") for n in range(5)] + [view("z", "2019-07-01")]
    model = chart.overview(shown)
    assert model is not None
    top_tick = max(model.ticks, key=lambda t: t.value)
    assert top_tick.value == 5
    assert model.bars[0].segments[0].y == pytest.approx(top_tick.y)


def test_key_developments_are_marked_above_their_month() -> None:
    shown = [view("minor", "2018-06-01", importance=1), view("major", "2018-06-12", importance=9),
             view("other", "2018-08-01")]
    model = chart.overview(shown, key_ids={"minor", "major"})
    assert model is not None
    assert len(model.markers) == 1
    marker = model.markers[0]
    assert marker.path == "events/major/"
    assert "and 1 more" in marker.label
    june = model.bars[0]
    assert june.x < marker.x < june.x + june.w
    assert marker.y < model.top


def test_fixed_range_shows_empty_months_and_short_labels() -> None:
    model = chart.overview([view("a", "2018-06-01")], "2018-01", "2018-12")
    assert model is not None
    assert len(model.bars) == 12
    assert [label.text for label in model.labels][:3] == ["Jan", "Feb", "Mar"]
    assert model.labels[0].sub == "2018"


def test_long_ranges_label_years_without_crowding() -> None:
    model = chart.overview([view(str(y), f"{y}-06-01") for y in range(1990, 2020)])
    assert model is not None
    assert len(model.bars) == 30 * 12 - 5 - 6  # June 1990 to June 2019
    xs = [label.x for label in model.labels]
    assert all(b - a >= 40 for a, b in itertools.pairwise(xs))
    assert model.labels[0].text == "1990"


def test_the_chart_spans_only_the_years_that_hold_developments() -> None:
    # a stray year (1400) and a gap (2001 to 2003) take no room; a year chart keeps its months
    shown = [view("stray", "1400-05-01"), view("a", "2000-03-01"), view("b", "2004-02-01"),
             view("c", "2004-11-01"), view("year-only", "2002")]
    model = chart.overview(shown)
    assert model is not None
    years = sorted({b.key[:4] for b in model.bars})
    assert years == ["1400", "2000", "2004"]
    assert model.bars[0].key == "1400-05" and model.bars[-1].key == "2004-11"
    assert [b.key for b in model.bars if b.key.startswith("2000")][-1] == "2000-12"
    assert [label.text for label in model.labels] == ["1400", "2000", "2004"]
    assert [label.gap for label in model.labels] == [False, True, True]
    assert "left out: " in model.desc and "2001, 2002, 2003" in model.desc
    assert model.skipped[0] == "1401" and "1999" in model.skipped and "2002" in model.skipped
    fixed = chart.overview(shown, "2002-01", "2002-12")
    assert fixed is not None and len(fixed.bars) == 12 and fixed.skipped == ()


def test_the_last_year_label_stays_inside_the_chart() -> None:
    # the last year holds one month only: its rule sits by the chart's end, its label before it
    model = chart.overview([view(str(y), f"{y}-01-01") for y in range(2000, 2020)])
    assert model is not None
    last = model.labels[-1]
    assert last.text == "2019" and last.x > model.right - chart.YEAR_TEXT
    assert last.text_x + chart.YEAR_TEXT <= model.right
    assert all(label.text_x == label.x + 3 for label in model.labels[:-1])


def test_key_markers_never_overlap_and_count_those_they_stand_for() -> None:
    # three key developments in neighbouring months of a long chart: one target for them
    shown = [view(f"k{n}", f"2010-{n:02d}-01", importance=n) for n in (3, 4, 5)]
    shown += [view(str(y), f"{y}-01-01") for y in range(1990, 2020)]  # thirty years
    model = chart.overview(shown, key_ids={"k3", "k4", "k5"})
    assert model is not None
    assert len(model.markers) == 1
    assert model.markers[0].path == "events/k5/" and "and 2 more" in model.markers[0].label
    spread = chart.overview([view("k1", "2018-01-01"), view("k2", "2018-06-01")],
                            "2018-01", "2018-12", {"k1", "k2"})
    assert spread is not None and len(spread.markers) == 2
    left, right = spread.markers
    assert right.x - left.x >= chart.MARKER


def test_nothing_to_chart() -> None:
    assert chart.overview([view("y", "2018")]) is None
