"""The search page: results read as title, date and snippet; they sort by date; the query, the
filters and the order live in the address, and an address with ?q= runs its search."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.conftest import run_cli
from tests.reading.conftest import example_project, serve

pytestmark = pytest.mark.browser
RESULT_LINK = ".search-result .result-title a"
KINDS = ("Event", "Article", "Editor's note")


def results(tab: Any, served: str, query: str) -> list[dict[str, Any]]:
    """Every result of the search at ``query`` (the page shows ten at a time)."""
    tab.goto(served + "search/" + query)
    tab.wait_for_selector(RESULT_LINK, timeout=15000)
    total = int(tab.locator(".search-status").inner_text().split()[0])
    while tab.locator("[data-more]").is_visible():
        shown = tab.locator(".search-result").count()
        tab.click("[data-more]")
        tab.wait_for_function(f"() => document.querySelectorAll('.search-result').length > {shown}")
    assert tab.locator(".search-result").count() == total
    return tab.locator(".search-result").evaluate_all("""items => items.map(item => {
        const box = el => el ? el.getBoundingClientRect() : null;
        const [title, date, snippet] = ['.result-title a', '.result-date', '.result-snippet']
            .map(s => item.querySelector(s));
        return {href: title.getAttribute('href'), title: title.textContent,
                date: date ? date.textContent : '', snippet: snippet.textContent,
                boxes: [box(title), box(date), box(snippet)].map(b => b && [b.top, b.bottom])};
    })""")


def sort_date(site: Path, href: str) -> str:
    """The date a result's page gives search to sort by (``data-pagefind-sort``)."""
    html = (site / href.strip("/") / "index.html").read_text(encoding="utf-8")
    found = re.search(r'data-pagefind-sort="date:([^"]+)"', html)
    assert found, href
    return found[1]


def test_each_result_reads_as_title_then_date_then_snippet(reader: Any, served: str,
                                                           example_site: Path) -> None:
    found = results(reader, served, "?q=Hanoi")
    assert len(found) >= 3
    for result in found:
        title, date, snippet = result["boxes"]
        assert title[1] <= date[0] + 1 and date[1] <= snippet[0] + 1  # stacked, in that order
        kind, _, when = result["date"].partition(" · ")
        assert kind in KINDS and when, result["date"]
        page = html.unescape((example_site / result["href"].strip("/") / "index.html")
                             .read_text("utf-8"))
        assert result["title"] in page
        # nothing run together: no "Permalink2019-…", no "agreementDateline", no codes
        assert "Permalink" not in result["snippet"]
        assert not re.search(r"[a-z][A-Z][a-z]|[a-z]\d{4}", result["snippet"]), result["snippet"]
    assert reader.errors == []


@pytest.mark.parametrize(("order", "newest_first"), [("newest", True), ("oldest", False)])
def test_results_sort_by_date(sized: Any, served: str, example_site: Path, order: str,
                              newest_first: bool) -> None:
    found = results(sized, served, f"?q=summit&sort={order}")
    assert len(found) >= 5
    days = [sort_date(example_site, r["href"]) for r in found]
    assert days == sorted(days, reverse=newest_first)
    assert sized.locator("#search-sort").input_value() == order
    best = [r["href"] for r in results(sized, served, "?q=summit")]
    assert sorted(best) == sorted(r["href"] for r in found)  # the same results, reordered


def test_typing_puts_the_query_in_the_address_without_new_history(sized: Any,
                                                                  served: str) -> None:
    sized.goto(served + "search/")
    sized.wait_for_selector("[data-search]:not([hidden])", timeout=15000)
    before = sized.evaluate("history.length")
    sized.locator("#search-q").press_sequentially("Singapore", delay=20)
    sized.wait_for_function("() => new URLSearchParams(location.search).get('q') === 'Singapore'")
    # a pause in typing may show the results of "Sing" first: wait for the whole query's
    sized.wait_for_function(
        "() => (document.querySelector('.search-status') || {}).textContent"
        "?.includes('Singapore')", timeout=15000)
    sized.wait_for_selector(RESULT_LINK, timeout=15000)
    assert sized.evaluate("history.length") == before  # replaceState, not a new entry each key
    sized.select_option("#search-sort", "oldest")  # a choice is a history entry: Back undoes it
    sized.wait_for_function("() => location.search.includes('sort=oldest')")
    sized.go_back()
    sized.wait_for_function("() => !location.search.includes('sort=')")
    assert sized.locator("#search-sort").input_value() == ""
    assert sized.errors == []


def test_an_address_with_a_query_and_a_filter_runs_that_search(sized: Any, served: str,
                                                              example_site: Path) -> None:
    found = results(sized, served, "?q=summit&year=2018&kind=Event")
    assert sized.locator("#search-q").input_value() == "summit"
    assert sized.locator("#search-year").input_value() == "2018"
    assert found and all(sort_date(example_site, r["href"]).startswith("2018") for r in found)
    assert all(r["href"].startswith("/events/") for r in found)
    shared = parse_qs(urlsplit(sized.url).query)
    assert shared == {"q": ["summit"], "year": ["2018"], "kind": ["Event"]}


def test_without_javascript_the_page_points_to_the_listings(browser: Any, served: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(served + "search/?q=summit")
    assert not tab.locator("[data-search]").is_visible()
    assert tab.locator("[data-search-fallback] a[href='/events/']").is_visible()
    context.close()


@pytest.fixture(scope="module")
def under_repo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The example site published at ``/repo/``, as on GitHub Pages without a domain."""
    public = tmp_path_factory.mktemp("public")
    root = example_project(tmp_path_factory.mktemp("repo"))
    code, _out, err = run_cli("--root", str(root), "build", "--no-cache", "--base-url", "/repo/",
                              "--out", str(public / "repo"))
    assert code == 0, err
    server, address = serve(public)
    yield address
    server.shutdown()
    server.server_close()


def test_search_works_under_a_base_path(sized: Any, under_repo: str) -> None:
    sized.goto(under_repo + "repo/search/?q=Hanoi&sort=oldest")
    sized.wait_for_selector(RESULT_LINK, timeout=15000)
    links = sized.locator(RESULT_LINK).evaluate_all("els => els.map(e => e.href)")
    assert links and all(link.startswith(under_repo + "repo/") for link in links)
    assert urlsplit(sized.url).path == "/repo/search/"
    sized.locator(RESULT_LINK).first.click()
    sized.wait_for_load_state()
    assert "Hanoi" in sized.locator("main").inner_text()
    assert sized.errors == []
