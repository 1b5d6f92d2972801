"""End to end on the seed article and the evaluation set, with the real tagger."""

from __future__ import annotations

import datetime as dt
import importlib.util
import sys
from pathlib import Path

import pytest

from dateline import timex
from dateline.events import extract_events, merge_events
from dateline.models import Document, Event, Extraction
from dateline.pipeline.extract import extract_document
from tests.conftest import shared

TITLE = "Satellite images show activity at a missile base in North Korea"
BENCH = Path(__file__).resolve().parents[2] / "bench" / "candidates.py"


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


@pytest.fixture(scope="module")
def seed_timeline() -> Extraction:
    """The seed as a build reads it: extracted, then judged (only developments are events)."""
    return extract_document(seed_document())


def kept(extraction: Extraction, date: str, words: str) -> Event:
    found = find(list(extraction.events), date, words)
    assert "PRK" in found.actors, found
    return found


def test_seed_keeps_the_facility_the_images_show_being_built_in_2017(
        seed_timeline: Extraction) -> None:
    # past the first paragraph, but what the images reveal, not a date the story recalls
    kept(seed_timeline, "2017", "underground facility")


def test_seed_keeps_the_facility_still_under_construction_in_august_2018(
        seed_timeline: Extraction) -> None:
    # "and it was still under construction": the clause's "it" is the facility North Korea builds
    kept(seed_timeline, "2018-08", "still under construction")


def test_seed_keeps_the_researchers_identifying_the_missile_base(
        seed_timeline: Extraction) -> None:
    # a revelation, dated by the story, about the state its title names
    event = kept(seed_timeline, "2018-12-08", "publicly identified")
    assert event.certainty == "report"


def test_seed_gives_its_chronology_and_no_commentary(seed_timeline: Extraction) -> None:
    guide = {("2017", ""), ("2018-08", ""), ("2018-W48", ""), ("2018-12-02", ""),
             ("2018-12-04", ""), ("2018-12-06", ""), ("2018-12-08", ""), ("2019-01", "2019-02")}
    assert {(e.date, e.end) for e in seed_timeline.events} == guide
    assert len(seed_timeline.events) <= 10
    quotes = " ".join(e.quote for e in seed_timeline.events)
    for remark in ("will not discuss", "refused to comment", "We watch", "big job", "analysts",
                   "Zhang said", "Jin said"):
        assert remark not in quotes


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
    spec = importlib.util.spec_from_file_location("bench_candidates", BENCH)
    assert spec and spec.loader
    bench = importlib.util.module_from_spec(spec)
    sys.modules["bench_candidates"] = bench
    spec.loader.exec_module(bench)
    assert timex.tag("He arrived on Tuesday.", dt.date(2018, 12, 8))
    scores = bench.scores(silver=False)
    assert scores["recall"] >= 0.85
    assert scores["date_accuracy"] >= 0.9
    assert scores["merges_across_actors"] == 0 and scores["wrong_merges"] == 0
