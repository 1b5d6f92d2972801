"""End to end on the seed article and the evaluation set, with the real tagger."""

from __future__ import annotations

import datetime as dt
import importlib.util
import sys
from pathlib import Path

import pytest

from dateline import timex
from dateline.events import extract_events, merge_events
from dateline.models import Document, Event
from tests.conftest import shared

TITLE = "Satellite images show activity at a missile base in North Korea"
BENCH = Path(__file__).resolve().parents[2] / "bench" / "events.py"


def seed_document() -> Document:
    raw = shared("seeds/000_78f3f7e25b09e543.txt").read_text(encoding="utf-8")
    start = raw.index("08 December 2018") + len("08 December 2018")
    end = raw.rindex(TITLE)
    return Document(
        path="articles/seed.md",
        kind="article",
        title=TITLE,
        published="2018-12-08",
        body=raw[start:end],
        body_line=raw.count("\n", 0, start) + 1,
        digest="seed",
    )


@pytest.fixture(scope="module")
def seed_events() -> list[Event]:
    doc = seed_document()
    anchor = timex.reference_date(doc.body, dt.date(2018, 12, 8))
    found = timex.tag(doc.body, anchor)
    assert found, "the tagger finds no date in the seed article"
    return extract_events(doc, found, anchor)[0]


def find(events: list[Event], date: str, words: str) -> Event:
    hits = [e for e in events if e.date == date and words.lower() in e.quote.lower()]
    assert hits, f"no event dated {date} about {words!r}: {[(e.date, e.summary) for e in events]}"
    return hits[0]


def test_seed_yields_the_required_events(seed_events: list[Event]) -> None:
    find(seed_events, "2017", "underground facility")
    find(seed_events, "2018-08", "still under construction")
    assert {"USA", "CHN"} <= set(find(seed_events, "2018-W48", "US-China summit").actors)
    assert "USA" in find(seed_events, "2018-12-02", "Trump on Sunday").actors
    assert {"USA", "PRK"} <= set(find(seed_events, "2018-12-04", "Bolton said Tuesday").actors)
    assert {"PRK", "CHN"} <= set(find(seed_events, "2018-12-06", "foreign minister").actors)
    planned = find(seed_events, "2019-01", "January or February")
    assert (planned.end, planned.status) == ("2019-02", "planned")


def test_seed_has_no_event_from_the_page_header(seed_events: list[Event]) -> None:
    assert not [e for e in seed_events if e.date.startswith("2019") and e.status != "planned"]
    assert all(e.sources[0].line > 6 for e in seed_events)


def test_seed_lines_point_into_the_file(seed_events: list[Event]) -> None:
    lines = shared("seeds/000_78f3f7e25b09e543.txt").read_text(encoding="utf-8").splitlines()
    for event in seed_events:
        assert event.quote[:20] in lines[event.sources[0].line - 1]


def test_seed_events_merge_with_a_second_copy_into_single_events(seed_events: list[Event]) -> None:
    doc = seed_document()
    copy = Document(
        path="articles/copy.md",
        kind="article",
        title=TITLE,
        published="2018-12-09",
        body=doc.body,
        body_line=1,
        digest="copy",
    )
    anchor = dt.date(2018, 12, 8)
    again = extract_events(copy, timex.tag(copy.body, anchor), anchor)[0]
    merged = merge_events(seed_events + again)
    dated = [e for e in merged if not e.certainty]
    assert all(len(e.sources) == 2 for e in dated)
    assert {e.id for e in dated} <= {e.id for e in seed_events}


def test_evaluation_set_meets_its_targets() -> None:
    shared("corpora/te3-silver")
    spec = importlib.util.spec_from_file_location("bench_events", BENCH)
    assert spec and spec.loader
    bench = importlib.util.module_from_spec(spec)
    sys.modules["bench_events"] = bench
    spec.loader.exec_module(bench)
    assert timex.tag("He arrived on Tuesday.", dt.date(2018, 12, 8))
    scores = bench.scores(silver=False)
    assert scores["recall"] >= 0.85
    assert scores["date_accuracy"] >= 0.9
    assert scores["merges_across_actors"] == 0 and scores["wrong_merges"] == 0
