"""Test helper: the words a regex cannot match without, read from the parsed pattern.

It reads CPython's private regex parser (``re._parser``), so the product does not: each rule
declares its ``needs`` as data, and ``test_timex_needs.py`` uses this module to prove every
declared list sound (a CPython upgrade that changes the parser breaks a test, never a build).

``needed(regex)`` reads the parsed pattern (``re._parser``): a literal run in the sequence of
the pattern is needed, a group or a repeat of at least one needs what its body needs, and an
alternation needs one of what each branch needs.  Anything else (classes, optional parts,
lookarounds, back-references) needs nothing.  Only ASCII words are kept, and ``engine`` tests
them only in ASCII windows: there, matching a word case-insensitively is finding its lower case
in the lower-cased window, so a skipped window is one where the rule could not have matched.
"""

from __future__ import annotations

import re
from re import _constants as _c  # type: ignore[attr-defined]
from re import _parser as _p  # type: ignore[attr-defined]
from typing import Any

_REPEATS = {_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", _c.MAX_REPEAT)}


def needed(regex: re.Pattern[str]) -> tuple[str, ...]:
    """Lower-case words one of which every match of ``regex`` contains; () when none is known."""
    found = _sequence(list(_p.parse(regex.pattern, regex.flags)))
    return tuple(sorted(found)) if found else ()


def _sequence(items: list[tuple[Any, Any]]) -> set[str] | None:
    """What a sequence needs: the most selective of what its elements need."""
    best: set[str] | None = None
    run: list[str] = []
    for op, value in [*items, (None, None)]:  # the sentinel ends the last literal run
        if op is _c.LITERAL:
            run.append(chr(value))
            continue
        if run:
            best = _better(best, {"".join(run).lower()})
            run = []
        best = _better(best, _element(op, value))
    return best


def _element(op: Any, value: Any) -> set[str] | None:
    if op is _c.SUBPATTERN:
        return _sequence(list(value[-1]))
    if op is _c.BRANCH:
        branches = [_sequence(list(branch)) for branch in value[1]]
        if all(b for b in branches):
            return set().union(*branches)  # type: ignore[arg-type]
        return None
    if op in _REPEATS and value[0] >= 1:
        return _sequence(list(value[2]))
    return None


def _better(best: set[str] | None, other: set[str] | None) -> set[str] | None:
    """The set that rules out more windows: longer shortest word, then fewer words."""
    if not other or not all(w.isascii() and w for w in other):
        return best
    if best is None:
        return other
    return other if _rank(other) > _rank(best) else best


def _rank(words: set[str]) -> tuple[int, int]:
    return min(len(w) for w in words), -len(words)
