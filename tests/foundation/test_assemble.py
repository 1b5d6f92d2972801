"""Assemble: merged reports keep editors' corrections pointed at the right event."""

from __future__ import annotations

from dateline.models import Document, Event, Extraction, NoteEvent, Source
from dateline.pipeline.assemble import assemble, note_events


def _report(path: str, event_id: str) -> tuple[Document, Extraction]:
    document = Document(path, "article", "Report", "2018-12-04", "Bolton spoke.", 6, path)
    event = Event(event_id, "2018-12-04", "Bolton says there should be another summit with Kim",
                  actors=("USA", "PRK"), status="happened",
                  sources=(Source(path, 6, "Report", 0, 13, published="2018-12-04"),))
    return document, Extraction(path, "2018-12-04", (), (event,))


def test_correction_of_a_merged_report_follows_it() -> None:
    first, first_x = _report("articles/a.md", "2018-12-04-bolton-summit-aaaa")
    second, second_x = _report("articles/b.md", "2018-12-04-bolton-summit-bbbb")
    fix = NoteEvent(line=3, col=5, corrects="2018-12-04-bolton-summit-bbbb",
                    title="Bolton calls for a second Trump–Kim summit")
    note = Document("notes/fix.md", "note", "Fix", "", "", 1, "n", note_events=(fix,))
    timeline, problems = assemble([first, second, note],
                                  {"articles/a.md": first_x, "articles/b.md": second_x,
                                   "notes/fix.md": Extraction("notes/fix.md", "")})
    assert problems == []
    assert len(timeline.events) == 1
    merged = timeline.events[0]
    assert {s.path for s in merged.sources} == {"articles/a.md", "articles/b.md"}
    assert merged.summary == "Bolton calls for a second Trump–Kim summit"


def test_a_finer_cameo_code_in_a_note_reads_as_its_root_s_kind() -> None:
    entries = (NoteEvent(line=3, col=5, date="2018-06-12", title="Trump and Kim hold talks",
                         type="042"),
               NoteEvent(line=6, col=5, date="2018-06-12", title="An envoy visits", type="99"))
    note = Document("notes/n.md", "note", "N", "", "", 1, "n", note_events=entries)
    assert [(e.type, e.quad) for e in note_events(note, {})] == [
        ("042", "verbal-cooperation"), ("99", "")]
