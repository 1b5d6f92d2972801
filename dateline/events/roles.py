"""Who did what to whom: the actors of an event's clause, split into source and target.

CAMEO codes an event as source → target: who acts or speaks, and at whom the act is aimed.
No parser: the clause's main verb (``verbforms.main_verb``) splits it.  The actors of the
first phrase before the verb (the subject) are the source; a pronoun subject stands for the
speaker of the sentence's reporting clause, "the foreign minister" for the last named person the
story gave that title, "they" for the two parties the sentence before opened with, else "the
leaders" for the subject of its first sentence, "the report" for the party that issued it; a
passive's "by" phrase is the source.  The target is in the first phrase after the verb that
names an actor (the object: "warned the United States on Tuesday against interfering in Taiwan"
aims at the United States, not at Taiwan).  A statement's source is its speaker; a reporting
verb that takes the addressee as its object ("warned", "urged") aims at it.  Where a journey
goes, a meeting attended and a grouping's talks (``destinations.py``) are targets too; "the two
sides" are the two parties of the story's first sentence; fighting between two sides has both
as source and target.  A clause that only frames another act ("Ivanov's remarks came as ...")
takes that act's roles, "there were presentations from the EU" has its subject after the verb,
and an agreement with no party named is with the other of the story's two parties.  An event's
actors are its source and target (the clause's names when it gives neither).  Rules:
``data/roles.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from dateline.events.actors import DocActors, hits_between, last_person, titled_before
from dateline.events.clauses import Draft
from dateline.events.destinations import aimed_beyond
from dateline.events.gazetteer import is_person
from dateline.events.roledata import Hit, Mentions, Span, codes, issuer, own_side, rule, within
from dateline.events.verbforms import main_verb, participle_lemma

_TOKEN = re.compile(r"\S+")
_THAT = re.compile(r"\bthat\b", re.IGNORECASE)
_BY = re.compile(r"\bby\b")
_QUOTES = ('"', "“", "”")
_BE = frozenset(("was", "were", "is", "are", "be", "been", "being"))
_BE_WORD = re.compile(r"\b(?:was|were|is|are|been)\b")
_AUXILIARIES = re.compile(r"(?:(?:was|were|is|are|be|been|will|would|has|have|had)\s+)+")
_ADVERB = re.compile(r"also|not|already|jointly|formally|\w+ly", re.IGNORECASE)
# A reported clause's "that", a few words after the verb ("said on Monday that", "told Ri that")
_DATE_THAT = re.compile(r"(?:\s+\S+){0,4}?\s+that\b", re.IGNORECASE)
# A clause cut at a coordinator or subordinator starts with it (", and North Korea tested")
_LEADING_JOIN = re.compile(r"[\s,;]*(?:(?:and|but|while|whereas|after|before|when|that)\b)?\s*",
                           re.IGNORECASE)


@dataclass(frozen=True)
class Roles:
    """An event's actors: everyone its clause names, and among them source and target."""

    actors: tuple[str, ...]
    source: tuple[str, ...]
    target: tuple[str, ...]


def _verb(text: str, lo: int, hi: int) -> tuple[int, int] | None:
    """Span of the main verb of ``text[lo:hi]``, or None when it has none."""
    tokens = list(_TOKEN.finditer(text, lo, hi))
    words = [t.group(0) for t in tokens]
    if words and words[0][:1] in _QUOTES:  # a quote reported whole: its own verb is the one
        words[0], words[-1] = words[0][1:], words[-1].rstrip(",.").rstrip("".join(_QUOTES))
    index = main_verb(words)
    return None if index is None else tokens[index].span()


def _first_phrase(hits: Sequence[Hit], text: str, lo: int, hi: int, venue: bool = False,
                  own: frozenset[str] = frozenset()) -> list[Hit]:
    """The actors of the first phrase of ``text[lo:hi]`` that names any, before a relative
    clause ("a forum which opened on the effects of UN sanctions" names no target).  After a
    meeting (``venue``), a phrase "in ..." or "at ..." is where it was held, and no party
    ("met last week in Jordan with Iraqi Prime Minister Nuri al-Maliki" aims at Iraq).  A phrase
    naming only the acting state (``own``) goes on: "inspect the Nepalese contingent serving in
    the United Nations Operation in Burundi" aims at the UN and Burundi."""
    people: list[Hit] = []  # a phrase that names only people of no known state goes on
    for start, cut in _phrases(text, lo, hi):
        if venue and rule("venue").match(text, start, cut):
            continue
        inside = within(hits, start, cut)
        if any(not is_person(code) and code not in own for _pos, code in inside):
            joined = rule("coordinated_phrase").search(text, start, cut)
            # "for the resumption of the WTO talks and for further discussions ... among the
            # APEC member economies": the phrase joined to it aims too
            more = _first_phrase(hits, text, cut, hi, venue, own) if joined else []
            return [*people, *inside, *more]
        people += inside
    return people


def _one_state(subject: Sequence[Hit]) -> frozenset[str]:
    """The state or organization of a subject that names one, else none."""
    states = {code for _pos, code in subject if not is_person(code)}
    return frozenset(states) if len(states) == 1 else frozenset()


def _past_opening(text: str, lo: int, hi: int) -> int:
    """Where the subject of ``text[lo:hi]`` starts: after an opening phrase and its comma ("In
    a phone call with Egyptian President Hosni Mubarak, Olmert said": Olmert speaks)."""
    opening = rule("opening_phrase").match(text, lo, hi)
    if opening is None or (opening.group("prep")
                           and _verb(text, opening.end("prep"), opening.end() - 1) is not None):
        return lo
    return opening.end()


def _phrases(text: str, lo: int, hi: int) -> list[Span]:
    """The phrases of ``text[lo:hi]`` before a relative clause or a circumstance ("despite
    ..."), cut where a preposition or a subordinator opens another; a force "in" a state goes
    on ("troops in Iraq")."""
    for name in ("relative_clause", "circumstance"):
        aside = rule(name).search(text, lo, hi)
        instrument = rule("instrument_clause").search(text, lo, hi) if aside else None
        if aside and instrument and instrument.start() <= aside.start() < instrument.end():
            continue  # "the resolution which imposes restrictions on Iran's ...": aimed too
        hi = aside.start() if aside and aside.start() > lo else hi
    stationed = rule("stationed_in")
    cuts = [m.start() for m in rule("phrase_break").finditer(text, lo, hi)
            if (m.group(0) != "in" or not stationed.search(text, max(lo, m.start() - 80), m.end()))
            and not rule("inside_name").match(text, text.rfind(" ", lo, m.start() - 1) + 1)]
    return list(zip([lo, *cuts], [*cuts, hi], strict=True))


def _mutual(subject: list[Hit], clause: str) -> tuple[list[Hit], list[Hit]]:
    """Two parties of a joint act in the subject ("Syria and Iraq signed"): the first state
    named (with the people named with it) is the source, the others the target."""
    states = list(dict.fromkeys(code for _pos, code in subject if not is_person(code)))
    if len(states) < 2 or not rule("mutual_act").search(clause):
        return subject, []
    first = {pos for pos, code in subject if code == states[0]}
    source = [h for h in subject if h[1] == states[0] or (is_person(h[1]) and h[0] in first)]
    return source, [h for h in subject if h not in source]


@dataclass(frozen=True)
class _Sentence(Mentions):
    """A sentence with its actor mentions, and whom a subject with no name stands for."""

    def antecedent(self, words: str, person: bool = True) -> list[Hit]:
        """Who a subject with no name stands for: the last person the story gave its title
        ("the foreign minister"), or the subject of its first sentence ("the leaders").  A
        phrase before the subject ("During the retreat, the leaders") is no part of it."""
        words = words.rsplit(",", 1)[-1]
        role = rule("role_subject").match(words)
        document = rule("document_subject").match(words)
        if document:
            found = issuer(self.doc, self.offset, document.group("noun").lower())
        elif role:
            found = titled_before(self.doc, self.offset,
                                  " ".join(role.group("role").lower().split()))
        elif rule("group_subject").match(words) and self.joint():
            found = self.joint()
        elif rule("group_subject").match(words) and self.doc.lead[0] < self.offset:
            found = hits_between(self.doc, *self.doc.lead)
        elif person and rule("person_pronoun").match(words):
            found = last_person(self.doc, self.offset)
        else:
            return []
        return [(pos - self.offset, code) for pos, code in found]

    def joint(self) -> list[Hit]:
        """The two parties the sentence just before opened with ("Turkey and Israel ... last
        year. They signed ..."), whom "they" stands for; [] if it opened with no two."""
        for start, end, second in self.doc.joint:
            if end <= self.offset <= end + 4:
                return [h for h in hits_between(self.doc, start, second + 1)
                        if h[0] in (start, second) and not is_person(h[1])]
        return []


def _subject_start(text: str, lo: int, hi: int) -> int:
    """Where the subject of the clause ``text[lo:hi]`` starts: after an opening phrase, a
    leading coordinator, the words before a reported clause's "that" and a clause that only
    frames the act ("Ivanov's remarks came as ...")."""
    lo = _past_opening(text, lo, hi)
    join = _LEADING_JOIN.match(text, lo, hi)
    lo = join.end() if join else lo
    reported = rule("reported_that").match(text, lo, hi)  # "here Tuesday that he felt"
    lo = reported.end() if reported else lo
    framing = rule("framing_clause").match(text, lo, hi)
    return framing.end() if framing else lo


def _subject_and_object(s: _Sentence, lo: int, hi: int, speaker: list[Hit]
                        ) -> tuple[list[Hit], list[Hit]]:
    """Source and target of the clause ``[lo, hi)`` of ``s``, which has its own subject (a
    pronoun stands for the ``speaker`` of the sentence's reporting clause)."""
    lo = _subject_start(s.text, lo, hi)
    verb = _verb(s.text, lo, hi)
    if verb is None:  # no finite verb: the first phrase acts on the next one
        source = _first_phrase(s.hits, s.text, lo, hi)
        agent = [] if source else _relative_agent(s, lo, hi)
        if agent:
            return _mutual(agent, s.text[lo:hi])
        rest = max((pos for pos, _code in source), default=lo) + 1
        return source, _first_phrase(s.hits, s.text, rest, hi) if source else []
    words = s.text[lo : verb[0]].lstrip("".join(_QUOTES))
    if rule("market_subject").match(words):
        return [], []
    if rule("existential").search(words):  # "there were presentations from the EU, from Japan"
        return _existential(s, verb, hi)
    subject, inner = _own_subject(s, lo, verb[0], speaker, words)
    if not subject and speaker and rule("pronoun_subject").match(words):
        subject = speaker
    subject = subject or s.antecedent(words)
    agent = _passive_agent(s, verb, hi) or (_relative_agent(s, lo, verb[0]) if not subject else [])
    if agent:  # "requests were denied by leader Kim Jong Un"; "signed by the two governments"
        return (agent, subject) if subject else _mutual(agent, s.text[lo:hi])
    if not subject:  # "The images indicate North Korea was building ...": the inner clause's
        verb, subject = _inner_clause(s, verb, hi)
    target = _first_phrase(s.hits, s.text, verb[1], hi, venue=_meeting(s.text, verb, hi),
                           own=_one_state(subject))
    target = target or inner
    if not target and subject:
        subject, target = _mutual(subject, s.text[lo:hi])
    return subject, target


def _own_subject(s: _Sentence, lo: int, verb: int, speaker: list[Hit], words: str
                 ) -> tuple[list[Hit], list[Hit]]:
    """The actors of the subject ``[lo, verb)``, and whom it names when it is the speaker's own
    act ("his meeting with Kim": the speaker acts, toward Kim)."""
    named = _first_phrase(s.hits, s.text, lo, verb)
    if speaker and rule("possessive_subject").match(words):
        return speaker, [h for h in named if h[1] not in {code for _pos, code in speaker}]
    return named, []


def _meeting(text: str, verb: Span, hi: int) -> bool:
    """Whether the clause's verb is a meeting ("met", "were meeting in Riga"), whose "in" or
    "at" phrase is the venue."""
    auxiliaries = _AUXILIARIES.match(text, verb[0], hi)
    at = auxiliaries.end() if auxiliaries else verb[0]
    return bool(rule("mutual_act").match(text, at, hi) or rule("occasion_held").match(text, at, hi))


def _existential(s: _Sentence, verb: Span, hi: int) -> tuple[list[Hit], list[Hit]]:
    """Source and target of a clause that says there is something: who is named in what there
    is ("presentations from the EU, from Japan"), and the first party after it ("another summit
    with Kim"); a place is where it is ("39 Japanese in Zaire")."""
    cut = rule("existential_end").search(s.text, verb[1], hi)
    end = cut.start() if cut else hi
    return within(s.hits, verb[1], end), _first_phrase(s.hits, s.text, end, hi, venue=True)


def _inner_clause(s: _Sentence, verb: Span, hi: int) -> tuple[Span, list[Hit]]:
    """The verb and subject of the clause that acts when the main one's subject names no actor:
    an inner clause with a named subject ("The images indicate North Korea was building"), or
    one whose "it" stands for the last party named before it ("against the backdrop of NATO's
    announcement that it had agreed to ..." is NATO agreeing); else ``verb`` and no one."""
    inner = _verb(s.text, verb[1], hi)
    if inner is not None and within(s.hits, verb[1], inner[0]):
        return inner, _first_phrase(s.hits, s.text, verb[1], inner[0])
    pronoun = rule("pronoun_clause").search(s.text, verb[1], hi)
    before = [h for h in within(s.hits, verb[1], pronoun.start()) if not is_person(h[1])] \
        if pronoun else []
    inner = _verb(s.text, pronoun.end(), hi) if pronoun and before else None
    if inner is None:
        return verb, []
    last = max(pos for pos, _code in before)
    return inner, [h for h in before if h[0] == last]


def _relative_agent(s: _Sentence, lo: int, hi: int) -> list[Hit]:
    """The "by" phrase of a passive relative clause in a subject that names no one ("The
    agreement, which was signed by the two governments Thursday, demonstrates ...": the
    signing is the news, and the two governments its parties)."""
    relative = rule("relative_clause").search(s.text, lo, hi)
    be = _BE_WORD.search(s.text, relative.end(), hi) if relative else None
    return _passive_agent(s, be.span(), hi) if be else []


def _passive_agent(s: _Sentence, verb: tuple[int, int], hi: int) -> list[Hit]:
    """The actors of a passive verb's "by" phrase ("was signed by the two governments")."""
    if s.text[verb[0] : verb[1]].lower() not in _BE:
        return []
    following = _TOKEN.search(s.text, verb[1], hi)
    while following is not None and _ADVERB.fullmatch(following.group(0)):  # "was also signed"
        following = _TOKEN.search(s.text, following.end(), hi)
    if following is None or participle_lemma(following.group(0).lower().strip(",.")) is None:
        return []
    by = _BY.search(s.text, following.end(), hi)
    if by:
        return _first_phrase(s.hits, s.text, by.start(), hi)
    attack = rule("attack_agent").match(s.text, following.end(), hi)  # "in an Israeli air raid"
    return within(s.hits, *attack.span("agent")) if attack else []


def _object_of_reporting(sentence: str, draft: Draft) -> bool:
    """Whether a leading reporting verb takes the clause as its object ("warned the United
    States ...", "urged Pyongyang to ..."), not a reported clause ("said that ...")."""
    if draft.speaker is None or not rule("object_verb").match(draft.verb.lower()):
        return False
    verb_end = draft.speaker[1] + len(draft.verb)
    return verb_end <= draft.start and not _THAT.search(sentence, verb_end, draft.start + 6)


def _opening_of_speaker(sentence: str, draft: Draft) -> bool:
    """Whether the clause is only a phrase opening the sentence before its speaker ("After his
    meeting with US President George W. Bush on Friday, Koizumi said ..."): the speaker acts."""
    if draft.speaker is None or draft.speaker[0] < draft.end:
        return False
    opening = rule("opening_phrase").match(sentence, draft.start, draft.end + 1)  # its comma
    return opening is not None and _verb(sentence, draft.start, draft.end) is None


def _roles(s: _Sentence, draft: Draft) -> tuple[list[Hit], list[Hit]]:
    """Source and target of one draft of the sentence."""
    speaker: list[Hit] = []
    if draft.speaker:
        speaker = _first_phrase(s.hits, s.text, _past_opening(s.text, *draft.speaker),
                                draft.speaker[1]) \
            or s.antecedent(s.text[draft.speaker[0] : draft.speaker[1]], person=False)
    if draft.kind == "content" and (_object_of_reporting(s.text, draft)
                                    or (speaker and _opening_of_speaker(s.text, draft))):
        return speaker, _first_phrase(s.hits, s.text, draft.start, draft.end)
    if draft.kind != "statement" or draft.speaker is None:
        return _subject_and_object(s, draft.start, draft.end, speaker)
    if _verb(s.text, *draft.speaker) is not None:
        # the "speaker" is a clause of its own ("Bush and Rice met last week with Maliki, who
        # also demanded ..."; "Israel had closed Rafah ... with a reported 35 million dollars")
        return _subject_and_object(s, draft.start, draft.end, [])
    if draft.speaker[0] >= draft.end:  # trailing: '..., Ivanov said': the content comes first
        subject, target = _subject_and_object(s, draft.start, draft.end, speaker)
    else:
        after_verb = draft.speaker[1] + len(draft.verb)
        subject, target = _reported(s, (after_verb, draft.end), draft.verb, speaker)
    if not any(not is_person(code) for _pos, code in speaker):
        # a speaker known by name only ("Defense Minister Sergei Ivanov"): the state is the
        # content's subject ("Russia is unable to ...")
        return [*speaker, *subject], target
    if own_side(s.doc, speaker, subject):
        # "a senior Jordanian official said King Hussein wants ...": the speaker's own leader
        # acts, on the speaker's side
        return [*speaker, *(h for h in subject if h not in speaker)], target
    return speaker, [*subject, *target] if subject != speaker else target


def _reported(s: _Sentence, span: tuple[int, int], verb: str, speaker: list[Hit]
              ) -> tuple[list[Hit], list[Hit]]:
    """Subject and target of what a leading reporting ``verb`` reports in ``span`` (the text
    after the verb); the addressee of a verb like "warned" or "told" ("told Ri on Friday that
    ...") is the target."""
    content, end = span
    that = _DATE_THAT.match(s.text, content, end)  # "said on Monday that ..."
    if rule("object_verb").match(verb.lower()):
        addressee = _first_phrase(s.hits, s.text, content, that.start() if that else end)
        if addressee or not that:
            return [], addressee
    return _subject_and_object(s, that.end() if that else content, end, speaker)


def _party_hits(sentence: str, doc: DocActors) -> list[Hit]:
    """"The two sides" or "both governments" as mentions of the story's two parties."""
    if not doc.pair:
        return []
    return [(m.start(), code) for m in rule("two_parties").finditer(sentence)
            for code in doc.pair]


def _partner(doc: DocActors, clause: str, source: Sequence[str]) -> tuple[str, ...]:
    """The other of the story's two parties, for an agreement one of them acts on with no
    party named ("The Turkish parliament approved a free trade agreement signed last year", in a
    story on Turkey and Israel); () otherwise."""
    states = [code for code in source if not is_person(code)]
    if len(doc.pair) != 2 or len(states) != 1 or states[0] not in doc.pair \
            or not rule("agreement").search(clause):
        return ()
    return tuple(code for code in doc.pair if code != states[0])


def clause_roles(doc: DocActors, sentence: str, lo: int, draft: Draft,
                 named: Sequence[str]) -> Roles:
    """Source and target of ``draft`` in ``sentence``, which starts at ``lo`` of the document
    ``doc`` was read from; its actors are the two together, or ``named`` (the actors its clause
    names) when the clause gives neither."""
    hits = [(pos - lo, code) for pos, code in hits_between(doc, lo, lo + len(sentence))]
    hits = sorted([*hits, *_party_hits(sentence, doc)], key=lambda h: h[0])
    s = _Sentence(sentence, hits, doc, lo)
    source_hits, target_hits = _roles(s, draft)
    target_hits = [*target_hits, *aimed_beyond(s, draft.start, draft.end, target_hits)]
    source = codes(source_hits)
    target = codes(target_hits)
    states = [code for code in source if not is_person(code)]
    shared = [code for code in states if code in target]
    if shared and len(shared) < len(states):
        # a party of the subject named again after the verb is the one aimed at ("Syria and
        # Iraq have signed a memo ... to Iraqis"; "Philippines-U.S. alliance would be the focus
        # of her talk with Bush")
        source = tuple(code for code in source if code not in shared)
    target = tuple(code for code in target if code not in source)
    target = target or _partner(doc, sentence[draft.start : draft.end], source)
    if source and target and rule("armed_exchange").search(sentence, draft.start, draft.end):
        source = target = tuple(dict.fromkeys([*source, *target]))  # both sides fire
    actors = tuple(dict.fromkeys([*source, *target])) if source or target else tuple(named)
    return Roles(actors, source, target)
