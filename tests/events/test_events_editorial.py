"""Corrections by id, importance, key developments."""

from __future__ import annotations

from dateline.events import apply_corrections, key_developments, score_importance
from dateline.models import Document, Event, NoteEvent, Source


def ev(
    eid: str,
    date: str,
    *,
    sources: int = 1,
    actors: tuple[str, ...] = ("PRK",),
    certainty: str = "",
) -> Event:
    srcs = tuple(Source(f"{eid}-{i}.md", 1, "t", publisher=f"P{i}") for i in range(sources))
    return Event(
        id=eid,
        date=date,
        summary=f"summary {eid}",
        actors=actors,
        sources=srcs,
        certainty=certainty,
        type="04",
        quad="verbal-cooperation",
    )


NOTE = Document(
    path="notes/fix.md", kind="note", title="Fixes", published="", body="", body_line=6, digest="n"
)


def test_correction_changes_the_named_fields_only() -> None:
    target = ev("2018-12-04-bolton-summit-3f2a", "2018-12-08", certainty="report")
    fix = NoteEvent(
        line=4,
        col=5,
        corrects=target.id,
        date="2018-12-04",
        title="Bolton backs summit",
        actors=("USA",),
        type="01",
        status="happened",
    )
    [fixed], problems = apply_corrections([target], [(NOTE, fix)])
    assert problems == []
    assert (fixed.id, fixed.date, fixed.certainty, fixed.summary, fixed.actors) == (
        target.id,
        "2018-12-04",
        "",
        "Bolton backs summit",
        ("USA",),
    )
    assert (fixed.type, fixed.quad, fixed.status) == ("01", "verbal-cooperation", "happened")
    assert fixed.sources == target.sources


def test_suppress_hides_the_event() -> None:
    a, b = ev("a-1", "2018-12-04"), ev("b-2", "2018-12-05")
    kept, problems = apply_corrections(
        [a, b], [(NOTE, NoteEvent(line=3, col=3, corrects="a-1", suppress=True))]
    )
    assert kept == [b] and problems == []


def test_unknown_target_is_an_error_at_the_note_with_close_ids() -> None:
    a = ev("2018-12-04-bolton-summit-3f2a", "2018-12-04")
    _kept, [problem] = apply_corrections(
        [a], [(NOTE, NoteEvent(line=9, col=7, corrects="2018-12-04-bolton-summit-3f2b"))]
    )
    assert (problem.path, problem.line, problem.col, problem.severity) == (
        "notes/fix.md",
        9,
        7,
        "error",
    )
    assert "2018-12-04-bolton-summit-3f2b" in problem.message
    assert "2018-12-04-bolton-summit-3f2a" in problem.hint


def test_invalid_correction_values_are_errors_and_leave_the_event_alone() -> None:
    a = ev("a-1", "2018-12-04")
    [kept], problems = apply_corrections(
        [a], [(NOTE, NoteEvent(line=2, col=1, corrects="a-1", date="next Tuesday", type="42"))]
    )
    assert kept == a
    assert len(problems) == 2 and all(p.severity == "error" for p in problems)


def test_importance_rewards_sources_prominence_and_explicit_dates() -> None:
    many, one = ev("m", "2018-12-04", sources=3), ev("o", "2018-12-04")
    minor = ev("n", "2018-12-04", actors=("TUV",))
    vague = ev("v", "2018-12-04", certainty="report")
    scored = {e.id: e.importance for e in score_importance([many, one, minor, vague])}
    assert scored["m"] > scored["o"] > scored["n"]
    assert scored["o"] > scored["v"]


def test_key_developments_are_the_top_events_per_month() -> None:
    dec = [ev(f"d{i}", f"2018-12-{i + 1:02d}", sources=i + 1) for i in range(4)]
    nov = [ev("n1", "2018-11-20")]
    year = [ev("y1", "2018")]
    top = key_developments(score_importance(dec + nov + year), per_period=2)
    assert [e.id for e in top] == ["y1", "n1", "d2", "d3"]


def test_importance_weighs_the_kind_of_act_and_the_lead_sentence() -> None:
    from dateline.events.editorial import importance
    from dateline.models import Event, Source

    def scored(type_: str, start: int) -> float:
        source = Source("articles/a.md", 1, "A", start, start + 10, "Wire", "", "2018-12-08")
        return importance(Event(id="e", date="2018-12-04", summary="s", actors=("USA", "PRK"),
                                type=type_, sources=(source,)))

    assert scored("16", 200) > scored("04", 200) > scored("01", 200)  # sanctions, talks, words
    assert scored("04", 0) > scored("04", 200)  # the story's lead


def test_a_correction_may_name_a_finer_cameo_code() -> None:
    a = ev("a-1", "2018-12-04")
    [fixed], problems = apply_corrections([a], [(NOTE, NoteEvent(line=2, col=1, corrects="a-1",
                                                                 type="173"))])
    assert problems == []
    assert (fixed.type, fixed.quad) == ("173", "material-conflict")
