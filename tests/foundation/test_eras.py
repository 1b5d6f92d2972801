"""Eras and an event's context: the schema reads ``era:`` and ``why:``, assemble orders the eras,
listings group events under them, event pages find the development before and after between the
same actors, and TimelineJS's export carries the eras.

Every expectation here is written from the rule in the docs (README's content format, the
docstrings of ``eras.py`` and ``related.py``), on events made for the test.
"""

from __future__ import annotations

import json
from pathlib import Path

from dateline.config import Settings
from dateline.content.loader import load_documents, parse_document
from dateline.models import Document, Era, Event, Extraction, NoteEvent, Source
from dateline.output.exports import timelinejs
from dateline.pipeline.assemble import assemble, eras_in_order
from dateline.site import eras, related, views
from tests.conftest import REPO, run_cli

ERA_NOTE = """---
era:
  title: The 2018 summits
  start: 2018-04
  end: 2018-09
---
The leaders met **four** times.
"""


def _note(text: str, path: str = "notes/x.md") -> tuple[Document | None, list[str]]:
    document, problems = parse_document(path, "note", text, "0" * 64)
    return document, [f"{p.line}:{p.col}: {p.severity}: {p.message}" for p in problems]


def test_a_note_of_an_era_alone_declares_the_era_with_its_body_as_introduction() -> None:
    document, problems = _note(ERA_NOTE)
    assert problems == []
    assert document is not None and document.note_events == ()
    assert document.era == Era("The 2018 summits", "2018-04", "2018-09",
                               "The leaders met **four** times.", "notes/x.md", 3, 3)
    assert document.title == "The 2018 summits"  # the source page's title, without a 'title:'


def test_an_era_in_a_note_of_events_and_dates_at_any_precision() -> None:
    document, problems = _note("---\ntitle: Summits\nera: {title: S, start: 2018, "
                               "end: 2018-W48}\nevents:\n  - date: 2018-06-12\n    title: Met\n"
                               "    why: It was the *first*.\n---\nIntro.\n")
    assert [p for p in problems if "error" in p] == []
    assert document is not None and document.era is not None
    assert (document.era.start, document.era.end, document.era.summary) == \
        ("2018", "2018-W48", "Intro.")
    assert document.note_events[0].why == "It was the *first*."


def test_every_problem_of_an_era_is_reported_at_once() -> None:
    document, problems = _note("---\nera:\n  start: 2018-02-30\n  end: early 2019\n---\nX\n")
    assert document is None
    assert sorted(problems) == sorted([
        "3:10: error: era 'start' day does not exist (got 2018-02-30)",
        "4:8: error: era 'end' must be one date, not a range or an approximate one "
        "(got early 2019)",
        "3:3: error: 'era' has no 'title'"])


def test_an_era_may_end_within_the_period_it_starts_in() -> None:
    document, problems = _note("---\nera: {title: S, start: 2018-06-12, end: 2018-06}\n---\nX\n")
    assert problems == [] and document is not None and document.era is not None


def _era(title: str, start: str, end: str, path: str) -> Document:
    return Document(path, "note", title, "", "Intro", 5, path,
                    era=Era(title, start, end, "Intro", path, 3, 3))


def test_eras_are_ordered_by_start_and_an_overlapping_one_is_an_error() -> None:
    late = _era("After Hanoi", "2019", "2019", "notes/c.md")
    early = _era("Crisis", "2017-07", "2017-11", "notes/a.md")
    overlapping = _era("Summer", "2017-11-30", "2018-08", "notes/b.md")
    ordered, problems = eras_in_order([late, overlapping, early])
    assert [e.title for e in ordered] == ["Crisis", "After Hanoi"]
    assert [(p.path, p.line, p.severity) for p in problems] == [("notes/b.md", 3, "error")]
    assert "overlaps era 'Crisis' (content/notes/a.md line 3)" in problems[0].message
    # touching is not overlapping: one ends on 30 November, the other starts on 1 December
    assert eras_in_order([early, _era("Winter", "2017-12", "2018-02", "notes/d.md")])[1] == []


def test_assemble_puts_the_eras_on_the_timeline_and_a_why_on_its_event() -> None:
    entry = NoteEvent(line=3, col=5, date="2018-06-12", title="Trump and Kim meet",
                      actors=("USA", "PRK"), why="The *first* summit.")
    note = Document("notes/n.md", "note", "N", "", "", 1, "n", note_events=(entry,),
                    era=Era("Summits", "2018", "2018", "", "notes/n.md", 2, 3))
    timeline, _problems = assemble([note], {"notes/n.md": Extraction("notes/n.md", "")})
    assert [e.title for e in timeline.eras] == ["Summits"]
    assert timeline.events[0].why == "The *first* summit."


def _event(event_id: str, date: str, actors: tuple[str, ...] = ("USA", "PRK"),
           source: tuple[str, ...] = (), target: tuple[str, ...] = ()) -> Event:
    return Event(event_id, date, f"Event {event_id}", actors=actors, source=source,
                 target=target, sources=(Source("notes/n.md", 2, "N", kind="note"),))


ERAS = (Era("Crisis", "2017-07", "2017-11", "The *crisis*.", "notes/a.md", 2, 3),
        Era("Summits", "2018-04", "2018-09", "", "notes/b.md", 2, 3))


def _views(timeline_events: list[Event]) -> list[views.EventView]:
    index = views.document_index([])
    return [views.event_view(e, index, None) for e in timeline_events]


def test_a_listing_falls_into_runs_by_era_with_headings_ids_unique() -> None:
    listed = _views([_event("a", "2017-06-30"), _event("b", "2017-07"), _event("c", "2017-11-30"),
                     _event("d", "2018-01-05"), _event("e", "2018-04-01"),
                     _event("f", "2018-10-02")])
    era_list = eras.era_views(ERAS, views.document_index([]))
    groups = eras.group_by_era(listed, era_list)
    assert [(g.era.title if g.era else None, g.count) for g in groups] == [
        (None, 1), ("Crisis", 2), (None, 1), ("Summits", 1), (None, 1)]
    assert [[v.id for p in g.periods for m in p.months for v in m.events] for g in groups] == [
        ["a"], ["b", "c"], ["d"], ["e"], ["f"]]
    prefixes = [g.prefix for g in groups]
    assert prefixes[0] == "" and len(set(prefixes)) == len(prefixes)  # 2018 is in three runs
    assert era_list[0].label == "July – November 2017"
    assert (era_list[0].first, era_list[0].last) == ("2017-07-01", "2017-11-30")
    assert era_list[0].summary_html == "<p>The <em>crisis</em>.</p>"


def test_without_eras_a_listing_is_one_run_as_before() -> None:
    listed = _views([_event("a", "2017-06-30"), _event("b", "2018-01-05")])
    groups = eras.group_by_era(listed, ())
    assert len(groups) == 1 and groups[0].era is None and groups[0].prefix == ""
    assert [p.year for p in groups[0].periods] == [2017, 2018]


def test_previous_and_next_are_between_the_same_source_and_target() -> None:
    timeline_events = [
        _event("t1", "2018-01-01", source=("USA",), target=("PRK",)),
        _event("x1", "2018-02-01", source=("PRK",), target=("USA",)),  # the other direction
        _event("u1", "2018-03-01"),  # no source: matched by its actors
        _event("t2", "2018-04-01", actors=("USA", "PRK", "SGP"), source=("USA",),
               target=("PRK",)),
        _event("u2", "2018-05-01", actors=("PRK", "USA")),  # the same set in another order
        _event("n1", "2018-06-01", actors=()),
        _event("t3", "2018-07-01", source=("USA",), target=("PRK",)),
    ]
    index = related.event_index(timeline_events, ())

    def around(event_id: str) -> tuple[str | None, str | None, bool]:
        found = related.event_context(index, event_id)
        return (found.previous.path if found.previous else None,
                found.next.path if found.next else None, found.directed)

    assert around("t1") == (None, "events/t2/", True)
    assert around("t2") == ("events/t1/", "events/t3/", True)
    assert around("t3") == ("events/t2/", None, True)
    assert around("x1") == (None, None, True)
    assert around("u1") == (None, "events/u2/", False)
    assert around("u2") == ("events/u1/", None, False)
    assert around("n1") == (None, None, False)


def test_an_event_page_lists_the_other_events_of_its_era_nearest_first() -> None:
    crisis = [_event(f"c{n:02d}", f"2017-07-{n:02d}") for n in range(1, 16)]
    era_list = eras.era_views(ERAS, views.document_index([]))
    index = related.event_index([_event("before", "2017-06-01"), *crisis], era_list)
    found = related.event_context(index, "c08")
    assert found.era is not None and found.era.title == "Crisis" and found.era_count == 15
    assert [link.path for link in found.era_events] == [
        f"events/c{n:02d}/" for n in (3, 4, 5, 6, 7, 9, 10, 11, 12, 13)]
    first = related.event_context(index, "c01")
    assert [link.path for link in first.era_events][:2] == ["events/c02/", "events/c03/"]
    assert len(first.era_events) == related.ERA_SHOWN
    assert related.event_context(index, "before").era is None


def test_why_it_matters_is_markdown_sanitized() -> None:
    event = Event("e", "2018-06-12", "Met", why="It *mattered*.<script>alert(1)</script>",
                  sources=(Source("notes/n.md", 2, "N", kind="note"),))
    view = views.event_view(event, views.document_index([]), None)
    assert view.why_html == "<p>It <em>mattered</em>.</p>"


def test_timelinejs_has_the_eras_and_groups_each_slide_by_its_era() -> None:
    settings = Settings(root=REPO, base_url="/")
    listed = _views([_event("a", "2017-06-30"), _event("b", "2017-07-04"),
                     _event("c", "2018-06-12")])
    data = json.loads(timelinejs.timelinejs_json(listed, settings, ERAS))
    assert data["eras"] == [
        {"start_date": {"year": 2017, "month": 7, "day": 1},
         "end_date": {"year": 2017, "month": 11, "day": 30}, "text": {"headline": "Crisis"}},
        {"start_date": {"year": 2018, "month": 4, "day": 1},
         "end_date": {"year": 2018, "month": 9, "day": 30}, "text": {"headline": "Summits"}}]
    assert [s.get("group") for s in data["events"]] == [None, "Crisis", "Summits"]
    one_day = Era("Day", "2018-06-12", "2018-06-12", "", "notes/d.md", 2, 3)
    assert timelinejs.era(one_day)["start_date"] == {"year": 2018, "month": 6, "day": 12,
                                                     "hour": 0, "minute": 0}
    assert timelinejs.era(one_day)["end_date"] == {"year": 2018, "month": 6, "day": 12,
                                                   "hour": 23, "minute": 59}
    a_year = Era("Year", "2019", "2019", "", "notes/y.md", 2, 3)  # TimelineJS keeps its end
    assert timelinejs.era(a_year)["start_date"] == {"year": 2019, "month": 1, "day": 1}
    # without eras, slides keep their main actor's row
    plain = json.loads(timelinejs.timelinejs_json(listed, settings))
    assert "eras" not in plain and {s["group"] for s in plain["events"]} == {"United States"}


def test_new_era_scaffolds_a_note_of_an_era_that_check_reads(project: Path) -> None:
    code, out, err = run_cli("--root", str(project), "new", "era", "The 2018 summits",
                             "--date", "2018-04/2018-09", "--content", "The leaders met.")
    assert (code, err) == (0, "")
    path = project / out.strip()
    assert path == project / "content/notes/era-the-2018-summits.md"
    (note,) = load_documents(project / "content").documents
    assert note.era is not None
    assert (note.era.title, note.era.start, note.era.end, note.era.summary) == \
        ("The 2018 summits", "2018-04", "2018-09", "The leaders met.")
    one, _out, _err = run_cli("--root", str(project), "new", "era", "A year", "--date", "2019")
    assert one == 0
    eras_found = [d.era for d in load_documents(project / "content").documents if d.era]
    assert ("2019", "2019") in [(e.start, e.end) for e in eras_found]
    refused, _out, err = run_cli("--root", str(project), "new", "era", "X", "--date",
                                 "early 2019")
    assert refused == 2 and "cannot be approximate" in err
