"""Candidate events (before selection): recall, date accuracy, actor accuracy and merge errors
on the hand-written evaluation set (bench/data/events_eval.yaml), plus corpus-wide speed. The
timeline's precision and recall against a hand-kept chronology are bench/events.py's.

    python bench/candidates.py            # real tagger + extractor + merge on the eval stories
    python bench/candidates.py --silver   # te3-silver TIMEX3 annotations instead of the tagger
    python bench/candidates.py --speed    # time tagger and extractor on all 2,452 stories
    python bench/candidates.py --show     # print each expected event and what matched it

Reads ../shared (skips with a message when absent).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from dateline import timex
from dateline.events import extract_events
from dateline.events.merge import merge_groups
from dateline.models import Document, Event, Timex

SHARED = Path(__file__).resolve().parents[2] / "shared"
CORPUS = SHARED / "corpora" / "te3-silver"
EVAL = Path(__file__).parent / "data" / "events_eval.yaml"
sys.path.insert(0, str(SHARED / "tools"))


def read_story(doc_id: str) -> Any:
    from timex_eval.timeml import read_timeml  # type: ignore[import-not-found]

    return read_timeml(str(CORPUS / f"{doc_id}.tml"))


def as_document(story: Any) -> Document:
    return Document(
        path=f"te3/{story.id}.tml",
        kind="article",
        title=story.id,
        published=story.dct[:10],
        body=story.text,
        body_line=1,
        digest=story.id,
        publisher=story.id.split("_")[0],
    )


def silver_timexes(story: Any) -> list[Timex]:
    return [
        Timex(t.start, t.end, t.text, t.type, t.value, t.attrs.get("mod", ""), "silver")
        for t in story.timexes
    ]


def events_of(story: Any, silver: bool) -> list[Event]:
    doc = as_document(story)
    published = dt.date.fromisoformat(doc.published)
    anchor = timex.reference_date(doc.body, published)
    found = silver_timexes(story) if silver else timex.tag(doc.body, anchor)
    return extract_events(doc, found, anchor)[0]


@dataclass
class Expected:
    doc: str
    date: str
    end: str
    words: list[str]
    actors: list[str]
    same: str


def load_expected() -> list[Expected]:
    data = yaml.safe_load(EVAL.read_text(encoding="utf-8"))
    return [
        Expected(
            s["doc"],
            str(e["date"]),
            str(e.get("end", "")),
            [str(w) for w in e["words"]],
            [str(a) for a in e.get("actors", [])],
            str(e.get("same", "")),
        )
        for s in data["stories"]
        for e in s["events"]
    ]


def best_match(exp: Expected, events: Sequence[Event]) -> Event | None:
    """An event of the same story whose sentence holds every key word; right dates first."""
    path = f"te3/{exp.doc}.tml"
    found = [
        e
        for e in events
        if e.sources[0].path == path and all(w.lower() in e.quote.lower() for w in exp.words)
    ]
    found.sort(key=lambda e: (e.date != exp.date, bool(exp.end) and e.end != exp.end))
    return found[0] if found else None


def _side(event: Event) -> frozenset[str]:
    """The acting side of an event: the states and organizations of its source."""
    return frozenset(a for a in event.source if not a.islower() and " " not in a)


def merge_errors(
    matches: dict[int, Event], expected: list[Expected], events: list[Event]
) -> tuple[int, int, int]:
    """(wrong merges, merges across acting sides, expected same-development merges found).

    Reports that name one side only merge by design (issue 17); a merge of two reports whose
    acting sides (the states of their sources) differ is a wrong one."""
    group_of = {id(e): i for i, g in enumerate(merge_groups(events)) for e in g}
    wrong = found = 0
    keys = sorted(matches)
    for a_i, a in enumerate(keys):
        for b in keys[a_i + 1 :]:
            ea, eb = matches[a], matches[b]
            together = group_of[id(ea)] == group_of[id(eb)] and ea is not eb
            same = bool(expected[a].same) and expected[a].same == expected[b].same
            wrong += together and not same
            found += together and same
    across = sum(len({_side(e) for e in g if _side(e)}) > 1 for g in merge_groups(events))
    return wrong, across, found


def scores(silver: bool, show: bool = False) -> dict[str, float]:
    """Recall, date and actor accuracy and merge errors on the evaluation set."""
    expected = load_expected()
    events: list[Event] = []
    for doc_id in dict.fromkeys(e.doc for e in expected):
        events.extend(events_of(read_story(doc_id), silver))
    matches = {i: m for i, exp in enumerate(expected) if (m := best_match(exp, events))}
    dated = sum(
        matches[i].date == expected[i].date
        and (not expected[i].end or matches[i].end == expected[i].end)
        for i in matches
    )
    actors = sum(set(expected[i].actors) <= set(matches[i].actors) for i in matches)
    wrong, across, merged = merge_errors(matches, expected, events)
    pairs = sum(
        1 for i, a in enumerate(expected) for b in expected[i + 1 :] if a.same and a.same == b.same
    )
    if show:
        for i, exp in enumerate(expected):
            got = matches.get(i)
            mark = "MISS" if got is None else ("ok  " if got.date == exp.date else "DATE")
            print(
                f"{mark} {exp.doc} {exp.date:<10} {exp.words} -> "
                f"{(got.date, got.end, got.status, got.actors, got.summary) if got else ''}"
            )
    m = max(len(matches), 1)
    return {
        "stories": len({e.doc for e in expected}),
        "expected": len(expected),
        "extracted": len(events),
        "matched": len(matches),
        "recall": len(matches) / len(expected),
        "date_accuracy": dated / m,
        "dated": dated,
        "actor_accuracy": actors / m,
        "actors": actors,
        "wrong_merges": wrong,
        "merges_across_actors": across,
        "same_merged": merged,
        "same_pairs": pairs,
    }


def evaluate(silver: bool, show: bool) -> None:
    s = scores(silver, show)
    print(
        "timexes:", "te3-silver annotations" if silver else f"dateline.timex {timex.TAGGER_VERSION}"
    )
    print(f"stories {s['stories']}, expected events {s['expected']}, extracted {s['extracted']}")
    print(f"event recall     {s['recall']:.3f} ({s['matched']}/{s['expected']})")
    print(f"date accuracy    {s['date_accuracy']:.3f} ({s['dated']}/{s['matched']})")
    print(f"actor accuracy   {s['actor_accuracy']:.3f} ({s['actors']}/{s['matched']})")
    print(
        f"merge errors     {s['wrong_merges']} wrong merges, {s['merges_across_actors']} merges "
        f"across acting sides; same-development pairs merged {s['same_merged']}/"
        f"{s['same_pairs']}"
    )


def _timed(label: str, work: Callable[[], list[Any]], note: str = "") -> list[Any]:
    """Run ``work`` and print its wall-clock and CPU seconds (CPU is robust to a busy machine)."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = work()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(f"{label:<34} {wall:6.2f} s wall {cpu:6.2f} s CPU  {note.format(n=len(result))}")
    return result


def speed() -> None:
    from timex_eval.timeml import read_dir

    stories = read_dir(str(CORPUS))
    docs = [as_document(s) for s in stories]
    print(f"{len(docs)} stories, {sum(len(d.body) for d in docs):,} characters, one process")

    def tag_all() -> list[Any]:
        out = []
        for doc in docs:
            anchor = timex.reference_date(doc.body, dt.date.fromisoformat(doc.published))
            out.append((doc, anchor, timex.tag(doc.body, anchor)))
        return out

    tagged = _timed("tagger", tag_all, "{n} stories")
    made = _timed(
        "extractor (tagger's timexes)",
        lambda: [e for d, a, f in tagged for e in extract_events(d, f, a)[0]],
        "{n} events",
    )
    silver = [(as_document(s), silver_timexes(s)) for s in stories]
    _timed(
        "extractor (te3-silver timexes)",
        lambda: [
            e
            for d, f in silver
            for e in extract_events(d, f, dt.date.fromisoformat(d.published))[0]
        ],
        "{n} events",
    )
    _timed("merge", lambda: merge_groups(made), f"{len(made)} events → {{n}}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--silver", action="store_true", help="te3-silver timexes, not the tagger")
    parser.add_argument("--speed", action="store_true", help="time the whole corpus")
    parser.add_argument("--show", action="store_true", help="print every expected event")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        print(f"skipped: {CORPUS} not found")
        return
    if args.speed:
        speed()
    else:
        evaluate(args.silver, args.show)


if __name__ == "__main__":
    main()
