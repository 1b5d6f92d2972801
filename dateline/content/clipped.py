"""Articles saved from a web page with no front matter: find the headline, the date line, the text.

A clipped page typically reads: page header date ("Monday, 20 May 2019"), navigation ("Latest
news", "Main » headline"), the headline, the story's own date line ("08 December 2018"), the
story, and the headline repeated at the end.  The header date is the day the page was saved, not
the story's date, so only a date line *after* the headline counts as the publication date.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from dateutil import parser as dateparser

_CHROME = re.compile(
    r"^(latest news|top stories|breaking news|home|menu|share|advertisement|related( articles)?|"
    r"skip to (main )?content|sign in|subscribe|print|email)$|»|›|^\W*$",
    re.IGNORECASE,
)
_MONTH = (r"(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|"
          r"oct(ober)?|nov(ember)?|dec(ember)?)\.?")
_DATE_LINE = re.compile(
    rf"^(published|updated|posted|date)?[:\s]*((mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
    rf"(\d{{1,2}}\s+{_MONTH},?\s+\d{{4}}|{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})"
    r"([\s,|]+(at\s+)?\d{1,2}[:.]\d{2}(\s*[ap]\.?m\.?)?(\s*[A-Z]{2,4})?)?\s*$",
    re.IGNORECASE,
)


_DEFAULT = dt.datetime(2000, 1, 1)  # fields a date line lacks come from here, never the clock


@dataclass(frozen=True)
class Clipping:
    title: str
    published: str  # ISO date or ""
    body: str
    body_line: int  # 1-based line of the file where body starts


def date_of_line(line: str) -> str:
    """ISO date if ``line`` holds nothing but a date (with optional weekday/time), else ""."""
    if len(line) > 60 or not _DATE_LINE.match(line.strip()):
        return ""
    cleaned = re.sub(r"^(published|updated|posted|date)[:\s]*", "", line.strip(), flags=re.I)
    try:
        iso = re.search(r"\d{4}-\d{2}-\d{2}", cleaned)
        if iso:
            return dt.date.fromisoformat(iso.group()).isoformat()
        return dateparser.parse(cleaned, fuzzy=True, dayfirst=True, ignoretz=True,
                                default=_DEFAULT).date().isoformat()
    except (ValueError, OverflowError):
        return ""


def parse_clipping(text: str) -> Clipping:
    """Split a clipped page into headline, publication date and story text."""
    lines = text.split("\n")
    index = 0
    while index < len(lines) and (_is_chrome(lines[index]) or date_of_line(lines[index])):
        index += 1
    title_index = index
    title = lines[title_index].strip().lstrip("#").strip() if index < len(lines) else ""
    published, date_index = "", 0
    cursor = title_index + 1
    while cursor < len(lines) and cursor <= title_index + 4:
        found = date_of_line(lines[cursor])
        if found:
            published, date_index = found, cursor + 1
            break
        if lines[cursor].strip() and not _is_chrome(lines[cursor]):
            break
        cursor += 1
    start = date_index if published else title_index + 1
    while start < len(lines) and not lines[start].strip():
        start += 1
    end = len(lines)
    while end > start and not lines[end - 1].strip():
        end -= 1
    if title and end > start and lines[end - 1].strip().startswith(title):
        end -= 1  # the headline repeated at the foot of the page
    return Clipping(title, published, "\n".join(lines[start:end]), start + 1)


def _is_chrome(line: str) -> bool:
    stripped = line.strip()
    return not stripped or bool(_CHROME.search(stripped))
