"""From dated sentences to a merged, attributed timeline of events.

``extract_events`` turns one article's prose and its time expressions into
events; ``merge_events`` folds reports of one development together;
``apply_corrections`` applies editors' notes; ``score_importance`` and
``key_developments`` rank.  Rules and actor data live in ``data/*.yaml``.
"""

from __future__ import annotations

from dateline.events.editorial import apply_corrections, key_developments, score_importance
from dateline.events.extract import extract_events
from dateline.events.gazetteer import Gazetteer, actor_name, load_gazetteer
from dateline.events.merge import merge_events, merge_with_aliases
from dateline.models import Event, Problem

EXTRACTOR_VERSION = "6"  # 6: events carry source and target

__all__ = [
    "EXTRACTOR_VERSION",
    "Event",
    "Gazetteer",
    "Problem",
    "actor_name",
    "apply_corrections",
    "extract_events",
    "key_developments",
    "load_gazetteer",
    "merge_events",
    "merge_with_aliases",
    "score_importance",
]
