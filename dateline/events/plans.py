"""Plans a sentence gives beside its main act.

- A plan given a window instead of a date ("could be deployed within 10 days", "will be settled
  in the next three months"): the tagger reads "10 days" as a duration, which dates nothing; in a
  future or modal clause after "within" (or "in the next ...") it is the span the plan is
  promised for, and a chronology shows it as a range from the story's reference date ("1-11
  April 1997").
- A plan at the place the main clause names ("President Hu is in Hanoi for a state visit, where
  he will also attend the Nov. 18-19 APEC meeting", ``plan_at_place``): its pronoun stands for
  the main clause's named subject, or the name the clause gives a possessive.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from dateutil.relativedelta import relativedelta

from dateline.events.rules import date_bounds, rule
from dateline.events.verbforms import main_verb
from dateline.models import Timex

_DURATION = re.compile(r"P(\d+)([DWMY])")
_TOKEN = re.compile(r"\S+")
_OWNER = re.compile(r"\b([A-Z][\w-]*(?:\s+[A-Z][\w-]*)*)(?:'s|’s)\b")


def _window_end(start: dt.date, amount: int, unit: str) -> str:
    """The window's last day (days, weeks), month or year, at the precision it was given in."""
    if unit in "DW":
        return (start + dt.timedelta(days=amount * (7 if unit == "W" else 1))).isoformat()
    if unit == "M":
        return (start + relativedelta(months=amount)).isoformat()[:7]
    return str(start.year + amount)


def windows(sentence: str, timexes: Sequence[Timex], report: str
            ) -> list[tuple[int, int, str, str]]:
    """Windows of a future or modal clause (``plan_window_before_timex``), each as a range
    from the reference date, at the precision of the window's unit: (start, end, first value,
    last value)."""
    ref = date_bounds(report) if report else None
    if ref is None:
        return []
    groups = []
    for tx in timexes:
        found = _DURATION.fullmatch(tx.value) if tx.type == "DURATION" else None
        before = rule("plan_window_before_timex").search(sentence, 0, tx.start)
        if found is None or before is None:
            continue
        if before.group("word").lower() != "within" and not rule("next_window").match(tx.text):
            continue  # "in three days" alone is a delay, not a window
        unit = found.group(2)
        start = ref[0].isoformat()
        start = start if unit in "DW" else start[:7] if unit == "M" else start[:4]
        groups.append((before.start("word"), tx.end, start,
                       _window_end(ref[0], int(found.group(1)), unit)))
    return groups


def antecedent_span(sentence: str, lo: int, hi: int) -> tuple[int, int] | None:
    """Whom a pronoun after the clause ``sentence[lo:hi]`` stands for: its subject when that
    is a name ("President Hu"), else the last name it gives a possessive; None if neither."""
    words = list(_TOKEN.finditer(sentence, lo, hi))
    at = main_verb([w.group(0) for w in words])
    if at and not any(w.group(0)[:1].islower() for w in words[1:at]):
        return words[0].start(), words[at - 1].end()
    # "The statement was issued before Prime Minister Ryutaro Hashimoto's departure, where he
    # will ...": the name whose act the place belongs to
    owners = list(_OWNER.finditer(sentence, lo, hi))
    return owners[-1].span(1) if owners else None
