"""The overview chart as a reader sees it (issue 20, item 4): legible labels at 390 px, nothing
clipped, key markers that are real targets, a cue when it scrolls, and bars that lead to their
month without JavaScript.  The chart's model is tested in ``test_reading_chart.py``."""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

import pytest

from tests.reading.test_reading_filters import NUMBERS, month_of, paged, site  # noqa: F401

pytestmark = pytest.mark.browser

# each text's rendered font size: its computed size times the SVG's scale on screen
TEXT_SIZES = """svg => {
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  return Array.from(svg.querySelectorAll('text'), t =>
    parseFloat(getComputedStyle(t).fontSize) * scale);
}"""
BOXES = """els => els.map(e => { const r = e.getBoundingClientRect();
  return [r.left, r.top, r.right, r.bottom]; })"""


def test_labels_are_at_least_12px_and_the_last_one_is_inside_the_chart(reader: Any,
                                                                        served: str) -> None:
    for address in ("", "years/2018/"):
        reader.goto(served + address)
        chart = reader.locator("svg.chart")
        sizes = chart.evaluate(TEXT_SIZES)
        assert sizes and min(sizes) >= 12, (address, reader.width, min(sizes))
        left, top, right, bottom = chart.evaluate(
            "e => { const r = e.getBoundingClientRect();"
            " return [r.left, r.top, r.right, r.bottom]; }")
        for box in reader.locator("svg.chart text.axis").evaluate_all(BOXES):
            assert left <= box[0] and box[2] <= right and top <= box[1] and box[3] <= bottom
    assert reader.errors == []


def test_the_overview_spans_the_years_that_hold_developments(served: str, page: Any,
                                                             example_site: Path) -> None:
    events = json.loads((example_site / "timeline.json").read_text("utf-8"))["events"]
    years = sorted({e["date"][:4] for e in events if e["precision"] in ("month", "day")})
    page.goto(served)
    labels = page.locator("svg.chart text.axis").evaluate_all(
        "els => els.map(e => e.textContent)")
    assert labels == years


def test_key_markers_are_targets_of_24px_that_never_overlap(reader: Any, served: str) -> None:
    reader.goto(served)
    boxes = reader.locator("svg.chart a.key-marker").evaluate_all(BOXES)
    assert boxes, "the example's index marks its key developments"
    for left, top, right, bottom in boxes:
        assert right - left >= 24 - 0.01 and bottom - top >= 24 - 0.01
    ordered = sorted(boxes)
    for (_l1, _t1, right, _b1), (left, *_rest) in itertools.pairwise(ordered):
        assert left >= right - 0.01, "markers overlap"


def test_a_chart_wider_than_the_screen_scrolls_and_says_so(sized: Any, served: str) -> None:
    sized.goto(served)
    scroller = sized.locator(".overview-scroll")
    scrolls = scroller.evaluate("e => e.scrollWidth > e.clientWidth + 1")
    assert scrolls == (sized.width < 1000)
    assert sized.locator(".scroll-cue").is_visible() == scrolls
    if scrolls:  # a keyboard reaches the scrolling box
        assert scroller.get_attribute("tabindex") == "0"
    page_overflow = sized.evaluate("() => document.documentElement.scrollWidth > innerWidth")
    assert not page_overflow, "only the chart's box scrolls, not the page"


def test_without_javascript_each_bar_links_to_its_month(browser: Any, served: str) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390,
                                                                       "height": 900})
    tab = context.new_page()
    tab.goto(served)
    bar = tab.locator("svg.chart a.bar").last
    month = bar.get_attribute("data-month")
    label = bar.get_attribute("aria-label")
    bar.scroll_into_view_if_needed()
    bar.click()
    tab.wait_for_url(f"**/years/{month[:4]}/{month[5:]}/")
    assert tab.locator("h1").inner_text() == label.split(":")[0]
    context.close()


def test_a_year_chart_drawn_for_a_filter_keeps_its_scale(page: Any, paged: str) -> None:  # noqa: F811
    page.goto(paged + "years/2018/?from=2018-02&to=2018-02")
    expected = sum(1 for n in NUMBERS if month_of(n) == 2)
    page.wait_for_selector(".filter-status:text('Showing')")
    heights = page.locator("svg.chart a.bar").evaluate_all(
        "els => els.map(b => Array.from(b.querySelectorAll('rect.seg'))"
        ".reduce((s, r) => s + r.height.baseVal.value, 0))")
    assert heights[1] > 0 and heights[0] == heights[2] == 0
    assert page.locator("svg.chart a.bar").nth(1).get_attribute("aria-label") == (
        f"February 2018: {expected} matching events")
    markers = page.locator("svg.chart a.key-marker")
    assert markers.count() > 1  # the year's key developments, in several months
    for marker in markers.all():  # shown only for a key development that matches
        number = int(marker.get_attribute("href").strip("/").split("-")[-1])
        assert marker.is_visible() == (month_of(number) == 2)
    page.click("button[type=reset]")
    page.wait_for_function("() => location.search === ''")
    assert all(marker.is_visible() for marker in markers.all())
    restored = page.locator("svg.chart a.bar").evaluate_all(
        "els => els.map(b => b.querySelectorAll('rect.seg').length)")
    assert all(n > 0 for n in restored)
