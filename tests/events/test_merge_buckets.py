"""Grouping bucket by bucket (in forked workers, for a full build) gives merge_groups' groups."""

from __future__ import annotations

import os
import random
from collections.abc import Callable, Sequence
from typing import Any

import pytest

from dateline.events import buckets
from dateline.events.merge import merge_groups
from dateline.pipeline import pools
from tests.events.test_merge_incremental import ids, random_event


def in_order(pieces: Sequence[Callable[[], Any]]) -> list[Any]:
    return [piece() for piece in pieces]


def in_workers(pieces: Sequence[Callable[[], Any]]) -> list[Any]:
    return pools.results_forked(pieces, 2)


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize("pieces", [2, 3, 7])
def test_bucket_by_bucket_groups_are_merge_groups_groups(seed: int, pieces: int,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(buckets, "PARALLEL_EVENTS", 0)
    rng = random.Random(seed)
    events = [random_event(rng, n) for n in range(600)]
    rng.shuffle(events)  # the input order must not matter either
    expected = ids(merge_groups(events))
    assert sum(len(g) > 1 for g in expected) > 20  # the data really merges
    assert ids(buckets.groups_by_bucket(in_order, pieces)(events)) == expected


def test_workers_group_the_buckets_and_give_the_same_groups(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(buckets, "PARALLEL_EVENTS", 0)
    ran: list[int] = []
    real = buckets._positions

    def noting(share: Any) -> Any:
        ran.append(os.getpid())
        return real(share), os.getpid()

    monkeypatch.setattr(buckets, "_positions", noting)
    seen: list[int] = []

    def unwrapping(pieces: Sequence[Callable[[], Any]]) -> list[Any]:
        results = in_workers(pieces)
        seen.extend(pid for _found, pid in results)
        return [found for found, _pid in results]

    events = [random_event(random.Random(3), n) for n in range(400)]
    assert ids(buckets.groups_by_bucket(unwrapping, 4)(events)) == ids(merge_groups(events))
    assert ran == [] and seen and os.getpid() not in seen  # every piece ran in a worker


def test_small_inputs_are_grouped_here_in_one_piece() -> None:
    called: list[int] = []

    def refusing(pieces: Sequence[Callable[[], Any]]) -> list[Any]:
        called.append(len(pieces))
        return in_order(pieces)

    events = [random_event(random.Random(5), n) for n in range(300)]
    assert ids(buckets.groups_by_bucket(refusing, 4)(events)) == ids(merge_groups(events))
    assert called == []  # under PARALLEL_EVENTS: no workers


def test_shares_put_the_largest_bucket_first_and_balance_the_rest() -> None:
    sized = [[object()] * n for n in (5, 40, 3, 9, 7)]
    shares = buckets._shares(sized, 2)  # type: ignore[arg-type]
    assert [len(b) for b in shares[0]] == [40]
    assert sorted(len(b) for b in shares[1]) == [3, 5, 7, 9]
