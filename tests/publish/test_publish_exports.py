"""Data exports, each read back with a real parser: Atom (feedparser), iCalendar (icalendar),
TimelineJS JSON, CSV (csv module) and timeline.json (its JSON Schema).

Expected dates below were worked out by hand from the calendar (e.g. ISO week 48 of 2018 runs
Monday 26 November to Sunday 2 December), not copied from the code's output.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from dateline import events
from tests.conftest import REPO, make_project, run_cli

feedparser = pytest.importorskip("feedparser")
icalendar = pytest.importorskip("icalendar")
jsonschema = pytest.importorskip("jsonschema")

BASE = "https://user.github.io/repo/"
EPOCH = "1546300800"  # 2019-01-01T00:00:00Z
SCHEMA = REPO / "schemas" / "timeline.schema.json"

NOTE = """\
---
title: Dates at every precision
sources: [https://example.org/report]
events:
  - id: day-event
    date: 2018-06-12
    title: A day, with "quotes", commas; and a semicolon
    actors: [USA, PRK]
    source: [USA]
    target: [PRK]
    tags: [summit, singapore]
  - id: month-event
    date: 2018-06
    title: A month
    actors: [KOR]
  - id: week-event
    date: 2018-W48
    title: A week
  - id: year-event
    date: 2016
    title: A leap year
    actors: [donald-trump, USA]
  - id: range-event
    date: 2019-02-27/2019-02-28
    title: A range across the end of February
  - id: month-range
    date: 2018-12/2019-01
    title: A range of months across a new year
  - id: early-event
    date: early 2019
    title: Early in a year
---
"""

# id → (DTSTART, DTEND exclusive), by hand.
SPANS = {
    "day-event": (dt.date(2018, 6, 12), dt.date(2018, 6, 13)),
    "month-event": (dt.date(2018, 6, 1), dt.date(2018, 7, 1)),
    "week-event": (dt.date(2018, 11, 26), dt.date(2018, 12, 3)),
    "year-event": (dt.date(2016, 1, 1), dt.date(2017, 1, 1)),
    "range-event": (dt.date(2019, 2, 27), dt.date(2019, 3, 1)),
    "month-range": (dt.date(2018, 12, 1), dt.date(2019, 2, 1)),
    "early-event": (dt.date(2019, 1, 1), dt.date(2020, 1, 1)),
}


def _build(root: Path, monkeypatch: pytest.MonkeyPatch, *extra: str) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    code, _out, err = run_cli("--root", str(root), "build", "--no-cache", "--jobs", "1", *extra)
    assert code == 0, err
    return root / "site"


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_project(tmp_path_factory.mktemp("exports") / "project")
    (root / "content" / "notes" / "dates.md").write_text(NOTE, "utf-8")
    with pytest.MonkeyPatch.context() as monkeypatch:
        return _build(root, monkeypatch, "--base-url", BASE)


@pytest.fixture(scope="module")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("example")
    for name in ("content", "templates"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "pyproject.toml", root / "pyproject.toml")
    with pytest.MonkeyPatch.context() as monkeypatch:
        return _build(root, monkeypatch, "--base-url", BASE)


def _calendar(site: Path) -> dict[str, Any]:
    calendar = icalendar.Calendar.from_ical((site / "events.ics").read_bytes())
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


# --- Atom -------------------------------------------------------------------------------------

@pytest.mark.parametrize("site_name", ["fixture_site", "example_site"])
def test_feed_is_valid_atom_with_absolute_links(site_name: str,
                                                request: pytest.FixtureRequest) -> None:
    site: Path = request.getfixturevalue(site_name)
    feed = feedparser.parse((site / "feed.xml").read_bytes())
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.link.startswith(BASE)
    assert feed.entries
    for entry in feed.entries:
        assert entry.id.startswith(BASE + "events/")
        assert entry.link.startswith(BASE + "events/")
        assert entry.updated_parsed is not None


# --- iCalendar --------------------------------------------------------------------------------

def test_calendar_spans_each_event_at_its_precision(fixture_site: Path) -> None:
    by_uid = _calendar(fixture_site)
    assert set(by_uid) == {f"{i}@user.github.io" for i in SPANS}
    for event_id, (start, end) in SPANS.items():
        event = by_uid[f"{event_id}@user.github.io"]
        assert event["DTSTART"].dt == start, event_id
        assert event["DTEND"].dt == end, event_id
        assert event["DTSTART"].params.get("VALUE") == "DATE"
        assert event["DTEND"].params.get("VALUE") == "DATE"
        assert event["DTSTAMP"].dt == dt.datetime(2019, 1, 1, tzinfo=dt.UTC)
        assert str(event["URL"]) == f"{BASE}events/{event_id}/"


def test_calendar_text_survives_escaping_and_folding(fixture_site: Path) -> None:
    raw = (fixture_site / "events.ics").read_bytes()
    lines = raw.split(b"\r\n")
    assert lines[-1] == b"" and b"\n" not in raw.replace(b"\r\n", b"")
    assert max(len(line) for line in lines) <= 75  # RFC 5545 §3.1: octets, folded
    day = _calendar(fixture_site)["day-event@user.github.io"]
    assert str(day["SUMMARY"]) == 'A day, with "quotes", commas; and a semicolon'
    assert [str(c) for c in day["CATEGORIES"].cats] == ["summit", "singapore"]
    assert "https://example.org/report" in str(day["DESCRIPTION"])


def test_calendar_of_the_example_parses_with_unique_uids(example_site: Path) -> None:
    timeline = json.loads((example_site / "timeline.json").read_text("utf-8"))
    by_uid = _calendar(example_site)
    assert set(by_uid) == {f"{e['id']}@user.github.io" for e in timeline["events"]}
    for event in by_uid.values():
        assert event["DTEND"].dt > event["DTSTART"].dt


def test_calendar_host_falls_back_to_the_custom_domain(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_project(tmp_path / "project", '[tool.dateline]\ntitle = "T"\nbase_url = "/"\n'
                                              'cname = "timeline.example.org"\n')
    (root / "content" / "notes" / "dates.md").write_text(NOTE, "utf-8")
    site = _build(root, monkeypatch)
    assert (site / "CNAME").read_bytes() == b"timeline.example.org\n"
    assert "day-event@timeline.example.org" in _calendar(site)


# --- TimelineJS -------------------------------------------------------------------------------

def test_timelinejs_dates_keep_their_precision(fixture_site: Path) -> None:
    data = json.loads((fixture_site / "timelinejs.json").read_text("utf-8"))
    slides = {s["unique_id"]: s for s in data["events"]}
    assert slides["day-event"]["start_date"] == {"year": 2018, "month": 6, "day": 12}
    assert "end_date" not in slides["day-event"]
    assert slides["month-event"]["start_date"] == {"year": 2018, "month": 6}
    assert "end_date" not in slides["month-event"]
    assert slides["week-event"]["start_date"] == {"year": 2018, "month": 11, "day": 26}
    assert slides["week-event"]["end_date"] == {"year": 2018, "month": 12, "day": 2}
    assert slides["year-event"]["start_date"] == {"year": 2016}
    assert slides["range-event"]["end_date"] == {"year": 2019, "month": 2, "day": 28}
    assert slides["month-range"]["start_date"] == {"year": 2018, "month": 12}
    assert slides["month-range"]["end_date"] == {"year": 2019, "month": 1}
    assert slides["early-event"]["start_date"] == {"year": 2019}
    assert "early" in slides["early-event"]["display_date"]


def test_timelinejs_slides_have_text_links_groups_and_a_title(fixture_site: Path) -> None:
    data = json.loads((fixture_site / "timelinejs.json").read_text("utf-8"))
    assert data["title"]["text"]["headline"] == "Test timeline"
    slides = {s["unique_id"]: s for s in data["events"]}
    usa = events.actor_name("USA", events.load_gazetteer())
    assert slides["day-event"]["group"] == usa
    assert slides["year-event"]["group"] == usa  # the state, not the person, names the row
    assert "group" not in slides["week-event"]
    text = slides["day-event"]["text"]
    assert text["headline"].startswith("A day, with")
    assert 'href="https://example.org/report"' in text["text"]
    assert f'href="{BASE}events/day-event/"' in text["text"]


def test_timelinejs_ids_match_permalinks(example_site: Path) -> None:
    timeline = json.loads((example_site / "timeline.json").read_text("utf-8"))
    data = json.loads((example_site / "timelinejs.json").read_text("utf-8"))
    ids = [s["unique_id"] for s in data["events"]]
    assert len(ids) == len(set(ids))
    assert ids == [e["id"] for e in timeline["events"]]
    for event_id in ids:
        assert (example_site / "events" / event_id / "index.html").is_file()


# --- CSV --------------------------------------------------------------------------------------

def test_csv_rows_round_trip_through_the_csv_module(fixture_site: Path) -> None:
    raw = (fixture_site / "events.csv").read_bytes()
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")  # RFC 4180
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8"), newline="")))
    assert list(rows[0]) == ["id", "date", "end", "precision", "status", "summary", "actors",
                             "type", "quad", "tags", "sources", "urls", "permalink"]
    by_id = {r["id"]: r for r in rows}
    assert set(by_id) == set(SPANS)
    day = by_id["day-event"]
    assert day["summary"] == 'A day, with "quotes", commas; and a semicolon'
    assert day["actors"].split(";") == ["USA", "PRK"]
    assert day["tags"].split(";") == ["summit", "singapore"]
    assert "https://example.org/report" in day["urls"].split(";")
    assert day["permalink"] == BASE + "events/day-event/"
    assert (by_id["range-event"]["date"], by_id["range-event"]["end"]) == ("2019-02-27",
                                                                         "2019-02-28")
    assert by_id["week-event"]["precision"] == "week"


def test_csv_agrees_with_timeline_json(example_site: Path) -> None:
    timeline = json.loads((example_site / "timeline.json").read_text("utf-8"))["events"]
    rows = list(csv.DictReader(io.StringIO((example_site / "events.csv").read_text("utf-8"),
                                           newline="")))
    assert [r["id"] for r in rows] == [e["id"] for e in timeline]
    for row, event in zip(rows, timeline, strict=True):
        assert row["summary"] == event["summary"]
        assert row["actors"] == ";".join(event["actors"])
        assert row["permalink"] == event["url"]


# --- timeline.json ----------------------------------------------------------------------------

@pytest.mark.parametrize("site_name", ["fixture_site", "example_site"])
def test_timeline_json_matches_its_schema(site_name: str, request: pytest.FixtureRequest) -> None:
    site: Path = request.getfixturevalue(site_name)
    schema = json.loads(SCHEMA.read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(
        json.loads((site / "timeline.json").read_text("utf-8"))))
    assert errors == [], [f"{list(e.path)}: {e.message}" for e in errors[:5]]


def test_schema_rejects_what_it_should() -> None:
    schema = json.loads(SCHEMA.read_text("utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    event: dict[str, Any] = {
        "id": "x", "date": "2018-06-12", "end": None, "precision": "day", "mod": None,
        "status": "happened", "certainty": None, "summary": "S", "quote": "", "actors": [],
        "source": [], "target": [], "type": None, "quad": None, "tags": [], "importance": 1.0,
        "sources": [], "url": "/events/x/"}
    document = {"version": 1, "site": {"title": "T", "description": "", "base_url": "/",
                                       "language": "en", "generated": "2019-01-01T00:00:00Z"},
                "events": [event]}
    assert validator.is_valid(document)
    for bad in ({"date": "2018-13-01"}, {"status": "rumoured"}, {"id": "Has Spaces"},
                {"type": "21"}, {"precision": "fortnight"}, {"source": "USA"}, {"target": [""]}):
        assert not validator.is_valid({**document, "events": [{**event, **bad}]}), bad


def test_timeline_json_says_who_did_what_to_whom(fixture_site: Path, example_site: Path) -> None:
    notes = {e["id"]: e for e in json.loads((fixture_site / "timeline.json").read_text("utf-8"))
             ["events"]}
    assert {k: notes["day-event"][k] for k in ("actors", "source", "target")} == {
        "actors": ["USA", "PRK"], "source": ["USA"], "target": ["PRK"]}
    assert (notes["month-event"]["source"], notes["month-event"]["target"]) == ([], [])
    example = json.loads((example_site / "timeline.json").read_text("utf-8"))["events"]
    for event in example:
        assert set(event["source"]) | set(event["target"]) <= set(event["actors"]), event["id"]
    bolton = [e for e in example if "another summit with Kim" in e["quote"]]
    assert bolton and all("USA" in e["source"] and "PRK" in e["target"] for e in bolton)
    cancelled = [e for e in example if e["summary"].startswith("Trump calls off")]
    assert [(e["source"], e["target"]) for e in cancelled] == [(["USA"], ["PRK"])]


def test_every_item_of_a_csv_list_cell_is_inert(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    (root / "content" / "notes" / "formula.md").write_text(
        "---\ndate: 2018-06-12\ntitle: Lists whose later items look like formulas\n"
        "actors: [USA, '=HYPERLINK(\"https://evil.example\")', '+1', '@SUM(A1)']\n"
        "tags: [summit, '-2+3']\nsources: [https://example.org/a, '=cmd']\n---\n",
        encoding="utf-8")
    code, _out, err = run_cli("--root", str(root), "build", "--no-cache")
    assert code == 0, err
    [row] = list(csv.DictReader(io.StringIO((root / "site" / "events.csv").read_text("utf-8"),
                                            newline="")))
    items = [item for column in ("actors", "tags", "sources") for item in row[column].split(";")]
    assert "'=HYPERLINK(\"https://evil.example\")" in items  # there, but never as a formula
    assert [i for i in items if i[:1] in ("=", "+", "-", "@", "\t", "\r")] == []
