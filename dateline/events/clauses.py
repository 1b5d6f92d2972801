"""One sentence → the dated developments it reports (drafts, before ids and actors).

No parser: the sentence is cut into an attribution ("Bolton said Tuesday that")
and content, the content into clauses at coordinators, and each clause is dated
by its own time expression.  Offsets are relative to the sentence.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import pairwise

from dateline.events.plans import antecedent_span, windows
from dateline.events.rules import date_bounds, rule
from dateline.events.verbforms import bare, is_adverb, past_lemma
from dateline.models import Timex

_QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”")
_THAT = re.compile(r"\s*(?:,\s*)?(?:that\s+)?")
_WORDS = re.compile(r"[A-Za-z][\w'’-]*")
_LOWER = re.compile(r"[a-z]")
_STATEMENT_GAP = re.compile(r"\s*(?:on|in|at|late|early)?\s*")
_PASSIVE_AUX = frozenset({"was", "were", "been", "be", "being", "is", "are", "so-called"})


@dataclass(frozen=True)
class DateGroup:
    """A governing date: one time expression, or two joined into a range."""

    start: int
    end: int
    value: str
    end_value: str = ""
    mod: str = ""
    window: bool = False  # a plan's window ("within 10 days"): planned by construction


@dataclass(frozen=True)
class Draft:
    """A development found in a sentence, before it becomes an Event."""

    kind: str  # "statement" | "content" | "report"
    start: int  # span of the clause the summary is made from
    end: int
    date: DateGroup | None  # None: dated by the story's reference date
    planned: bool
    speaker: tuple[int, int] | None = None  # span of the reporting clause's subject
    verb: str = ""  # the reporting verb of a statement


def event_value(tx: Timex) -> str:
    """A timex value usable as an event date ("" for durations, sets and vague references)."""
    if tx.type not in ("DATE", "TIME"):
        return ""
    value = tx.value.split("T", 1)[0] if "T" in tx.value else tx.value
    return value if date_bounds(value) else ""


def _with_day_range(sentence: str, tx: Timex, value: str) -> DateGroup:
    """A day-precise date widened by a day number before or after it ("7th to 9th December")."""
    group = DateGroup(tx.start, tx.end, value, "", tx.mod)
    if len(value) != 10:
        return group
    before = rule("day_range_prefix").search(sentence, max(0, tx.start - 24), tx.start)
    if before and 0 < int(before.group(1)) < int(value[8:]):
        return DateGroup(
            before.start(), tx.end, f"{value[:8]}{int(before.group(1)):02d}", value, tx.mod
        )
    after = rule("day_range_suffix").match(sentence, tx.end)
    if after and int(value[8:]) < int(after.group(1)) <= 31:
        return DateGroup(
            tx.start, after.end(), value, f"{value[:8]}{int(after.group(1)):02d}", tx.mod
        )
    return group


def date_groups(sentence: str, timexes: Sequence[Timex], main_only: bool = True
                ) -> list[DateGroup]:
    """Usable time expressions of a sentence, ranges joined, bounds ("since 1991") dropped;
    ``main_only``: those of side clauses too (see ``_in_side_clause``)."""
    groups: list[DateGroup] = []
    for tx in timexes:
        value = event_value(tx)
        if not value or (main_only and _in_side_clause(sentence, tx)):
            continue
        if rule("bound_before_timex").search(sentence, 0, tx.start) and not rule(
            "state_since_before_timex"
        ).search(sentence, 0, tx.start):
            continue
        last = groups[-1] if groups else None
        if (
            last
            and not last.end_value
            and rule("range_joiner").match(sentence[last.end : tx.start])
        ):
            groups[-1] = DateGroup(last.start, tx.end, last.value, value, last.mod)
        else:
            groups.append(_with_day_range(sentence, tx, value))
    return groups


def _in_side_clause(sentence: str, tx: Timex) -> bool:
    """Whether ``tx`` dates a side clause, not the main act (see ``side_clause_before_timex``)."""
    if sentence.startswith(("'s", "’s"), tx.end) and rule(
        "adjunct_before_possessive_timex"
    ).search(sentence, 0, tx.start):
        return True  # "after next year's pullout": another occasion's date
    side = rule("side_clause_before_timex").search(sentence, 0, tx.start)
    if side is None:
        return False
    if not side.group(0).lstrip().startswith(","):
        return True  # "the election due in December", "in which 20 died": a noun's clause
    rest = sentence[tx.end :]
    # a relative clause that runs to the end follows its main clause; one that closes must be
    # followed by an act in the past
    return "," not in rest or past_act_follows(rest)


def past_act_follows(rest: str) -> bool:
    """Whether the predicate after the comma that closes a side clause is an act in the past:
    "Annan, who arrived late Monday, made the remarks" (made), not "The agreement, which was
    signed Thursday, demonstrates ..." (the signing is the news)."""
    after = [w for w in rest.split(",", 1)[-1].split()[:4] if not is_adverb(w)]
    word = bare(after[0]) if after else ""
    return word in ("has", "have", "had") or past_lemma(word) is not None


def real_timexes(timexes: Sequence[Timex]) -> list[Timex]:
    """Time expressions that belong to the sentence, not to a noun ("a two-hour meeting")."""
    return [
        t for t in timexes if not (t.type == "DURATION" and rule("modifier_duration").match(t.text))
    ]


def _outside_quotes(sentence: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for m in _QUOTED.finditer(sentence):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(sentence)))
    return spans


@dataclass(frozen=True)
class Attribution:
    """Where the reporting clause is and where the reported content is."""

    subject: tuple[int, int]
    verb: tuple[int, int]
    span: tuple[int, int]  # the whole attribution, dates included
    content: tuple[int, int]
    trailing: bool


def _trailing(sentence: str, verb: re.Match[str], lead: int) -> Attribution | None:
    """ ", Bolton said during a conference." — content before, speaker after a comma or quote."""
    cut = max(
        sentence.rfind(",", lead, verb.start()),
        sentence.rfind('"', lead, verb.start()),
        sentence.rfind("”", lead, verb.start()),
    )
    if cut <= lead:
        return None
    subject = (cut + 1, verb.start())
    if len(_WORDS.findall(sentence[subject[0] : subject[1]])) > 7:
        return None
    content = sentence[lead:cut].strip()
    if len(_WORDS.findall(content)) < 4 and not content.startswith(('"', "“")):
        return None  # "Last week, officials said ..." is a leading attribution
    if not _WORDS.findall(sentence[subject[0] : subject[1]]):
        # inverted: '"...," said Bolton' or '"...," said a ministry statement on Sunday.'
        if len(_WORDS.findall(sentence[verb.end() :])) > 10:
            return None
        subject = (verb.end(), len(sentence.rstrip(" .")))
    content_end = cut + 1 if sentence[cut] in '"”' else cut  # keep a closing quote
    return Attribution(subject, verb.span(), (cut + 1, len(sentence)), (lead, content_end), True)


def _is_reporting(sentence: str, verb: re.Match[str]) -> bool:
    """Not a passive ("were denied by") nor an attributive participle ("the so-called")."""
    before = sentence[max(0, verb.start() - 12) : verb.start()].split()
    return not (before and before[-1].lower() in _PASSIVE_AUX)


def find_attribution(sentence: str, lead: int) -> Attribution | None:
    """The reporting clause of a sentence, if it reports a statement."""
    for lo, hi in _outside_quotes(sentence):
        for verb in rule("reporting_verb").finditer(sentence, max(lo, lead), hi):
            if not _is_reporting(sentence, verb):
                continue
            rest = sentence[verb.end() :]
            comma_before = sentence[verb.start() - 2 : verb.start()].strip() == ","
            if len(_WORDS.findall(rest)) <= 8 or comma_before:
                found = _trailing(sentence, verb, lead)
                if found:
                    return found
            return Attribution(
                (lead, verb.start()),
                verb.span(),
                (lead, verb.end()),
                (verb.end(), len(sentence)),
                False,
            )
    return None


def _coordinated_cuts(sentence: str, lo: int, hi: int, groups: Sequence[DateGroup]) -> list[int]:
    """Cuts before a coordinator that opens another dated development inside one clause."""
    own = [g for g in groups if lo <= g.start and g.end <= hi]
    cuts = []
    for before, after in pairwise(own):
        joins = [j for j in rule("coordinator").finditer(sentence, before.end, after.start)
                 if not _joins_names(sentence, j.start(), j.end())]
        if joins:
            lead = rule("coordinator_lead").search(sentence, before.end, joins[-1].start())
            cuts.append(lead.start() if lead else joins[-1].start())
    return cuts


def _joins_names(sentence: str, start: int, end: int) -> bool:
    """Whether the coordinator at ``[start, end)`` joins two names ("Xi Jinping and Trump met"):
    one subject, not a second clause."""
    before, after = sentence[:start].split()[-1:], sentence[end:].split()[:1]
    return bool(before and after) and before[0][:1].isupper() and after[0][:1].isupper()


def _segments(
    sentence: str, lo: int, hi: int, groups: Sequence[DateGroup]
) -> list[tuple[int, int, DateGroup | None]]:
    """Clauses of ``sentence[lo:hi]`` with their governing date (undated ones join the previous)."""
    cuts = [m.start() for m in rule("clause_break").finditer(sentence, lo, hi)]
    bounds = list(zip([lo, *cuts], [*cuts, hi], strict=True))
    cuts = sorted(
        {*cuts, *(c for s, e in bounds for c in _coordinated_cuts(sentence, s, e, groups))}
    )
    out: list[tuple[int, int, DateGroup | None]] = []
    for start, end in zip([lo, *cuts], [*cuts, hi], strict=True):
        own = [g for g in groups if start <= g.start and g.end <= end]
        if out and not own:
            out[-1] = (out[-1][0], end, out[-1][2])
        elif out and out[-1][2] is None:
            out[-1] = (out[-1][0], end, own[0])
        else:
            out.append((start, end, own[0] if own else None))
    return out


def future_weekday(sentence: str, date: DateGroup, report: str) -> DateGroup:
    """A plan's bare weekday ("will be held on Sunday") resolved into the past moves a week on."""
    ref = date_bounds(report) if report else None
    day = date_bounds(date.value) if len(date.value) == 10 and not date.end_value else None
    if not (ref and day and day[0] < ref[0] <= day[0] + dt.timedelta(days=7)):
        return date
    if not rule("bare_weekday").fullmatch(sentence[date.start : date.end]):
        return date
    return replace(date, value=(day[0] + dt.timedelta(days=7)).isoformat())


def is_planned(text: str, date: DateGroup | None, report: str) -> bool:
    """A future cue governs the clause, or its date lies after the story's reference date."""
    first = date_bounds(date.value) if date else None
    last = date_bounds(date.end_value) if date and date.end_value else first
    ref = date_bounds(report) if report else None
    if date and date.window:
        return True
    if rule("future_cue").search(text):
        # "will ... which Singapore hosted last year": a plan still ahead cannot be all past
        past = bool(last and ref and last[1] < ref[0])
        return not (past and rule("present_future_cue").search(text))
    return bool(first and ref and first[0] > ref[1])


def skip_sentence(sentence: str) -> bool:
    """Page chrome, bylines, questions and fragments are never events."""
    words = _WORDS.findall(sentence)
    return (
        len(words) < 4
        or not _LOWER.search(sentence)
        or bool(rule("chrome").match(sentence))
        or bool(rule("question").search(sentence))
    )


def dateline_end(sentence: str) -> int:
    """Offset after a leading wire dateline ("BEIJING, April 1 (Xinhua) -- "), else 0."""
    m = rule("dateline").match(sentence)
    return m.end() if m else 0


def _statement_dates(
    sentence: str, attr: Attribution, groups: Sequence[DateGroup]
) -> tuple[list[DateGroup], int]:
    """Dates of the reporting clause, and where the reported content really starts."""
    lo, hi = attr.span
    own = [g for g in groups if lo <= g.start and g.end <= hi]
    content_start = attr.content[0]
    if not attr.trailing:
        for g in groups:  # "said Tuesday that ...", "said on Sunday ..."
            gap = sentence[content_start : g.start]
            if g.start >= content_start and _STATEMENT_GAP.fullmatch(gap):
                own.append(g)
                content_start = g.end
        that = _THAT.match(sentence, content_start)
        content_start = that.end() if that else content_start
    return own, content_start


def _content(
    sentence: str,
    start: int,
    end: int,
    date: DateGroup,
    report: str,
    speaker: tuple[int, int] | None = None,
    verb: str = "",
) -> Draft:
    text = sentence[start:end]
    if rule("future_cue").search(text) and rule("present_future_cue").search(text):
        date = future_weekday(sentence, date, report)
    planned = is_planned(text, date, report)
    return Draft("content", start, end, date, planned, speaker, verb)


def _reported_drafts(
    sentence: str, attr: Attribution, groups: Sequence[DateGroup], report: str
) -> list[Draft]:
    own, content_start = _statement_dates(sentence, attr, groups)
    stated = own[0] if own else None
    lo, hi = (content_start, attr.content[1]) if not attr.trailing else attr.content
    rest = [g for g in groups if g not in own]
    segments = [s for s in _segments(sentence, lo, hi, rest) if s[2] is not None]
    verb = sentence[attr.verb[0] : attr.verb[1]]
    attr_text = sentence[attr.span[0] : attr.span[1]]
    statement = Draft(
        "statement",
        lo if attr.trailing else attr.span[0],
        hi,
        stated,
        is_planned(attr_text, stated, report),
        attr.subject,
        verb,
    )
    contents = [
        _content(sentence, s, e, g, report, attr.subject, verb)
        for s, e, g in segments
        if g is not None
        and (stated is None or (g.value, g.end_value) != (stated.value, stated.end_value))
    ]
    if attr.trailing and contents:
        return contents  # "X will visit Y on Monday, officials said Friday": the visit is the news
    return [statement, *contents]


def sentence_drafts(sentence: str, timexes: Sequence[Timex], report: str) -> list[Draft]:
    """The developments one sentence reports (timex offsets relative to the sentence)."""
    if skip_sentence(sentence):
        return []
    lead = dateline_end(sentence)
    own = [t for t in real_timexes(timexes) if t.start >= lead]
    groups = date_groups(sentence, own)
    if found := windows(sentence, own, report):  # "could be deployed within 10 days"
        windowed = [*groups, *(DateGroup(*w, window=True) for w in found)]
        groups = sorted(windowed, key=lambda g: g.start)
    if own and not groups and all(t.type in ("DURATION", "SET") for t in own):
        return []  # only a generic duration or set: "for three months", "every year"
    attr = find_attribution(sentence, lead)
    if attr is not None:
        return _reported_drafts(sentence, attr, groups, report)
    plan = rule("plan_at_place").search(sentence, lead)
    if plan and groups and groups[0].start >= plan.end():
        # the place's plan has the sentence's dates; the main clause is news of the story's day
        later = _segments(sentence, plan.start("plan"), len(sentence), groups)
        who = antecedent_span(sentence, lead, plan.start())  # whom "he" stands for
        return [Draft("report", lead, plan.start(), None, False),
                *(_content(sentence, s, e, g, report, who) for s, e, g in later if g)]
    dated = [(s, e, g) for s, e, g in _segments(sentence, lead, len(sentence), groups) if g]
    if dated:
        return [_content(sentence, s, e, g, report) for s, e, g in dated]
    vague = any(t.type in ("DATE", "TIME") for t in own)
    if vague or rule("present_perfect").search(sentence, lead):
        return [Draft("report", lead, len(sentence), None, is_planned(sentence, None, report))]
    return []
