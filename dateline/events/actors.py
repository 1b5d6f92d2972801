"""Finding actors in sentences, with what the whole document says about its people."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass

from dateline.dates import CALENDAR_WORDS
from dateline.events.gazetteer import Gazetteer, is_person, seat_in_actor_position, slug_name

_POSSESSIVE = re.compile(r"['’]s$")
_TITLE_GAP = re.compile(r"['’]?s?\s*")
# Runs of capitalized words, where people's names and surnames are looked up.
_CAPITALIZED_RUN = re.compile(
    r"(?<![\w'’-])(?:(?:al|el|Al|El)-)?[A-Z][\w'’-]*(?: (?:(?:al|el)-)?[A-Z][\w'’-]*)*"
)


@dataclass(frozen=True)
class DocActors:
    """What a document tells us about actors, for resolving short mentions."""

    codes: frozenset[str]  # states and organizations named anywhere in it
    people: dict[str, tuple[str, str]]  # surface (full name or surname) → (person id, state)
    hits: tuple[tuple[int, str], ...] = ()  # (offset, code) of every mention, in order
    positions: tuple[int, ...] = ()


def _clean_name(name: str, gaz: Gazetteer) -> str:
    tokens = [t for t in _POSSESSIVE.sub("", name).split()]
    while tokens and (tokens[0].lower() in gaz.titles or tokens[0].lower() + "." in gaz.titles):
        tokens.pop(0)
    while tokens and tokens[-1] in CALENDAR_WORDS:
        tokens.pop()
    return " ".join(tokens)


def _state_before(text: str, start: int, gaz: Gazetteer) -> str:
    """The state or organization named just before a title ("Chinese President")."""
    window = text[max(0, start - 40) : start]
    found = ""
    for m in gaz.anywhere_re.finditer(window):
        if not is_person(gaz.anywhere[m.group(0)]) and _TITLE_GAP.fullmatch(window[m.end() :]):
            found = gaz.anywhere[m.group(0)]
    return found


def _titled_people(text: str, gaz: Gazetteer) -> dict[str, tuple[str, str]]:
    people: dict[str, tuple[str, str]] = {}
    for m in gaz.title_re.finditer(text):
        name = _clean_name(m.group(1), gaz)
        if not name or name in gaz.anywhere or name in CALENDAR_WORDS:
            continue
        if any(token in gaz.not_names for token in name.split()):
            continue
        pid = gaz.short.get(name) or slug_name(name)
        state = (
            gaz.people[pid].country if pid in gaz.people else _state_before(text, m.start(), gaz)
        )
        tokens = name.split()
        surfaces = {name, tokens[0], tokens[-1]} if len(tokens) > 1 else {name}
        surfaces = {s for s in surfaces if len(s) > 2 or s == name}
        for surface in surfaces | {
            s[0].upper() + s[1:] for s in surfaces
        }:  # "al-Khatib"/"Al-Khatib"
            people.setdefault(surface, (pid, state))
    return people


def _false_friend(text: str, start: int, end: int, gaz: Gazetteer) -> bool:
    """Whether the name at ``text[start:end]`` lies inside a false friend ("Michael Jordan").

    Only names that occur in some false-friend pattern are checked, in a window around them:
    scanning every document with every pattern would cost more than all other matching."""
    if text[start:end] not in gaz.risky:
        return False
    lo, hi = max(0, start - 60), min(len(text), end + 60)
    return any(m.start() <= start and end <= m.end() for m in gaz.false_re.finditer(text, lo, hi))


def _name_hits(text: str, gaz: Gazetteer) -> list[tuple[int, str]]:
    """Gazetteer names anywhere, capitals in actor position; false friends left out."""
    hits: list[tuple[int, str]] = []
    for m in gaz.anywhere_re.finditer(text):
        code = gaz.anywhere[m.group(0)]
        if not is_person(code) and _false_friend(text, m.start(), m.end(), gaz):
            continue
        hits.append((m.start(), code))
        if code in gaz.people and gaz.people[code].country:
            hits.append((m.start(), gaz.people[code].country))
    for m in gaz.seats_re.finditer(text):
        if seat_in_actor_position(text, m.start()) and not _false_friend(
            text, m.start(), m.end(), gaz
        ):
            hits.append((m.start(), gaz.seats[m.group(0)]))
    return hits


def _people_hits(text: str, people: dict[str, tuple[str, str]]) -> list[tuple[int, str]]:
    """People the document introduced, by full name or surname, inside capitalized runs."""
    hits: list[tuple[int, str]] = []
    for run in _CAPITALIZED_RUN.finditer(text):
        name = _POSSESSIVE.sub("", run.group(0))
        found = people.get(name)
        if found is None:
            for token in name.split(" "):
                found = found or people.get(token)
        if found:
            hits.append((run.start(), found[0]))
            if found[1]:
                hits.append((run.start(), found[1]))
    return hits


def document_actors(text: str, gaz: Gazetteer) -> DocActors:
    """Every actor mention of a document (one pass per pattern), and the people it introduces."""
    hits = _name_hits(text, gaz)
    codes = {code for _pos, code in hits}
    people = _titled_people(text, gaz)
    for m in gaz.short_re.finditer(text):
        person = gaz.people[gaz.short[m.group(0)]]
        if person.country in codes:
            people.setdefault(m.group(0), (gaz.short[m.group(0)], person.country))
    people = {k: v for k, v in people.items() if k not in gaz.anywhere and k not in gaz.seats}
    hits = sorted([*hits, *_people_hits(text, people)], key=lambda h: h[0])
    return DocActors(
        frozenset(c for c in codes if not is_person(c)),
        people,
        tuple(hits),
        tuple(pos for pos, _code in hits),
    )


def _ordered(hits: Iterable[tuple[int, str]]) -> list[str]:
    return list(dict.fromkeys(code for _pos, code in sorted(hits, key=lambda h: h[0])))


def actors_between(doc: DocActors, lo: int, hi: int) -> list[str]:
    """Actors mentioned in ``[lo, hi)`` of the document ``doc`` was built from."""
    return _ordered(doc.hits[bisect_left(doc.positions, lo) : bisect_left(doc.positions, hi)])


def find_actors(text: str, gaz: Gazetteer, doc: DocActors | None = None) -> list[str]:
    """Actor codes named in ``text`` in order of appearance; people add their state."""
    hits = _name_hits(text, gaz)
    if doc is not None and doc.people:
        hits.extend(_people_hits(text, doc.people))
    return _ordered(hits)
