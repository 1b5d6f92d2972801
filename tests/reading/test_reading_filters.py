"""Filters over a whole listing in pages, with and without JavaScript (issue 20, item 1).

A site of ``EVENTS`` developments in 2018, three pages of ``plan.PAGE_SIZE``: the expected
counts come from how the fixture writes its notes (every fifth event involves North Korea,
every other one is talks), never from what the build printed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dateline.site import filterindex, plan
from tests.conftest import make_project, run_cli
from tests.reading.conftest import serve

EVENTS = 450
NUMBERS = range(EVENTS)


def month_of(n: int) -> int:
    return 1 + n % 12


def with_prk(n: int) -> bool:
    return n % 5 == 0


def talks(n: int) -> bool:
    return n % 2 == 0


def build_site(root: Path) -> Path:
    make_project(root)
    entries = "".join(
        f"  - id: dev-{n}\n    date: 2018-{month_of(n):02d}-{1 + n % 28:02d}\n"
        f"    title: Development number {n}\n"
        f"    actors: [USA{', PRK' if with_prk(n) else ''}]\n"
        f"    type: \"{'04' if talks(n) else '13'}\"\n"
        f"    sources: [https://example.org/{n}]\n" for n in NUMBERS)
    (root / "content" / "notes" / "many.md").write_text(
        f"---\ntitle: Many\nevents:\n{entries}---\n", encoding="utf-8")
    code, _out, err = run_cli("--root", str(root), "build", "--no-cache")
    assert code == 0, err
    return root / "site"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(tmp_path_factory.mktemp("filters") / "site")


@pytest.fixture(scope="module")
def too_long(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The same site with an index limit below its year's 450 events."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(filterindex, "INDEX_LIMIT", 300)
        built = build_site(tmp_path_factory.mktemp("filters-long") / "site")
    server, address = serve(built)
    yield address
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def paged(site: Path) -> Iterator[str]:
    server, address = serve(site)
    yield address
    server.shutdown()
    server.server_close()


def ids(numbers: Any) -> set[str]:
    return {f"dev-{n}" for n in numbers}


def first_page_ids(site: Path) -> set[str]:
    html = (site / "years" / "2018" / "index.html").read_text("utf-8")
    return set(re.findall(r'<article class="event [^"]*" id="([^"]+)"', html))


def result_ids(tab: Any) -> list[str]:
    return list(tab.locator(".filter-results li a").evaluate_all(
        "els => els.map(a => a.getAttribute('href').split('/').filter(Boolean).pop())"))


def bar_total(tab: Any) -> int:
    labels = tab.locator("svg.chart a.bar").evaluate_all(
        "els => els.map(e => e.getAttribute('aria-label'))")
    return sum(int(label.split(": ")[1].split()[0]) for label in labels)


# --- Built output ----------------------------------------------------------------------------

def test_a_listing_in_pages_has_one_index_of_every_event(site: Path) -> None:
    assert (site / "years" / "2018" / "page" / "3" / "index.html").is_file()
    index = json.loads((site / "years" / "2018" / "filter-index.json").read_text("utf-8"))
    assert {row[0] for row in index["events"]} == ids(NUMBERS)
    for page in ("years/2018/index.html", "years/2018/page/2/index.html"):
        html = (site / page).read_text("utf-8")
        assert 'data-index="/years/2018/filter-index.json"' in html
    assert not (site / "years" / "2018" / "page" / "2" / "filter-index.json").exists()
    # months of 37 or 38 events are one page each: their cards are filtered, no index
    assert not (site / "years" / "2018" / "01" / "filter-index.json").exists()


def test_types_have_listings_linked_from_cards(site: Path) -> None:
    talks_page = (site / "types" / "talks" / "index.html").read_text("utf-8")
    assert f"{sum(map(talks, NUMBERS))} events" in talks_page
    assert (site / "types" / "talks" / "page" / "2" / "index.html").is_file()
    assert 'href="/types/talks/"' in (site / "types" / "index.html").read_text("utf-8")
    card = (site / "years" / "2018" / "index.html").read_text("utf-8")
    assert re.search(r'<a class="type-link" href="/types/talks/">Talks</a>', card)


# --- With JavaScript -------------------------------------------------------------------------

@pytest.mark.browser
def test_filtering_a_listing_in_pages_shows_every_match_from_every_page(
        reader: Any, paged: str, site: Path) -> None:
    reader.goto(paged + "years/2018/")
    reader.select_option("#f-actor", "PRK")
    reader.wait_for_function("() => location.search === '?actor=PRK'")
    expected = ids(n for n in NUMBERS if with_prk(n))
    reader.wait_for_function(f"() => document.querySelectorAll('.filter-results li').length"
                             f" === {len(expected)}")
    found = result_ids(reader)
    assert set(found) == expected and len(found) == len(expected)
    assert set(found) - first_page_ids(site), "matches from the other pages are listed"
    assert reader.locator(".filter-status").inner_text().startswith(
        f"Showing {len(expected)} of {EVENTS} events")
    assert not reader.locator(".timeline").is_visible()
    assert not reader.locator("nav.pager").first.is_visible()
    assert bar_total(reader) == len(expected)  # the chart follows the filter
    for href in reader.locator(".key-events li a").evaluate_all(
            "els => els.map(a => a.getAttribute('href'))"):
        assert href.strip("/").split("/")[-1] in expected
    reader.select_option("#f-type", "talks")  # a second filter: a second history entry
    both = ids(n for n in NUMBERS if with_prk(n) and talks(n))
    reader.wait_for_function(f"() => document.querySelectorAll('.filter-results li').length"
                             f" === {len(both)}")
    assert set(result_ids(reader)) == both
    reader.go_back()  # Back undoes the last filter only
    reader.wait_for_function("() => location.search === '?actor=PRK'")
    assert reader.locator("#f-type").input_value() == ""
    assert len(result_ids(reader)) == len(expected)
    reader.go_back()
    reader.wait_for_function("() => location.search === ''")
    assert reader.locator("#f-actor").input_value() == ""
    assert reader.locator(".timeline").is_visible()
    assert not reader.locator(".filter-results").is_visible()
    assert bar_total(reader) == plan.PAGE_SIZE + (EVENTS - plan.PAGE_SIZE)  # every event
    assert reader.errors == []


@pytest.mark.browser
def test_the_index_filtered_from_the_whole_timeline_is_not_called_recent(reader: Any,
                                                                         paged: str) -> None:
    reader.goto(paged)
    heading = reader.locator("#list-h")
    assert heading.text_content() == "Recent months"  # 450 events: the index shows the last ones
    reader.select_option("#f-actor", "PRK")
    reader.wait_for_function("() => document.querySelectorAll('.filter-results li').length"
                             f" === {len(ids(n for n in NUMBERS if with_prk(n)))}")
    assert heading.text_content() == "Matching events"
    reader.go_back()
    reader.wait_for_function("() => location.search === ''")
    assert heading.text_content() == "Recent months"
    assert reader.errors == []


@pytest.mark.browser
def test_a_shared_address_opens_filtered_even_for_an_option_the_page_left_out(
        sized: Any, paged: str) -> None:
    sized.goto(paged + "years/2018/page/2/?actor=PRK&type=threat")
    expected = ids(n for n in NUMBERS if with_prk(n) and not talks(n))
    sized.wait_for_function(f"() => document.querySelectorAll('.filter-results li').length"
                            f" === {len(expected)}")
    assert set(result_ids(sized)) == expected
    assert sized.locator("#f-actor").input_value() == "PRK"
    assert sized.locator("#f-type").input_value() == "threat"
    assert "(" in sized.locator("#f-actor option[value=PRK]").inner_text()
    assert sized.errors == []


@pytest.mark.browser
def test_a_month_range_narrows_the_listing_and_lives_in_the_address(reader: Any,
                                                                   paged: str) -> None:
    reader.goto(paged + "years/2018/")
    reader.fill("#f-from", "2018-03")
    reader.fill("#f-to", "2018-05")
    reader.locator("#f-to").dispatch_event("change")
    reader.wait_for_function("() => location.search.includes('to=2018-05')")
    assert "from=2018-03" in reader.url
    expected = ids(n for n in NUMBERS if 3 <= month_of(n) <= 5)
    reader.wait_for_function(f"() => document.querySelectorAll('.filter-results li').length"
                             f" === {len(expected)}")
    assert set(result_ids(reader)) == expected
    assert bar_total(reader) == len(expected)
    reader.go_back()
    assert reader.errors == []


@pytest.mark.browser
def test_dragging_across_the_chart_selects_its_months(page: Any, paged: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(paged + "years/2018/")
    assert page.locator("[data-zoom-hint]").is_visible()
    bars = page.locator("svg.chart a.bar")
    april, june = bars.nth(3).bounding_box(), bars.nth(5).bounding_box()
    page.mouse.move(april["x"] + april["width"] / 2, april["y"] + april["height"] - 5)
    page.mouse.down()
    page.mouse.move(june["x"] + june["width"] / 2, june["y"] + june["height"] - 5, steps=8)
    page.mouse.up()
    page.wait_for_function("() => location.search.includes('to=2018-06')")
    assert "from=2018-04" in page.url and page.url.endswith("/years/2018/?from=2018-04&to=2018-06")
    expected = ids(n for n in NUMBERS if 4 <= month_of(n) <= 6)
    page.wait_for_function(f"() => document.querySelectorAll('.filter-results li').length"
                           f" === {len(expected)}")
    assert page.errors == []


@pytest.mark.browser
def test_filtered_listings_have_no_serious_accessibility_violations(
        reader: Any, paged: str, axe_source: str) -> None:
    for address in ("years/2018/?actor=PRK", "years/2018/", "actors/prk/?type=talks"):
        reader.goto(paged + address)
        if "?" in address:  # filtered: from the index (a year) or the page's cards (PRK)
            reader.wait_for_selector(".filter-status:text('Showing')")
        reader.evaluate(axe_source)
        violations = reader.evaluate("""async () => (await axe.run(document)).violations
            .filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', '))""")
        assert violations == [], f"{address} {reader.width}px {reader.scheme}: {violations}"


@pytest.mark.browser
def test_a_listing_too_long_for_an_index_filters_its_page_and_keeps_the_links(
        page: Any, too_long: str) -> None:
    page.goto(too_long + "years/2018/")
    assert page.locator(".filters").get_attribute("data-index") is None
    listed = page.locator("main article.event").evaluate_all("els => els.map(e => e.id)")
    assert len(listed) == plan.PAGE_SIZE
    on_page = sum(1 for event_id in listed if with_prk(int(event_id.split("-")[1])))
    page.select_option("#f-actor", "PRK")
    assert page.locator("main article.event:visible").count() == on_page
    status = page.locator(".filter-status").inner_text()
    assert status.startswith(f"Showing {on_page} of {plan.PAGE_SIZE} events on this page")
    assert page.locator(".filter-links").is_visible()  # the way to all of them stays in view
    assert page.errors == []


# --- Without JavaScript ----------------------------------------------------------------------

@pytest.mark.browser
def test_without_javascript_filter_links_lead_to_the_built_listings(browser: Any,
                                                                    paged: str) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390,
                                                                       "height": 900})
    tab = context.new_page()
    for link, heading, count in (
            ("actor=PRK", "North Korea", sum(map(with_prk, NUMBERS))),
            ("type=talks", "Talks", sum(map(talks, NUMBERS))),
            ("year=2018", "2018", EVENTS)):
        tab.goto(paged + "years/2018/page/2/")
        assert not tab.locator("form.filter-form").is_visible()
        tab.click(".filter-links summary")  # folded away until asked for
        target = tab.locator(f"[data-filter-link='{link}']")
        assert target.is_visible()
        box = target.bounding_box()
        assert box["height"] >= 24
        target.click()
        tab.wait_for_load_state()
        assert tab.locator("h1").inner_text() == heading
        assert tab.locator(".page-head .meta").first.inner_text().startswith(f"{count} event")
    context.close()
