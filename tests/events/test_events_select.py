"""Selection: the vocabulary's examples, and a verdict per class of candidate (issue 17)."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.events.select import DEVELOPMENT, judge, select, vocabulary
from dateline.models import Document, Event, Source

GROUPS = sorted(vocabulary().groups.items())
STORY = Document("articles/s.md", "article", "Foreign ministers meet in Beijing", "2006-11-20",
                 "", 1, "d")


@pytest.mark.parametrize(("name", "group"), GROUPS, ids=[n for n, _g in GROUPS])
def test_every_selection_group_matches_its_examples(name: str, group: object) -> None:
    g = vocabulary().groups[name]
    assert g.match, f"{name} has no examples"
    for text in g.match:
        assert g.regex.search(text), f"{name} should match {text!r}"
    for text in g.no_match:
        assert not g.regex.search(text), f"{name} should not match {text!r}"


def candidate(quote: str, date: str = "2006-11-20", actors: tuple[str, ...] = ("USA", "CHN"),
              type_: str = "04", status: str = "happened") -> Event:
    return Event(id="e", date=date, summary=quote, quote=quote, actors=actors, type=type_,
                 status=status, sources=(Source("articles/s.md", 1, "t"),))


CASES = [
    # developments
    ("Chinese Foreign Minister Li Zhaoxing met US envoy Christopher Hill on Monday.",
     {}, DEVELOPMENT),
    ("The UN Security Council will vote on the resolution on Thursday.",
     {"date": "2006-11-23", "actors": ("UN",), "status": "planned"}, DEVELOPMENT),
    ("National Security Adviser John Bolton said Tuesday that there should be another summit.",
     {"actors": ("john-bolton", "USA"), "type_": "01"}, DEVELOPMENT),
    # statements
    ("A spokesman for the ministry refused to comment further.", {"type_": "01"}, "statement"),
    ("Analysts said the talks were unlikely to produce a deal.", {"type_": "01"}, "statement"),
    ("Will the talks resume?", {}, "statement"),
    # background
    ("APEC, since its inception in 1989, has grown to 21 members.",
     {"date": "1989", "actors": ("APEC",)}, "background"),
    ("The two countries fought a war in 1950.", {"date": "1950"}, "background"),
    # forecasts
    ("Oil demand is expected to rise into 2007, the agency said.",
     {"date": "2007", "actors": ("OPEC",)}, "forecast"),
    ("China aims to double its trade with Africa by 2010.", {"date": "2010"}, "forecast"),
    # out of scope
    ("The striker scored twice as Brazil beat Argentina on Sunday.",
     {"actors": ("BRA", "ARG")}, "out_of_scope"),
    ("Tokyo shares fell 1.1 percent on Monday.", {"actors": ("JPN",)}, "out_of_scope"),
    ("Heavy rain flooded the capital on Monday.", {"actors": ()}, "out_of_scope"),
    ("Parliament passed the budget on Monday.", {"actors": ("JPN",)}, "out_of_scope"),
]


@pytest.mark.parametrize(("quote", "fields", "kind"), CASES, ids=[c[2] + ":" + c[0][:30]
                                                                   for c in CASES])
def test_each_class_of_candidate_is_judged_with_a_reason(quote: str, fields: dict[str, object],
                                                         kind: str) -> None:
    verdict = judge(candidate(quote, **fields), STORY)  # type: ignore[arg-type]
    assert verdict.kind == kind, verdict.reason
    assert verdict.reason


def test_select_keeps_developments_and_the_rest_with_their_reasons() -> None:
    events = [candidate(q, **f) for q, f, _k in CASES]  # type: ignore[arg-type]
    kept, left = select(STORY, events)
    assert [e.quote for e in kept] == [q for q, _f, k in CASES if k == DEVELOPMENT]
    assert [(c.event.quote, c.kind) for c in left] == [(q, k) for q, _f, k in CASES
                                                       if k != DEVELOPMENT]


def test_the_seed_keeps_its_developments_and_none_of_its_commentary() -> None:
    from dateline import loader
    from dateline.extract import extract_document
    from tests.conftest import shared

    seed = shared("seeds/000_78f3f7e25b09e543.txt")
    document, _problems = loader.parse_document("articles/seed.md", "article",
                                                seed.read_text("utf-8"), "seed")
    assert document is not None
    extraction = extract_document(document)
    kept = {(e.date, e.end) for e in extraction.events}
    # the guide's chronology of the seed (../shared/guides/chronology-style.md)
    assert {("2018-12-04", ""), ("2018-12-06", ""), ("2018-W48", ""), ("2018-12-02", ""),
            ("2019-01", "2019-02")} <= kept
    assert len(extraction.events) <= 10
    quotes = " ".join(e.quote for e in extraction.events)
    assert "refused to comment" not in quotes and "will not discuss" not in quotes
    left = [c.kind for c in extraction.left_off if "We will not discuss" in c.event.quote]
    assert left == ["statement"]


def test_check_lists_the_candidates_and_a_correction_promotes_one(tmp_path: Path) -> None:
    import json

    from tests.conftest import make_project, run_cli

    root = make_project(tmp_path / "p")
    (root / "content" / "articles" / "a.md").write_text(
        "---\ntitle: Talks\ndate: 2018-06-12\npublisher: Wire\nurl: https://example.org/a\n---\n"
        "Trump and Kim met in Singapore on Tuesday.\n\n"
        "A spokesman refused to comment on Tuesday.\n", "utf-8")
    code, out, _err = run_cli("--root", str(root), "check", "--candidates",
                              "content/articles/a.md", "--format", "json")
    assert code == 0
    rows = {row["kind"]: row for row in json.loads(out)}
    assert rows["development"]["line"] == 7
    left = rows["statement"]
    assert (left["line"], left["reason"]) == (9, "no comment: 'refused to comment'")
    assert run_cli("--root", str(root), "build")[0] == 0
    ids = [e["id"] for e in json.loads((root / "site" / "timeline.json").read_text())["events"]]
    assert left["id"] not in ids
    (root / "content" / "notes" / "keep.md").write_text(
        f"---\ntitle: Keep it\nsources: [https://example.org/a]\nevents:\n"
        f"  - corrects: {left['id']}\n    title: The spokesman's silence\n---\n", "utf-8")
    assert run_cli("--root", str(root), "build")[0] == 0
    events = json.loads((root / "site" / "timeline.json").read_text())["events"]
    assert [e["summary"] for e in events if e["id"] == left["id"]] == ["The spokesman's silence"]
