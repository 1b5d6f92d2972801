"""The date a time expression was read as, shown as text on its source page (not a tooltip).

The words come from ``dates.label`` and ``dateline/data/timex_labels.yaml``, whose examples run
here; no TIMEX3 value ("2018-12-06", "P6W", "XXXX-WXX-4") reaches a reader.
"""

from __future__ import annotations

import datetime as dt
import re
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import yaml

from dateline import dates
from dateline.site import timexlabels
from dateline.site.markup import Highlight, highlighted_html
from dateline.site.timexlabels import resolved_label, shown_label

# what a TIMEX3 value looks like, and no plain date does
RAW = re.compile(r"\bP(?:T?\d|T?X)|XXXX|_REF\b|\b\d{4}-(?:\d{2}|W\d{2}|Q\d|H\d|SP|SU|FA|WI)\b"
                 r"|T\d{2}:|TNI|TMO|TAF|TEV")


@pytest.mark.parametrize("example", timexlabels.words().examples,
                         ids=lambda e: f"{e.type}:{e.value}:{e.mod}")
def test_each_example_of_the_data_file_reads_as_its_label(example: timexlabels.Example) -> None:
    assert resolved_label(example.value, example.type, example.mod) == example.label


def _tagger_examples() -> list[tuple[str, str, str]]:
    """(value, type, mod) of every example of the tagger's rules: what it can resolve to."""
    found = []
    rules = resources.files("dateline.timex").joinpath("data/en/rules")
    for name in sorted(p.name for p in rules.iterdir() if p.name.endswith(".yaml")):
        data = yaml.safe_load(rules.joinpath(name).read_text(encoding="utf-8"))
        for rule in data.get("rules", []):
            for example in rule.get("examples", []):
                if example.get("value"):
                    kind = example.get("type") or rule.get("type") or "DATE"
                    found.append((str(example["value"]), str(kind), str(example.get("mod", ""))))
    return found


def test_no_value_the_tagger_gives_reaches_a_reader_as_a_code() -> None:
    values = _tagger_examples()
    assert len(values) > 100  # the rule files were read
    raw = [(v, k, resolved_label(v, k, m)) for v, k, m in values
           if RAW.search(resolved_label(v, k, m))]
    assert raw == []


def test_a_label_is_left_out_where_the_words_already_say_it() -> None:
    assert shown_label("December 2018", "2018-12") == ""
    assert shown_label("June 12, 2018", "2018-06-12") == ""
    assert shown_label("each Thursday", "XXXX-WXX-4", "SET") == ""
    assert shown_label("Thursday", "2018-12-06") == "6 December 2018"
    assert shown_label("last week", "2018-W48") == dates.label("2018-W48")


def test_the_label_follows_the_date_as_escaped_text_and_no_tooltip() -> None:
    text = "Talks resumed on Tuesday."
    start = text.index("Tuesday")
    span = Highlight(start, start + 7, "timex", "2018-12-04", label="4 <December> 2018")
    html = highlighted_html(text, [span])
    assert html == ('<p>Talks resumed on <mark class="timex" data-value="2018-12-04">Tuesday</mark>'
                    '<span class="resolved"> (4 &lt;December&gt; 2018)</span>.</p>')
    assert "title=" not in html


SOURCE = "sources/2018-12-08-ri-in-beijing/"


def _weekday_before(published: dt.date, name: str) -> dt.date:
    """The day named ``name`` in the week before ``published`` (how a wire story means it)."""
    for back in range(1, 8):
        day = published - dt.timedelta(days=back)
        if day.strftime("%A") == name:
            return day
    raise AssertionError(name)


@pytest.mark.browser
def test_a_reader_sees_each_date_it_was_read_as(reader: Any, served: str) -> None:
    reader.goto(served + SOURCE)
    published = dt.date.fromisoformat(
        reader.locator(".source-page header time").first.get_attribute("datetime"))
    marks = reader.locator(".source-text mark.timex")
    assert marks.count() >= 5
    assert reader.locator(".source-text mark.timex[title]").count() == 0
    weekdays = 0
    for mark in marks.all():
        words = mark.inner_text()
        label = mark.evaluate("m => m.nextElementSibling && m.nextElementSibling.matches("
                              "'.resolved') ? m.nextElementSibling.textContent : ''")
        assert not RAW.search(label), label
        if words in dates.WEEKDAYS:  # "on Thursday": which Thursday the page says
            day = _weekday_before(published, words)
            assert label == f" ({day.day} {dates.MONTHS[day.month - 1]} {day.year})"
            weekdays += 1
    assert weekdays >= 3
    resolved = reader.locator(".source-text .resolved").first
    assert resolved.is_visible()
    style = resolved.evaluate("e => [parseFloat(getComputedStyle(e).fontSize),"
                              " getComputedStyle(e).visibility]")
    assert style[0] >= 12 and style[1] == "visible"  # readable, on a phone too
    paragraph = resolved.evaluate("e => e.closest('p').innerText")  # what a screen reader reads
    assert resolved.inner_text().strip() in paragraph
    assert reader.errors == []


def test_the_built_page_holds_no_tooltip_value(example_site: Path) -> None:
    html = (example_site / SOURCE / "index.html").read_text(encoding="utf-8")
    assert '<mark class="timex" title=' not in html
    assert html.count('class="resolved"') >= 5
