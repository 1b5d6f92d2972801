"""Targets beyond a clause's object: where a journey goes ("left Kathmandu for Dhaka"), who
holds the meeting it attends and the state hosting it ("will attend the APEC Ministerial Meeting
in Busan of the Republic of Korea"), and the other members of a grouping whose talks it takes
part in ("decided to return to the six-party talks").  Rules: ``data/roles.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from dateline.events.actors import hits_between
from dateline.events.gazetteer import is_person
from dateline.events.roledata import Hit, Mentions, groupings, rule, within

_LOOK_BACK = 4000  # characters before a sentence where its visit's destination is looked for


def _unopposed(cue: re.Match[str], target: Sequence[Hit]) -> bool:
    """Whether the source is who does what ``cue`` says: no target is named before it ("China
    urged North Korea to return to the talks": North Korea returns, not China)."""
    return not any(pos < cue.start() for pos, _code in target)


def _members_met(s: Mentions, lo: int, hi: int, target: Sequence[Hit]) -> list[Hit]:
    """The other members of a grouping whose talks the source takes part in (or leaves)."""
    cue = rule("participation").search(s.text, lo, hi)
    if cue is None or not _unopposed(cue, target):
        return []
    return [(cue.start(), code) for group in groupings() if group.rule.regex.search(s.text)
            for code in group.members]


def _destination(s: Mentions, lo: int, hi: int, target: Sequence[Hit]) -> list[Hit]:
    """The states a journey of the clause goes to: named in the phrase after the verb of
    motion ("left here for the APEC meeting in Hanoi"), or the dateline's ("arrived here")."""
    cue = rule("travel").search(s.text, lo, hi)
    if cue is None or not _unopposed(cue, target):
        return []
    if cue.group("here"):
        return [(cue.start(), s.doc.home)] if s.doc.home else []
    named, places = _named_up_to_end(s, cue.end(), hi)
    found = [*named, *places]
    travellers = {code for _pos, code in within(s.hits, lo, cue.start()) if is_person(code)}
    return found or [(cue.start(), code) for code in _went_before(s, travellers)]


def _went_before(s: Mentions, travellers: set[str]) -> list[str]:
    """Where the story said, before ``s``, that one of ``travellers`` goes: a visit named
    again without its destination ("Tayan's visit will now be rescheduled", after "Tayan would
    visit Israel") goes there."""
    if not travellers:
        return []
    text = s.doc.text  # a few paragraphs back at most: the search stays linear in the story
    for cue in reversed(list(rule("travel").finditer(text, max(0, s.offset - _LOOK_BACK),
                                                     s.offset))):
        named = {code for _pos, code in hits_between(s.doc, max(0, cue.start() - 60), cue.start())}
        if not travellers & named or cue.group("here"):
            continue
        end = rule("destination_end").search(text, cue.end(), s.offset)
        stop = end.start() if end else s.offset
        return [code for pos, code in [*hits_between(s.doc, cue.end(), stop), *s.doc.places]
                if cue.end() <= pos < stop and not is_person(code) and code not in named]
    return []


def _meetings_attended(s: Mentions, lo: int, hi: int, target: Sequence[Hit]) -> list[Hit]:
    """Who holds the meeting the source attends ("to participate in the summit of the South
    Asian Association for Regional Cooperation" aims at SAARC)."""
    relative = rule("relative_clause").search(s.text, lo, hi)  # "where he will also attend"
    cue = rule("meeting_attended").search(s.text, lo, relative.start() if relative else hi)
    # a journey's destination before it is no one else who attends ("left for Dhaka to attend")
    if cue is None or not (_unopposed(cue, target)
                           or rule("travel").search(s.text, lo, cue.start())):
        return []
    return [h for h in within(s.hits, cue.start(), cue.end()) if not is_person(h[1])] \
        + _venue(s, cue.end(), hi)


def _venue(s: Mentions, lo: int, hi: int) -> list[Hit]:
    """The states named where a meeting that starts ``lo`` is held ("in Busan of the Republic
    of Korea"), with capitals named as places ("in Hanoi")."""
    venue = rule("meeting_venue").match(s.text, lo, hi)
    if venue is None:
        return []
    named, places = _named_up_to_end(s, venue.end(), hi)
    return [h for h in named if not is_person(h[1])] + places


def _named_up_to_end(s: Mentions, start: int, hi: int) -> tuple[list[Hit], list[Hit]]:
    """The mentions from ``start`` to where a destination or venue phrase ends
    (``destination_end``), and the capitals named there as places ("in Hanoi")."""
    end = rule("destination_end").search(s.text, start, hi)
    stop = end.start() if end else hi
    places = [(pos - s.offset, code) for pos, code in s.doc.places
              if start <= pos - s.offset < stop]
    return within(s.hits, start, stop), places


def aimed_beyond(s: Mentions, lo: int, hi: int, target: Sequence[Hit]) -> list[Hit]:
    """Who the clause ``[lo, hi)`` of ``s`` aims at besides its object ``target``: where a
    journey goes, who holds a meeting it attends and where, the other members of a grouping
    whose talks it takes part in."""
    return [*_members_met(s, lo, hi, target), *_destination(s, lo, hi, target),
            *_meetings_attended(s, lo, hi, target)]
