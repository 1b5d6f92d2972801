"""Dates at their precision: bounds, order, labels and editors' forms."""

from __future__ import annotations

import datetime as dt

import pytest

from dateline import dates


@pytest.mark.parametrize(("value", "precision", "first", "last"), [
    ("2018", "year", "2018-01-01", "2018-12-31"),
    ("2018-08", "month", "2018-08-01", "2018-08-31"),
    ("2018-W48", "week", "2018-11-26", "2018-12-02"),
    ("2018-12-04", "day", "2018-12-04", "2018-12-04"),
    ("2018-Q3", "quarter", "2018-07-01", "2018-09-30"),
    ("2018-SU", "season", "2018-06-01", "2018-08-31"),
    ("2018-H2", "half", "2018-07-01", "2018-12-31"),
    ("199", "decade", "1990-01-01", "1999-12-31"),
    ("19", "century", "1900-01-01", "1999-12-31"),
    ("2016-02", "month", "2016-02-01", "2016-02-29"),
])
def test_bounds_and_precision(value: str, precision: str, first: str, last: str) -> None:
    assert dates.precision(value) == precision
    assert dates.bounds(value) == (dt.date.fromisoformat(first), dt.date.fromisoformat(last))


@pytest.mark.parametrize("value", ["XXXX-12-04", "2018-02-30", "2018-13", "2018-W60", "PRESENT_REF",
                                   "", "P3M"])
def test_unplaceable_values_have_no_bounds(value: str) -> None:
    assert dates.bounds(value) is None


def test_coarser_dates_sort_before_finer_ones_in_the_same_period() -> None:
    values = ["2018-12-04", "2018-12", "2018", "2018-W48", "2017", "2018-01-01", "2018-11-30"]
    ordered = sorted(values, key=dates.sort_key)
    assert ordered == ["2017", "2018", "2018-01-01", "2018-W48", "2018-11-30", "2018-12",
                       "2018-12-04"]


@pytest.mark.parametrize(("value", "end", "mod", "expected"), [
    ("2018", "", "", "2018"),
    ("2018-08", "", "", "August 2018"),
    ("2018-W48", "", "", "week of 26 November 2018"),
    ("2018-12-04", "", "", "4 December 2018"),
    ("2019", "", "START", "early 2019"),
    ("2019-02-27", "2019-02-28", "", "27–28 February 2019"),
    ("199", "", "", "the 1990s"),
    ("20", "", "", "the 21st century"),
    ("2018-Q3", "", "", "Q3 2018"),
])
def test_labels_show_the_real_precision(value: str, end: str, mod: str, expected: str) -> None:
    assert dates.label(value, end, mod) == expected


def test_alternatives_read_as_or() -> None:
    assert dates.label("2019-01", "2019-02", alternative=True) == "January or February 2019"


@pytest.mark.parametrize(("text", "expected"), [
    ("2018", ("2018", "", "")),
    ("2018-06", ("2018-06", "", "")),
    ("2018-06-12", ("2018-06-12", "", "")),
    ("2019-02-27/2019-02-28", ("2019-02-27", "2019-02-28", "")),
    ("early 2019", ("2019", "", "START")),
    ("mid-2018", ("2018", "", "MID")),
    ("late 2019", ("2019", "", "END")),
    ("summer 2018", ("2018-SU", "", "")),
    ("March 2019", ("2019-03", "", "")),
    ("2018-W48", ("2018-W48", "", "")),
    ("the 1990s".removeprefix("the "), ("199", "", "")),
])
def test_editor_forms(text: str, expected: tuple[str, str, str]) -> None:
    assert dates.parse_editor_date(text) == expected


@pytest.mark.parametrize(("text", "message"), [
    ("2018-02-30", "day does not exist (got 2018-02-30)"),
    ("2024-13-01", "month must be 1..12 (got 2024-13-01)"),
    ("0000", "year must be 1 or later (got 0000)"),
    ("99999", "year must be 9999 or earlier (got 99999)"),
    ("next Tuesday", "cannot read date 'next Tuesday'"),
    ("2019-03-01/2019-02-01", "range ends before it starts (got 2019-03-01/2019-02-01)"),
])
def test_impossible_editor_dates_say_why(text: str, message: str) -> None:
    with pytest.raises(dates.DateError) as caught:
        dates.parse_editor_date(text)
    assert str(caught.value) == message
    assert caught.value.hint


def test_last_winter_is_the_winter_before_the_story_in_tagger_and_site_alike() -> None:
    import datetime as dt

    from dateline import timex

    story = dt.date(2018, 6, 1)
    [found] = [t for t in timex.tag("Talks stalled last winter.", story) if t.type == "DATE"]
    assert found.value == "2018-WI"
    first, last = dates.bounds(found.value) or (None, None)
    assert (first, last) == (dt.date(2017, 12, 1), dt.date(2018, 2, 28))  # before the story
    assert dates.sort_key(found.value)[0] < story.isoformat()
    assert dates.label(found.value) == "winter 2017–18"
    assert dates.year_of(found.value) == 2018
    assert dates.label("2018-SU") == "summer 2018"


@pytest.mark.parametrize(("value", "mod", "shown"), [
    ("199", "START", "the early 1990s"),
    ("199", "MID", "the mid-1990s"),
    ("19", "END", "the late 20th century"),
    ("199", "APPROX", "about the 1990s"),
    ("2018", "START", "early 2018"),
    ("199", "", "the 1990s"),
])
def test_decades_and_centuries_read_with_their_modifier(value: str, mod: str, shown: str) -> None:
    assert dates.label(value, mod=mod) == shown


@pytest.mark.parametrize(("value", "shown"), [
    ("199", "the 1990s"), ("19", "the 20th century"), ("2018-Q3", "Q3 2018"),
    ("2018-H1", "first half of 2018"), ("2018-SU", "summer 2018"), ("1998-FA", "autumn 1998"),
    ("2018-W48", "week of 26 November 2018"), ("2018-W48-WE", "the weekend of 1–2 December 2018"),
    ("2018-12-04TNI", "4 December 2018 (night)"), ("FY1998", "fiscal year 1998"),
    ("XXXX-12-04", "4 December"), ("PAST_REF", "the past"), ("PRESENT_REF", "now"),
    ("FUTURE_REF", "the future"),
])
def test_every_kind_of_value_the_tagger_gives_has_words(value: str, shown: str) -> None:
    assert dates.label(value) == shown  # no code reaches a page
