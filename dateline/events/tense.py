"""The present tense of a verb group, as a headline writes it ("said" → "says", "has demanded"
→ "demands", "was due" → "is due", "would start" → "will start")."""

from __future__ import annotations

import re
from collections.abc import Sequence

from dateline.events.verbforms import (
    SUBORDINATORS,
    bare,
    is_adverb,
    participle_lemma,
    past_lemma,
    present,
    present_lemma,
    verb_forms,
)


def _respell(token: str, word: str) -> str:
    """``word`` in place of ``token``'s letters, its punctuation and capital kept."""
    m = re.match(r"^([^\w']*)([\w'-]*)(.*)$", token)
    assert m is not None  # the pattern matches any string
    lead, core, tail = m.groups()
    word = word[0].upper() + word[1:] if core[:1].isupper() and word else word
    return f"{lead}{word}{tail}"


def _next_word(tokens: Sequence[str], i: int) -> int:
    """The first index after ``i`` that is not an adverb ("has also agreed")."""
    j = i + 1
    while j < len(tokens) and is_adverb(tokens[j]) and bare(tokens[j]) != "not":
        j += 1
    return j


def _perfect(tokens: list[str], i: int, plural: bool) -> list[str]:
    """has/had/have + participle → simple present; + been → is/are."""
    j = _next_word(tokens, i)
    word = bare(tokens[j]) if j < len(tokens) else ""
    if word == "been":
        be = present("be", plural)
        return [*tokens[:i], _respell(tokens[i], be), *tokens[i + 1 : j], *tokens[j + 1 :]]
    lemma = participle_lemma(word) if word else None
    if lemma is None or lemma not in verb_forms().lemmas or tokens[j][:1].isupper():
        return [*tokens[:i], _respell(tokens[i], present("have", plural)), *tokens[i + 1 :]]
    moved = [*tokens[i + 1 : j], _respell(tokens[j], present(lemma, plural))]
    if tokens[i][:1].isupper():  # the group opened the text: keep its capital on the first word
        moved[0] = moved[0][0].upper() + moved[0][1:]
    return [*tokens[:i], *moved, *tokens[j + 1 :]]


def present_group(tokens: Sequence[str], i: int, plural: bool) -> list[str]:
    """``tokens`` with the verb group at ``i`` put in the present ("said" → "says", "has
    demanded" → "demands", "was due" → "is due", "would start" → "will start"), and a verb
    coordinated with it ("met ... and rejected" → "meets ... and rejects")."""
    words = _present_at(list(tokens), i, plural)
    if bare(tokens[i]) in verb_forms().auxiliaries:
        return words  # "was ambushed and shot dead": the second shares the auxiliary
    for j in range(i + 1, min(len(words) - 1, i + 16)):
        word = bare(words[j])
        if word in SUBORDINATORS or words[j].endswith((";", ":")):
            break
        nxt = j + 1
        while nxt < len(words) - 1 and is_adverb(words[nxt]):
            nxt += 1
        if word == "and" and words[nxt][:1].islower() and past_lemma(bare(words[nxt])):
            return _present_at(words, nxt, plural)
    return words


def _present_at(words: list[str], i: int, plural: bool) -> list[str]:
    word = bare(words[i])
    forms = verb_forms()
    after = _next_word(words, i)
    if word in ("had", "has", "have") and (after >= len(words) or bare(words[after]) != "to"):
        return _perfect(words, i, plural)
    if word in ("was", "were", "is", "are"):
        words[i] = _respell(words[i], present("be", plural))
    elif word in ("did", "does", "do", "had", "has", "have"):
        lemma = {"did": "do", "does": "do", "had": "have", "has": "have"}.get(word, word)
        words[i] = _respell(words[i], present(lemma, plural))
    elif word in forms.auxiliaries:
        words[i] = _respell(words[i], forms.auxiliaries[word])
    else:
        known = past_lemma(word) or present_lemma(word) or (word if word in forms.lemmas
                                                               else None)
        words[i] = _respell(words[i], present(known, plural)) if known else words[i]
    return words
