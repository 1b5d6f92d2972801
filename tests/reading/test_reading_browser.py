"""The example timeline in Chromium: chart links, filters, search, axe-core and the keyboard.

The site, the tab and axe-core (from npm, ``tests/reading/package.json``) come from
``conftest.py``.
"""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.browser


def test_chart_bar_opens_its_month(page: Any, served: str) -> None:
    page.goto(served)
    bar = page.locator("svg.chart a.bar").first
    label = bar.get_attribute("aria-label")
    bar.click()
    page.wait_for_url("**/years/*/*/")
    month = label.split(":")[0]
    assert page.locator("h1").inner_text() == month
    count = int(label.split(":")[1].split()[0])
    assert page.locator("main article.event").count() == count
    assert page.errors == []


def test_filters_narrow_the_page_and_live_in_the_url(page: Any, served: str) -> None:
    page.goto(served)
    total = page.locator("main article.event").count()
    assert page.locator("form.filter-form").is_visible()
    page.select_option("#f-actor", "CHN")
    visible = page.locator("main article.event:visible")
    assert 0 < visible.count() < total
    for actors in visible.evaluate_all("els => els.map(e => e.dataset.actors)"):
        assert "CHN" in actors.split()
    assert "actor=CHN" in page.url
    shared = page.url
    page.goto(served)  # a fresh visit to the shared address restores the filtered view
    page.goto(shared)
    assert page.locator("#f-actor").input_value() == "CHN"
    assert page.locator("main article.event:visible").count() == visible.count()
    assert "Showing" in page.locator(".filter-status").inner_text()
    page.click("button[type=reset]")
    page.wait_for_function("() => !location.search")
    assert page.locator("main article.event:visible").count() == total
    assert page.errors == []


def test_a_month_lists_its_days_and_filters_hide_empty_days(page: Any, served: str) -> None:
    page.goto(served + "years/2018/12/")
    days = page.locator("main section.day")
    headings = days.locator("h2.day-title").all_inner_texts()
    assert headings[:2] == ["2 December 2018", "4 December 2018"]
    assert len(headings) == len(set(headings)) >= 3
    for day in days.all():  # every card sits under its day's heading, one level below it
        heading = day.locator("h2.day-title").inner_text()
        cards = day.locator("article.event")
        assert day.locator("article.event h3.event-summary").count() == cards.count() > 0
        for label in day.locator("article.event .event-date time").all_inner_texts():
            assert label == heading or not label[:1].isdigit()  # "around 4 December 2018"
    page.select_option("#f-actor", "john-bolton")
    shown = page.locator("main section.day:visible")
    assert shown.count() == 1 < days.count()
    assert shown.locator("h2").inner_text() == "4 December 2018"
    assert page.errors == []


def test_without_javascript_the_page_offers_browse_links(browser: Any, served: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(served)
    assert not tab.locator("form.filter-form").is_visible()
    assert tab.locator(".browse a[href='/actors/']").is_visible()
    context.close()


def test_search_finds_events_and_offers_facets(page: Any, served: str) -> None:
    page.goto(served + "search/?q=Hanoi")
    page.wait_for_selector(".search-result .result-title a", timeout=15000)
    links = page.locator(".search-result .result-title a").evaluate_all(
        "els => els.map(e => e.getAttribute('href'))")
    assert any(link.startswith("/events/") for link in links)
    assert any(link.startswith("/sources/") for link in links)
    # The facets the index offers, asked of Pagefind's own API
    facets = page.evaluate("""async () => {
        const pagefind = await import(new URL('../pagefind/pagefind.js', location.href).href);
        return Object.keys(await pagefind.filters());
    }""")
    assert {"actor", "type", "year"} <= set(facets)
    page.locator(".search-result .result-title a").first.click()
    page.wait_for_load_state()
    assert "Hanoi" in page.locator("main").inner_text()
    assert page.errors == []


@pytest.mark.parametrize("path", ["", "events/singapore-summit/",
                                  "sources/2018-12-08-ri-in-beijing/", "actors/usa/",
                                  "search/?q=summit", "search/?q=summit&sort=newest&year=2018",
                                  "events/", "years/", "years/2018/?order=newest",
                                  "years/2018/12/?view=compact"])
def test_no_serious_accessibility_violations(browser: Any, served: str, axe_source: str,
                                             path: str) -> None:
    for scheme in ("light", "dark"):
        context = browser.new_context(color_scheme=scheme)
        tab = context.new_page()
        tab.goto(served + path)
        if path.startswith("search/"):
            tab.wait_for_selector(".search-result .result-title a", timeout=15000)
        if "order=" in path or "view=" in path:  # the script has put the list in that order
            tab.wait_for_function("() => document.querySelector('[data-order]').hidden === false")
        tab.evaluate(axe_source)  # evaluated, not injected, so the page's CSP stays in force
        violations = tab.evaluate("""async () => (await axe.run(document)).violations
            .filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', '))""")
        context.close()
        assert violations == [], f"{scheme}: {violations}"


def test_keyboard_reaches_links_with_a_visible_outline(page: Any, served: str) -> None:
    page.goto(served)
    page.keyboard.press("Tab")
    first = page.evaluate("document.activeElement.textContent.trim()")
    assert first == "Skip to content"
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    seen = []
    for _ in range(12):
        page.keyboard.press("Tab")
        seen.append(page.evaluate("""() => {
            const e = document.activeElement, s = getComputedStyle(e);
            return [e.tagName.toLowerCase(), s.outlineStyle, parseFloat(s.outlineWidth)]; }"""))
    links = [s for s in seen if s[0] == "a"]
    assert len(links) >= 8
    assert all(style != "none" and width >= 2 for _tag, style, width in links)


def test_reduced_motion_turns_off_smooth_scrolling(browser: Any, served: str) -> None:
    for motion, expected in (("no-preference", "smooth"), ("reduce", "auto")):
        context = browser.new_context(reduced_motion=motion)
        tab = context.new_page()
        tab.goto(served)
        behaviour = tab.evaluate("getComputedStyle(document.documentElement).scrollBehavior")
        context.close()
        assert behaviour == expected, motion
