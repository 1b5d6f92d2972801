"""Listings: the ``events/`` and ``years/`` index pages, the order within a day, a newest-first
order and a headlines-only view that the address remembers, with and without JavaScript."""

from __future__ import annotations

import itertools
import json
import re
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dateline import dates
from dateline.site import plan
from tests.conftest import make_project, run_cli
from tests.reading.conftest import serve

CARD_DATES = ("els => els.map(e => e.querySelector('.event-date time')"
              ".getAttribute('datetime'))")
CARD_IDS = "els => els.map(e => e.id)"


def timeline_events(site: Path) -> list[dict[str, Any]]:
    return list(json.loads((site / "timeline.json").read_text("utf-8"))["events"])


def card_ids(html: str) -> list[str]:
    return re.findall(r'<article class="event [^"]*" id="([^"]+)"', html)


# --- Pages: built output -------------------------------------------------------------------

def test_events_page_lists_every_event_in_timeline_order(example_site: Path) -> None:
    html = (example_site / "events" / "index.html").read_text("utf-8")
    assert card_ids(html) == [e["id"] for e in timeline_events(example_site)]


def test_years_page_lists_each_year_with_its_count(example_site: Path) -> None:
    html = (example_site / "years" / "index.html").read_text("utf-8")
    by_year: dict[int, int] = {}
    for event in timeline_events(example_site):
        year = dates.year_of(event["date"])
        assert year is not None
        by_year[year] = by_year.get(year, 0) + 1
    listed = re.findall(r'<dt><a href="/years/(\d{4})/">\d{4}</a> <span class="count">(\d+) '
                        r'events?</span></dt>', html)
    assert [(int(y), int(n)) for y, n in listed] == sorted(by_year.items())
    for year in by_year:
        assert (example_site / "years" / str(year) / "index.html").is_file()


def test_the_sitemap_lists_both_index_pages(example_site: Path) -> None:
    sitemap = (example_site / "sitemap.xml").read_text("utf-8")
    assert "<loc>/events/</loc>" in sitemap and "<loc>/years/</loc>" in sitemap


def test_within_a_day_the_most_important_event_comes_first(example_site: Path) -> None:
    events = timeline_events(example_site)
    same_day = [(a, b) for a, b in itertools.pairwise(events)
                if a["precision"] == b["precision"] == "day" and a["date"] == b["date"]]
    assert same_day, "the example has days with several events"
    assert all(a["importance"] >= b["importance"] for a, b in same_day)


# --- A listing in pages ---------------------------------------------------------------------

EVENTS = 450  # more than two pages of plan.PAGE_SIZE


@pytest.fixture(scope="module")
def paged(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A site whose year 2018 and ``events/`` take three pages each."""
    root = make_project(tmp_path_factory.mktemp("paged"))
    entries = "".join(
        f"  - date: 2018-{1 + n % 12:02d}-{1 + n % 28:02d}\n"
        f"    title: Development number {n}\n    actors: [USA]\n"
        f"    sources: [https://example.org/{n}]\n" for n in range(EVENTS))
    (root / "content" / "notes" / "many.md").write_text(
        f"---\ntitle: Many\nevents:\n{entries}---\n", encoding="utf-8")
    code, _out, err = run_cli("--root", str(root), "build", "--no-cache")
    assert code == 0, err
    server, address = serve(root / "site")
    yield address
    server.shutdown()
    server.server_close()


def fetched(address: str) -> str:
    with urllib.request.urlopen(address) as response:
        return str(response.read().decode("utf-8"))


def test_events_pages_hold_every_event_once(paged: str) -> None:
    pages = [fetched(paged + p) for p in ("events/", "events/page/2/", "events/page/3/")]
    seen = [event_id for html in pages for event_id in card_ids(html)]
    assert len(seen) == len(set(seen)) == EVENTS
    assert len(card_ids(pages[0])) == plan.PAGE_SIZE


@pytest.mark.browser
def test_newest_first_starts_a_listing_in_pages_at_its_last_page(sized: Any,
                                                                 paged: str) -> None:
    sized.goto(paged + "years/2018/")
    sized.check("[data-order] input[value=newest]")
    sized.wait_for_url("**/years/2018/page/3/?order=newest")
    days = sized.locator("main article.event").evaluate_all(CARD_DATES)
    assert days == sorted(days, reverse=True) and days[0] == "2018-12-28"
    pager = sized.locator("nav.pager").first
    links = pager.locator("a[href]").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert all("order=newest" in link for link in links)
    numbers = [t for t in pager.locator("li").all_inner_texts() if t.strip().isdigit()]
    assert numbers == ["3", "2", "1"]  # the pages read newest first too
    sized.click("nav.pager >> text=Older →")
    sized.wait_for_url("**/years/2018/page/2/?order=newest")
    older = sized.locator("main article.event").evaluate_all(CARD_DATES)
    assert older == sorted(older, reverse=True) and older[0] <= days[-1]
    sized.check("[data-order] input[value=oldest]")  # back to the start of the oldest order
    sized.wait_for_url("**/years/2018/")
    assert sized.locator("main article.event").evaluate_all(CARD_DATES)[0] == "2018-01-01"
    assert sized.errors == []


@pytest.mark.browser
def test_without_javascript_a_link_leads_to_the_newest_events(browser: Any, paged: str,
                                                             served: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(paged + "years/2018/")
    assert not tab.locator("[data-order]").is_visible()
    tab.click(".newest-link a")
    tab.wait_for_url("**/years/2018/page/3/#list-end")
    assert tab.locator("main article.event").last.locator("time").get_attribute("datetime") \
        == "2018-12-28"
    tab.goto(served + "years/2018/")  # one page: the link leads to its end
    assert tab.locator(".newest-link a").get_attribute("href") == "#list-end"
    context.close()


# --- Order and density on one page ---------------------------------------------------------

@pytest.mark.browser
def test_newest_first_turns_the_list_around_and_keeps_each_day_in_order(
        reader: Any, served: str, example_site: Path) -> None:
    reader.goto(served + "years/2018/")
    oldest = reader.locator("main article.event").evaluate_all(CARD_IDS)
    reader.check("[data-order] input[value=newest]")
    reader.wait_for_function("() => location.search === '?order=newest'")
    newest = reader.locator("main article.event").evaluate_all(CARD_IDS)
    days = reader.locator("main article.event").evaluate_all(CARD_DATES)
    assert sorted(newest) == sorted(oldest) and newest != oldest
    keys = [dates.sort_key(d)[:2] for d in days]  # "2018-W48" and "2018-12-07" in time order
    assert keys == sorted(keys, reverse=True)
    by_day: dict[str, list[str]] = {}
    for event_id, day in zip(newest, days, strict=True):
        by_day.setdefault(day, []).append(event_id)
    importance = {e["id"]: e["importance"] for e in timeline_events(example_site)}
    for ids in by_day.values():  # within a day, the most important still leads
        assert [importance[i] for i in ids] == sorted((importance[i] for i in ids), reverse=True)
    months = reader.locator("main .month-title").all_inner_texts()
    assert months[0].lower().startswith("december")
    reader.go_back()  # the change was a history entry: Back undoes it
    reader.wait_for_function("() => location.search === ''")
    assert reader.locator("main article.event").evaluate_all(CARD_IDS) == oldest
    reader.goto(served + "years/2018/?order=newest")  # the address remembers it
    assert reader.locator("main article.event").evaluate_all(CARD_IDS) == newest
    assert reader.locator("[data-order] input[value=newest]").is_checked()
    assert reader.errors == []


@pytest.mark.browser
def test_headlines_only_shows_date_and_headline_and_is_remembered(reader: Any,
                                                                  served: str) -> None:
    reader.goto(served + "events/")
    card = reader.locator("main article.event").first
    assert card.locator(".chips").is_visible()
    full = card.bounding_box()["height"]
    reader.check("[data-compact]")
    reader.wait_for_function("() => location.search === '?view=compact'")
    assert not card.locator(".chips").is_visible()
    assert not card.locator(".event-sources").is_visible()
    assert card.locator(".event-date time").is_visible()
    assert card.locator(".event-summary a").is_visible()
    assert card.bounding_box()["height"] < full
    reader.goto(served + "events/?view=compact&order=newest")
    assert reader.locator("[data-compact]").is_checked()
    assert not reader.locator("main article.event .chips").first.is_visible()
    keys = [dates.sort_key(d)[:2] for d in
            reader.locator("main article.event").evaluate_all(CARD_DATES)]
    assert keys == sorted(keys, reverse=True)
    assert reader.errors == []


@pytest.mark.browser
def test_headlines_only_works_without_javascript(browser: Any, served: str) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390,
                                                                       "height": 900})
    tab = context.new_page()
    tab.goto(served + "events/")
    chips = tab.locator("main article.event .chips").first
    assert chips.is_visible()
    tab.check("[data-compact]")
    assert not chips.is_visible()
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("path", ["events/", "years/"])
def test_index_pages_answer_and_link_down(sized: Any, served: str, path: str) -> None:
    response = sized.goto(served + path)
    assert response is not None and response.status == 200
    assert sized.locator("h1").inner_text() in ("All events", "Years")
    year = sized.locator("main a[href^='/years/20']:visible").first
    year.click()
    sized.wait_for_url(re.compile(r".*/years/\d{4}/(\d{2}/)?$"))
    assert sized.errors == []
