"""A headline within ``max_words`` words: titles before names dropped, then a surname for a full
name, then a cut where a clause ends, else where a phrase ends; never an open phrase at the end.
The rules of ``data/headline.yaml``, loaded once, live here too."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from dateline.events.rules import RuleGroup, compile_group, load_data
from dateline.events.verbforms import SUBORDINATORS, bare, main_verb

# How many words a clause cut must keep for it to win over shortening names first.
_GOOD_CUT = 8
_WORD = re.compile(r"\S+")
_SUBJECT_CUT = frozenset(
    [
        "of", "from", "in", "at", "for", "with", "on", "between", "among", "including", "that",
        "which", "who"
    ]
)


@dataclass(frozen=True)
class HeadlineRules:
    groups: dict[str, RuleGroup]  # the named patterns of ``headline.yaml``
    max_words: int
    long_subject: int  # a subject longer is cut before a preposition
    titles: frozenset[str]  # words of titles before a name
    roles: frozenset[str]  # the words a title ends in
    family_first: frozenset[str]
    saying_verbs: frozenset[str]
    dangling: frozenset[str]
    examples: tuple[dict[str, Any], ...]


@cache
def headline_rules() -> HeadlineRules:
    """The rules of ``headline.yaml``, compiled once."""
    data = load_data("headline.yaml")
    groups = {name: compile_group(name, spec) for name, spec in data["groups"].items()}
    for name in ("generic_speakers", "resolvable_subjects"):
        groups[name] = compile_group(name, data[name])

    def words(key: str) -> frozenset[str]:
        return frozenset(bare(str(w)) for w in data[key])

    return HeadlineRules(groups, int(data["max_words"]), int(data["long_subject"]),
                         words("titles"), words("roles"),
                         frozenset(str(w) for w in data["family_name_first"]),
                         words("saying_verbs"), words("dangling"), tuple(data["examples"]))


def hrule(name: str) -> re.Pattern[str]:
    """One compiled pattern of ``headline.yaml``."""
    return headline_rules().groups[name].regex


@dataclass(frozen=True)
class Line:
    """A headline being written: its words, where its subject ends, and how many words at the
    least must stay (through the verb and the word after it, of a reported clause too)."""

    tokens: tuple[str, ...]
    verb_at: int
    keep: int


def _title_run(tokens: Sequence[str], i: int) -> int:
    """The end of a run of title words from ``i`` that ends in a role and is followed by a
    capitalized name ("Chinese Foreign Minister | Wang Yi"); ``i`` when there is none."""
    rules = headline_rules()
    j, last_role = i, i
    while j < len(tokens) and bare(tokens[j]) in rules.titles and not tokens[j].endswith(","):
        j += 1
        if bare(tokens[j - 1]) in rules.roles:
            last_role = j
    following = tokens[last_role] if last_role < len(tokens) else ""
    named = following[:1].isupper() and bare(following) not in rules.titles
    return last_role if named else i


def short_name(subject: str) -> str:
    """A subject without the titles before its name ("National Security Adviser John Bolton"
    → "John Bolton"); the subject itself when no name follows titles."""
    tokens = subject.split()
    end = _title_run(tokens, 0)
    return " ".join(tokens[end:]) if 0 < end < len(tokens) else subject


def surname(name: str) -> str:
    """How a chronology names a person again: "Bolton", "Kim" for "Kim Jong Un"; the last
    capitalized run of ``name`` is the person ("WFP Zlatan Milisic" → "Milisic")."""
    tokens = name.split()
    while len(tokens) > 2 and not tokens[0][:1].isupper():
        tokens.pop(0)
    if not 2 <= len(tokens) <= 4 or not all(t[:1].isupper() for t in tokens) or "'" in name:
        return name
    return tokens[0] if tokens[0] in headline_rules().family_first else tokens[-1]


def untitled(tokens: Sequence[str], start: int) -> list[str]:
    """Titles before names dropped from ``tokens[start:]`` ("talks with Chinese Foreign
    Minister Wang Yi" → "talks with Wang Yi")."""
    out, i = list(tokens[:start]), start
    while i < len(tokens):
        end = _title_run(tokens, i)
        if end > i:
            if out and bare(out[-1]) == "the":
                out.pop()
            i = end
        else:
            out.append(tokens[i])
            i += 1
    return out


def trimmed_subject(tokens: Sequence[str]) -> list[str]:
    """A subject of more than ``long_subject`` words cut before a preposition, not inside a
    name: "Manufacturers of color picture tubes | from Brazil, China, ..."."""
    limit = headline_rules().long_subject
    if len(tokens) <= limit:
        return list(tokens)
    cuts = [i for i in range(2, limit + 1) if bare(tokens[i]) in _SUBJECT_CUT
            and not (tokens[i - 1][:1].isupper() and tokens[i + 1][:1].isupper())]
    return list(tokens[: max(cuts)]) if cuts else list(tokens)


def _open_clause(tokens: Sequence[str], verb_at: int) -> bool:
    """Whether the words end inside a subordinate clause that has no verb yet ("hours after
    three Americans")."""
    for i in range(len(tokens) - 1, verb_at, -1):
        if bare(tokens[i]) in SUBORDINATORS:
            return main_verb(["It", *tokens[i + 1 :]]) is None
    return False


def _inside_name(tokens: Sequence[str], n: int) -> bool:
    """Whether a cut before ``tokens[n]`` splits a name ("the Association | of Southeast Asian
    Nations")."""
    return 0 < n < len(tokens) - 1 and tokens[n - 1][:1].isupper() and \
        tokens[n + 1][:1].isupper() and bare(tokens[n]) in ("of", "for", "and")


def _cut(tokens: Sequence[str], group: str, keep: int, verb_at: int) -> int:
    """The most words a cut at ``group`` keeps within the limit (0: none)."""
    text = " ".join(tokens)
    limit = headline_rules().max_words
    starts = [m.start() for m in _WORD.finditer(text)]
    ends = {bisect_left(starts, m.start()) for m in hrule(group).finditer(text)}  # words before
    fitting = [n for n in ends if keep <= n <= limit and not _open_clause(tokens[:n], verb_at)
               and not _inside_name(tokens, n)]
    return max(fitting, default=0)


def _variants(line: Line) -> list[Line]:
    """The line, then shorter ways of naming: titles dropped after the verb, then before it
    too, then the subject's surname (only for a subject that had a title: a person)."""
    subject = list(line.tokens[: line.verb_at])
    rest = untitled(line.tokens, line.verb_at)[line.verb_at :]
    names = [subject, subject, untitled(subject, 0)]
    if names[2] != subject:  # titles were dropped: a person, who is named again by surname
        names.append(surname(" ".join(names[2])).split())
    if len(names[-1]) > headline_rules().long_subject:
        names.append(trimmed_subject(names[-1]))
    out = []
    for n, words in enumerate(names):
        tail = list(line.tokens[line.verb_at :]) if n == 0 else rest
        out.append(Line((*words, *tail), len(words), line.keep - line.verb_at + len(words)))
    return out


def fit(line: Line) -> Line:
    """At most ``max_words`` words, cut where a clause ends, else where a phrase ends, else at
    the limit; never ending on an open phrase."""
    limit = headline_rules().max_words
    variants = _variants(line)
    for variant in variants:
        keep = min(variant.keep, limit)
        if len(variant.tokens) <= limit:
            return _closed(variant, keep)
        n = _cut(variant.tokens, "clause_cut", keep, variant.verb_at)
        if n >= _GOOD_CUT:
            return _closed(Line(variant.tokens[:n], variant.verb_at, keep), keep)
    cuts = []
    for rank, variant in enumerate(variants):
        keep = min(variant.keep, limit)
        n = max(_cut(variant.tokens, "clause_cut", keep, variant.verb_at),
                _cut(variant.tokens, "phrase_cut", keep, variant.verb_at))
        cuts.append((n, -rank, variant, keep))
    n, _rank, variant, keep = max(cuts, key=lambda c: c[:2])
    return _closed(Line(variant.tokens[: n or limit], variant.verb_at, keep), keep)


def _closed(line: Line, keep: int) -> Line:
    """Words that would leave a phrase open dropped from the end (not below ``keep``)."""
    words = list(line.tokens)
    dangling = headline_rules().dangling
    floor = max(min(keep, len(words)), line.verb_at + 1)
    while len(words) > floor and (bare(words[-1]) in dangling or not bare(words[-1])):
        words.pop()
    return Line(tuple(words), line.verb_at, keep)


def finish(line: Line) -> str:
    """The headline's text: spaces and end punctuation tidied, quotation marks balanced, a
    capital first letter, no full stop."""
    text = " ".join(line.tokens)
    text = re.sub(r"\s+([,;:.])", r"\1", text).strip().rstrip(" .,;:-–—")
    if text.count('"') % 2:  # a quote cut short is closed; a stray mark is dropped
        at = text.rfind('"')
        text = text + '"' if text[at + 1 : at + 2].isalnum() else text.replace('"', "")
    return text[:1].upper() + text[1:]
