"""The words a rule cannot match without, and the windows skipped for lacking them: the same
time expressions as running every rule everywhere."""

from __future__ import annotations

import datetime as dt
import re
import sys

import pytest

from dateline.timex import engine, grammar, tag
from tests.conftest import SHARED
from tests.timex.regex_literals import needed


@pytest.mark.parametrize(("pattern", "words"), [
    (r"(?:last|next)\s+week", ("week",)),
    (r"(\d+)\s+(?:days|weeks)\s+ago", ("days", "weeks")),  # longer words rule out more
    (r"(?:a|the)\s+(?:day|week)s?", ("day", "week")),
    (r"Monday|Tuesday", ("monday", "tuesday")),
    (r"(?:in\s+)?(?:early|late)?\d{4}", ()),  # nothing every match must contain
    (r"day|\d+", ()),  # one branch needs no word
    (r"(?-i:May)\s+\d+", ("may",)),
    (r"year(?=s)", ("year",)),
    (r"caf\u00e9", ()),  # only ASCII words are kept
    (r"(?:week){2,}", ("week",)),
    (r"(?:week)?", ()),
])
def test_needed_words(pattern: str, words: tuple[str, ...]) -> None:
    assert needed(re.compile(pattern, re.IGNORECASE)) == words


def test_every_rule_example_match_contains_a_needed_word() -> None:
    checked = 0
    for rule in grammar().rules:
        for example in rule.examples:
            for match in rule.regex.finditer(example.text):
                if rule.needs and match.group().isascii():
                    assert any(w in match.group().lower() for w in rule.needs), rule.id
                    checked += 1
    assert checked > 100


def _without_skipping(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "_may_match", lambda *args: True)


def test_a_window_lacking_the_words_is_skipped_and_nothing_is_lost(
        monkeypatch: pytest.MonkeyPatch) -> None:
    text = ("Talks lasted three days. The envoy left on Tuesday, a day before the summit; "
            "two weeks ago the ministers met, and they meet again next week, or in 2019.")
    anchor = dt.date(2018, 12, 8)
    skipped: list[str] = []
    real = engine._may_match

    def noting(needs, *args):  # type: ignore[no-untyped-def]
        result = real(needs, *args)
        if not result:
            skipped.append(needs)
        return result

    monkeypatch.setattr(engine, "_may_match", noting)
    found = tag(text, anchor)
    assert skipped  # the prefilter did skip windows here
    _without_skipping(monkeypatch)
    assert tag(text, anchor) == found
    assert {t.text for t in found} >= {"three days", "Tuesday", "two weeks ago", "next week"}


TIMEBANK = SHARED / "corpora" / "timebank"


@pytest.mark.slow
@pytest.mark.skipif(not TIMEBANK.is_dir(), reason="shared TimeBank corpus not available")
def test_timebank_is_tagged_the_same_with_and_without_skipping(
        monkeypatch: pytest.MonkeyPatch) -> None:
    sys.path.insert(0, str(SHARED / "tools"))
    from timex_eval.timeml import read_dir  # the scorer's reader, not part of the product

    def dct(doc: object) -> dt.date | None:
        try:
            return dt.date.fromisoformat(str(getattr(doc, "dct", ""))[:10])
        except ValueError:
            return None

    docs = read_dir(TIMEBANK)
    fast = [tag(doc.text, dct(doc)) for doc in docs]
    _without_skipping(monkeypatch)
    slow = [tag(doc.text, dct(doc)) for doc in docs]
    assert sum(map(len, slow)) > 1000 and fast == slow
