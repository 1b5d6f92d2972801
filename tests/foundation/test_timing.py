"""Stage times (``timing.StageTimes``): told per stage as it ends, summed across forked
workers, the rest of a shared block given to one stage.  A fake clock stands in for
``time.perf_counter``, so no figure here depends on the machine."""

from __future__ import annotations

import time
from collections.abc import Iterator
from functools import partial

import pytest

from dateline.pipeline import pools
from dateline.pipeline.timing import StageTimes, WorkerSeconds


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    fake = FakeClock()
    monkeypatch.setattr(time, "perf_counter", fake)
    return fake


def test_each_stage_is_told_as_it_ends_even_when_it_fails(clock: FakeClock) -> None:
    told: list[tuple[str, float]] = []
    times = StageTimes(lambda name, seconds: told.append((name, seconds)))
    with times.stage("load"):
        clock.advance(2.0)
    assert told == [("load", 2.0)]
    with pytest.raises(ValueError, match="broken"), times.stage("extract"):
        clock.advance(0.5)
        raise ValueError("broken")
    assert told == [("load", 2.0), ("extract", 0.5)]
    assert times.elapsed() == 2.5


def test_a_clock_without_a_report_still_measures_the_build(clock: FakeClock) -> None:
    times = StageTimes()
    with times.stage("load"):
        clock.advance(1.25)
    assert times.elapsed() == 1.25


def test_a_shared_block_tells_its_stages_and_gives_the_rest_to_one(clock: FakeClock) -> None:
    told: list[tuple[str, float]] = []
    times = StageTimes(lambda name, seconds: told.append((name, seconds)))
    with times.across_workers(("render", "exports", "write"), rest="write") as spent:
        for name, seconds in (("render", 3.0), ("exports", 1.0)):  # as workers tell them
            clock.advance(seconds)
            spent.add(name, seconds)
        clock.advance(4.0)  # swap, links, search: measured by no stage
    assert told == [("render", 3.0), ("exports", 1.0), ("write", 4.0)]


def test_the_rest_is_never_negative(clock: FakeClock) -> None:
    """Workers' process-seconds may exceed the block's wall time."""
    told: dict[str, float] = {}
    times = StageTimes(told.__setitem__)
    with times.across_workers(("render", "write"), rest="write") as spent:
        spent.add("render", 8.0)
        clock.advance(2.0)
    assert told == {"render": 8.0, "write": 0.0}


def test_each_item_is_timed_as_made_and_as_consumed(clock: FakeClock) -> None:
    def made() -> Iterator[int]:
        for number in range(3):
            clock.advance(1.0)
            yield number

    spent = WorkerSeconds(("render", "write"))
    for _number in spent.each(made(), "render", "write"):
        clock.advance(2.0)
    assert spent.totals() == {"render": 3.0, "write": 6.0}


@pytest.mark.skipif(not pools.can_fork(), reason="no fork: nothing is shared across workers")
def test_seconds_added_in_forked_workers_are_summed_here() -> None:
    spent = WorkerSeconds(("render", "write"))
    pools.results_forked([partial(spent.add, "render", 1.5) for _ in range(4)], 2)
    spent.add("write", 0.25)
    assert spent.totals() == {"render": 6.0, "write": 0.25}
