"""Run a grammar over a text: find candidates, keep the best non-overlapping ones,
resolve them left to right (so "a year earlier" can see the quarter before it).

Speed: a rule only runs in windows around hits of its trigger category (a month
name, a weekday, a unit word, ...), so prose without dates costs one scan per
category, not one per rule.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from dataclasses import dataclass

from dateline.models import Timex
from dateline.timex import relative as _relative  # noqa: F401 - registers resolvers
from dateline.timex import spans as _spans  # noqa: F401 - registers resolvers
from dateline.timex.context import Context, Discourse
from dateline.timex.fields import normalize
from dateline.timex.grammar import Grammar, Rule
from dateline.timex.resolve import RESOLVERS, Resolved

# characters a match may reach before / after its trigger word ("the first nine
# months" ends at its trigger; "Dec. 4, 2018" starts at it)
BEFORE, AFTER = 50, 30
_YEAR = re.compile(r"(?:1\d|20)\d\ds?|'\d\ds?|\d0s")
_ORDINAL = re.compile(r"\d{1,2}(?:st|nd|rd|th)")
_CLOCK = re.compile(r"\d{1,2}(?:[ap]m)?")
_CLOCK_AFTER = re.compile(r"[:.]\d\d|\s?[ap]\.?m\b", re.IGNORECASE)


@dataclass(frozen=True)
class Candidate:
    """A rule's match before selection."""

    start: int
    end: int
    rule: Rule
    order: int  # rule index: earlier rules win ties
    match: re.Match[str]


def _shape(token: str, text: str, end: int) -> str:
    """The number shape of a token ("year", "ordinal", "clock") or ""."""
    if _YEAR.fullmatch(token):
        return "year"
    if _ORDINAL.fullmatch(token):
        return "ordinal"
    if _CLOCK.fullmatch(token) and (token[-1] == "m" or _CLOCK_AFTER.match(text, end)):
        return "clock"
    return ""


def trigger_windows(text: str, grammar: Grammar) -> dict[str, list[tuple[int, int]]]:
    """Per trigger category, merged [start, end) windows around its words."""
    windows: dict[str, list[tuple[int, int]]] = {}
    words, shapes = grammar.trigger_words, grammar.trigger_tokens
    for m in grammar.trigger_regex.finditer(text):
        token = m.group().lower()
        categories = (words.get(token.lstrip("'")) or words.get(token.rstrip("0123456789"))
                      or words.get(token[:-1]))  # "Mondays", "FY2018", "Q3"
        if categories is None:
            categories = shapes.get(_shape(token, text, m.end()))
            if categories is None:
                continue
        lo, hi = max(0, m.start() - BEFORE), min(len(text), m.end() + AFTER)
        for category in categories:
            spans = windows.setdefault(category, [])
            if spans and lo <= spans[-1][1]:
                spans[-1] = (spans[-1][0], max(spans[-1][1], hi))
            else:
                spans.append((lo, hi))
    return windows


def candidates(text: str, grammar: Grammar) -> list[Candidate]:
    """Every match of every rule (overlaps included)."""
    windows = trigger_windows(text, grammar)
    everywhere = [(0, len(text))]
    lowered: dict[tuple[int, int], str | None] = {}  # ASCII windows, lower-cased (else None)
    found: list[Candidate] = []
    for order, rule in enumerate(grammar.rules):
        for lo, hi in windows.get(rule.trigger, []) if rule.trigger else everywhere:
            if rule.needs and not _may_match(rule.needs, text, lo, hi, lowered):
                continue  # none of the words every match contains: regex scans cost most here
            for m in rule.regex.finditer(text, lo, hi):
                if m.end() == hi and hi < len(text):
                    continue  # the window cut it short; the full match is elsewhere
                if m.end() > m.start():
                    found.append(Candidate(m.start(), m.end(), rule, order, m))
    return found


def _may_match(needs: tuple[str, ...], text: str, lo: int, hi: int,
               lowered: dict[tuple[int, int], str | None]) -> bool:
    """False only when the window is ASCII and holds none of ``needs`` (see literals.py)."""
    key = (lo, hi)
    if key not in lowered:
        piece = text[lo:hi]
        lowered[key] = piece.lower() if piece.isascii() else None
    window = lowered[key]
    return window is None or any(word in window for word in needs)


def select(found: list[Candidate]) -> list[Candidate]:
    """Longest first, then negative rules, higher priority, earlier rule; no overlaps."""
    ranked = sorted(found, key=lambda c: (-(c.end - c.start), not c.rule.negative,
                                          -c.rule.priority, c.order, c.start))
    # Taken spans never overlap, so sorted by start they are sorted by end too: one bisect
    # finds the only two that could overlap a candidate (a scan of all was quadratic).
    starts: list[int] = []
    ends: list[int] = []
    chosen: list[Candidate] = []
    for c in ranked:
        i = bisect_right(starts, c.start)
        if (i and ends[i - 1] > c.start) or (i < len(starts) and starts[i] < c.end):
            continue
        starts.insert(i, c.start)
        ends.insert(i, c.end)
        chosen.append(c)
    return sorted((c for c in chosen if not c.rule.negative), key=lambda c: c.start)


def _remember(discourse: Discourse, resolved: Resolved, anchor: dt.date | None) -> None:
    point = resolved.point
    if point is None or resolved.type not in ("DATE", "TIME"):
        return
    discourse.last = point
    # results are reported for quarters that have begun: a forecast ("the third
    # quarter of 1990") is not what "the year-ago period" compares with
    if point.gran == "quarter" and (anchor is None or point.day <= anchor):
        discourse.last_quarter = point


def run(text: str, anchor: dt.date | None, grammar: Grammar) -> list[Timex]:
    """Tag ``text``: sorted, non-overlapping Timex values."""
    discourse = Discourse()
    out: list[Timex] = []
    for c in select(candidates(text, grammar)):
        ctx = Context(text, c.start, c.end, anchor, grammar, discourse)
        fields = normalize(c.match.groupdict(), grammar.tables, anchor)
        try:
            resolved = RESOLVERS[c.rule.resolve](c.rule, fields, ctx)
        except (OverflowError, ValueError):
            # calendar arithmetic left datetime's range (year 1-9999): not a usable date
            continue
        if resolved is None:
            continue
        if c.rule.params.get("remember", "true") != "false":
            _remember(discourse, resolved, anchor)
            discourse.last_end = c.end
            if resolved.point is not None and resolved.point == discourse.last_quarter:
                discourse.last_quarter_end = c.end
        discourse.last_type = resolved.type
        out.append(Timex(start=c.start, end=c.end, text=text[c.start:c.end],
                         type=resolved.type, value=resolved.value, mod=resolved.mod,
                         rule=c.rule.id))
    return out
