"""Finite verbs and the present tense, for headlines (data: ``data/verbforms.yaml``).

No tagger: a word is a finite verb when the lexicon knows it as one and the words before it
leave it room to be ("the proposed deal" is no verb, "Iran proposed" is).  Words are
whitespace-separated tokens that may carry punctuation ("Kim,", '"We'); ``bare`` strips it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from dateline.events.rules import compile_group, load_data

_EDGE = re.compile(r"^[^\w']+|[^\w']+$")
_ADVERB = re.compile(r"^(?:not|also|already|still|never|now|just|reportedly|jointly|again|"
                     r"further|formally|officially|first|n't|\w+ly)$")
# Words after which a form cannot be a finite verb: it is an attribute or an object.
_BEFORE_NON_VERB = frozenset(
    [
        "a", "an", "the", "this", "that", "these", "those", "its", "his", "her", "their", "our",
        "my", "your", "to", "of", "in", "on", "at", "for", "with", "by", "from", "as", "than",
        "into", "over", "about", "some", "any", "no", "every", "each", "such", "newly",
        "so-called", "more", "most", "less", "least", "very", "too"
    ]
)
_CLAUSE_OPENERS = frozenset(
    [
        "he", "she", "it", "they", "we", "i", "you", "there", "the", "a", "an", "its", "his",
        "her", "their", "this", "these", "those", "some", "no"
    ]
)
_FUNCTION_WORDS = frozenset(
    [
        "and", "or", "but", "nor", "of", "in", "on", "at", "for", "with", "by", "from", "to",
        "as", "than", "into", "over", "about", "along", "across", "near", "under", "after",
        "before", "during", "against", "between", "among", "around", "through", "since",
        "until", "within", "without", "that", "which", "who", "whose", "whom", "where", "when",
        "while", "both", "all", "each", "also", "only", "not", "who", "here", "there", "alike"
    ]
)
_PREPOSITION_LIKE = frozenset(["after", "before", "since", "until", "as"])
SUBORDINATORS = frozenset(
    [
        "that", "if", "whether", "who", "whom", "which", "when", "where", "because", "although",
        "though", "while", "as", "after", "before", "since", "until", "unless", "whose"
    ]
)


def bare(token: str) -> str:
    """A token without its punctuation, lowercased ('"Kim,' → "kim")."""
    return _EDGE.sub("", token).lower()


_VOWELS = "aeiou"
_PREFIXED = re.compile(r"^(?:co|re|pre|test|cross|over|under)-")
_PREPOSITIONS = frozenset(
    [
        "of", "from", "in", "at", "for", "with", "on", "between", "among", "to", "by", "including",
        "near", "under", "over", "against"
    ]
)


@dataclass(frozen=True)
class VerbForms:
    lemmas: frozenset[str]
    past: dict[str, str]  # simple past → lemma (irregular)
    participle: dict[str, str]  # past participle → lemma (irregular)
    auxiliaries: dict[str, str]  # auxiliary or modal → its present
    not_verbs: frozenset[str]
    ambiguous: frozenset[str]
    adjective: re.Pattern[str]  # endings of words that make an "-s" form a noun
    plural: re.Pattern[str]
    singular_s: frozenset[str]
    regular_stems: tuple[str, ...]  # stem endings of regular "-ed" forms
    participles_first: frozenset[str]
    no_e_endings: tuple[str, ...]
    e_endings: tuple[str, ...]
    examples: dict[str, Any]


@cache
def verb_forms() -> VerbForms:
    """The verb data of ``verbforms.yaml`` with the lemmas of ``verbs.yaml``."""
    data = load_data("verbforms.yaml")
    lemmas = {str(w) for w in data["lemmas"]}
    for spec in load_data("verbs.yaml")["categories"].values():
        lemmas |= {str(v) for v in spec.get("verbs", []) if " " not in str(v)}
    irregular = {str(k): (str(v[0]), str(v[1])) for k, v in data["irregular"].items()}
    lemmas |= set(irregular)
    return VerbForms(
        frozenset(lemmas),
        {past: lemma for lemma, (past, _pp) in irregular.items()},
        {pp: lemma for lemma, (_past, pp) in irregular.items()},
        {str(k): str(v) for k, v in data["auxiliaries"].items()},
        frozenset(str(w) for w in data["not_verbs"]),
        frozenset(str(w) for w in data["ambiguous"]),
        re.compile(r"(?:-|" + "|".join(map(str, data["adjective_endings"])) + r")$"),
        compile_group("plural_subject", data["plural_subject"]).regex,
        frozenset(str(w) for w in data["singular_s"]),
        tuple(str(e) for e in data["regular_stem_endings"]),
        frozenset(str(w) for w in data["participles_first"]),
        tuple(str(e) for e in data["no_e_endings"]),
        tuple(str(e) for e in data["e_stem_endings"]),
        data["examples"],
    )


def _regular_lemma(word: str) -> str | None:
    """The lemma of a regular "-ed" form, if the lexicon knows it."""
    if not word.endswith("ed") or len(word) < 4:
        return None
    stem = word[:-2]
    candidates = [word[:-3] + "y", word[:-1], stem]  # "tried", "arrived"/"agreed", "warned"
    if len(stem) > 2 and stem[-1] == stem[-2]:
        candidates.append(stem[:-1])  # "planned" → "plan"
    forms = verb_forms()
    found = next((c for c in candidates if c in forms.lemmas), None)
    if found or len(stem) < 3:
        return found
    if word.endswith("ied"):
        return word[:-3] + "y"  # "rallied" → "rally"
    if stem.endswith(forms.regular_stems) or stem[-1] in "aeiouwxy":
        return stem
    if len(stem) > 3 and stem[-1] == stem[-2] and stem[-1] not in "lsz":
        return stem[:-1]  # "regretted" → "regret"
    cvc = stem[-3] not in _VOWELS and stem[-2] in _VOWELS and stem[-1] not in _VOWELS
    if stem.endswith(forms.e_endings) or (cvc and not stem.endswith(forms.no_e_endings)):
        return stem + "e"
    return stem


def past_lemma(word: str) -> str | None:
    """The lemma of a simple past form ("said" → "say", "arrived" → "arrive"), else None."""
    forms = verb_forms()
    return forms.past.get(word) or _regular_lemma(word)


def participle_lemma(word: str) -> str | None:
    """The lemma of a past participle ("taken" → "take", "demanded" → "demand"), else None."""
    forms = verb_forms()
    return forms.participle.get(word) or forms.past.get(word) or _regular_lemma(word)


def present_lemma(word: str) -> str | None:
    """The lemma of a third-person present form ("supports" → "support"), else None."""
    known = verb_forms().lemmas
    if word in verb_forms().not_verbs or not word.endswith("s"):
        return None
    if word == "has":
        return "have"
    for lemma in (word[:-3] + "y" if word.endswith("ies") else "", word[:-2], word[:-1]):
        if lemma and lemma in known:
            return lemma
    for lemma in (word[:-2], word[:-1]):  # a regular verb the lexicon does not list
        guess = _regular_lemma(lemma + ("d" if lemma.endswith("e") else "ed"))
        if guess == lemma and third_person(lemma) == word:
            return lemma
    return None


def third_person(lemma: str) -> str:
    """The third-person singular present ("say" → "says", "try" → "tries", "go" → "goes")."""
    special = {"be": "is", "have": "has"}
    if lemma in special:
        return special[lemma]
    if lemma.endswith(("s", "sh", "ch", "x", "z", "o")):
        return lemma + "es"
    if lemma.endswith("y") and lemma[-2:-1] not in ("a", "e", "i", "o", "u"):
        return lemma[:-1] + "ies"
    return lemma + "s"


def present(lemma: str, plural: bool) -> str:
    """The present a subject of that number takes."""
    if lemma == "be":
        return "are" if plural else "is"
    return lemma if plural else third_person(lemma)


def is_plural(subject: str) -> bool:
    """Whether a subject takes a plural verb: "Syria and Iraq", "Two Indians", "US officials",
    "Leaders of the 21 member economies"; not "The United States" or "the ministry"."""
    tokens = subject.strip(" ,").split()
    cut = next((i for i, t in enumerate(tokens) if i and bare(t) in _PREPOSITIONS), len(tokens))
    head = [t for t in tokens[:cut] if not _ADVERB.match(bare(t))]
    if not head:
        return False
    if verb_forms().plural.search(" ".join(head)):
        return True
    last, word = head[-1], bare(head[-1])
    if last[:1].isupper():  # a name ("Ekranas"), unless a plural noun opens the clause
        return last is tokens[0] and word in verb_forms().not_verbs
    return word.endswith("s") and not word.endswith(("ss", "us", "is", "'s")) and \
        word not in verb_forms().singular_s


def _could_be_verb(tokens: Sequence[str], i: int) -> bool:
    prev = bare(tokens[i - 1]) if i else ""
    return i > 0 and prev not in _BEFORE_NON_VERB and not tokens[i][:1].isupper()


def _s_form_is_verb(tokens: Sequence[str], i: int) -> bool:
    """An ambiguous "-s" form is a verb after a name, a pronoun or a plain noun."""
    word, prev = bare(tokens[i]), tokens[i - 1]
    if present_lemma(word) not in verb_forms().lemmas:  # a guess: only right after a name
        return (i > 1 and prev[:1].isupper()) or bare(prev) in ("he", "she", "it")
    if word not in verb_forms().ambiguous:
        return True
    if prev[:1].isupper() or bare(prev) in ("he", "she", "it"):
        return not bare(prev).endswith(("an", "ese", "ish"))  # "Indian", "Chinese", "British"
    return not (prev.endswith(",") or verb_forms().adjective.search(bare(prev)))


def finite_kind(tokens: Sequence[str], i: int) -> str:
    """How ``tokens[i]`` is a finite verb: "aux", "past", "present", or "" when it is none."""
    word = bare(tokens[i])
    if i == 1 and bare(tokens[0]) in ("this", "that") and word in verb_forms().auxiliaries:
        return "aux"  # "This is fiercely opposed"
    if not _could_be_verb(tokens, i) or ("-" in word and not _PREFIXED.match(word)):
        return ""
    word = _PREFIXED.sub("", word)  # "co-chaired" is a form of "chair"
    if word in verb_forms().auxiliaries and word != "'s":
        return "aux"
    if past_lemma(word):
        after = bare(tokens[i + 1]) if i + 1 < len(tokens) else ""
        if after == "by" or word in verb_forms().participles_first:
            return ""  # "a force led by Italy", "a meeting scheduled for May": participles
        return "past"
    if present_lemma(word) and not word.endswith(("'s", "’s")):  # "the country's elections"
        return "present" if _s_form_is_verb(tokens, i) else ""
    prev = bare(tokens[i - 1])
    # the subject's number last: it reads every token before this one
    if prev not in verb_forms().auxiliaries and prev not in ("and", "or", "not") and \
            not _ADVERB.match(word) and (
            word in verb_forms().lemmas or (_plural_noun(tokens[i - 1]) and word.isalpha()
            and word not in _FUNCTION_WORDS and not verb_forms().adjective.search(word))) and \
            is_plural(" ".join(tokens[:i])):
        return "present"  # "APEC leaders open", "Israeli troops demolish"
    return ""


def _plural_noun(token: str) -> bool:
    word = bare(token)
    return token[:1].islower() and word.endswith("s") and not word.endswith(("ss", "us", "is"))


def _subordinates(tokens: Sequence[str], i: int) -> bool:
    """Whether ``tokens[i]`` opens a clause: "that" does before a name, a pronoun or a
    determiner ("that China supported", not "that site"); "after", "as" ... only when a verb
    follows before the next comma ("after the talks ended", not "after the summit in Hanoi,"
    nor "such as Britain")."""
    word = bare(tokens[i])
    if i + 1 >= len(tokens):
        return True
    after = tokens[i + 1]
    opens = after[:1].isupper() or bare(after) in _CLAUSE_OPENERS
    if word == "that":
        return opens
    if word not in _PREPOSITION_LIKE:
        return True
    if bare(tokens[i - 1]) in ("such", "well") or bare(after) == "well" or not opens:
        return False
    for j in range(i + 1, min(len(tokens), i + 9)):
        if finite_kind(tokens, j):
            return True
        if tokens[j].endswith(","):
            return False
    return False


def relative_at(tokens: Sequence[str], i: int) -> bool:
    """Whether a comma-led relative clause opens at ``tokens[i]`` (", which involve ...")."""
    relative = ("who", "which", "whose", "where", "whom")
    if i > 0 and tokens[i - 1].endswith(",") and bare(tokens[i]) in relative:
        return True
    return 0 < i < len(tokens) - 1 and tokens[i - 1].endswith(",") and \
        bare(tokens[i]) in _PREPOSITIONS and bare(tokens[i + 1]) in relative  # ", in which"


def is_adverb(token: str) -> bool:
    """An adverb that may stand between a subject and its verb ("also", "reportedly")."""
    return bool(_ADVERB.match(bare(token)))


def main_verb(tokens: Sequence[str]) -> int | None:
    """Index of the main clause's finite verb: the first one outside quotes, parentheses and
    comma-enclosed relative clauses, with no subordinator before it; None when there is none."""
    depth = quoted = owed = group_end = 0
    skipping = False
    for i, token in enumerate(tokens):
        word = bare(token)
        if i < group_end:  # the rest of a subordinate clause's verb group ("who had been
            continue       # detained in Korea landed"): not the main verb
        if skipping:  # a relative clause ends at a comma the main verb follows
            nxt = i + 1
            while nxt < len(tokens) - 1 and is_adverb(tokens[nxt]):
                nxt += 1
            skipping = not (token.endswith(",") and nxt < len(tokens)
                            and bool(finite_kind(tokens, nxt)))
            continue
        if relative_at(tokens, i):
            skipping = True
            continue
        opened = depth > 0 or quoted % 2 == 1
        depth += token.count("(") - token.count(")")
        quoted += sum(token.count(q) for q in ('"', "“", "”"))
        if opened or token.startswith(("(", '"', "“")):
            continue
        if word in SUBORDINATORS and i and _subordinates(tokens, i):
            owed += 1  # "Ri on Friday that China supported": that verb is not the main one
            continue
        kind = finite_kind(tokens, i)
        if kind and not owed:
            return i
        if kind:  # the subordinate clause's verb; the main one is an auxiliary or an "-s" form
            owed -= 1
            if owed == 0 and i + 2 < len(tokens) and finite_kind(tokens, i + 1) == "past":
                break  # "that China supported continued dialogue": an attribute, no verb
            if kind == "aux":
                group_end = _verb_group_end(tokens, i)
    return None


def _verb_group_end(tokens: Sequence[str], aux: int) -> int:
    """Where the verb group an auxiliary opens ends: "had | been | detained" → after "detained"."""
    end = aux + 1
    while end < len(tokens) and (bare(tokens[end]) in ("been", "being", "be", "not")
                                 or is_adverb(tokens[end])):
        end += 1
    if end < len(tokens) and (past_lemma(bare(tokens[end])) or bare(tokens[end]).endswith("ing")):
        end += 1
    return end


def any_verb(tokens: Sequence[str]) -> int | None:
    """``main_verb``, else, more leniently, the first word after the subject that reads as a
    present verb the lexicon does not list ("Israeli troops demolish", "the defector walks"):
    how a headline, which is written in the present, is checked."""
    found = main_verb(tokens)
    if found is not None:
        return found
    for i in range(1, len(tokens)):
        word = bare(tokens[i])
        if word in SUBORDINATORS and _subordinates(tokens, i):
            return None
        if not tokens[i][:1].islower() or not word.isalpha() or word in _FUNCTION_WORDS \
                or word in verb_forms().not_verbs or verb_forms().adjective.search(word) \
                or _ADVERB.match(word):
            continue
        if bare(tokens[i - 1]) in _BEFORE_NON_VERB:
            continue
        if present_lemma(word) or _plural_noun(tokens[i - 1]):
            return i
    return None
