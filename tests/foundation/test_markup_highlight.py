"""Source pages' highlights: dates and event sentences marked in the Markdown's HTML.

The marks go into the Markdown as placeholder characters and their tags are swapped in after
conversion; text with placeholder characters of its own gets the tags as inline HTML instead.
Both ways must give the same page.
"""

from __future__ import annotations

import pytest

from dateline.site import markup
from dateline.site.markup import Highlight, Links, highlighted_html

TIMEX = '<mark class="timex" data-value="2018-12-04">'


def spans_of(text: str, *pieces: str, kind: str = "timex") -> list[Highlight]:
    return [Highlight(text.index(p), text.index(p) + len(p), kind, "2018-12-04")
            for p in pieces]


@pytest.mark.parametrize(("text", "piece", "expected"), [
    ("Talks resumed on Tuesday.", "Tuesday", f"<p>Talks resumed on {TIMEX}Tuesday</mark>.</p>"),
    ("## Talks on Tuesday", "Tuesday", f"<h2>Talks on {TIMEX}Tuesday</mark></h2>"),
    ("- met on Tuesday\n- left", "Tuesday", f"<li>met on {TIMEX}Tuesday</mark></li>"),
    ("Run `since Tuesday` here.", "Tuesday", f"<code>since {TIMEX}Tuesday</mark></code>"),
    ("**Talks on Tuesday** ended.", "Tuesday", f"<strong>Talks on {TIMEX}Tuesday</mark></strong>"),
])
def test_dates_are_marked_where_markdown_puts_them(text: str, piece: str, expected: str) -> None:
    assert expected in highlighted_html(text, spans_of(text, piece))


def test_a_date_inside_an_attribute_leaves_the_attribute_whole() -> None:
    text = "![Photo taken on Tuesday](photo.jpg)"
    html = highlighted_html(text, spans_of(text, "Tuesday"))
    assert html == '<p><img alt="Photo taken on Tuesday" src="photo.jpg"></p>'


def test_event_sentences_link_to_their_events_under_the_base_path() -> None:
    text = "Bolton said on Tuesday that talks would go on.\n\nAnother paragraph."
    sentence = text[:text.index("\n")]
    spans = [Highlight(0, len(sentence), "event", "Bolton: talks go on", "s0", "/events/e1/"),
             *spans_of(text, "Tuesday")]
    html = highlighted_html(text, spans, Links("/repo/", "articles/a.md", {}))
    assert html.startswith('<p><a id="s0" class="evsent" href="/repo/events/e1/" '
                           'title="Bolton: talks go on" rel="noopener noreferrer">Bolton said on '
                           f"{TIMEX}Tuesday</mark> that")
    assert "</a></p>" in html


def test_spans_across_paragraphs_or_crossing_each_other_are_skipped() -> None:
    text = "Talks on Tuesday.\n\nThen on Friday."
    across = Highlight(text.index("Tuesday"), text.index("Friday") + 6, "timex", "x")
    crossing = Highlight(text.index("on Tue"), text.index("Tuesday") + 3, "timex", "y")
    inner = spans_of(text, "Tuesday")
    html = highlighted_html(text, [across, *inner, crossing])
    # the span that starts first stays; the one crossing it (and the one across) do not
    assert html.count("<mark") == 1 and 'data-value="y"' in html


TEXTS = [
    "Bolton said Tuesday that **another summit** would come in January or February.",
    "| When | What |\n|---|---|\n| Tuesday | talks |\n\nAfter that, on Friday, a summit.",
    "> Quoted on Tuesday.\n>\n> And Friday.\n\n1. First on Tuesday\n2. Then Friday",
    "A [link about Tuesday](https://example.org/t) and Friday's `code` <b>raw Tuesday</b>.",
]


@pytest.mark.parametrize("text", TEXTS)
def test_placeholders_give_the_same_html_as_inline_tags(text: str,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    spans = [Highlight(i, i + len(word), "timex", word) for word in ("Tuesday", "Friday")
             for i in _positions(text, word)]
    fast = highlighted_html(text, spans)
    monkeypatch.setattr(markup, "_MARKS", 0)  # no room for placeholders: inline tags
    assert highlighted_html(text, spans) == fast
    assert fast.count("<mark") >= 1


def test_dates_in_code_blocks_are_marked_too() -> None:
    text = "```\nfenced Tuesday\n```"
    assert highlighted_html(text, spans_of(text, "Tuesday")) == \
        f"<pre><code>fenced {TIMEX}Tuesday</mark>\n</code></pre>"


def test_text_with_private_use_characters_still_gets_its_marks() -> None:
    text = "Icon \ue001 shown on Tuesday."
    html = highlighted_html(text, spans_of(text, "Tuesday"))
    assert f"{TIMEX}Tuesday</mark>" in html and "\ue001" in html


def _positions(text: str, word: str) -> list[int]:
    found, start = [], text.find(word)
    while start >= 0:
        found.append(start)
        start = text.find(word, start + 1)
    return found
