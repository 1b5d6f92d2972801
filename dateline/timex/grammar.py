"""Load a language's rules (YAML under ``data/<lang>/``) and compile them once.

Layout of a language folder:

* ``patterns.yaml`` — named sub-patterns, referred to as ``{name}`` in rules;
* ``tables.yaml`` — normalization tables (word → meaning) and tense markers;
* ``rules/*.yaml`` — the rules, each with examples that run as tests.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml

from dateline.content.yamlload import SafeLoader

PLACEHOLDER = re.compile(r"\{([a-z_][a-z0-9_]*)\}")
TYPES = ("DATE", "TIME", "DURATION", "SET")


class _StringLoader(SafeLoader):
    """SafeLoader that keeps dates and yes/no/on/off as strings (rules are text)."""


_StringLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in (
        "tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class Example:
    """One documented case of a rule: ``extent`` in ``text`` gets ``value``.

    ``value`` None means: no expression may overlap ``extent`` (a negative case).
    """

    text: str
    extent: str
    value: str | None
    anchor: dt.date | None
    type: str = ""
    mod: str | None = None


@dataclass(frozen=True)
class Rule:
    """A compiled rule: a regex with named groups and how to turn a match into a value."""

    id: str
    type: str
    regex: re.Pattern[str]
    trigger: str  # trigger category every match contains ("" = run everywhere)
    resolve: str  # resolver name (see resolve.py)
    value: str  # value template for the resolver ("PRESENT_REF", "P{number}{unit}")
    mod: str
    negative: bool
    priority: int
    params: Mapping[str, str]
    examples: tuple[Example, ...]
    needs: tuple[str, ...] = ()  # lower-case words every match contains one of (literals.py)


@dataclass(frozen=True)
class Grammar:
    """Everything one language needs, compiled."""

    lang: str
    rules: tuple[Rule, ...]
    tables: Mapping[str, Mapping[str, str]]
    trigger_words: Mapping[str, frozenset[str]]  # lower-case word -> categories
    trigger_tokens: Mapping[str, frozenset[str]]  # token shape -> categories
    trigger_regex: re.Pattern[str]  # finds trigger words and number tokens in one pass
    future: re.Pattern[str]
    past: re.Pattern[str]
    arrangement: re.Pattern[str]  # future only for a weekday to its right
    rule_files: tuple[str, ...] = field(default=())


def _load_yaml(text: str) -> Any:
    return yaml.load(text, Loader=_StringLoader)


def words_regex(words: list[Any], case: str = "") -> str:
    """An alternation matching any of ``words`` (longest first)."""
    variants: list[str] = []
    for word in sorted((str(w) for w in words), key=len, reverse=True):
        forms = [word, word.upper()] if case == "title" else [word]
        variants += [r"\s+".join(re.escape(part) for part in f.split()) for f in forms]
    body = "|".join(dict.fromkeys(variants))
    return f"(?-i:{body})" if case == "title" else body


def expand(pattern: str, named: Mapping[str, str], depth: int = 0) -> str:
    """Replace ``{name}`` placeholders by their (recursively expanded) patterns."""
    if depth > 10:
        raise ValueError(f"pattern nesting too deep: {pattern[:60]}")

    def sub(m: re.Match[str]) -> str:
        name = m.group(1)
        if name not in named:
            raise KeyError(f"unknown pattern {{{name}}}")
        return "(?:" + expand(named[name], named, depth + 1) + ")"

    return PLACEHOLDER.sub(sub, pattern)


def _named_patterns(raw: Mapping[str, Any]) -> dict[str, str]:
    named: dict[str, str] = {}
    for name, spec in raw.items():
        if "words" in spec:
            named[name] = words_regex(spec["words"], spec.get("case", ""))
        else:
            named[name] = str(spec["regex"])
    return named


def _tables(raw: Mapping[str, Any]) -> dict[str, dict[str, str]]:
    return {name: {str(k).lower(): str(v) for k, v in table.items()}
            for name, table in raw.items() if isinstance(table, dict) and name != "tense"}


def _marker_regex(markers: list[Any], guard: str = "") -> re.Pattern[str]:
    parts = [str(m) if "\\" in str(m) else r"\s+".join(map(re.escape, str(m).split()))
             for m in markers]
    return re.compile(guard + r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE)


# a past participle after "be" is passive, not past: "to be paid in January"
PASSIVE_GUARD = r"(?<!\bbe\s)(?<!\bbeing\s)"


def _example(raw: Mapping[str, Any], anchor: str | None) -> Example:
    when = raw.get("anchor", anchor)
    value = raw.get("value")
    mod = raw.get("mod")
    return Example(text=str(raw["text"]), extent=str(raw["extent"]),
                   value=None if value is None else str(value),
                   anchor=dt.date.fromisoformat(str(when)) if when else None,
                   type=str(raw.get("type", "")), mod=None if mod is None else str(mod))


def _needs(raw: Mapping[str, Any], patterns: Mapping[str, Any]) -> tuple[str, ...]:
    """A rule's ``needs``: lower-case words one of which every match contains; ``{name}`` stands
    for the first word of each entry of a word-list pattern. A rule whose words are all absent
    from a window is not run there (speed; docs/performance.md). tests/timex/test_timex_needs.py
    proves each list sound against the rule's regex."""
    words: set[str] = set()
    for item in raw.get("needs", ()) or ():
        name = PLACEHOLDER.fullmatch(str(item))
        if name is None:
            words.add(str(item).lower())
            continue
        spec = patterns.get(name.group(1))
        if not spec or "words" not in spec:
            raise ValueError(f"rule {raw['id']}: needs {item}: not a word-list pattern")
        words |= {str(w).lower().split()[0] for w in spec["words"]}
    return tuple(sorted(words))


def _rule(raw: Mapping[str, Any], named: Mapping[str, str], anchor: str | None,
          patterns: Mapping[str, Any]) -> Rule:
    rule_id = str(raw["id"])
    try:
        body = expand(str(raw["pattern"]), named)
        regex = re.compile(r"(?<!\w)(?:" + body + r")(?!\w)", re.IGNORECASE)
    except (re.error, KeyError, ValueError) as err:
        raise ValueError(f"rule {rule_id}: bad pattern: {err}") from err
    rtype = str(raw.get("type", "DATE"))
    if rtype not in TYPES:
        raise ValueError(f"rule {rule_id}: type {rtype} is not one of {TYPES}")
    known = {"id", "type", "pattern", "trigger", "resolve", "value", "mod", "negative",
             "priority", "examples", "note", "needs"}
    params = {str(k): str(v) for k, v in raw.items() if k not in known}
    return Rule(
        id=rule_id, type=rtype, regex=regex, trigger=str(raw.get("trigger", "")),
        resolve=str(raw.get("resolve", "literal")), value=str(raw.get("value", "")),
        mod=str(raw.get("mod", "")), negative=bool(raw.get("negative", False)),
        priority=int(raw.get("priority", 0)), params=params,
        examples=tuple(_example(e, anchor) for e in raw.get("examples", ()) or ()),
        needs=_needs(raw, patterns),
    )


TOKEN_SHAPES = ("year", "ordinal", "clock")


def _triggers(raw: Mapping[str, Any], patterns: Mapping[str, Any]
              ) -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    """Word → categories and token shape → categories, from the ``triggers`` table."""
    words: dict[str, set[str]] = {}
    shapes: dict[str, set[str]] = {}
    for category, spec in raw.items():
        vocabulary = [str(w) for w in spec.get("words", ())]
        for name in spec.get("patterns", ()):
            vocabulary += [str(w) for w in patterns[name]["words"]]
        for word in vocabulary:
            first = re.split(r"[\s'’.-]+", word.lower().strip("'"))[0]
            words.setdefault(first, set()).add(category)
        for shape in spec.get("tokens", ()):
            if shape not in TOKEN_SHAPES:
                raise ValueError(f"trigger {category}: unknown token shape {shape!r}")
            shapes.setdefault(shape, set()).add(category)
    return ({w: frozenset(c) for w, c in words.items()},
            {s: frozenset(c) for s, c in shapes.items()})


def trie_regex(words: list[str]) -> str:
    """A regex matching any of ``words``, as a trie (one pass, no backtracking
    over hundreds of alternatives)."""
    root: dict[str, Any] = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(root)


def _trigger_regex(words: Mapping[str, frozenset[str]]) -> re.Pattern[str]:
    # a trigger word (maybe plural, "Mondays"), a short code ("FY2018", "Q3"), or
    # any token starting with a digit or "'98"; numbers are classified by shape later
    vocabulary = trie_regex(sorted(words))
    return re.compile(rf"\b(?:{vocabulary})s?(?!\w)|\b[a-z]{{1,3}}\d{{1,4}}\b|'?\b\d\w*",
                      re.IGNORECASE)


def _read(folder: Any, name: str) -> Any:
    return _load_yaml(folder.joinpath(name).read_text(encoding="utf-8"))


@cache
def load(lang: str = "en") -> Grammar:
    """The compiled grammar of ``lang`` (cached: compiled once per process)."""
    folder = resources.files("dateline.timex").joinpath("data", lang)
    if not folder.is_dir():
        raise ValueError(f"no temporal rules for language {lang!r}")
    raw_patterns = _read(folder, "patterns.yaml")
    named = _named_patterns(raw_patterns)
    raw_tables = _read(folder, "tables.yaml")
    rules: list[Rule] = []
    files = sorted(p.name for p in folder.joinpath("rules").iterdir() if p.name.endswith(".yaml"))
    for name in files:
        doc = _read(folder.joinpath("rules"), name)
        anchor = doc.get("anchor")
        rules += [_rule(r, named, str(anchor) if anchor else None, raw_patterns)
                  for r in doc["rules"]]
    words, tokens = _triggers(raw_tables["triggers"], raw_patterns)
    unknown = {r.trigger for r in rules} - {c for cs in words.values() for c in cs} - {
        c for cs in tokens.values() for c in cs} - {""}
    if unknown:
        raise ValueError(f"rules use unknown triggers: {sorted(unknown)}")
    tense = raw_tables["tense"]
    return Grammar(lang=lang, rules=tuple(rules), tables=_tables(raw_tables),
                   trigger_words=words, trigger_tokens=tokens,
                   trigger_regex=_trigger_regex(words),
                   future=_marker_regex(tense["future"]),
                   past=_marker_regex(tense["past"], PASSIVE_GUARD),
                   arrangement=_marker_regex(tense["arrangement"]),
                   rule_files=tuple(files))
