"""When two reports are one development: the examples of ``data/merging.yaml`` run as tests."""

from __future__ import annotations

from typing import Any

import pytest

from dateline.events import merge_events
from dateline.events.rules import load_data
from dateline.events.same import same_development
from dateline.models import Event, Source

EXAMPLES: list[dict[str, Any]] = load_data("merging.yaml")["examples"]


def report(spec: dict[str, Any], path: str, number: int) -> Event:
    """An event as the extractor gives it, from an example's fields."""
    source, target = tuple(spec.get("source", ())), tuple(spec.get("target", ()))
    others, people = tuple(spec.get("others", ())), tuple(spec.get("people", ()))
    dated_by_story = bool(spec.get("report"))
    status = spec.get("status", "reported" if dated_by_story else "happened")
    return Event(id=f"e{number}", date=str(spec["date"]), summary=spec["summary"],
                 actors=(*source, *target, *others, *people), source=source, target=target,
                 type=str(spec.get("type", "")), status=status,
                 certainty="report" if dated_by_story else "",
                 sources=(Source(path, number, path, 0, 10, "Wire", "", "2006-11-20"),))


def pair(example: dict[str, Any]) -> tuple[Event, Event]:
    second = "a.md" if example.get("same_story") else "b.md"
    return report(example["a"], "a.md", 1), report(example["b"], second, 2)


@pytest.mark.parametrize("example", EXAMPLES, ids=[e["name"] for e in EXAMPLES])
def test_every_merging_example(example: dict[str, Any]) -> None:
    a, b = pair(example)
    assert same_development(a, b) is example["merge"], example["name"]
    assert same_development(b, a) is example["merge"], "the rule is symmetric"
    assert len(merge_events([a, b])) == (1 if example["merge"] else 2)
    assert len(merge_events([b, a])) == (1 if example["merge"] else 2)


def test_the_examples_hold_both_verdicts() -> None:
    assert {e["merge"] for e in EXAMPLES} == {True, False}
