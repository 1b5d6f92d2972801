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

from dateline.events.headline import fragment_reason
from dateline.events.merge import main_actors
from dateline.events.rules import (
    RuleGroup,
    compile_group,
    date_bounds,
    load_data,
    planned_act,
    rule,
)
from dateline.events.verbforms import bare, finite_kind, main_verb
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
    announced_days: int

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
                      int(data["lead_paragraphs"]), int(data["announced_days"]))


def judge(event: Event, document: Document) -> Verdict:
    """What ``event`` (a candidate of ``document``) is, and why."""
    words = vocabulary()
    sentence = event.quote
    if reason := fragment_reason(event.summary):
        # a chronology line is never a fragment: an editor who wants it gives it a title in a note
        return Verdict("statement", f"no chronology line can be written from it ({reason})")
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
    if words.has("first_person_guess", sentence):
        return Verdict("statement", "a guess in the first person")
    for group in ("opinion_speaker", "according_to_opinion"):
        if cue := words.found(group, sentence):
            return Verdict("statement", f"commentary: '{cue}'")
    return None


def _elaboration(event: Event, document: Document, words: Vocabulary) -> Verdict | None:
    """An undated candidate past the story's first paragraphs says more about its news; the
    news itself is in the lead (wire stories put it there), or has a date of its own. Past the
    lead, only an act told in the simple past ("Joseph and Burns also met with Kyuma") is news
    of the story's day: a present perfect or a present ("NATO has recognized Albania ...",
    "WFP still requires ...") describes the state of affairs the news happens in, unless it
    tells an act just done ("have already arrived") or announces one for later ("will also
    meet"). An undated report is news past the lead only when it states a position toward
    another actor."""
    if not event.certainty or not event.sources or _in_lead(event, document, words) \
            or rule("headline_item").match(event.quote):  # "-- Britain supports ...": news
        return None
    verb, past = main_verb_past(event.quote)
    if cue := words.found("state_of_affairs", _predicate(event.quote)):
        return Verdict("background", f"a state of affairs past the story's lead: '{cue}'")
    if event.type in ("", "01"):
        if event.source and event.target and set(event.target) - set(event.source):
            return None  # a position stated toward another actor: news of the story's day
        return Verdict("statement", "an undated report past the story's lead")
    if past or (event.status == "planned" and planned_act(event.quote)):
        return None  # an act told in the past, or announced for later: news of the day
    return Verdict("background", f"a state of affairs past the story's lead: "
                                 f"'{verb or 'no finite verb'}'")


def _in_lead(event: Event, document: Document, words: Vocabulary) -> bool:
    cut = 0
    for _ in range(words.lead_paragraphs):
        cut = document.body.find("\n\n", cut + 2)
        if cut < 0:
            return True
    return event.sources[0].start < cut


# Auxiliaries of a past: "were denied", "was building" (a present perfect, a present or a future
# describes the state of affairs: "has recognized", "is", "will help")
_PAST_AUXILIARIES = frozenset({"was", "were"})
# ... and so does a present perfect of an act just done ("have already arrived", "has just
# signed"): news of the story's day, as a simple past is
_RECENT = frozenset({"already", "just"})


def main_verb_past(sentence: str) -> tuple[str, bool]:
    """The sentence's main verb (outside relative clauses, quotes and subordinates), and
    whether it tells an act in the simple past, active or passive."""
    tokens, at = _at_verb(sentence)
    if at is None:
        return "", False
    kind, word = finite_kind(tokens, at), bare(tokens[at])
    recent = word in ("has", "have") and at + 1 < len(tokens) and bare(tokens[at + 1]) in _RECENT
    return word, kind == "past" or (kind == "aux" and (word in _PAST_AUXILIARIES or recent))


def _published(document: Document) -> dt.date | None:
    bounds = date_bounds(document.published[:10]) if document.published else None
    return bounds[0] if bounds else None


def _background(event: Event, document: Document, sentence: str,
                words: Vocabulary) -> Verdict | None:
    if len(event.date) < 4:  # "199", "20": a decade or a century dates no development
        return Verdict("background", f"dated only by its decade or century ({event.date})")
    published, span = _published(document), date_bounds(event.end or event.date)
    if published is None or span is None:
        return None
    if len(event.date) == 4 and not event.end and event.status != "planned" \
            and int(event.date) == published.year and not words.has("revelation", sentence):
        # "this year", "the year-end news conference": the year so far, not a dated act
        return Verdict("background", f"dated only by the story's own year ({event.date})")
    if span[1].year < published.year - words.background_years:
        return Verdict("background", f"recalled: dated {event.date}, "
                                     f"{published.year - span[1].year} years before the story")
    lead = document.body.find("\n\n")
    if span[1] < published and (published - span[0]).days > words.recalled_days \
            and event.sources and event.sources[0].start > lead >= 0 \
            and not words.has("revelation", sentence):  # "the images indicate ... in 2017"
        return Verdict("background", f"recalled: dated {event.date}, "
                                     f"{(published - span[0]).days} days before the story")
    if event.certainty and event.status != "planned" \
            and (cue := words.found("recalled_act", _head(sentence))):
        return Verdict("background", f"recalled, though the story gives no date: '{cue}'")
    cue = words.found("background_cue", sentence) if span[1] < published else ""
    if cue:
        return Verdict("background", f"recalled: '{cue}'")
    if event.type not in ("", "01") and event.status != "planned" \
            and (cue := words.found("description", _predicate(sentence))):
        return Verdict("background", f"a description, not an act: '{cue.strip()}'")
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
    subject = _subject(sentence)
    if cue := words.found("commercial_subject", subject):
        return Verdict("out_of_scope", f"business or markets: '{cue}' acts")
    if not subject.startswith(_QUOTES) and (cue := words.found("non_state_subject", subject)):
        # (a sentence that opens with a quote has its speaker after it, not before its verb)
        return Verdict("out_of_scope", f"no state acts: '{cue}'")
    between = words.has("between_states", sentence)
    for group, name in _DOMAINS:
        cue = words.found(group, sentence) or words.found(group, document.title)
        if cue and not between:
            return Verdict("out_of_scope", f"{name}: '{cue}'")
    states = main_actors(event)
    if not states:
        return Verdict("out_of_scope", "names no state or international organization")
    if len(states) == 1 and words.has("domestic_tour", sentence):
        return Verdict("out_of_scope", f"a journey inside {next(iter(states))}")
    if len(states) == 1 and not between and not words.has("revelation", sentence):
        return Verdict("out_of_scope", f"only {next(iter(states))}, and no act toward another")
    return None


_QUOTES = ('"', "\u201c", "'", "\u2018")


def _at_verb(sentence: str) -> tuple[list[str], int | None]:
    """The sentence's words, and where its main verb is among them (None: it has none)."""
    tokens = sentence.split()
    return tokens, main_verb(tokens)


def _subject(sentence: str) -> str:
    """The words before the sentence's main verb ("" when it has none)."""
    tokens, at = _at_verb(sentence)
    return " ".join(tokens[:at]) if at else ""


def _head(sentence: str) -> str:
    """The sentence up to its main verb and the three words after it: where an adverb places
    the main act ("Washington consequently imposed", "The treaty, originally signed by"), not a
    side clause's ("a fire that was initially blamed on")."""
    tokens, at = _at_verb(sentence)
    return " ".join(tokens[:at + 4]) if at is not None else ""


def _predicate(sentence: str) -> str:
    """The sentence from its main verb on ("" when it has none)."""
    tokens, at = _at_verb(sentence)
    return " ".join(tokens[at:]) if at is not None else ""


def _repeated(event: Event, kept: Sequence[Event], words: Vocabulary) -> Event | None:
    """An earlier development of the story that is this one: same date, the same states, the
    same kind of act (or one of them a bare statement). A report dated only by the story may
    name one side more or less when it is the same act or says no more than a statement
    ("We strongly condemn attacks", said the commissioners, after their condemnation); an act
    the sentence says is another ("the leaders also endorsed the plan") is not a repeat."""
    states = main_actors(event)
    if event.type not in ("", "01") and words.has("another_act", event.quote):
        return None
    bare = event.type in ("", "01") and not planned_act(event.quote)
    for other in kept:
        if (other.date != event.date or other.end != event.end) \
                and not (_within(event, other) and other.type == event.type):
            continue
        theirs = main_actors(other)
        if states == theirs and (bare or other.type in ("", "01", event.type)):
            return other
        if event.certainty and states and theirs and (states < theirs or theirs < states) \
                and (bare or other.type == event.type):
            return other
    return None


def _within(event: Event, plan: Event) -> bool:
    """Whether ``event`` falls inside the coarser date (a month or a week) of ``plan``, a plan the
    story gave first: the same plan told again with its day ("will visit Pakistan this week",
    then "was due to arrive in Pakistan on Wednesday"), when it is the same kind of act."""
    if plan.status != "planned" or plan.end or event.end or len(plan.date) >= len(event.date) \
            or len(plan.date) < 7:  # a year holds too many acts of the same parties
        return False
    inner, outer = date_bounds(event.date), date_bounds(plan.date)
    return bool(inner and outer and outer[0] <= inner[0] and inner[1] <= outer[1])


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
        earlier = _repeated(event, kept, vocabulary()) if verdict.kind == DEVELOPMENT else None
        if earlier is not None:
            verdict = Verdict("repeat", f"the story reported it before, line "
                                        f"{earlier.sources[0].line}")
        if verdict.kind == DEVELOPMENT:
            kept.append(event)
        else:
            left.append(Candidate(event, verdict.kind, verdict.reason))
    announced = _announced(kept, vocabulary())
    left += [Candidate(e, "repeat", f"announces the development of line "
                                    f"{announced[i].sources[0].line}")
             for i, e in enumerate(kept) if i in announced]
    return tuple(e for i, e in enumerate(kept) if i not in announced), tuple(left)


def _announced(kept: Sequence[Event], words: Vocabulary) -> dict[int, Event]:
    """Bare statements that announce an act the story gives with its own date: the same states,
    the act dated up to ``announced_days`` before the statement ("The US government has given
    Nepal 30 million dollars, USIS said Friday" and "The agreement, which was signed by the two
    governments Thursday"): one development, the act's line.  A statement whose sentence gives
    a plan announces that plan, and stays beside it ("Trump says he plans a second summit" and
    "Second summit planned", as the chronology guide writes the seed)."""
    found: dict[int, Event] = {}
    plans = {e.sources[0].start for e in kept if e.status == "planned" and e.sources}
    for i, statement in enumerate(kept):
        said = date_bounds(statement.date) if len(statement.date) == 10 else None
        if statement.type not in ("", "01") or said is None or statement.end \
                or (statement.sources and statement.sources[0].start in plans):
            continue
        for act in kept:
            done = date_bounds(act.date) if len(act.date) == 10 and not act.end else None
            if done and act.type not in ("", "01") and not act.certainty \
                    and main_actors(act) == main_actors(statement) \
                    and 0 <= (said[0] - done[0]).days <= words.announced_days:
                found[i] = act
                break
    return found
