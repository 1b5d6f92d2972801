"""The pool module: work shared out to forked workers comes back in order, this process's
share first; a piece's error is raised here."""

from __future__ import annotations

import os

import pytest

from dateline.pipeline import pools

pytestmark = pytest.mark.skipif(not pools.can_fork(), reason="forked workers need fork")


def tagged(share: str) -> tuple[str, int]:
    return share.upper(), os.getpid()


def test_shares_run_in_forked_workers_and_come_back_in_order() -> None:
    results = pools.share_out(tagged, "here", ["a", "b", "c", "d", "e"], 2)
    assert [name for name, _pid in results] == ["HERE", "A", "B", "C", "D", "E"]
    assert results[0][1] == os.getpid()
    assert all(pid != os.getpid() for _name, pid in results[1:])


def test_one_worker_runs_everything_here() -> None:
    results = pools.share_out(tagged, "here", ["a", "b"], 1)
    assert results == [("HERE", os.getpid()), ("A", os.getpid()), ("B", os.getpid())]


def failing(share: str) -> str:
    if share == "bad":
        raise ValueError(f"cannot do {share}")
    return share


def test_a_failing_share_is_raised_here() -> None:
    with pytest.raises(ValueError, match="cannot do bad"):
        pools.share_out(failing, "here", ["a", "bad", "c"], 2)


def test_small_sites_are_rendered_in_this_process_alone() -> None:
    assert pools.page_workers(pools.FORK_THRESHOLD - 1, 4) == 1
    assert pools.page_workers(pools.FORK_THRESHOLD, 4) == 4
