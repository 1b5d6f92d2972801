"""What a reader sees of types and provenance, in Chromium: plain labels, never a CAMEO code or
name, never a file path or a line number; a source link opens at its underlined sentence."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dateline.site import typelabels

pytestmark = pytest.mark.browser
LABELS = typelabels.labels()
# CAMEO's own names of more than a word ("Consult" or "Yield" may be a story's own words), as
# capitalised labels: the ones readers used to see
CAMEO_NAMES = sorted({e.cameo for e in LABELS.types.values() if " " in e.cameo}
                     | {"Verbal cooperation", "Material cooperation", "Verbal conflict",
                        "Material conflict", "Unclassified"})
WORDS = "|".join(re.escape(w) for w in [e.cameo for e in LABELS.types.values()]
                 + [e.label for e in LABELS.types.values()])
ROOT = r"\b(?:0[1-9]|1\d|20)"
CODED = re.compile(rf"{ROOT}\s+(?:{WORDS})|CAMEO", re.IGNORECASE)
JARGON = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in CAMEO_NAMES) + r")\b")
PATHLIKE = re.compile(r"\.md\b|\.markdown\b|\bline \d+|\blines? \d+[–-]\d+|:\d+\b(?!:)")

# everything a reader can see or hear: the text, option labels, tooltips and accessible names
SEEN = """() => {
  const parts = [document.title, document.body.innerText];
  for (const el of document.querySelectorAll('option, title')) parts.push(el.textContent);
  for (const el of document.querySelectorAll('[aria-label], [title], [alt]'))
    parts.push(...['aria-label', 'title', 'alt'].map(a => el.getAttribute(a) || ''));
  return parts.join('\\n');
}"""


@pytest.fixture(scope="module")
def site(served: str, example_site: Path) -> tuple[str, dict[str, Any]]:
    """The example site, served (``conftest.py``), with its ``timeline.json``."""
    return served, json.loads((example_site / "timeline.json").read_text(encoding="utf-8"))


@pytest.fixture
def tab(browser: Any) -> Iterator[Any]:
    page = browser.new_page()
    yield page
    page.close()


def _event_from_article(data: dict[str, Any]) -> dict[str, Any]:
    """An event with a CAMEO type read from an article (the kind whose source has a sentence)."""
    return next(e for e in data["events"] if e["type"] and e["quad"]
                and any((s["path"] or "").startswith("articles/") for s in e["sources"]))


def _path_of(event: dict[str, Any]) -> str:
    return event["url"].split("/", 3)[-1] if "://" in event["url"] else event["url"].lstrip("/")


def _assert_plain(text: str, where: str) -> None:
    assert not CODED.findall(text), (where, CODED.findall(text))
    assert not JARGON.findall(text), (where, JARGON.findall(text))
    assert not PATHLIKE.findall(text), (where, PATHLIKE.findall(text))


@pytest.mark.parametrize("path", ["", "event", "actors/usa/", "years/2018/12/",
                                  "sources/2018-12-08-ri-in-beijing/", "sources/2017-crisis/"])
def test_pages_show_plain_types_and_no_file_positions(tab: Any, site: tuple[str, Any],
                                                      path: str) -> None:
    served, data = site
    event = _event_from_article(data)
    tab.goto(served + (_path_of(event) if path == "event" else path))
    text = tab.evaluate(SEEN)
    _assert_plain(text, path)
    if path == "event":  # the type is there, as its plain label
        assert typelabels.type_label(event["type"]) in text
        assert typelabels.kind_label(event["quad"]) in text
    if path in ("", "years/2018/12/"):  # every type on the page is a filter option, by label
        options = tab.locator("#f-type option").all_inner_texts()[1:]
        expected = {typelabels.type_label(e["type"]) for e in data["events"] if e["type"]
                    and (path == "" or e["date"].startswith("2018-12"))}
        assert {re.sub(r" \(\d+\)$", "", o) for o in options} == expected


def test_type_filter_uses_plain_values_in_the_address(tab: Any, site: tuple[str, Any]) -> None:
    served, _data = site
    tab.goto(served)
    values = tab.locator("#f-type option").evaluate_all("os => os.map(o => o.value)")[1:]
    assert values and not [v for v in values if re.search(r"\d", v)]
    tab.select_option("#f-type", values[0])
    assert f"type={values[0]}" in tab.url
    shown = tab.locator("main article.event:visible")
    assert shown.count() > 0
    assert set(shown.evaluate_all("els => els.map(e => e.dataset.type)")) == {values[0]}


def test_a_source_link_opens_at_its_underlined_sentence(tab: Any, site: tuple[str, Any]) -> None:
    served, data = site
    event = _event_from_article(data)
    article = next(s for s in event["sources"] if (s["path"] or "").startswith("articles/"))
    tab.goto(served + _path_of(event))
    link = tab.locator("ol.sources a", has_text=article["title"]).first
    assert link.inner_text() == article["title"]
    assert article["publisher"] in tab.locator("ol.sources li").first.inner_text() \
        or article["publisher"] in tab.locator("ol.sources").inner_text()
    assert re.search(r"/sources/[^/]+/#s\d+$", link.get_attribute("href") or "")
    link.click()
    tab.wait_for_load_state()
    target = tab.evaluate("""() => { const t = document.querySelector(':target');
        return t && [t.className, t.textContent, getComputedStyle(t).outlineStyle]; }""")
    assert target is not None, "the link's sentence is not on the source page"
    css_class, sentence, outline = target
    assert css_class == "evsent" and outline != "none"  # underlined, and outlined when reached
    # the sentence the event was read from: its quote, up to the cleaning of a source's markup
    assert sentence.split()[:4] == event["quote"].split()[:4]


def test_search_filters_read_as_plain_labels(tab: Any, site: tuple[str, Any]) -> None:
    served, data = site
    tab.goto(served + "search/?q=summit")
    tab.wait_for_selector(".search-result .result-title a", timeout=15000)
    facets = tab.evaluate("""async () => {
        const pagefind = await import(new URL('../pagefind/pagefind.js', location.href).href);
        return await pagefind.filters();
    }""")
    expected = {typelabels.type_label(e["type"]) for e in data["events"] if e["type"]}
    assert set(facets["type"]) == expected
    _assert_plain(tab.evaluate(SEEN), "search")
