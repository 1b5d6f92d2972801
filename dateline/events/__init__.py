"""From dated sentences to events (placeholder until the extractor lands)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from dateline.models import Document, Event, Problem, Timex

EXTRACTOR_VERSION = "0"


def extract_events(
    doc: Document, timexes: Sequence[Timex], anchor: dt.date | None
) -> tuple[list[Event], list[Problem]]:
    """Events reported by one document's prose (pure: values in, values out)."""
    return [], []


def merge_events(events: Sequence[Event]) -> list[Event]:
    """The same development from several sources merged into one event."""
    return list(events)
