"""Property tests: whatever the input, the output is well formed."""

from __future__ import annotations

import datetime as dt
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from dateline.timex import tag

# TIMEX3 values (TimeML 1.2.1): dates and weeks at any precision, optionally
# underspecified with X; times of day; durations; the three vague references.
_Y = r"(?:\d{4}|XXXX)"
_MONTH = r"(?:0[1-9]|1[0-2]|XX)"
_DAY = r"(?:0[1-9]|[12]\d|3[01]|XX)"
_WEEK = r"(?:0[1-9]|[1-4]\d|5[0-3]|XX)"
_DATE = (rf"(?:{_Y}(?:-{_MONTH}(?:-{_DAY})?|-W{_WEEK}(?:-(?:[1-7]|WE))?"
         rf"|-Q[1-4X]|-H[12X]|-(?:SP|SU|FA|WI))?|\d{{3}}|\d\d|XXX|XX)")
_TIME = rf"{_DATE}T(?:(?:[01]\d|2[0-4])(?::[0-5]\d)?|MO|AF|EV|NI|MI|DT)"
_NUM = r"(?:\d+(?:\.\d+)?|X)"
_DURATION = (rf"P(?:{_NUM}(?:Y|M|W|D|Q|DE|CE|ML|WE|H))+(?:T(?:{_NUM}[HMS])+)?"
             rf"|PT(?:{_NUM}[HMS])+")
TIMEX3_VALUE = re.compile(
    rf"(?:{_DATE}|{_TIME}|{_DURATION}|PRESENT_REF|PAST_REF|FUTURE_REF)")

WORDS = ["Tuesday", "said", "last", "week", "Dec.", "4,", "2018", "the", "past", "three",
         "months", "ago", "a", "year", "in", "August", "early", "mid-", "fiscal", "1999",
         "quarter", "third", "now", "recently", "every", "3", "p.m.", "May", "march",
         "the 4th", "1990s", "19th", "century", "-", "5-6", "or", "and", "$1999", "2,000",
         "tonight", "yesterday", "later", "earlier", "next", "weekend", "Q3", "'98",
         "\n", ".", ",", "é", "\u200b", "٣"]

anchors = st.one_of(st.none(), st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)))
prose = st.lists(st.sampled_from(WORDS), max_size=40).map(" ".join)


def check(text: str, anchor: dt.date | None) -> None:
    found = tag(text, anchor)
    last_end = -1
    for t in found:
        assert 0 <= t.start < t.end <= len(text)
        assert text[t.start:t.end] == t.text
        assert t.start >= last_end, "sorted and non-overlapping"
        last_end = t.end
        assert t.type in ("DATE", "TIME", "DURATION", "SET")
        assert TIMEX3_VALUE.fullmatch(t.value), t.value
        assert t.rule


@settings(max_examples=300, deadline=None)
@given(st.text(), anchors)
def test_any_unicode_text(text: str, anchor: dt.date | None) -> None:
    check(text, anchor)


@settings(max_examples=500, deadline=None)
@given(prose, anchors)
def test_date_like_prose(text: str, anchor: dt.date | None) -> None:
    check(text, anchor)


def test_validator_rejects_malformed_values() -> None:
    for bad in ("2018-13", "2018-W", "P", "P3", "today", "2018-12-04T", "XXXX-WXX-8", ""):
        assert not TIMEX3_VALUE.fullmatch(bad), bad
    for good in ("2018-12-04", "2018-W48", "XXXX-WXX-2", "P3M", "PXY", "PT24H", "199", "18",
                 "2018-Q3", "2018-SU", "2018-12-08TNI", "2018-12-04T15:00", "PRESENT_REF"):
        assert TIMEX3_VALUE.fullmatch(good), good
