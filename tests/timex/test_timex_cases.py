"""Table tests for English news wording (values checked by hand against a calendar).

Anchor 2018-12-08 is a Saturday; 2018-W49 runs Mon 3 Dec - Sun 9 Dec.
"""

from __future__ import annotations

import datetime as dt

import pytest

from dateline.timex import tag
from tests.conftest import shared

SAT = dt.date(2018, 12, 8)


def value_of(text: str, extent: str, anchor: dt.date | None = SAT) -> tuple[str, str, str]:
    """(value, type, mod) of the expression exactly covering ``extent``."""
    for t in tag(text, anchor):
        if t.text == extent:
            return t.value, t.type, t.mod
    raise AssertionError(f"{extent!r} not tagged in {text!r}: {tag(text, anchor)}")


EXPLICIT = [
    ("It happened on Dec. 4, 2018.", "Dec. 4, 2018", "2018-12-04"),
    ("It happened on 4 December 2018.", "4 December 2018", "2018-12-04"),
    ("08 December 2018", "08 December 2018", "2018-12-08"),
    ("It happened on December 4.", "December 4", "2018-12-04"),
    ("Released 2018-12-04.", "2018-12-04", "2018-12-04"),
    ("He left on the 4th.", "on the 4th", "2018-12-04"),
    ("The Aug. 7 meeting", "Aug. 7", "2018-08-07"),
    ("in August 2018", "August 2018", "2018-08"),
    ("in 2017", "2017", "2017"),
    ("since the 1990s", "the 1990s", "199"),
    ("in the 19th century", "the 19th century", "18"),
    ("last summer", "last summer", "2018-SU"),
    ("profit in the third quarter", "the third quarter", "2018-Q3"),
    ("in fiscal 1999", "fiscal 1999", "1999"),
]


@pytest.mark.parametrize(("text", "extent", "value"), EXPLICIT)
def test_explicit_dates(text: str, extent: str, value: str) -> None:
    assert value_of(text, extent)[0] == value


MODS = [
    ("in early 2019", "early 2019", "2019", "START"),
    ("in mid-2019", "mid-2019", "2019", "MID"),
    ("in late 1990", "late 1990", "1990", "END"),
    ("by the end of 1990", "the end of 1990", "1990", "END"),
    ("in early September", "early September", "2018-09", "START"),
    ("early next year", "early next year", "2019", "START"),
    ("earlier this month", "earlier this month", "2018-12", "START"),
]


@pytest.mark.parametrize(("text", "extent", "value", "mod"), MODS)
def test_modifiers(text: str, extent: str, value: str, mod: str) -> None:
    got_value, _, got_mod = value_of(text, extent)
    assert (got_value, got_mod) == (value, mod)


RELATIVE = [
    ("He said today that", "today", "2018-12-08"),
    ("He said yesterday that", "yesterday", "2018-12-07"),
    ("They meet tomorrow.", "tomorrow", "2018-12-09"),
    ("He speaks tonight.", "tonight", "2018-12-08TNI"),
    ("Bolton said Tuesday that", "Tuesday", "2018-12-04"),
    ("Officials said Saturday that", "Saturday", "2018-12-08"),
    ("The leaders will meet Thursday.", "Thursday", "2018-12-13"),
    ("He was due to arrive in China Thursday for talks.", "Thursday", "2018-12-06"),
    ("last week's summit", "last week", "2018-W48"),
    ("next month", "next month", "2019-01"),
    ("this year", "this year", "2018"),
    ("a year ago", "a year ago", "2017"),
    ("two weeks later", "two weeks later", "2018-W51"),
    ("They could meet in January or February.", "January", "2019-01"),
    ("The talks were held in August.", "August", "2018-08"),
    ("Talks are planned for March 3.", "March 3", "2019-03-03"),
    ("Kim met Trump on June 12 and the two agreed to meet again.", "June 12", "2018-06-12"),
    ("He resigned in March for health reasons.", "March", "2018-03"),
    ("A vote is expected in March.", "March", "2019-03"),
]


@pytest.mark.parametrize(("text", "extent", "value"), RELATIVE)
def test_relative_dates(text: str, extent: str, value: str) -> None:
    assert value_of(text, extent)[0] == value


UNANCHORED = [
    ("Bolton said Tuesday", "Tuesday", "XXXX-WXX-2"),
    ("last week", "last week", "XXXX-WXX"),
    ("yesterday", "yesterday", "XXXX-XX-XX"),
    ("in August", "August", "XXXX-08"),
    ("in August 2018", "August 2018", "2018-08"),
]


@pytest.mark.parametrize(("text", "extent", "value"), UNANCHORED)
def test_no_anchor_leaves_relative_dates_unresolved(text: str, extent: str, value: str) -> None:
    assert value_of(text, extent, None)[0] == value


OTHER_TYPES = [
    ("over the past three months", "the past three months", "P3M", "DURATION"),
    ("for two years", "two years", "P2Y", "DURATION"),
    ("it took years", "years", "PXY", "DURATION"),
    ("it is now clear", "now", "PRESENT_REF", "DATE"),
    ("he recently said", "recently", "PAST_REF", "DATE"),
    ("in the future", "the future", "FUTURE_REF", "DATE"),
    ("at 3 p.m. Tuesday", "3 p.m. Tuesday", "2018-12-04T15:00", "TIME"),
    ("they meet every week", "every week", "P1W", "SET"),
    ("the report appears weekly.", "weekly", "P1W", "SET"),
    ("they meet each year", "each year", "P1Y", "SET"),
    ("twice a year", "twice a year", "P1Y", "SET"),
    # a batsman's century is not a time (neg_cricket_centuries), these still are
    ("the first woman in a century to", "a century", "P100Y", "DURATION"),
    ("over their two centuries of rule", "two centuries", "P200Y", "DURATION"),
    ("first free vote in half a century.", "half a century", "P50Y", "DURATION"),
]


@pytest.mark.parametrize(("text", "extent", "value", "typ"), OTHER_TYPES)
def test_durations_references_times_sets(text: str, extent: str, value: str, typ: str) -> None:
    got_value, got_type, _ = value_of(text, extent)
    assert (got_value, got_type) == (value, typ)


RANGES = [
    ("talks on March 5-6 in Hanoi", [("March 5", "2019-03-05"), ("6", "2019-03-06")]),
    ("from January to March", [("January", "2019-01"), ("March", "2019-03")]),
    ("between 1998 and 2000", [("1998", "1998"), ("2000", "2000")]),
    ("in January or February", [("January", "2019-01"), ("February", "2019-02")]),
]


@pytest.mark.parametrize(("text", "expected"), RANGES)
def test_ranges_and_alternatives_tag_both_ends(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(t.text, t.value) for t in tag(text, SAT)] == expected


NOT_DATES = [
    "Officials may decide later.",
    "Protesters march on the capital.",
    "They celebrated Independence Day with fireworks.",
    "The US sent 2,000 troops.",
    "The phone costs $1999.",
    "He told the Sunday Times.",
    "Theresa May spoke.",
]


@pytest.mark.parametrize("text", NOT_DATES)
def test_not_dates(text: str) -> None:
    assert tag(text, SAT) == []


def test_holiday_with_a_year_is_a_date() -> None:
    assert value_of("on Independence Day 2018", "Independence Day 2018")[0] == "2018-07-04"


SEED_EXPECTED = [
    ("Tuesday", "2018-12-04"),
    ("last week", "2018-W48"),
    ("2017", "2017"),
    ("August 2018", "2018-08"),
    ("Thursday", "2018-12-06"),
    ("Sunday", "2018-12-02"),
    ("January", "2019-01"),
    ("February", "2019-02"),
    ("the past year", "P1Y"),
]


@pytest.mark.parametrize(("extent", "value"), SEED_EXPECTED)
def test_seed_article(extent: str, value: str) -> None:
    found = {t.text: t.value for t in tag(shared("seeds/000_78f3f7e25b09e543.txt")
                                           .read_text(encoding="utf-8"), SAT)}
    assert found.get(extent) == value
