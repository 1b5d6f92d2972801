"""Finding actors in sentences, with what the whole document says about its people."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass

from dateline.dates import CALENDAR_WORDS
from dateline.events.clauses import dateline_end
from dateline.events.gazetteer import (
    Gazetteer,
    after_first_name,
    before_name_word,
    is_person,
    seat_in_actor_position,
    slug_name,
)
from dateline.events.rules import stopwords
from dateline.events.verbforms import main_verb

_POSSESSIVE = re.compile(r"['’]s$")
# Between a state or organization and the title it gives a person: a possessive, an
# abbreviation in brackets, and up to two words that qualify the title, capitalized before a
# capitalized title ("Chinese Commerce Minister", "(UNFCCC) Executive Secretary"), lower-case
# before a lower-case one ("the SADC executive secretary")
_TITLE_GAP = re.compile(r"['’]?s?\)?\s*(?:[A-Z][a-z][\w-]*\s+){0,2}")
_TITLE_GAP_LOWER = re.compile(r"['’]?s?\)?\s*(?:[a-z][\w-]*\s+){0,2}")
_TOKEN = re.compile(r"\S+")
# A full stop that ends a sentence, not an abbreviation ("U.S.", "Nov. 9", "Dec. 8")
_SENTENCE_END = re.compile(
    r"(?<![A-Z])(?<!\b[A-Z][a-z])(?<!\b[A-Z][a-z]{2})[.!?][\"”’]?(?:\s+(?=[A-Z\"“])|\s*$)"
)
# The city of a wire dateline, in capitals ("BEIJING, Nov. 5 (Xinhua) --")
_DATELINE_CITY = re.compile(r"\s*([A-Z][A-Z .'-]+?)\s*[,(]")
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
    # (start, end, lowercased title) of every person introduced with a title ("Japanese
    # Foreign Minister Taro Aso"), for "the foreign minister" later on
    titled: tuple[tuple[int, int, str], ...] = ()
    lead: tuple[int, int] = (0, 0)  # the subject of the story's first sentence ("the leaders")
    # the first two states or organizations of the story's first sentence: "the two sides"
    pair: tuple[str, ...] = ()
    # (offset, code) of capitals named as places ("in Hanoi", "left for Moscow"): no actors,
    # but where a visit goes
    places: tuple[tuple[int, str], ...] = ()
    home: str = ""  # the state of the wire dateline's city ("BEIJING, Nov. 5 (Xinhua)"): "here"
    # (start, end, subject's end) of every sentence that opens with two parties joined by "and"
    # ("Turkey and Israel, whose relations ..."): whom "they" in the next sentence stands for
    joint: tuple[tuple[int, int, int], ...] = ()
    text: str = ""  # the document, for what a later sentence's subject refers back to


def _clean_name(name: str, gaz: Gazetteer) -> str:
    tokens = [t for t in _POSSESSIVE.sub("", name).split()]
    while tokens and (tokens[0].lower() in gaz.titles or tokens[0].lower() + "." in gaz.titles):
        tokens.pop(0)
    while tokens and tokens[-1] in CALENDAR_WORDS:
        tokens.pop()
    return " ".join(tokens)


def _state_before(text: str, start: int, gaz: Gazetteer) -> str:
    """The state or organization named just before a title ("Chinese President")."""
    lo = max(0, start - 40)
    window = text[lo:start]
    gap = _TITLE_GAP_LOWER if text[start : start + 1].islower() else _TITLE_GAP
    found = ""
    for m in gaz.anywhere_re.finditer(window):
        if not is_person(gaz.anywhere[m.group(0)]) and gap.fullmatch(window[m.end() :]) \
                and not CALENDAR_WORDS.intersection(window[m.end() :].split()) \
                and not _false_friend(text, lo + m.start(), lo + m.end(), gaz):
            found = gaz.anywhere[m.group(0)]
    return found


def _titled_people(text: str, gaz: Gazetteer
                   ) -> tuple[dict[str, tuple[str, str]], list[tuple[int, int, str]]]:
    """Surface → (person id, state) of everyone introduced with a title, and (start, end,
    lowercased title) of each such introduction."""
    people: dict[str, tuple[str, str]] = {}
    titled: list[tuple[int, int, str]] = []
    for m in gaz.title_re.finditer(text):
        name = _clean_name(m.group(1), gaz)
        if not name or name in CALENDAR_WORDS or any(t in gaz.not_names for t in name.split()):
            continue
        titled.append((m.start(), m.end(), " ".join(text[m.start() : m.start(1)].lower().split())))
        if name in gaz.anywhere:  # a known person ("President George W. Bush")
            continue
        pid = gaz.short.get(name) or slug_name(name)
        state = (
            gaz.people[pid].country if pid in gaz.people else _state_before(text, m.start(), gaz)
        )
        tokens = name.split()
        surfaces = {name, tokens[0], tokens[-1]} if len(tokens) > 1 else {name}
        # a double surname is also named by its second part ("Macapagal-Arroyo": "Arroyo")
        second = tokens[-1].rsplit("-", 1)[-1]
        if len(tokens) > 1 and second != tokens[-1] and second[:1].isupper():
            surfaces.add(second)
        surfaces = {s for s in surfaces if len(s) > 2 or s == name}
        for surface in surfaces | {
            s[0].upper() + s[1:] for s in surfaces
        }:  # "al-Khatib"/"Al-Khatib"
            people.setdefault(surface, (pid, state))
    for m in gaz.appositive_re.finditer(text):  # "Nicholas Burns, who is U.S. Undersecretary"
        name = _clean_name(m.group(1), gaz)
        if _plausible_name(name, gaz):
            state = _state_before(text, m.end(2), gaz)
            for surface in {name, name.split()[-1]}:
                people.setdefault(surface, (gaz.short.get(name) or slug_name(name), state))
    return people, titled


def _plausible_name(name: str, gaz: Gazetteer) -> bool:
    """Whether the capitalized words before an appositive title can be a person's name: two
    words at least, none a function word, a date or a place ("In Washington, the President")."""
    words = stopwords()
    tokens = name.split()
    return len(tokens) > 1 and not any(
        t.lower() in words or t in CALENDAR_WORDS or t in gaz.anywhere or t in gaz.seats
        or t in gaz.not_names for t in tokens) and name not in gaz.anywhere


def _false_friend(text: str, start: int, end: int, gaz: Gazetteer) -> bool:
    """Whether the name at ``text[start:end]`` lies inside a false friend ("Michael Jordan").

    Only names that occur in some false-friend pattern are checked, in a window around them:
    scanning every document with every pattern would cost more than all other matching."""
    if text[start:end] not in gaz.risky:
        return False
    lo, hi = max(0, start - 60), min(len(text), end + 60)
    return any(m.start() <= start and end <= m.end() for m in gaz.false_re.finditer(text, lo, hi))


def _not_acting(text: str, start: int, end: int, gaz: Gazetteer) -> bool:
    """Whether the name at ``text[start:end]`` stands where no actor does ("anti-Syrian")."""
    return any(context.holds(text, start, end) for context in gaz.not_acting)


def _name_hits(text: str, gaz: Gazetteer) -> list[tuple[int, str]]:
    """Gazetteer names anywhere, capitals in actor position; false friends and names in a
    position where no actor stands left out."""
    hits: list[tuple[int, str]] = []
    found = list(gaz.anywhere_re.finditer(text))
    qualifiers = _qualifying_organizations(text, found, gaz)
    for m in found:
        code = gaz.anywhere[m.group(0)]
        if not is_person(code) and _false_friend(text, m.start(), m.end(), gaz):
            continue
        if m.start() in qualifiers or _not_acting(text, m.start(), m.end(), gaz):
            continue
        hits.append((m.start(), code))
        if code in gaz.people and gaz.people[code].country:
            hits.append((m.start(), gaz.people[code].country))
    return hits + _seat_hits(text, gaz)


def _qualifying_organizations(text: str, found: Iterable[re.Match[str]], gaz: Gazetteer
                              ) -> set[int]:
    """Where an organization's name only qualifies the name of another right after it: the
    body that acts is the more specific one ("the UN World Food Programme" is the WFP)."""
    names = [(m.start(), m.end(), gaz.anywhere[m.group(0)]) for m in found]
    bodies = {start: code for start, _end, code in names if code in gaz.organizations}
    return {start for start, end, code in names if code in gaz.organizations
            and text[end : end + 1] == " " and bodies.get(end + 1, code) != code}


def _seat_hits(text: str, gaz: Gazetteer) -> list[tuple[int, str]]:
    """Capitals in actor position that are no part of a longer name."""
    return [(m.start(), gaz.seats[m.group(0)]) for m in _seats(text, gaz)
            if seat_in_actor_position(text, m.start())
            and not _not_acting(text, m.start(), m.end(), gaz)]


def _place_hits(text: str, gaz: Gazetteer) -> list[tuple[int, str]]:
    """Capitals named as places, after a preposition or a verb of motion ("in Hanoi")."""
    return [(m.start(), gaz.seats[m.group(0)]) for m in _seats(text, gaz)
            if not seat_in_actor_position(text, m.start())]


def _seats(text: str, gaz: Gazetteer) -> list[re.Match[str]]:
    """Capitals that are no part of a longer name nor of a false friend.  A capital the
    document gives a first name ("Lee Hamilton") is a person's surname in all of it."""
    found = list(gaz.seats_re.finditer(text))
    words = stopwords()
    surnames = {m.group(0) for m in found if after_first_name(text, m.start(), gaz, words)}
    return [m for m in found if m.group(0) not in surnames
            and not before_name_word(text, m.end())
            and not _false_friend(text, m.start(), m.end(), gaz)]


def _description_hits(text: str, gaz: Gazetteer, codes: set[str]) -> list[tuple[int, str]]:
    """Descriptions that stand for an organization the document names ("the alliance" in a
    story on NATO); one that could stand for two it names stands for neither."""
    hits = []
    for m in gaz.descriptions_re.finditer(text):
        surface = m.group(0)
        meant = gaz.descriptions.get(surface) \
            or gaz.descriptions.get(surface[:1].lower() + surface[1:], ())
        named = [code for code in meant if code in codes]
        if len(named) == 1:
            hits.append((m.start(), named[0]))
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
    people, titled = _titled_people(text, gaz)
    for m in gaz.short_re.finditer(text):
        person = gaz.people[gaz.short[m.group(0)]]
        if person.country in codes:
            people.setdefault(m.group(0), (gaz.short[m.group(0)], person.country))
    people = {k: v for k, v in people.items() if k not in gaz.anywhere and k not in gaz.seats}
    hits = sorted([*hits, *_people_hits(text, people), *_description_hits(text, gaz, codes)],
                  key=lambda h: h[0])
    return DocActors(
        frozenset(c for c in codes if not is_person(c)),
        people,
        tuple(hits),
        tuple(pos for pos, _code in hits),
        tuple(titled),
        _lead_subject(text),
        _lead_pair(text, hits),
        tuple(_place_hits(text, gaz)),
        _home(text, gaz),
        _joint_subjects(text, hits),
        text,
    )


# A first party's name and "and" before a second's ("Turkey and Israel", "The US and China")
_JOINED = re.compile(r"(?:[A-Z][\w.'’-]*\s+){0,3}?and\s+(?:the\s+)?")
_OPENS = re.compile(r"(?:^|\n|[.!?][\"”’]?\s+)(?:The\s+)?$")


def _joint_subjects(text: str, hits: list[tuple[int, str]]) -> tuple[tuple[int, int, int], ...]:
    """Sentences that open with two parties joined by "and" ("Turkey and Israel boosted ..."):
    (where the sentence starts, where it ends, where the second party is named)."""
    starts = {pos for pos, code in hits if not is_person(code)}
    found = []
    for pos in sorted(starts):
        joined = _JOINED.match(text, pos)
        if joined and joined.end() in starts and _OPENS.search(text, max(0, pos - 6), pos):
            end = _SENTENCE_END.search(text, joined.end())
            found.append((pos, end.start() if end else len(text), joined.end()))
    return tuple(found)


def _lead_pair(text: str, hits: Iterable[tuple[int, str]]) -> tuple[str, ...]:
    """The first two states or organizations the text's first sentence names, if it names two:
    the parties "the two sides" or "the two governments" later stand for."""
    start = dateline_end(text)
    end = _SENTENCE_END.search(text, start)
    stop = end.start() if end else len(text)
    codes = _ordered(h for h in hits if start <= h[0] < stop and not is_person(h[1]))
    return tuple(codes[:2]) if len(codes) >= 2 else ()


def _home(text: str, gaz: Gazetteer) -> str:
    """The state of a leading wire dateline's city ("BEIJING, Nov. 5 (Xinhua) --" → CHN)."""
    if not dateline_end(text):
        return ""
    city = _DATELINE_CITY.match(text)
    name = city.group(1).strip().title() if city else ""
    return gaz.seats.get(name) or gaz.anywhere.get(name, "")


def _lead_subject(text: str) -> tuple[int, int]:
    """Span of the subject of the text's first sentence (after a wire dateline): the party the
    story is about, whom "the leaders" or "the two sides" later stand for."""
    start = dateline_end(text)
    end = _SENTENCE_END.search(text, start)
    tokens = list(_TOKEN.finditer(text, start, end.start() if end else len(text)))
    verb = main_verb([t.group(0) for t in tokens])
    return (start, tokens[verb].start()) if verb is not None else (start, start)


def _ordered(hits: Iterable[tuple[int, str]]) -> list[str]:
    return list(dict.fromkeys(code for _pos, code in sorted(hits, key=lambda h: h[0])))


def actors_between(doc: DocActors, lo: int, hi: int) -> list[str]:
    """Actors mentioned in ``[lo, hi)`` of the document ``doc`` was built from."""
    return _ordered(hits_between(doc, lo, hi))


def hits_between(doc: DocActors, lo: int, hi: int) -> list[tuple[int, str]]:
    """``(offset, code)`` of every actor mention in ``[lo, hi)``, in text order."""
    return list(doc.hits[bisect_left(doc.positions, lo) : bisect_left(doc.positions, hi)])


def titled_before(doc: DocActors, offset: int, role: str) -> list[tuple[int, str]]:
    """The last mention before ``offset`` of a person the story gave a title ending with
    ``role`` ("the foreign minister" → "Japanese Foreign Minister Taro Aso"; "the President"
    after "Philippine President Arroyo" and "President Bush", then "Arroyo told reporters", is
    Arroyo), as hits; [] if none."""
    holders: set[str] = set()
    for start, end, title in doc.titled:
        if end <= offset and (title == role or title.endswith(" " + role)):
            # the person's mention starts where its capitalized run does ("Japanese Foreign ...")
            near = hits_between(doc, max(0, start - 30), end)
            person = max((pos for pos, code in near if is_person(code)), default=None)
            holders.update(code for pos, code in near if pos == person and is_person(code))
    before = hits_between(doc, 0, offset)
    last = max((pos for pos, code in before if code in holders), default=None)
    return [hit for hit in before if hit[0] == last]


def find_actors(text: str, gaz: Gazetteer, doc: DocActors | None = None) -> list[str]:
    """Actor codes named in ``text`` in order of appearance; people add their state."""
    hits = _name_hits(text, gaz)
    if doc is not None:
        hits.extend(_people_hits(text, doc.people))
        hits.extend(_description_hits(text, gaz, set(doc.codes)))
    return _ordered(hits)


def last_person(doc: DocActors, offset: int) -> list[tuple[int, str]]:
    """The mentions of the last person the document names before ``offset``, with the state it
    ties that person to: whom "he" stands for."""
    people = [(pos, code) for pos, code in hits_between(doc, 0, offset) if is_person(code)]
    if not people:
        return []
    pos, person = people[-1]
    found = hits_between(doc, pos, pos + 1)
    state = {pid: country for pid, country in doc.people.values()}.get(person, "")
    return [*found, (pos, state)] if state and (pos, state) not in found else found
