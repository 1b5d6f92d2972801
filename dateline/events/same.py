"""Whether two reports are one development (issue 17: "one development, one event").

Two reports from different stories are one development when they agree on
- **who acts**: the same acting side (the event's ``source`` states), and the other states
  nested, so one report may name a side the other leaves out ("North Korea decided to return"
  and "Pyongyang agreed with the US to return"); reports with no known acting side must name
  exactly the same states and organizations, and reports naming none never merge; reports
  that both name people share one;
- **the kind of act**: the same CAMEO root, unless one of them is a bare statement or has no
  known kind (``any_act``);
- **when**: equal dates, one containing the other, or a report dated only by its story a day or
  two after the act (``lag_after_days``), or a day before it;
- **status**: a plan with a date of its own and the act on that date are one development; an
  announced plan with no date is not the act of its story's day;
- **wording**: similar headlines (content-word Jaccard ``similarity``), or, when both give the
  act its own day and name its acting side, a shared word of the act itself (names and
  reporting verbs aside: "decided to *return*", "agreed to *return*").

Reports of one development share a ``bucket`` (the acting side's states, else every state
named), so merging compares only the reports of one bucket.  The numbers and the examples that
run as tests are in ``data/merging.yaml``.  Pure: values in, values out.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

from dateline.events.gazetteer import is_person
from dateline.events.rules import date_bounds, lexicon, load_data, stopwords
from dateline.events.text import normalized
from dateline.events.verbforms import past_lemma, present_lemma, verb_forms
from dateline.models import Event

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Settings:
    """The numbers of ``data/merging.yaml``."""

    similarity: float
    lag_after: int
    lag_before: int
    any_act: frozenset[str]


@functools.cache
def settings() -> Settings:
    data = load_data("merging.yaml")
    return Settings(float(data["similarity"]), int(data["lag_after_days"]),
                    int(data["lag_before_days"]), frozenset(str(a) for a in data["any_act"]))


@functools.lru_cache(maxsize=1 << 14)  # a few hundred actor lists recur across all events
def states(actors: tuple[str, ...]) -> frozenset[str]:
    """States and organizations among ``actors`` (people aside)."""
    return frozenset(a for a in actors if not is_person(a))


def main_actors(event: Event) -> frozenset[str]:
    """States and organizations: the actors that must agree for a merge."""
    return states(event.actors)


def bucket_key(event: Event) -> frozenset[str]:
    """The acting side's states, else every state named: reports of one development share it."""
    return states(event.source) or main_actors(event)


@dataclass(frozen=True)
class ReportKey:
    """What comparing reports needs of one event, computed once per event."""

    bucket: frozenset[str]
    actors: frozenset[str]
    targets: frozenset[str]
    people: frozenset[str]
    status: str
    act: str  # CAMEO root, "" when unknown
    paths: frozenset[str]
    date: str
    end: str
    span: tuple[dt.date, dt.date] | None
    reported: bool  # dated only by its story's date
    firm: bool  # its own date, one day, and a named acting side
    words: frozenset[str]  # the headline's content words
    act_words: frozenset[str]  # ... that name the kind of act (``_act_words``)


def report_key(event: Event) -> ReportKey:
    actors, source = main_actors(event), states(event.source)
    span = date_bounds(event.date)
    reported = bool(event.certainty)
    firm = bool(source) and not reported and not event.end and span is not None \
        and span[0] == span[1]
    return ReportKey(
        source or actors, actors, states(event.target),
        frozenset(a for a in event.actors if is_person(a)), event.status, event.type,
        frozenset(s.path for s in event.sources), event.date, event.end, span, reported, firm,
        _words(event.summary), _act_words(event.summary))


@functools.lru_cache(maxsize=1 << 14)  # merged copies of a story repeat their headlines
def _words(summary: str) -> frozenset[str]:
    return frozenset(w for w in normalized(summary).split() if w not in stopwords())


@functools.lru_cache(maxsize=1 << 14)
def _act_words(summary: str) -> frozenset[str]:
    """The headline's words that name a kind of act (the triggers of ``verbs.yaml``, verbs by
    their lemma), reporting verbs aside: "*returns*", "agreed to *return*"; never a name, a
    title or a place ("leaders", "foreign ministry")."""
    lex = lexicon()
    found = set()
    for word in _WORD.findall(summary):
        code = lex.verb_codes.get(word) or lex.noun_codes.get(word)
        if word.islower() and code and code != "01":
            found.add(_lemma(word) if word in lex.verb_codes else word)
    return frozenset(found)


def _lemma(word: str) -> str:
    if word in verb_forms().lemmas:
        return word
    return present_lemma(word) or past_lemma(word) or word


def _nested(a: frozenset[str], b: frozenset[str]) -> bool:
    return a <= b or b <= a


def _actors_agree(a: ReportKey, b: ReportKey) -> bool:
    """The same acting side; the other states named by one report all named by the other
    (reports that name no state at all are never known to be one development)."""
    return bool(a.bucket) and a.bucket == b.bucket and _nested(a.actors, b.actors) \
        and _nested(a.targets, b.targets) \
        and not (a.people and b.people and a.people.isdisjoint(b.people))


def _acts_agree(a: ReportKey, b: ReportKey) -> bool:
    return a.act == b.act or a.act in settings().any_act or b.act in settings().any_act


def _statuses_agree(a: ReportKey, b: ReportKey) -> bool:
    """Equal, or neither an announced plan with no date (a plan for a day, and the act on that
    day, are one development)."""
    return a.status == b.status or not any(k.status == "planned" and k.reported for k in (a, b))


def dates_agree(a: ReportKey, b: ReportKey) -> bool:
    """Equal dates; one containing the other; or a report dated by its story a little late."""
    if a.date == b.date:
        return a.end == b.end or not (a.end and b.end)
    if a.span is None or b.span is None or a.end or b.end:
        return False
    (a0, a1), (b0, b1) = a.span, b.span
    if (a0 <= b0 and b1 <= a1) or (b0 <= a0 and a1 <= b1):
        # a story's date stands for "about now", not for a day of a month another report
        # names: it falls inside one only beside a report of its own status
        return not (a.reported or b.reported) or a.status == b.status
    if not (a0 == a1 and b0 == b1 and (a.reported or b.reported)):
        return False
    late = settings()
    if a.reported and b.reported:
        return abs((a0 - b0).days) <= late.lag_before
    report, own = (a0, b0) if a.reported else (b0, a0)
    return -late.lag_before <= (report - own).days <= late.lag_after


def lag_window(key: ReportKey) -> tuple[int, int]:
    """Days before and after ``key``'s date where a development it may report can be dated."""
    late = settings()
    return (max(late.lag_after, late.lag_before), late.lag_before) if key.reported else (0, 0)


def _worded_alike(a: ReportKey, b: ReportKey) -> bool:
    if not (a.words and b.words):
        return False
    if len(a.words & b.words) / len(a.words | b.words) >= settings().similarity:
        return True
    # both give the act its own day and its acting side: a word of the act is enough
    return a.firm and b.firm and a.span == b.span and not a.act_words.isdisjoint(b.act_words)


def same(a: ReportKey, b: ReportKey) -> bool:
    """Whether the reports ``a`` and ``b`` (of other stories) are one development."""
    return a.paths.isdisjoint(b.paths) and _actors_agree(a, b) and _acts_agree(a, b) \
        and _statuses_agree(a, b) and dates_agree(a, b) and _worded_alike(a, b)


def same_development(a: Event, b: Event) -> bool:
    """Other stories, the same acting side and kind of act, compatible dates, alike words."""
    return same(report_key(a), report_key(b))

