"""Every rule's YAML examples run as tests: the rules document themselves."""

from __future__ import annotations

import pytest

from dateline.timex import grammar, tag
from dateline.timex.grammar import Example, Rule

CASES = [
    pytest.param(rule, example, id=f"{rule.id}:{example.text[:40]}")
    for rule in grammar("en").rules
    for example in rule.examples
]


@pytest.mark.parametrize(("rule", "example"), CASES)
def test_rule_example(rule: Rule, example: Example) -> None:
    assert example.extent in example.text, "the example's extent must occur in its text"
    found = tag(example.text, example.anchor)
    if example.value is None:  # nothing may be tagged over the extent
        lo = example.text.index(example.extent)
        hi = lo + len(example.extent)
        assert [t for t in found if t.start < hi and lo < t.end] == []
        return
    hits = [t for t in found if t.text == example.extent]
    assert hits, f"{example.extent!r} not tagged; got {[(t.text, t.rule) for t in found]}"
    timex = hits[0]
    assert (timex.value, timex.rule) == (example.value, rule.id)
    if example.type:
        assert timex.type == example.type
    if example.mod is not None:
        assert timex.mod == example.mod


def test_every_positive_rule_has_an_example() -> None:
    missing = [r.id for r in grammar("en").rules if not r.negative and not r.examples]
    assert missing == []


def test_rule_ids_are_unique() -> None:
    ids = [r.id for r in grammar("en").rules]
    assert len(ids) == len(set(ids))


def test_unknown_language_is_an_error() -> None:
    with pytest.raises(ValueError, match="no temporal rules"):
        grammar("xx")
