"""The rules of who did what to whom (``data/roles.yaml``), and a sentence's actor mentions.

Shared by ``roles.py`` (subject, object, statements) and ``destinations.py`` (journeys,
meetings and groupings' talks).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from dateline.events.actors import DocActors, hits_between
from dateline.events.gazetteer import is_person
from dateline.events.rules import RuleGroup, compile_group, load_data

Hit = tuple[int, str]  # (offset in the sentence, actor code)
Span = tuple[int, int]
_ISSUER_GAP = re.compile(r"[,.;:\"“”]|\s(?:and|or|to|with|for|on)\s")  # no issuer across it


@dataclass(frozen=True)
class Mentions:
    """A sentence with its actor mentions, and the document around it."""

    text: str
    hits: list[Hit]  # every actor mention of the sentence (offsets in it)
    doc: DocActors  # the whole document's mentions, for what a subject stands for
    offset: int  # where the sentence starts in the document


@cache
def role_groups() -> dict[str, RuleGroup]:
    """The named patterns of ``roles.yaml``, compiled, with their examples."""
    return {name: compile_group(name, spec) for name, spec in _data()["groups"].items()}


@dataclass(frozen=True)
class Grouping:
    """States that meet as a group with no organization of their own ("the six-party talks")."""

    name: str
    rule: RuleGroup  # how a sentence names it, with examples
    members: tuple[str, ...]


@cache
def groupings() -> tuple[Grouping, ...]:
    """The groupings of ``roles.yaml``, compiled."""
    return tuple(Grouping(name, compile_group(name, spec), tuple(spec["members"]))
                 for name, spec in (_data().get("groupings") or {}).items())


@cache
def role_examples() -> tuple[dict[str, Any], ...]:
    """The example sentences of ``roles.yaml`` with the source and target they give."""
    return tuple(_data()["examples"])


@cache
def _data() -> dict[str, Any]:
    return load_data("roles.yaml")


def rule(name: str) -> re.Pattern[str]:
    """The compiled pattern of the group ``name`` of ``roles.yaml``."""
    return role_groups()[name].regex


def codes(hits: Sequence[Hit]) -> tuple[str, ...]:
    """The codes of ``hits`` in text order, each once."""
    return tuple(dict.fromkeys(code for _pos, code in sorted(hits, key=lambda h: h[0])))


def within(hits: Sequence[Hit], lo: int, hi: int) -> list[Hit]:
    """The mentions of ``hits`` in ``[lo, hi)``."""
    return [h for h in hits if lo <= h[0] < hi]


def issuer(doc: DocActors, offset: int, noun: str) -> list[Hit]:
    """Who issued the last document the story named with ``noun`` before ``offset`` (the
    party right before the word, "the commission report", or after it, "a report from the
    European Commission"), as document hits; [] if none."""
    word = re.compile(rf"\b{re.escape(noun)}\b", re.IGNORECASE)
    # a few paragraphs back at most: the search stays linear in the story
    for m in reversed(list(word.finditer(doc.text, max(0, offset - 4000), offset))):
        after = rule("issued_by").match(doc.text, m.end(), offset)
        if after and hits_between(doc, after.end(), after.end() + 1):
            return hits_between(doc, after.end(), after.end() + 1)
        before = [h for h in hits_between(doc, max(0, m.start() - 30), m.start())
                  if not _ISSUER_GAP.search(doc.text, h[0], m.start())]
        if before:
            return [h for h in before if h[0] == before[-1][0]]
    return []


def own_side(doc: DocActors, speaker: list[Hit], subject: list[Hit]) -> bool:
    """Whether everyone the reported ``subject`` names is a state of the ``speaker`` or a
    person the story ties to one."""
    states = {code for _pos, code in speaker if not is_person(code)}
    tied = {person: state for person, state in doc.people.values()}
    return bool(subject) and all(code in states or tied.get(code, "") in states
                                 for _pos, code in subject)
