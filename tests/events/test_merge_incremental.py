"""The dev server's merging: replaying the previous grouping gives exactly a fresh grouping."""

from __future__ import annotations

import random

import pytest

from dateline.events.merge import (
    MergeMemo,
    merge_by_bucket,
    merge_groups,
    merge_with_aliases,
    regroup,
)
from dateline.models import Event, Source

WORDS = ["summit", "talks", "missile", "sanctions", "envoy", "nuclear", "treaty", "visit",
         "border", "trade", "ceasefire", "aid"]
DATES = ("2018-12-03", "2018-12-04", "2018-12-05", "2018-12", "2018-W49", "2018", "2018-Q4",
         "2018-12-04T10:00", "2019-01", "XXXX-12-04")
# (actors, source, target): reports naming one side only, no acting side, another target
ROLES = (((), (), ()), (("USA",), ("USA",), ()), (("USA", "PRK"), ("USA",), ("PRK",)),
         (("USA", "PRK"), (), ()), (("PRK", "USA"), ("PRK",), ("USA",)), (("CHN",), ("CHN",), ()),
         (("CHN", "USA"), ("CHN",), ("USA",)), (("CHN", "USA", "PRK"), ("CHN",), ("USA",)))


def random_event(rng: random.Random, number: int) -> Event:
    path = f"articles/a{rng.randrange(40)}.md"
    summary = " ".join(rng.sample(WORDS, 4))
    source = Source(path, number, path, number, number + 5, "Wire", "",
                    f"2018-12-{rng.randrange(1, 28):02d}")
    actors, acting, target = rng.choice(ROLES)
    return Event(id=f"e{number}", date=rng.choice(DATES), summary=summary, actors=actors,
                 source=acting, target=target, type=rng.choice(("04", "04", "01", "11", "")),
                 status=rng.choice(("happened", "planned", "reported")),
                 certainty=rng.choice(("", "", "report")), sources=(source,))


def ids(groups: list[list[Event]]) -> list[list[str]]:
    return [[e.id for e in g] for g in groups]


@pytest.mark.parametrize("seed", range(40))
def test_regrouping_after_edits_equals_grouping_from_scratch(seed: int) -> None:
    rng = random.Random(seed)
    events = [random_event(rng, n) for n in range(300)]
    log = regroup(events)
    assert ids(log.groups) == ids(merge_groups(events))
    serial = 300
    for _edit in range(6):  # drop some events, add new ones, as re-extracting an article does
        for _ in range(rng.randrange(1, 8)):
            events.pop(rng.randrange(len(events)))
        for _ in range(rng.randrange(1, 8)):
            serial += 1
            events.insert(rng.randrange(len(events)), random_event(rng, serial))
        log = regroup(events, log)
        assert ids(log.groups) == ids(merge_groups(events))


def test_the_groups_do_merge_in_this_data() -> None:
    """The equality above means something only if the random events really merge, under every
    part of the rule: one side named only in some reports, a plan and the act, a late report."""
    rng = random.Random(1)
    groups = [g for g in merge_groups([random_event(rng, n) for n in range(300)]) if len(g) > 1]
    assert len(groups) > 20
    assert any(len({e.actors for e in g}) > 1 for g in groups)
    assert any(len({e.status for e in g}) > 1 for g in groups)
    assert any(len({e.type for e in g}) > 1 for g in groups)
    assert any(len({e.date for e in g}) > 1 for g in groups)


def test_bucketed_merge_with_memo_equals_plain_merge_across_rebuilds() -> None:
    rng = random.Random(7)
    events = [random_event(rng, n) for n in range(400)]
    memo = MergeMemo()
    for round_ in range(5):
        merged, aliases = merge_with_aliases(events, memo)  # in bucket order, not date order
        expected, expected_aliases = merge_with_aliases(events)
        assert sorted(merged, key=lambda e: e.id) == sorted(expected, key=lambda e: e.id)
        assert aliases == expected_aliases
        kept = {id(e) for _g, e in merge_by_bucket(events, memo)}
        events = events[5:] + [random_event(rng, 1000 + round_ * 10 + n) for n in range(5)]
        assert kept  # the memo holds this build's buckets
