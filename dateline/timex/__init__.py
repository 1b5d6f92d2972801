"""Rule-based TIMEX3 tagger (placeholder until the rule engine lands)."""

from __future__ import annotations

import datetime as dt

from dateline.models import Timex

TAGGER_VERSION = "0"


def tag(text: str, anchor: dt.date | None) -> list[Timex]:
    """Every time expression in ``text``, normalized against ``anchor``."""
    return []
