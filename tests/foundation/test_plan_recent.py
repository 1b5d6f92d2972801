"""The index's recent months end at the newest story: planned months after it are not 'recent'
(issue 17: January 2007 forecasts topped the index of stories from 2006)."""

from __future__ import annotations

from typing import Any

from dateline import plan


def _month(key: str, count: int) -> dict[str, Any]:
    return {"key": key, "events": [{"id": f"{key}-{n}", "date": f"{key}-01"}
                                   for n in range(count)]}


def test_recent_months_end_at_the_newest_story() -> None:
    periods = [{"months": [_month("2006-10", plan.RECENT), _month("2006-11", plan.RECENT // 2)]},
               {"months": [_month("2007-01", 5)]}]
    shown = plan._recent(periods, newest="2006-11")
    assert {e["date"][:7] for e in shown} == {"2006-10", "2006-11"}
    assert any(e["date"].startswith("2007") for e in plan._recent(periods))  # unbounded: before
