"""Turn a match's named groups into normalized fields (month → 12, unit → "W", ...).

A group's *kind* is its name without trailing digits (``month2`` is a month), so a
pattern can capture the same kind twice ("from January to March").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

Fields = dict[str, str]  # kind -> normalized value (numbers as decimal strings, "X" = vague)

_DIGITS = re.compile(r"\d+")
_SPACES = re.compile(r"[\s-]+")
ALIASES = {"yearw": "year"}  # kinds stored under another name


def key(text: str) -> str:
    """Table key of a captured word: lower case, single spaces, no final dot."""
    return _SPACES.sub(" ", text.strip().lower()).rstrip(".").strip()


def number_value(text: str, tables: Mapping[str, Mapping[str, str]]) -> str:
    """'three' → '3', 'twenty-four' → '24', '2.5' → '2.5', '1,500' → '1500', 'several' → 'X'."""
    words = key(text)
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+", words):  # thousands separated by commas
        words = words.replace(",", "")
    if words in tables["number"]:
        return tables["number"][words]
    if re.fullmatch(r"\d+(\.\d+)?", words):
        return words.lstrip("0") or "0"
    total, current = 0, 0
    for word in words.split():
        if word == "and":  # "two thousand and five"
            continue
        amount = tables["number"].get(word)
        if amount is None or amount == "X":
            return "X"
        n = int(amount)
        if n in (100, 1000):
            current = max(current, 1) * n
            if n == 1000:
                total, current = total + current, 0
        else:
            current += n
    return str(total + current)


def year_value(text: str, anchor: dt.date | None) -> str:
    """'1998' → '1998'; "'98" → '1998' (the century that puts it nearest the anchor)."""
    digits = "".join(_DIGITS.findall(text))
    if len(digits) != 2:
        return digits
    two = int(digits)
    base = anchor.year if anchor else 1950
    candidates = [c * 100 + two for c in (base // 100 - 1, base // 100, base // 100 + 1)]
    # prefer the past: a two-digit year rarely points more than ten years ahead
    return str(min(candidates, key=lambda y: abs(y - base) if y <= base + 10 else 10**6))


def _table(kind: str, text: str, tables: Mapping[str, Mapping[str, str]]) -> str:
    table = tables.get(kind, {})
    found = table.get(key(text))
    if found is None and kind == "unit":  # plural: "years", "trading days"
        found = table.get(key(text).removesuffix("s"))
    if found is None:  # "the end of" also written "end of", "the previous" as "previous"
        found = table.get(key(text).removeprefix("the "), "")
    return found if found is not None else ""


def normalize(groups: Mapping[str, str | None], tables: Mapping[str, Mapping[str, str]],
              anchor: dt.date | None) -> Fields:
    """Normalized fields of a match; the first group of each kind that matched wins."""
    out: Fields = {}
    for name, text in groups.items():
        if text is None:
            continue
        kind = name.rstrip("0123456789")
        value = _one(kind, text, tables, anchor)
        store = ALIASES.get(kind, kind)
        if store in out:  # a second month/day: "from January to March"
            out[f"{store}_{name[len(kind):] or 1}"] = value
        else:
            out[store] = value
    return out


def _one(kind: str, text: str, tables: Mapping[str, Mapping[str, str]],
         anchor: dt.date | None) -> str:
    if kind == "number":
        return number_value(text, tables)
    if kind == "year":
        return year_value(text, anchor) if _DIGITS.search(text) else number_value(text, tables)
    if kind == "yearw":  # "nineteen ninety-six": the words after "nineteen"
        rest = number_value(text, tables)
        return str(1900 + int(rest)) if rest.isdigit() else ""
    if kind in ("day", "hour", "minute", "decade"):
        digits: list[str] = _DIGITS.findall(text)
        if digits:
            return digits[0] if kind != "decade" else digits[0][:3]
        word = key(text)
        return tables["ordinal"].get(word) or tables["decade_word"].get(word, "")
    if kind == "half" and key(text) in ("last", "latter", "final"):
        return "2"  # "the last half of 1989" is the second (the ordinal table says 4)
    if kind in ("month", "quarter", "century", "half"):
        digits = _DIGITS.findall(text)
        if digits:
            return str(int(digits[0]))
        table = "month" if kind == "month" else "ordinal"
        return _table(table, text, tables)
    if kind == "ydir":  # "June last year": the year is the one before the anchor's
        return _table("dir", text, tables)
    if kind in tables:
        return _table(kind, text, tables)
    if kind == "pod":
        return _table("part_of_day", text, tables)
    return key(text)
