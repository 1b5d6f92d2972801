"""Each rule's declared ``needs`` (words one of which every match contains) is sound.

The engine skips a rule in a window that holds none of its needs, so an unsound list would
lose matches silently. Soundness is proved against the words the regex itself cannot match
without (``regex_literals.needed``): if every such word contains one of the declared words,
any match, which contains one of the former, contains one of the latter.
"""

from __future__ import annotations

import pytest

from dateline.timex import grammar
from tests.timex.regex_literals import needed

RULES = grammar().rules


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_declared_needs_are_sound(rule: object) -> None:
    declared = rule.needs  # type: ignore[attr-defined]
    required = needed(rule.regex)  # type: ignore[attr-defined]
    if not declared:
        assert not required, (
            f"rule {rule.id} declares no needs; declare `needs: {list(required)}` so windows "  # type: ignore[attr-defined]
            "without them skip it")
        return
    unsound = [word for word in required if not any(d in word for d in declared)] or (
        [] if required else ["(the regex has no required word)"])
    assert not unsound, (
        f"rule {rule.id}: a match may contain none of {list(declared)}: "  # type: ignore[attr-defined]
        f"it requires one of {list(required)}; fix its `needs:`")


def test_the_check_catches_a_wrong_list() -> None:
    import dataclasses
    import re

    rule = dataclasses.replace(RULES[0], regex=re.compile("(?:ago|later)"), needs=("ago",))
    required = needed(rule.regex)
    assert [w for w in required if not any(d in w for d in rule.needs)] == ["later"]
