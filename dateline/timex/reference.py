"""The story's reference date: a dateline's date ("BEIJING, Dec. 4 (Xinhua) --") or
the publication date."""

from __future__ import annotations

import datetime as dt
import re

from dateline.timex.fields import key
from dateline.timex.grammar import load
from dateline.timex.timepoint import nearest_year, safe_date

# "WASHINGTON, August 8 (Xinhua) --", "NAIROBI, Kenya (AP) _", "LONDON, Dec 4, 2018 (Reuters) -"
_DATELINE = re.compile(
    r"""\A\s*(?:[*_#>\s]*)
    (?P<place>[A-Z][A-Z.'’\- ]{1,40}
      (?:,\s*(?![A-Z][a-z]{2,8}\.?\s+\d)[A-Z][A-Za-z.'’\-]*(?:\s[A-Z][A-Za-z.'’\-]*){0,3}){0,2})
    ,?\s+
    (?:(?P<month>[A-Z][a-z]{2,8})\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?
       |(?P<day2>\d{1,2})\s+(?P<month2>[A-Z][a-z]{2,8})\.?)?
    (?:,?\s+(?P<year>\d{4}))?
    \s*(?:\((?P<agency>[^()\n]{1,30})\))?\s*(?:--|—|–|_|-|:)""",
    re.VERBOSE,
)


def dateline_date(text: str, published: dt.date | None) -> dt.date | None:
    """The date written in a dateline at the start of ``text``, if any.

    A year-less date is placed in the year that puts it nearest ``published``;
    without ``published`` only a dateline with a year gives a date.
    """
    m = _DATELINE.match(text[:200])
    if m is None:
        return None
    month_word = m.group("month") or m.group("month2")
    day_text = m.group("day") or m.group("day2")
    if not month_word or not day_text:
        return None
    month_text = load("en").tables["month"].get(key(month_word))
    if month_text is None:
        return None
    month, day = int(month_text), int(day_text)
    if m.group("year"):
        return safe_date(int(m.group("year")), month, day)
    if published is None:
        return None
    return safe_date(nearest_year(published, month, day, ""), month, day)


def reference_date(text: str, published: dt.date | None) -> dt.date | None:
    """The date relative expressions in the story count from.

    A dateline date that differs from ``published`` wins (wire stories are often
    published a day or more after they were filed); otherwise ``published``.
    """
    filed = dateline_date(text, published)
    if filed is not None and filed != published:
        return filed
    return published
