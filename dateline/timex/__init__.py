"""Rule-based TIMEX3 tagger for English news (HeidelTime-style rules as YAML data).

    >>> import datetime as dt
    >>> [(t.text, t.value) for t in tag("He said Tuesday.", dt.date(2018, 12, 8))]
    [('Tuesday', '2018-12-04')]

Rules live in ``data/<lang>/`` (see docs/tagger.md); they are compiled once per
process. The tagger is pure: it never reads the clock or files at call time.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

from dateline.models import Timex
from dateline.timex.engine import run
from dateline.timex.grammar import Grammar, load
from dateline.timex.reference import dateline_date, reference_date
from dateline.timex.resolve import RESOLVERS

# Bump whenever rules or code change what the tagger outputs: it is a cache key.
TAGGER_VERSION = "1.4.2"

__all__ = ["TAGGER_VERSION", "Timex", "dateline_date", "grammar", "reference_date", "tag"]


@cache
def grammar(lang: str = "en") -> Grammar:
    """The compiled rules of ``lang``; raises ValueError for a bad rule or language."""
    compiled = load(lang)
    unknown = {r.resolve for r in compiled.rules} - set(RESOLVERS)
    if unknown:
        raise ValueError(f"rules of {lang!r} use unknown resolvers: {sorted(unknown)}")
    return compiled


def tag(text: str, anchor: dt.date | None, *, lang: str = "en") -> list[Timex]:
    """Every time expression in ``text``, normalized against ``anchor``.

    Sorted by start, non-overlapping; offsets index ``text`` (end exclusive).
    With ``anchor`` None relative expressions stay underspecified ("XXXX-WXX-2").
    """
    return run(text, anchor, grammar(lang))
