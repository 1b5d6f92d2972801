"""Tap targets of at least 24 × 24 CSS pixels (WCAG 2.2, success criterion 2.5.8).

Chips, filter and order controls, and the links of listings and navigation are measured box by
box. Every other link or control on the page must meet the criterion itself: be that large, or
be spaced so that a 24 px circle centred on it touches no other target (its "spacing"
exception). Links inside running text (an article, a sentence of sources) are exempt, as the
criterion's "inline" exception says, and so is the chart's SVG (the overview is another issue's).
"""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.browser

PAGES = ["", "events/", "years/", "years/2018/", "years/2018/12/", "actors/", "actors/usa/",
         "tags/", "tags/summit/", "types/", "types/talks/", "sources/", "events/singapore-summit/",
         "sources/2018-12-08-ri-in-beijing/", "search/?q=summit"]
# each of these must be 24 x 24 px itself
MEASURED = (".chips a, .filter-form select, .filter-form button, .view-controls input, "
            ".newest-link a, .pager a, .prev-next a, .archive a, .colophon .years a, "
            ".tag-cloud a, .actor-list a, .partners a, .crumbs a, .masthead a, "
            ".search-form input, .search-form select, .result-title a, .event-summary a, "
            ".key-events a, .month-title a, .year > h2 a, .type-link, .filter-form input, "
            ".filter-results a")
# running text: its links are exempt (WCAG's inline exception)
INLINE = (".prose, .event-sources, .browse, .legend, .meta, .lede, .source-events, .colophon p, "
          ".quote, .search-fallback, .sources, svg")

TARGETS = """([measured, inline]) => {
  const seen = [];
  for (const el of document.querySelectorAll('a[href], button, input, select, summary')) {
    if (!el.checkVisibility() || el.closest(inline)) continue;
    const r = el.getBoundingClientRect();
    if (!r.width || !r.height) continue;
    seen.push({text: (el.textContent || el.name || '').trim().slice(0, 40), tag: el.tagName,
               measured: el.matches(measured), x: r.left + scrollX, y: r.top + scrollY,
               w: r.width, h: r.height});
  }
  return seen;
}"""


def _too_close(target: dict[str, Any], others: list[dict[str, Any]]) -> list[str]:
    """The targets a 24 px circle centred on ``target`` touches (WCAG's spacing exception;
    an undersized neighbour's own circle counts too)."""
    cx, cy = target["x"] + target["w"] / 2, target["y"] + target["h"] / 2
    close = []
    for other in others:
        if other is target:
            continue
        nx = min(max(cx, other["x"]), other["x"] + other["w"])  # nearest point of its box
        ny = min(max(cy, other["y"]), other["y"] + other["h"])
        small = other["w"] < 24 or other["h"] < 24
        ox, oy = other["x"] + other["w"] / 2, other["y"] + other["h"] / 2
        if (nx - cx) ** 2 + (ny - cy) ** 2 < 12 ** 2 or \
                (small and (ox - cx) ** 2 + (oy - cy) ** 2 < 24 ** 2):
            close.append(other["text"])
    return close


@pytest.mark.parametrize("path", PAGES)
def test_targets_are_24_pixels_or_spaced_apart(sized: Any, served: str, path: str) -> None:
    sized.goto(served + path)
    if path.startswith("search/"):
        sized.wait_for_selector(".search-result a", timeout=15000)
    targets = sized.evaluate(TARGETS, [MEASURED, INLINE])
    assert targets, "no targets found"
    small = [t for t in targets if t["w"] < 23.5 or t["h"] < 23.5]  # sub-pixel rounding
    measured_small = [(t["text"], round(t["w"]), round(t["h"])) for t in small if t["measured"]]
    assert measured_small == []
    crowded = [(t["text"], _too_close(t, targets)) for t in small if _too_close(t, targets)]
    assert crowded == []


def test_the_spacing_rule_tells_crowded_from_spaced_targets() -> None:
    def box(x: float, text: str) -> dict[str, Any]:
        return {"text": text, "x": x, "y": 0.0, "w": 15.0, "h": 15.0, "measured": False}

    crowded = [box(0, "a"), box(20, "b")]  # centres 20 px apart: the circles overlap
    spaced = [box(0, "a"), box(40, "b")]
    assert _too_close(crowded[0], crowded) == ["b"]
    assert _too_close(spaced[0], spaced) == []


def test_chips_without_the_theme_s_sizes_would_fail(sized: Any, served: str) -> None:
    """The measure can fail: chips at their old 15 px height are caught."""
    sized.goto(served + "events/singapore-summit/")
    sized.evaluate("""() => document.querySelectorAll('.chip a').forEach(a => {
        a.style.minHeight = '0'; a.style.padding = '0'; })""")  # CSSOM: the page's CSP allows it
    targets = sized.evaluate(TARGETS, [MEASURED, INLINE])
    assert [t for t in targets if t["measured"] and t["h"] < 23.5]
