"""One article's prose → dated, attributed events."""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import replace

from dateline.events.actors import DocActors, actors_between, document_actors, find_actors
from dateline.events.clauses import (
    DateGroup,
    Draft,
    dateline_end,
    sentence_drafts,
    skip_sentence,
)
from dateline.events.gazetteer import Gazetteer, default_gazetteer, is_person
from dateline.events.headline import write_headline
from dateline.events.occasions import Occasion, dated_occasions, occasion_day
from dateline.events.roles import Roles, clause_roles
from dateline.events.rules import cameo_type, lexicon, planned_act, rule
from dateline.events.sentences import MAX_SENTENCE, LongSentence, bounded_sentences
from dateline.events.text import event_id
from dateline.models import Document, Event, Problem, Source, Timex

# The most events one of 2,452 wire stories gives is 36.  Past this bound a file is not a story
# (a pasted archive, a generated list): every event costs a page, so the rest are left out.
MAX_EVENTS = 500
_LEADING_JOIN = re.compile(r"^[\s,;]*(?:and|but|while|after|before|when|that)?\s*")


def _source(doc: Document, start: int, end: int) -> Source:
    line = doc.body_line + doc.body.count("\n", 0, start)
    return Source(
        doc.path, line, doc.title, start, end, doc.publisher, doc.url, doc.published, kind=doc.kind
    )


def _actors(span: tuple[int, int], sentence: str, draft: Draft, people: DocActors) -> Roles:
    """Actors named in the draft's clause (a pronoun subject brings in the speaker's; a wire
    dateline's "(Xinhua)" names none), and among them who acts and at whom (``roles``)."""
    lo = span[0]
    if draft.kind != "content":
        found = actors_between(people, lo + dateline_end(sentence), span[1])
        return clause_roles(people, sentence, lo, draft, found)
    found = actors_between(people, lo + draft.start, lo + draft.end)
    clause = _LEADING_JOIN.sub("", sentence[draft.start : draft.end], count=1)
    if draft.speaker and rule("pronoun_subject").match(clause):
        found = [*actors_between(people, lo + draft.speaker[0], lo + draft.speaker[1]), *found]
    return clause_roles(people, sentence, lo, draft, list(dict.fromkeys(found)))


def _status(draft: Draft) -> str:
    if draft.planned:
        return "planned"
    return "happened" if draft.date else "reported"


def _event(
    doc: Document,
    span: tuple[int, int],
    draft: Draft,
    report: str,
    gaz: Gazetteer,
    people: DocActors,
    timexes: Sequence[Timex],
) -> Event:
    sentence = doc.body[span[0] : span[1]]
    summary = write_headline(sentence, draft, timexes)
    date = draft.date.value if draft.date else report
    who = _actors(span, sentence, draft, people)
    code, quad = cameo_type(
        draft.verb if draft.kind == "statement" else sentence[draft.start : draft.end]
    )
    key = doc.source_id or doc.path
    return Event(
        id=event_id(
            key, sentence, f"{draft.kind}:{sentence[draft.start : draft.end]}", date, summary
        ),
        date=date,
        end=draft.date.end_value if draft.date else "",
        mod=draft.date.mod if draft.date else "",
        summary=summary,
        status=_status(draft),
        certainty="" if draft.date else "report",
        quote=" ".join(sentence.split()),
        actors=who.actors,
        source=who.source,
        target=who.target,
        type=code,
        quad=quad,
        tags=doc.tags,
        sources=(_source(doc, *span),),
    )


def _sentence_timexes(timexes: Sequence[Timex], starts: list[int], lo: int, hi: int) -> list[Timex]:
    """Timexes inside ``[lo, hi)`` with offsets made relative to ``lo``."""
    out = []
    for i in range(bisect_left(starts, lo), len(timexes)):
        tx = timexes[i]
        if tx.start >= hi:
            break
        if tx.end <= hi:
            out.append(replace(tx, start=tx.start - lo, end=tx.end - lo))
    return out


def extract_events(
    doc: Document,
    timexes: Sequence[Timex],
    anchor: dt.date | None,
    gazetteer: Gazetteer | None = None,
) -> tuple[list[Event], list[Problem]]:
    """Events reported by one article's prose (pure: values in, values out)."""
    report = anchor.isoformat() if anchor else doc.published[:10]
    gaz = gazetteer or default_gazetteer()
    ordered = sorted(timexes, key=lambda t: (t.start, t.end))
    starts = [t.start for t in ordered]
    people = document_actors(doc.body, gaz)
    subject = _story_subject(doc, gaz)
    events: list[Event] = []
    spans, cut = bounded_sentences(doc.body)
    problems = [_long_sentence(doc, long) for long in cut]
    previous: list[Event] = []  # the events of the sentence before
    occasions: list[Occasion] = []  # the occasions the story dated so far, latest first
    for lo, hi in spans:
        own = _sentence_timexes(ordered, starts, lo, hi)
        sentence = doc.body[lo:hi]
        drafts = sentence_drafts(sentence, own, report) or _undated_act(sentence)
        before: Event | None = None  # the sentence's previous clause
        mine: list[Event] = []
        for draft in drafts:
            draft = _at_named_occasion(_alongside(draft, sentence, previous), sentence, occasions)
            if not (draft.date or report):
                continue
            if len(events) == MAX_EVENTS:
                problems.append(_too_many(doc, lo))
                return events, problems
            event = _event(doc, (lo, hi), draft, report, gaz, people, own)
            event = _in_context(event, sentence[draft.start : draft.end], before, subject)
            events.append(event)
            mine.append(event)
            before = event
        previous = mine
        occasions = [*reversed(dated_occasions(sentence, own)), *occasions]
    return events, problems


def _at_named_occasion(draft: Draft, sentence: str, known: Sequence[Occasion]) -> Draft:
    """A draft whose coarse date (a week, a month) names an occasion the story dated by day
    before ("at the APEC leaders' meeting this time next week", after "the APEC ... meeting
    scheduled for November 18-19") takes that day: the same occasion (``named_occasion``)."""
    if draft.date is None:
        return draft
    occasion = occasion_day(sentence[draft.start : draft.end], draft.date, known)
    if occasion is None:
        return draft
    return replace(draft, date=replace(draft.date, value=occasion.value,
                                       end_value=occasion.end_value, mod=""))


def _alongside(draft: Draft, sentence: str, previous: Sequence[Event]) -> Draft:
    """An undated act reported alongside the act of the sentence before ("The United States
    separately called on Kabila ...", after "In New York overnight, the United Nations called on
    Kabila ..."; ``parallel_act``) happened on the same occasion: it takes that act's own date
    (an empty span: no words of this sentence name it).  A plan is not: "will also inspect" is
    the trip's next stop, another day."""
    if draft.date or draft.planned or not rule("parallel_act").search(sentence):
        return draft
    dated = [e for e in previous if not e.certainty and e.status == "happened"]
    if not dated:
        return draft
    act = dated[-1]
    return replace(draft, date=DateGroup(draft.start, draft.start, act.date, act.end, act.mod))


def _story_subject(doc: Document, gaz: Gazetteer) -> tuple[tuple[str, ...], int]:
    """The states and organizations the story's title names, and where its first paragraph
    ends: what the story's lead is about when its sentence names no one."""
    named = tuple(a for a in find_actors(doc.title, gaz) if not is_person(a))
    lead = doc.body.find("\n\n", len(doc.body) - len(doc.body.lstrip()))
    return named, lead if lead >= 0 else len(doc.body)


def _in_context(event: Event, clause: str, before: Event | None,
                subject: tuple[tuple[str, ...], int]) -> Event:
    """A clause that names no actor takes them from its context: a coordinated clause whose
    subject is a pronoun ("... in 2017 and it was still under construction in August 2018")
    those of the clause before it; a sentence of the story's first paragraph ("Researchers
    ... said this is the first time the site has been publicly identified") those of the
    story's title, as what the story is about (as actors only: who acts is not said)."""
    if event.actors:
        return event
    if before is not None and before.actors \
            and rule("continuing_subject").match(_LEADING_JOIN.sub("", clause, count=1)):
        return replace(event, actors=before.actors, source=before.source, target=before.target)
    named, lead = subject
    if named and event.sources and event.sources[0].start < lead:
        return replace(event, actors=named)
    return event


def _undated_act(sentence: str) -> list[Draft]:
    """A sentence with no date that reports a specific act in the simple past ("Joseph and
    Burns also met with Kyuma", "leaders were meeting in Riga"), or an item of a news list in
    a headline's present ("-- Britain supports Macedonia's bid to join the European Union"):
    news of the story's day, as wire stories report it; selection judges it. A description
    ("the talks, which involve ...") or an earlier past ("had imposed") is not news."""
    if skip_sentence(sentence) or _EARLIER_PAST.search(sentence):
        return []
    if planned_act(sentence):  # "Levy will also meet President Demirel": a plan of the day
        return [Draft("report", dateline_end(sentence), len(sentence), None, True)]
    lex = lexicon()
    lowered = sentence.lower()
    headline = rule("headline_item").match(sentence) is not None
    for m in lex.verbs.finditer(lowered):
        form = m.group(0)
        # "withdrawn" is a participle; "were meeting" a past progressive
        simple_past = form.endswith("ed") or (form in lex.irregular and not form.endswith("n"))
        progressive = form.endswith("ing") and _PAST_PROGRESSIVE.search(lowered, 0, m.start())
        present = headline and form.endswith("s") and form[:-1] in lex.verb_codes
        if lex.verb_codes[form] != "01" and (simple_past or progressive or present):
            return [Draft("report", dateline_end(sentence), len(sentence), None, False)]
    return []


_PAST_PROGRESSIVE = re.compile(r"\b(?:was|were)\s+(?:\w+ly\s+|still\s+|also\s+)?$")


_EARLIER_PAST = re.compile(r"\bhad\s+(?:\w+ly\s+|not\s+|already\s+)?\w+(?:ed|en|wn|ne|ld|lt|nt)\b",
                           re.IGNORECASE)



def _position(doc: Document, offset: int) -> tuple[int, int]:
    line = doc.body_line + doc.body.count("\n", 0, offset)
    return line, offset - (doc.body.rfind("\n", 0, offset) + 1) + 1


def _too_many(doc: Document, offset: int) -> Problem:
    line, col = _position(doc, offset)
    return Problem(
        doc.path, line, col, "warning",
        f"more than {MAX_EVENTS} dated events in one file; the events from here on are left out",
        "split the file into one article per story",
    )


def _long_sentence(doc: Document, long: LongSentence) -> Problem:
    line, col = _position(doc, long.start)
    return Problem(
        doc.path, line, col, "warning",
        f"sentence of {long.end - long.start:,} characters is longer than {MAX_SENTENCE:,}; "
        f"read as {long.pieces} pieces",
        "end sentences with a full stop, or split the paragraph: each event quotes its sentence",
    )
