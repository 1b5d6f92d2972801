"""The extractor's rules, loaded once from the package's YAML data and compiled."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import yaml

from dateline import dates
from dateline.content.yamlload import SafeLoader
from dateline.events.trie import literal_alternation

_FLAGS = {"IGNORECASE": re.IGNORECASE}
_COMPILED: dict[str, re.Pattern[str]] = {}


def load_data(name: str) -> dict[str, Any]:
    """One YAML file of ``dateline/events/data`` as a mapping."""
    text = resources.files("dateline.events").joinpath("data", name).read_text(encoding="utf-8")
    data = yaml.load(text, Loader=SafeLoader)
    if not isinstance(data, dict):
        raise ValueError(f"{name}: expected a mapping at top level")
    return data


@lru_cache(maxsize=8192)
def date_bounds(value: str) -> tuple[dt.date, dt.date] | None:
    """``dates.bounds``, cached: the same few values recur in every story."""
    return dates.bounds(value)


@dataclass(frozen=True)
class RuleGroup:
    """A named regular expression with the examples that document it."""

    name: str
    regex: re.Pattern[str]
    match: tuple[str, ...]
    no_match: tuple[str, ...]


def compile_group(name: str, spec: dict[str, Any]) -> RuleGroup:
    """One named pattern of a rule file, compiled, with its examples."""
    # Folded YAML scalars put spaces at line joins, so patterns are verbose:
    # whitespace is insignificant and literal spaces are written "\ " or "\s".
    pattern = spec["pattern"].strip()
    flags = re.VERBOSE
    for flag in spec.get("flags", []):
        flags |= _FLAGS[flag]
    examples = spec.get("examples", {})
    return RuleGroup(
        name,
        re.compile(pattern, flags),
        tuple(examples.get("match", [])),
        tuple(examples.get("no_match", [])),
    )


@cache
def rule_groups() -> dict[str, RuleGroup]:
    """Every rule group of ``rules.yaml`` by name."""
    data = load_data("rules.yaml")
    return {name: compile_group(name, spec) for name, spec in data["groups"].items()}


def rule(name: str) -> re.Pattern[str]:
    """The compiled pattern of one rule group (a plain dict lookup after the first call)."""
    if not _COMPILED:
        _COMPILED.update({n: g.regex for n, g in rule_groups().items()})
    return _COMPILED[name]


@cache
def stopwords() -> frozenset[str]:
    """Words that carry no content for ids and similarity."""
    return frozenset(str(w) for w in load_data("rules.yaml")["stopwords"])


def _inflect(lemma: str) -> list[str]:
    """Regular inflections of an English verb lemma (enough for a trigger lexicon)."""
    if " " in lemma:
        head, rest = lemma.split(" ", 1)
        return [f"{form} {rest}" for form in _inflect(head)]
    if lemma.endswith("e"):
        return [lemma, lemma + "s", lemma + "d", lemma[:-1] + "ing"]
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        return [lemma, lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"]
    if lemma.endswith(("s", "sh", "ch", "x")):
        return [lemma, lemma + "es", lemma + "ed", lemma + "ing"]
    return [lemma, lemma + "s", lemma + "ed", lemma + "ing"]


@dataclass(frozen=True)
class Lexicon:
    """CAMEO triggers: surface form → root code, as two alternation patterns."""

    verb_codes: dict[str, str]
    noun_codes: dict[str, str]
    verbs: re.Pattern[str]
    nouns: re.Pattern[str]
    quads: dict[str, str]  # root code → quad class
    names: dict[str, str]  # root code → category name
    weights: dict[str, float]  # root code → weight in importance
    irregular: frozenset[str]  # past forms listed as irregular ("met", "held")
    not_triggers: tuple[re.Pattern[str], ...] = ()  # phrases whose trigger names no act


def _alternation(forms: dict[str, str]) -> re.Pattern[str]:
    """Lowercase forms as one prefix-factored pattern (matched against lowercased text)."""
    return re.compile(r"\b(?:" + literal_alternation(forms) + r")\b")


@cache
def lexicon() -> Lexicon:
    """The CAMEO verb/noun lexicon of ``verbs.yaml``."""
    data = load_data("verbs.yaml")
    verb_codes: dict[str, str] = {}
    noun_codes: dict[str, str] = {}
    names: dict[str, str] = {}
    for code, spec in data["categories"].items():
        names[str(code)] = spec["name"]
        for lemma in spec.get("verbs", []):
            for form in _inflect(lemma):
                verb_codes.setdefault(form.lower(), str(code))
        for form in spec.get("irregular", []):
            verb_codes.setdefault(form.lower(), str(code))
        for noun in spec.get("nouns", []):
            noun_codes.setdefault(noun.lower(), str(code))
    quads = {str(code): quad for quad, codes in data["quads"].items() for code in codes}
    weights = {str(code): float(w) for code, w in data.get("weights", {}).items()}
    irregular = frozenset(str(form).lower() for spec in data["categories"].values()
                          for form in spec.get("irregular", []))
    not_triggers = tuple(re.compile(str(entry["pattern"]))
                         for entry in data.get("not_triggers", []))
    return Lexicon(
        verb_codes, noun_codes, _alternation(verb_codes), _alternation(noun_codes), quads, names,
        weights, irregular, not_triggers
    )


def quad_of(code: str) -> str:
    """The quad class of a CAMEO code, root ("04") or finer ("042", "0421": its first two
    digits are its root), or "" for anything else."""
    if not (code.isascii() and code.isdigit() and 2 <= len(code) <= 4):
        return ""
    return lexicon().quads.get(code[:2], "")


def planned_act(text: str) -> str:
    """The act ``text`` announces for later ("Levy will also meet ...", "is scheduled to
    visit ..."): the verb after a present future cue when the lexicon knows it as a specific
    act (a statement is no act), else ""."""
    codes = lexicon().verb_codes
    for m in rule("planned_act").finditer(text):
        if codes.get(m.group("verb"), "01") != "01":
            return m.group("verb")
    return ""


def cameo_type(text: str) -> tuple[str, str]:
    """(CAMEO root code, quad class) of ``text``: the first specific verb trigger,
    else the first specific noun trigger, else 01 if it only reports a statement."""
    lex = lexicon()
    statement = False
    lowered = text.lower()
    for phrase in lex.not_triggers:  # blanked, so offsets and the other triggers stay
        lowered = phrase.sub(lambda m: " " * len(m.group(0)), lowered)
    for pattern, codes in ((lex.verbs, lex.verb_codes), (lex.nouns, lex.noun_codes)):
        for m in pattern.finditer(lowered):
            code = codes[m.group(0).lower()]
            if code != "01":
                return code, lex.quads.get(code, "")
            statement = True
    return ("01", lex.quads["01"]) if statement else ("", "")
