"""The index's recent months end at the newest story: planned months after it are not 'recent'
(issue 17: January 2007 forecasts topped the index of stories from 2006)."""

from __future__ import annotations

from dateline.models import Event
from dateline.site import listings, plan, views


def _events(key: str, count: int) -> list[views.EventView]:
    index = views.document_index(())
    return [views.event_view(Event(f"{key}-{n}", f"{key}-01", "x"), index, None)
            for n in range(count)]


def test_recent_months_end_at_the_newest_story() -> None:
    periods = listings.group_by_period(
        _events("2006-10", plan.RECENT) + _events("2006-11", plan.RECENT // 2)
        + _events("2007-01", 5))
    shown = plan._recent(periods, newest="2006-11")
    assert {e.date[:7] for e in shown} == {"2006-10", "2006-11"}
    assert any(e.date.startswith("2007") for e in plan._recent(periods))  # unbounded: before
