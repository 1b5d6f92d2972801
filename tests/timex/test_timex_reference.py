"""The story's reference date from a dateline or the publication date."""

from __future__ import annotations

import datetime as dt

import pytest

from dateline.timex import reference_date

CASES = [
    ("WASHINGTON, August 8 (Xinhua) -- The U.S. said", dt.date(2018, 8, 10), dt.date(2018, 8, 8)),
    ("BEIJING, Dec. 4 (Xinhua) -- China", dt.date(2018, 12, 5), dt.date(2018, 12, 4)),
    ("NAIROBI, Kenya (AP) _ Kenya's", dt.date(2018, 12, 5), dt.date(2018, 12, 5)),
    ("BEIJING, Dec. 31 (Xinhua) -- China", dt.date(2019, 1, 2), dt.date(2018, 12, 31)),
    ("LONDON, Jan. 2 (Reuters) - Britain", dt.date(2018, 12, 31), dt.date(2019, 1, 2)),
    ("Seoul said on Dec. 4 that talks", dt.date(2018, 12, 8), dt.date(2018, 12, 8)),
    ("The talks ended.", None, None),
    ("SEOUL, Dec. 4, 2018 (Yonhap) -- Talks", None, dt.date(2018, 12, 4)),
    ("BEIJING, Dec. 4 (Xinhua) -- China", None, None),
]


@pytest.mark.parametrize(("text", "published", "expected"), CASES)
def test_reference_date(text: str, published: dt.date | None, expected: dt.date | None) -> None:
    assert reference_date(text, published) == expected
