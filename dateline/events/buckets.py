"""Merging bucket by bucket, in pieces a caller may run in parallel (pure: it runs nothing).

Only events of one bucket (``same.bucket_key``: the acting side) can ever merge, and grouping a
bucket's events on their own gives the very groups ``merge_groups`` gives them among all the
others (it places them in the same total order).  So a bucket is a piece of work of its own;
the groups are put back in the order ``merge_groups`` makes them, founder by founder.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import TypeVar

from dateline.events.merge import bucket_of, merge_groups, merge_order
from dateline.models import Event

T = TypeVar("T")
Runner = Callable[[Sequence[Callable[[], T]]], list[T]]  # runs pieces, returns their results
_Positions = list[list[list[int]]]  # per bucket, its groups as positions in the bucket
PARALLEL_EVENTS = 2000  # below this, grouping costs less than starting workers


def groups_by_bucket(run: Runner[_Positions], pieces: int
                     ) -> Callable[[Sequence[Event]], list[list[Event]]]:
    """``merge_groups``, its buckets grouped in about ``pieces`` pieces that ``run`` runs."""
    def groups_of(events: Sequence[Event]) -> list[list[Event]]:
        if len(events) < PARALLEL_EVENTS or pieces < 2:
            return merge_groups(events)
        ordered = merge_order(events)
        buckets: dict[object, list[Event]] = {}
        for event in ordered:
            buckets.setdefault(bucket_of(event), []).append(event)
        shares = _shares(list(buckets.values()), pieces)
        results = run([partial(_positions, share) for share in shares])
        groups = [[bucket[i] for i in group] for share, found in zip(shares, results, strict=True)
                  for bucket, bucket_groups in zip(share, found, strict=True)
                  for group in bucket_groups]
        place = {id(event): n for n, event in enumerate(ordered)}
        groups.sort(key=lambda group: place[id(group[0])])  # founders in merge_groups' order
        return groups
    return groups_of


def _positions(share: Sequence[list[Event]]) -> _Positions:
    """Each bucket's groups, as positions in the bucket (small to send back from a worker)."""
    found = []
    for bucket in share:
        where = {id(event): n for n, event in enumerate(bucket)}
        found.append([[where[id(e)] for e in group] for group in merge_groups(bucket)])
    return found


def _shares(buckets: list[list[Event]], pieces: int) -> list[list[list[Event]]]:
    """Buckets in ``pieces`` shares of about equal size, largest bucket first (the largest
    bucket, grouped in one piece, bounds the time whatever the split)."""
    shares: list[list[list[Event]]] = [[] for _ in range(pieces)]
    sizes = [0] * pieces
    for bucket in sorted(buckets, key=len, reverse=True):  # stable: ties keep bucket order
        smallest = sizes.index(min(sizes))
        shares[smallest].append(bucket)
        sizes[smallest] += len(bucket)
    return [share for share in shares if share]
