"""Pathological input: cost grows with the input, and what no parser should be given is refused.

One sentence of 200 KB once made 2,001 events of 200 KB each (a 1.6 GB site); 20,000 '[' kept
Python-Markdown busy for a minute; 200,000 nested '<div>' kept nh3 busy for minutes.  Times are
measured in ``bench/pathological.py``; these tests check the shapes: sizes that grow linearly,
the warnings and errors with their lines, and fast paths equal to the plain definitions.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from dateline.content import bounds, loader
from dateline.events import extract as event_extract
from dateline.events.sentences import MAX_SENTENCE, split_sentences
from dateline.pipeline.extract import extract_document
from dateline.site import markup
from dateline.site.markup import Highlight
from dateline.timex import engine
from tests.conftest import make_project, run_cli, shared

RUN_ON = ("Trump met Kim on Tuesday in Singapore and officials said on Friday that talks would "
          "resume next week ")
FRONT = "---\ntitle: {title}\ndate: 2018-06-13\npublisher: Wire\nurl: https://example.org/{n}\n---\n"


def article(body: str, n: int = 1) -> str:
    return FRONT.format(title=f"Story {n}", n=n) + body + "\n"


def write(root: Path, name: str, text: str) -> Path:
    path = root / "content" / "articles" / name
    path.write_text(text, encoding="utf-8")
    return path


def document(body: str) -> loader.Document:
    doc, problems = loader.parse_document("articles/x.md", "article", article(body), "digest")
    assert doc is not None, problems
    return doc


# --- one sentence without full stops ---------------------------------------------------------

def test_a_run_on_sentence_is_cut_with_a_warning_naming_its_line() -> None:
    extraction = extract_document(document(RUN_ON * 300))
    [problem] = extraction.problems
    length = len(RUN_ON * 300) - 1  # without the trailing space
    found = re.fullmatch(f"sentence of {length:,} characters is longer than {MAX_SENTENCE:,}; "
                         r"read as (\d+) pieces", problem.message)
    assert found and length / MAX_SENTENCE <= int(found[1]) <= 2 * length / MAX_SENTENCE
    assert (problem.path, problem.line, problem.col) == ("articles/x.md", 7, 1)
    assert extraction.events and all(len(e.quote) <= MAX_SENTENCE for e in extraction.events)


def test_the_site_of_a_run_on_sentence_grows_linearly(tmp_path: Path) -> None:
    candidates, sizes = [], []
    for repeats in (100, 400):
        extraction = extract_document(document(RUN_ON * repeats))
        candidates.append(len(extraction.events) + len(extraction.left_off))
        root = make_project(tmp_path / str(repeats))
        write(root, "run-on.md", article(RUN_ON * repeats))
        code, _out, err = run_cli("--root", str(root), "build", "--no-cache", "--jobs", "1")
        assert code == 0 and "warning: sentence of" in err
        sizes.append(sum(p.stat().st_size for p in (root / "site").rglob("*") if p.is_file()))
    assert 3 <= candidates[1] / candidates[0] <= 5  # four times the text, four times the dates
    assert sizes[1] / sizes[0] <= 5  # quadratic growth made it 16


def test_split_sentences_never_returns_a_sentence_over_the_bound() -> None:
    text = "word " * 5000 + "\n\n" + "x" * 3500 + "\n\nShort one. Another."
    spans = split_sentences(text)
    assert all(hi - lo <= MAX_SENTENCE for lo, hi in spans)
    covered = "".join(text[lo:hi] for lo, hi in spans).replace(" ", "")
    assert covered == text.replace(" ", "").replace("\n", "")  # every character still read


def test_past_the_event_bound_the_rest_of_a_file_is_left_out_with_a_warning() -> None:
    body = "\n\n".join(f"Envoys met on June {d % 28 + 1}, 2018 in round {d}." for d in range(600))
    extraction = extract_document(document(body))
    assert len(extraction.events) + len(extraction.left_off) == event_extract.MAX_EVENTS
    [problem] = [p for p in extraction.problems if "left out" in p.message]
    assert problem.line == 7 + 2 * event_extract.MAX_EVENTS  # the paragraph of event 501
    assert problem.message == (f"more than {event_extract.MAX_EVENTS} dated events in one file; "
                               "the events from here on are left out")


# --- fast paths equal to their definitions ---------------------------------------------------

def _select_by_definition(found: list[engine.Candidate]) -> list[engine.Candidate]:
    ranked = sorted(found, key=lambda c: (-(c.end - c.start), not c.rule.negative,
                                          -c.rule.priority, c.order, c.start))
    chosen: list[engine.Candidate] = []
    for c in ranked:
        if not any(c.start < o.end and o.start < c.end for o in chosen):
            chosen.append(c)
    return sorted((c for c in chosen if not c.rule.negative), key=lambda c: c.start)


def test_selecting_candidates_with_bisection_equals_the_pairwise_definition() -> None:
    text = ("On Tuesday, 4 December 2018, and last week, in early 2019 or January or February, "
            "the talks of 1998 resumed next month. ") * 20
    from dateline import timex

    found = engine.candidates(text, timex.grammar())
    assert len(found) > 200
    rng = random.Random(16)
    for _ in range(20):
        sample = rng.sample(found, rng.randint(1, len(found)))
        assert engine.select(sample) == _select_by_definition(sample)


def _nested_by_definition(text: str, spans: list[Highlight]) -> list[Highlight]:
    chosen: list[Highlight] = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if span.end <= span.start or markup._CROSSES_MARKUP.search(text[span.start:span.end]):
            continue
        if not any(o.start < span.start < o.end < span.end
                   or span.start < o.start < span.end < o.end
                   or (o.start, o.end) == (span.start, span.end) for o in chosen):
            chosen.append(span)
    return chosen


def test_choosing_highlights_with_a_stack_equals_the_pairwise_definition() -> None:
    rng = random.Random(16)
    for _ in range(2000):
        text = "".join(rng.choice("ab c*") for _ in range(50))
        spans = [Highlight(rng.randint(0, 50), rng.randint(0, 50), rng.choice(["timex", "event"]),
                           anchor=str(n)) for n in range(rng.randint(0, 14))]
        assert markup._nested_safe(text, spans) == _nested_by_definition(text, spans)


def test_a_page_with_more_dates_than_it_marks_still_marks_its_events_first() -> None:
    count = markup.MAX_HIGHLIGHTS + 10
    text = "1998 " * count
    dates = [Highlight(5 * i, 5 * i + 4, "timex", "1998") for i in range(count)]
    event = Highlight(0, 9, "event", anchor="e1", href="/events/e1/")
    html = markup.highlighted_html(text, [*dates, event])
    assert html.count('class="evsent"') == 1
    assert html.count('class="timex"') == markup.MAX_HIGHLIGHTS - 1


def test_text_holding_private_use_characters_gets_marks_it_does_not_hold() -> None:
    text = "Icons \ue000\ue001 and \U000f0000 shown on Tuesday."
    start = text.index("Tuesday")
    html = markup.highlighted_html(text, [Highlight(start, start + 7, "timex", "2018-12-04")])
    assert '<mark class="timex" data-value="2018-12-04">Tuesday</mark>' in html
    assert "\ue000\ue001" in html and "\U000f0000" in html


# --- what no parser is given ------------------------------------------------------------------

REFUSED = {
    "brackets": ("Intro line.\n\n" + "[" * 20_000 + "\n",
                 "content/articles/brackets.md:9:1: error: 20,000 '[', '](' or '<' left open in "
                 "one paragraph; Markdown would re-read the paragraph for each of them"),
    "link-targets": ("Intro.\n\n" + "[a](" * 2_000 + "\n",
                     "content/articles/link-targets.md:9:1: error: 2,000 '[', '](' or '<' left "
                     "open in one paragraph; Markdown would re-read the paragraph for each of "
                     "them"),
    "divs": ("Intro.\n\n" + "<div>\n" * 99 + "<div><div>" + "<div>" * 89_900 + "\n",
             "content/articles/divs.md:108:1: error: HTML elements are nested 90,001 deep; at "
             "most 100 may nest"),
    "long": ("Talks resumed on Tuesday. " * 20_000,
             "content/articles/long.md:7:1: error: text is 520,001 characters long; at most "
             "500,000 are read from one file"),
}


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_what_no_parser_should_be_given_is_refused_at_its_line(tmp_path: Path, name: str) -> None:
    root = make_project(tmp_path / "p")
    body, expected = REFUSED[name]
    write(root, f"{name}.md", article(body))
    write(root, "fine.md", article("Kim met Moon on Friday.", 2))
    check_code, check_out, _ = run_cli("--root", str(root), "check")
    build_code, build_out, build_err = run_cli("--root", str(root), "build", "--no-cache")
    assert expected in check_out.splitlines()
    assert expected in build_err.splitlines()  # check and build say the same
    assert check_code == build_code == 1
    assert "1 document," in build_out  # the other file still builds
    assert (root / "site" / "sources" / "fine" / "index.html").is_file()


def test_the_bounds_refuse_no_real_story() -> None:
    corpus = shared("corpora/te3-silver")
    from bench.common import read_stories

    stories = read_stories(corpus)
    assert len(stories) > 2000
    refused = [s.doc_id for s in stories if bounds.refusals("\n\n".join(s.paragraphs))]
    assert refused == []


def test_brackets_that_close_cost_nothing() -> None:
    closed = "See [the statement](../a.md), <https://example.org/b> and <i>that</i>. " * 2000
    assert bounds.open_brackets(closed)[0] < bounds.MAX_SCAN // 10
    assert bounds.refusals(closed) == []
