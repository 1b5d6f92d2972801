"""Occasions a story dates, and the day it gave them: a meeting named again with a coarser date
("at the APEC leaders' meeting this time next week") is the meeting the story dated before
("the APEC leaders' meeting scheduled for November 18-19")."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from dateline.events.clauses import DateGroup, date_groups
from dateline.events.rules import date_bounds, rule
from dateline.models import Timex

_NAME = re.compile(r"[A-Z][\w'’.-]*")
_NEAR = 60  # characters from an occasion's noun to the date that follows it


@dataclass(frozen=True)
class Occasion:
    """An occasion named by capitalized words ("APEC", "Dhaka") before its noun, with its day."""

    names: frozenset[str]
    noun: str  # "meeting", "summit" ...
    value: str
    end_value: str


def _names(phrase: str) -> frozenset[str]:
    words = (w.strip("()[]\"“”'’") for w in phrase.split())
    return frozenset(w.rstrip("'’s") for w in words if len(w) > 1 and _NAME.fullmatch(w))


def dated_occasions(sentence: str, timexes: Sequence[Timex]) -> list[Occasion]:
    """The named occasions of a sentence followed, within a few words, by a day-precise date
    ("the APEC leaders' meeting scheduled for November 18-19", ``named_occasion``)."""
    days = [g for g in date_groups(sentence, timexes, main_only=False) if len(g.value) == 10]
    found = []
    for m in rule("named_occasion").finditer(sentence):
        names = _names(m.group("phrase"))
        after = [g for g in days if m.end() <= g.start <= m.end() + _NEAR]
        if names and after:
            found.append(Occasion(names, m.group("noun").lower(), after[0].value,
                                  after[0].end_value))
    return found


def occasion_day(clause: str, date: DateGroup, known: Iterable[Occasion]) -> Occasion | None:
    """The occasion ``clause`` names again with a coarser date (a week, a month) that holds the
    day the story gave it; else None."""
    span = date_bounds(date.value)
    if span is None or len(date.value) == 10 or date.end_value:
        return None
    named = [(_names(m.group("phrase")), m.group("noun").lower())
             for m in rule("named_occasion").finditer(clause)]
    for occasion in known:
        first, last = date_bounds(occasion.value), date_bounds(occasion.end_value or occasion.value)
        if first is None or last is None or not (span[0] <= first[0] and last[1] <= span[1]):
            continue
        if any(noun == occasion.noun and names & occasion.names for names, noun in named):
            return occasion
    return None
