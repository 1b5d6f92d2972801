"""Candidates judged before they become events: a chronology, not a flood (issue 17).

Every dated clause the extractor finds is a candidate; it goes on the timeline only when it is a
*development*: an act or an official position between international actors. The others are kept,
with the reason, for ``check --candidates`` and for the source page: *statement* (commentary,
"refused to comment", questions), *background* (what the story only recalls), *forecast*
(projections, a future date with no scheduled occasion) and *out_of_scope* (sports, markets,
business, weather, crime; nothing between states). The vocabulary is data
(``data/selection.yaml``, with examples that run as tests); this module only orders the tests.
Pure: values in, values out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from dateline.events.merge import main_actors
from dateline.events.rules import RuleGroup, compile_group, date_bounds, load_data
from dateline.models import Candidate, Document, Event

DEVELOPMENT = "development"
KINDS = (DEVELOPMENT, "statement", "background", "forecast", "out_of_scope", "repeat")
_DOMAINS = (("sports", "sports"), ("markets", "markets"), ("business", "business"),
            ("weather_disaster", "weather or disaster"), ("crime", "crime"))


@dataclass(frozen=True)
class Verdict:
    kind: str  # one of KINDS
    reason: str  # a few words an editor reads in ``check --candidates``


@dataclass(frozen=True)
class Vocabulary:
    groups: dict[str, RuleGroup]
    background_years: int
    recalled_days: int
    lead_paragraphs: int

    def has(self, group: str, text: str) -> bool:
        return self.groups[group].regex.search(text) is not None

    def found(self, group: str, text: str) -> str:
        match = self.groups[group].regex.search(text)
        return match.group(0) if match else ""


@cache
def vocabulary() -> Vocabulary:
    data = load_data("selection.yaml")
    groups = {name: compile_group(name, spec) for name, spec in data["groups"].items()}
    return Vocabulary(groups, int(data["background_years"]), int(data["recalled_days"]),
                      int(data["lead_paragraphs"]))


def judge(event: Event, document: Document) -> Verdict:
    """What ``event`` (a candidate of ``document``) is, and why."""
    words = vocabulary()
    sentence = event.quote
    return (_statement(sentence, words) or _elaboration(event, document, words)
            or _background(event, document, sentence, words)
            or _forecast(event, document, sentence, words)
            or _out_of_scope(event, document, sentence, words)
            or Verdict(DEVELOPMENT, "an act between states"))


def _statement(sentence: str, words: Vocabulary) -> Verdict | None:
    if cue := words.found("no_comment", sentence):
        return Verdict("statement", f"no comment: '{cue}'")
    if words.has("question", sentence):
        return Verdict("statement", "a question")
    for group in ("opinion_speaker", "according_to_opinion"):
        if cue := words.found(group, sentence):
            return Verdict("statement", f"commentary: '{cue}'")
    return None


def _elaboration(event: Event, document: Document, words: Vocabulary) -> Verdict | None:
    """An undated statement past the story's first paragraphs says more about its news; the
    news itself is in the lead (wire stories put it there), or has a date of its own."""
    if not event.certainty or not event.sources or event.type not in ("", "01"):
        return None  # an act of its own ("met", "endorsed") is news, not elaboration
    cut, start = 0, event.sources[0].start
    for _ in range(words.lead_paragraphs):
        cut = document.body.find("\n\n", cut + 2)
        if cut < 0:
            return None
    if start > cut:
        return Verdict("statement", "an undated report past the story's lead")
    return None


def _published(document: Document) -> dt.date | None:
    bounds = date_bounds(document.published[:10]) if document.published else None
    return bounds[0] if bounds else None


def _background(event: Event, document: Document, sentence: str,
                words: Vocabulary) -> Verdict | None:
    published, span = _published(document), date_bounds(event.end or event.date)
    if published is None or span is None:
        return None
    if span[1].year < published.year - words.background_years:
        return Verdict("background", f"recalled: dated {event.date}, "
                                     f"{published.year - span[1].year} years before the story")
    lead = document.body.find("\n\n")
    if span[1] < published and (published - span[0]).days > words.recalled_days \
            and event.sources and event.sources[0].start > lead >= 0:
        return Verdict("background", f"recalled: dated {event.date}, "
                                     f"{(published - span[0]).days} days before the story")
    cue = words.found("background_cue", sentence) if span[1] < published else ""
    if cue:
        return Verdict("background", f"recalled: '{cue}'")
    return None


def _forecast(event: Event, document: Document, sentence: str,
              words: Vocabulary) -> Verdict | None:
    cue = words.found("forecast_cue", sentence)
    if cue and not words.has("occasion", sentence):
        return Verdict("forecast", f"projection: '{cue}'")
    published, span = _published(document), date_bounds(event.date)
    if published and span and span[0] > published and not words.has("occasion", sentence):
        return Verdict("forecast", f"a future date ({event.date}) with no scheduled occasion")
    return None


def _out_of_scope(event: Event, document: Document, sentence: str,
                  words: Vocabulary) -> Verdict | None:
    between = words.has("between_states", sentence)
    for group, name in _DOMAINS:
        cue = words.found(group, sentence) or words.found(group, document.title)
        if cue and not between:
            return Verdict("out_of_scope", f"{name}: '{cue}'")
    states = main_actors(event)
    if not states:
        return Verdict("out_of_scope", "names no state or international organization")
    if len(states) == 1 and not between:
        return Verdict("out_of_scope", f"only {next(iter(states))}, and no act toward another")
    return None


def _repeated(event: Event, kept: Sequence[Event]) -> Event | None:
    """An earlier development of the story that is this one: same date, same states, the same
    kind of act (or one of them a bare statement)."""
    states = main_actors(event)
    for other in kept:
        if other.date == event.date and other.end == event.end and main_actors(other) == states \
                and (other.type == event.type or "01" in (other.type, event.type)
                     or "" in (other.type, event.type)):
            return other
    return None


def select(document: Document, events: Sequence[Event]
           ) -> tuple[tuple[Event, ...], tuple[Candidate, ...]]:
    """The developments among ``events``, and the other candidates with their verdicts.

    A sentence that gives a development with its own date does not also give one dated only by
    the story ("Wang told Ri on Friday that ...": the talk on Friday, not a report of it today).
    """
    verdicts = [judge(event, document) for event in events]
    dated = {e.sources[0].start for e, v in zip(events, verdicts, strict=True)
             if v.kind == DEVELOPMENT and not e.certainty and e.sources}
    kept: list[Event] = []
    left: list[Candidate] = []
    for event, verdict in zip(events, verdicts, strict=True):
        if verdict.kind == DEVELOPMENT and event.certainty and event.sources \
                and event.sources[0].start in dated:
            verdict = Verdict("statement", "reported again: the sentence's dated development "
                                           "is kept")
        earlier = _repeated(event, kept) if verdict.kind == DEVELOPMENT else None
        if earlier is not None:
            verdict = Verdict("repeat", f"the story reported it before, line "
                                        f"{earlier.sources[0].line}")
        if verdict.kind == DEVELOPMENT:
            kept.append(event)
        else:
            left.append(Candidate(event, verdict.kind, verdict.reason))
    return tuple(kept), tuple(left)
