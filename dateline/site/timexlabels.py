"""What a time expression was resolved to, in words a reader can check (``data/timex_labels.yaml``).

A source page shows, after each date the tagger understood, the value it read: "on Thursday
(6 December 2018)".  Calendar values read as ``dates.label`` gives them; durations, recurring
times and values with no calendar place read with the words of the data file.  The TIMEX3 value
itself ("2018-12-06", "P6W", "XXXX-WXX-4") never reaches a reader.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from dateline import dates
from dateline.content.yamlload import SafeLoader

DATA = "data/timex_labels.yaml"


@dataclass(frozen=True)
class Example:
    """A value, its type and modifier, and how a reader must see it."""

    value: str
    type: str
    mod: str
    label: str


@dataclass(frozen=True)
class Words:
    units: Mapping[str, tuple[str, str]]  # TIMEX3 unit ("W"; "TH" for hours) → (one, many)
    some: str  # "some {units}"
    duration_mods: Mapping[str, str]
    every: str  # "every {what}"
    day_parts: Mapping[str, str]
    unresolved: str
    examples: tuple[Example, ...]


@cache
def words() -> Words:
    """The words of ``data/timex_labels.yaml``, read once."""
    text = resources.files("dateline").joinpath(DATA).read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.load(text, Loader=SafeLoader)
    units = {str(k): (str(v[0]), str(v[1])) for k, v in data["units"].items()}
    examples = tuple(Example(str(e["value"]), str(e["type"]), str(e.get("mod", "")),
                             str(e["label"])) for e in data["examples"])
    return Words(units, str(data["some"]), {str(k): str(v) for k, v in
                                             data["duration_mods"].items()},
                 str(data["every"]), {str(k): str(v) for k, v in data["day_parts"].items()},
                 str(data["unresolved"]), examples)


def resolved_label(value: str, kind: str = "DATE", mod: str = "") -> str:
    """How a reader sees the value a time expression was resolved to."""
    if kind == "SET":
        return _recurring(value) or words().unresolved
    if value.startswith("P") and value not in ("PAST_REF", "PRESENT_REF"):
        found = _duration(value)
        modifier = words().duration_mods.get(mod, "")
        return (f"{modifier} {found}" if modifier else found) if found else words().unresolved
    month = _UNKNOWN_YEAR_MONTH.match(value)
    if month:
        return dates.MONTHS[int(month[1]) - 1]
    shown = dates.label(value, mod=mod)
    if shown == value and not value.isdigit():  # dates.label had no words for it
        return words().unresolved
    clock = _CLOCK.search(value)
    return f"{shown}, {clock[1]}" if clock and dates.precision(value) == "time" else shown


def shown_label(text: str, value: str, kind: str = "DATE", mod: str = "") -> str:
    """``resolved_label``, or "" when the words say no more than the text ("December 2018",
    "June 12, 2018"): the page shows the value only where it tells the reader something."""
    label = resolved_label(value, kind, mod)
    said = set(_WORD.findall(text.casefold())) | _filler()
    return "" if set(_WORD.findall(label.casefold())) <= said else label


@cache
def _filler() -> frozenset[str]:
    """The words of the templates themselves ("some", "every"): "days" reads as "some days"
    and "each Thursday" as "every Thursday" without the label adding anything."""
    templates = f"{words().some} {words().every}".replace("{units}", "").replace("{what}", "")
    return frozenset(_WORD.findall(templates.casefold()))


_WORD = re.compile(r"\w+")
_CLOCK = re.compile(r"T(\d{2}:\d{2})")
_UNKNOWN_YEAR_MONTH = re.compile(r"^XXXX-(0[1-9]|1[0-2])$")
_DURATION = re.compile(r"^P(?P<date>(?:(?:\d+(?:\.\d+)?|X)(?:WE|DE|CE|ML|[YMWDQ]))*)"
                       r"(?:T(?P<time>(?:(?:\d+(?:\.\d+)?|X)[HMS])+))?$")
_PART = re.compile(r"(\d+(?:\.\d+)?|X)(WE|DE|CE|ML|[YMWDQHS])")


def _duration(value: str) -> str:
    """"P6W" → "6 weeks", "P2Y6M" → "2 years 6 months", "PXD" → "some days"; "" if no
    duration."""
    match = _DURATION.match(value)
    if not match or not (match["date"] or match["time"]):
        return ""
    parts = [(n, u) for n, u in _PART.findall(match["date"] or "")]
    parts += [(n, "T" + u) for n, u in _PART.findall(match["time"] or "")]
    return " ".join(_amount(number, unit) for number, unit in parts)


def _amount(number: str, unit: str) -> str:
    one, many = words().units[unit]
    if number == "X":
        return words().some.format(units=many)
    return f"{number} {one if number == '1' else many}"


_WEEKDAY_SET = re.compile(r"^XXXX-WXX-([1-7])(?:T(MO|MI|AF|EV|NI|DT))?$")


def _recurring(value: str) -> str:
    """"P1W" → "every week", "XXXX-WXX-4" → "every Thursday", "XXXX-07" → "every July"."""
    every = words().every
    month = _UNKNOWN_YEAR_MONTH.match(value)
    if month:
        return every.format(what=dates.MONTHS[int(month[1]) - 1])
    weekday = _WEEKDAY_SET.match(value)
    if weekday:
        part = words().day_parts[weekday[2]] if weekday[2] else ""
        return every.format(what=" ".join(filter(None, (dates.WEEKDAYS[int(weekday[1]) - 1],
                                                          part))))
    length = _PART.findall(value[1:].replace("T", "")) if value.startswith("P") else []
    if len(length) == 1 and length[0][0] != "X":
        number, unit = length[0]
        unit = ("T" + unit) if "T" in value else unit
        one, many = words().units[unit]
        return every.format(what=one if number == "1" else f"{number} {many}")
    return ""
