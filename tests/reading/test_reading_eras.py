"""Eras and an event's context, as a reader sees them (1280 and 390 px, light and dark).

The example content declares three eras (``content/notes``): the expectations below are written
from those notes (titles, dates, a phrase of each introduction), and which events belong where is
worked out here from ``timeline.json`` by the documented rules, not read from the pages.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from dateline import dates

pytestmark = pytest.mark.browser

# title → (first day, last day, a phrase of its introduction), as content/notes declares them
ERAS = {
    "The 2017 missile crisis": ("2017-07-01", "2017-11-30", "more missile tests"),
    "The 2018 summits": ("2018-04-01", "2018-09-30", "After the Pyeongchang Olympics"),
    "After Hanoi": ("2019-01-01", "2019-12-31", "broke up without a deal"),
}
SECTION_CARDS = """els => els.map(s => ({
  title: s.querySelector('.era-title').textContent.trim(),
  cards: Array.from(s.querySelectorAll('article.event')).map(a => a.id),
  intro: (s.querySelector('.era-intro') || {innerText: ''}).innerText,
  introShown: !!s.querySelector('.era-intro') && s.querySelector('.era-intro').checkVisibility(),
  headFirst: s.firstElementChild.classList.contains('era-head')}))"""


def _events(site: Path) -> list[dict[str, Any]]:
    return list(json.loads((site / "timeline.json").read_text("utf-8"))["events"])


def _first_day(event: dict[str, Any]) -> str:
    return dates.iso_start(event["date"])


def _era_of(event: dict[str, Any]) -> str | None:
    day = _first_day(event)
    return next((t for t, (first, last, _) in ERAS.items() if first <= day <= last), None)


def _expected_runs(events: list[dict[str, Any]]) -> dict[str, list[str]]:
    runs: dict[str, list[str]] = {}
    for event in events:
        era = _era_of(event)
        if era is not None:
            runs.setdefault(era, []).append(event["id"])
    return runs


@pytest.mark.parametrize("path", ["", "years/2018/"])
def test_listings_group_their_events_under_their_eras(reader: Any, served: str,
                                                     example_site: Path, path: str) -> None:
    events = _events(example_site)
    if path:
        events = [e for e in events if e["date"].startswith("2018")]
    reader.goto(served + path)
    sections = reader.locator("main section.era").evaluate_all(SECTION_CARDS)
    expected = _expected_runs(events)
    assert [s["title"] for s in sections] == list(expected)  # in time order
    for section in sections:
        assert section["cards"] == expected[section["title"]]
        assert ERAS[section["title"]][2] in section["intro"] and section["introShown"]
        assert section["headFirst"]
    outside = reader.locator("main .timeline article.event:not(section.era article)")
    assert outside.evaluate_all("els => els.map(e => e.id)") == \
        [e["id"] for e in events if _era_of(e) is None]
    heading = reader.locator("main section.era .era-title").first
    box = heading.bounding_box()
    assert box is not None and box["width"] <= reader.width  # no overflow at 390 px
    ids = reader.evaluate("Array.from(document.querySelectorAll('[id]')).map(e => e.id)")
    assert len(ids) == len(set(ids))  # a year split between runs keeps its ids unique
    assert reader.errors == []


def test_eras_follow_newest_first_and_headlines_only(reader: Any, served: str,
                                                     example_site: Path) -> None:
    expected = _expected_runs(_events(example_site))
    reader.goto(served + "?order=newest&view=compact")
    reader.wait_for_function("() => document.querySelector('[data-order]').hidden === false")
    sections = reader.locator("main section.era").evaluate_all(SECTION_CARDS)
    assert [s["title"] for s in sections] == list(reversed(expected))
    for section in sections:
        assert section["headFirst"]  # the heading stays atop its era's events
        days = [dates.sort_key(d)[0] for d in reader.locator(
            f"main section.era:has(.era-title:text-is('{section['title']}')) article.event "
            ".event-date time").evaluate_all("els => els.map(e => e.getAttribute('datetime'))")]
        assert days == sorted(days, reverse=True)
        assert sorted(section["cards"]) == sorted(expected[section["title"]])
        assert not section["introShown"]  # headlines only: the paragraph gives way
    assert reader.locator("main section.era .era-title").first.is_visible()
    assert not reader.locator("main section.era article.event .chips").first.is_visible()
    assert reader.errors == []


def test_eras_show_without_javascript(browser: Any, served: str, example_site: Path) -> None:
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(served)
    sections = tab.locator("main section.era").evaluate_all(SECTION_CARDS)
    context.close()
    expected = _expected_runs(_events(example_site))
    assert [(s["title"], s["cards"]) for s in sections] == list(expected.items())
    assert all(s["introShown"] for s in sections)


def _thread(event: dict[str, Any]) -> tuple[str, frozenset[str], frozenset[str]] | None:
    """The documented rule: same source and target, else (a side empty) the same actors."""
    if event["source"] and event["target"]:
        return "directed", frozenset(event["source"]), frozenset(event["target"])
    if event["actors"]:
        return "actors", frozenset(event["actors"]), frozenset()
    return None


def _neighbours(events: list[dict[str, Any]], event_id: str
                ) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    event = next(e for e in events if e["id"] == event_id)
    same = [e for e in events if _thread(e) is not None and _thread(e) == _thread(event)]
    at = [e["id"] for e in same].index(event_id)
    return (same[at - 1] if at > 0 else None), (same[at + 1] if at + 1 < len(same) else None)


def _thread_links(tab: Any) -> dict[str, tuple[str, str]]:
    return {rel: (tab.locator(f".thread a[rel={rel}]").inner_text(),
                  tab.locator(f".thread a[rel={rel}]").get_attribute("href"))
            for rel in ("prev", "next") if tab.locator(f".thread a[rel={rel}]").count()}


def test_an_event_page_shows_previous_and_next_between_the_same_actors(
        reader: Any, served: str, example_site: Path) -> None:
    events = _events(example_site)
    # a note with source USA and target PRK: its neighbours are the USA → PRK developments
    cancelled = next(e for e in events if e["summary"].startswith("Trump calls off"))
    reader.goto(served + f"events/{cancelled['id']}/")
    neighbours = dict(zip(("prev", "next"), _neighbours(events, cancelled["id"]), strict=True))
    assert any(neighbours.values()), "the example has another USA → PRK development"
    assert _thread_links(reader) == {rel: (e["summary"], f"/events/{e['id']}/")
                                     for rel, e in neighbours.items() if e is not None}
    assert reader.locator(".thread h2").text_content() == \
        "Between United States and North Korea"
    # notes without source or target: the same actors, in timeline order (written from the notes)
    reader.goto(served + "events/singapore-summit/")
    links = _thread_links(reader)
    assert links["prev"][0] == 'Trump warns North Korea will be met with "fire and fury"'
    assert links["next"][0].startswith("North Korea's year-end deadline")
    assert reader.locator(".thread h2").text_content() == "Between the same actors"
    reader.click(".thread a[rel=next]")  # the link leads to that page, which links back
    reader.wait_for_url("**/events/*deadline*/")
    assert reader.locator("h1").inner_text().startswith("North Korea's year-end deadline")
    assert _thread_links(reader)["prev"][1] == "/events/singapore-summit/"
    assert reader.errors == []


def test_an_event_page_lists_its_era_s_other_events_and_why_it_matters(
        reader: Any, served: str, example_site: Path) -> None:
    events = _events(example_site)
    reader.goto(served + "events/singapore-summit/")
    assert reader.locator(".why h2").text_content() == "Why it matters"
    assert "first meeting between a sitting U.S. president" in \
        reader.locator(".why .prose").inner_text()
    assert reader.locator(".era-context h2").text_content() == "Era: The 2018 summits"
    members = [e for e in events if _era_of(e) == "The 2018 summits"]
    assert f"{len(members)} events" in reader.locator(".era-context .meta").inner_text()
    hrefs = reader.locator(".era-context a").evaluate_all(
        "els => els.map(e => e.getAttribute('href'))")
    by_path = {f"/events/{e['id']}/": e for e in members}
    assert hrefs and len(hrefs) == min(10, len(members) - 1)
    assert "/events/singapore-summit/" not in hrefs
    assert all(h in by_path for h in hrefs)  # each one of the era's events
    assert "/events/panmunjom-summit/" in hrefs
    for link in reader.locator(".thread a, .era-context a").all():  # 24 px targets
        box = link.bounding_box()
        assert box is not None and box["height"] >= 23.5
    # an event outside every era has no era section, and one without a why no "Why it matters"
    outside = next(e for e in events if _era_of(e) is None)
    reader.goto(served + f"events/{outside['id']}/")
    assert reader.locator(".era-context").count() == 0 and reader.locator(".why").count() == 0
    assert reader.errors == []


@pytest.mark.parametrize("path", ["", "?order=newest&view=compact", "years/2018/",
                                  "events/singapore-summit/", "CANCELLED"])
def test_no_serious_accessibility_violations_on_eras_and_context(
        browser: Any, served: str, axe_source: str, example_site: Path, path: str) -> None:
    if path == "CANCELLED":
        cancelled = next(e for e in _events(example_site)
                         if e["summary"].startswith("Trump calls off"))
        path = f"events/{cancelled['id']}/"
    for width in (1280, 390):
        for scheme in ("light", "dark"):
            context = browser.new_context(color_scheme=scheme,
                                          viewport={"width": width, "height": 900})
            tab = context.new_page()
            tab.goto(served + path)
            if "order=" in path:
                tab.wait_for_function(
                    "() => document.querySelector('[data-order]').hidden === false")
            tab.evaluate(axe_source)
            violations = tab.evaluate("""async () => (await axe.run(document)).violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).slice(0, 3)
                .join(', '))""")
            context.close()
            assert violations == [], f"{width}px {scheme}: {violations}"
