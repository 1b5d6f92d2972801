"""Headline-style summaries and stable, readable event ids."""

from __future__ import annotations

import hashlib
import re
import unicodedata

from dateline.dates import CALENDAR_WORDS
from dateline.events.clauses import Draft
from dateline.events.rules import rule, stopwords

MAX_WORDS = 35
_SPACE = re.compile(r"\s+")
_EDGE_QUOTES = "\"'“”‘’"
_LEADING_JOIN = re.compile(r"^[\s,;]*(?:and|but|while|whereas|after|before|when|that)?[\s,]+", re.I)
_CAPITAL_RUN = re.compile(r"(?:[A-Z][\w'’.-]*\s+)*[A-Z][\w'’.-]*")
_PRONOUNS = frozenset(["he", "she", "they", "it", "we", "i", "you"])
_WORD = re.compile(r"\w+")
_NON_SLUG = re.compile(r"[^a-z0-9]+")
_SLUG_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’-]*")


def _trim(text: str, limit: int = MAX_WORDS) -> str:
    words = text.split()
    if len(words) <= limit:
        return text
    return " ".join(words[:limit]).rstrip(",;:") + "…"


def _finish(text: str) -> str:
    text = _SPACE.sub(" ", text).strip().rstrip(",;:")
    text = _trim(text)
    if not text:
        return text
    text = text[0].upper() + text[1:]
    if text[-1] not in ".!…\"”'’":
        text += "."
    return text


def clean_sentence(text: str) -> str:
    """Dateline, leading connectives and attribution clutter removed."""
    m = rule("dateline").match(text)
    text = text[m.end() :] if m else text
    text = rule("leading_connective").sub("", text, count=1)
    text = rule("clutter").sub("", text.rstrip(" ."))
    return text


def speaker_name(subject: str) -> str:
    """Short name of a reporting clause's subject: the end of its last capitalized run that
    is not a date ("Trump on Sunday had" → "Trump"); "" when it names nobody ("officials")."""
    subject = rule("leading_connective").sub("", subject.strip(' ,"”')).strip()
    runs = [r for r in _CAPITAL_RUN.findall(subject) if r not in CALENDAR_WORDS]
    return " ".join(runs[-1].split()[-2:]) if runs else ""


def _unquote(text: str) -> str:
    text = text.strip().rstrip(",")
    if len(text) > 1 and text[0] in _EDGE_QUOTES and text[-1] in _EDGE_QUOTES:
        return text[1:-1].strip().rstrip(",")
    return text


_CLAUSE_VERBS = frozenset(
    {
        "said",
        "says",
        "say",
        "told",
        "tells",
        "announced",
        "announces",
        "added",
        "adds",
        "stated",
        "declared",
        "noted",
        "stressed",
        "warned",
        "confirmed",
        "insisted",
        "reported",
        "saying",
        "claimed",
        "indicated",
        "revealed",
    }
)


def _content_summary(sentence: str, clause: str, draft: Draft, speaker: str) -> str:
    clause = _LEADING_JOIN.sub("", clause, count=1)
    name = speaker_name(speaker)
    if name and rule("pronoun_subject").match(clause):
        return rule("pronoun_subject").sub(name, clause, count=1)
    if draft.speaker and draft.speaker[0] < draft.start and draft.verb.lower() not in _CLAUSE_VERBS:
        # "He expressed his appreciation for ..." - the verb's object is not a clause
        return f"{speaker.strip()} {draft.verb} {clause}"
    return clause


def summarize(sentence: str, draft: Draft) -> str:
    """The headline of one draft of ``sentence``."""
    clause = sentence[draft.start : draft.end]
    speaker = sentence[draft.speaker[0] : draft.speaker[1]] if draft.speaker else ""
    if draft.kind == "statement" and draft.speaker and draft.speaker[0] >= draft.end:
        content = clean_sentence(clause).strip()
        if content[:1] not in _EDGE_QUOTES:  # reported speech: the clutter is the attribution
            return _finish(content)
        name = speaker_name(speaker)
        if not name or name.lower() in _PRONOUNS:
            return _finish(_unquote(content))
        return _finish(f"{name}: {_unquote(content)}")
    if draft.kind == "content":
        clause = _content_summary(sentence, clause, draft, speaker)
    return _finish(_unquote(clean_sentence(clause)))


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def slug_words(summary: str, limit: int = 4) -> list[str]:
    """Content words of a summary for its id; a run of capitalized words keeps its last word."""
    tokens = _SLUG_WORD.findall(_ascii(summary[:240]))  # four words are found well before
    words: list[str] = []
    for i, token in enumerate(tokens):
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        if token[0].isupper() and nxt[:1].isupper():
            continue  # "National Security Adviser John Bolton" → "bolton"
        word = token.lower().strip("'’-")
        if word and word not in stopwords() and not word.isdigit():
            words.append(word)
            if len(words) == limit:
                break
    return words


def normalized(text: str) -> str:
    """Lowercase words only: what survives re-wrapping and punctuation edits."""
    return " ".join(_WORD.findall(text.lower()))


def event_id(source_key: str, sentence: str, clause: str, date: str, summary: str) -> str:
    """Date + slug + short hash of source and sentence: stable, URL-safe, readable."""
    digest = hashlib.sha1(
        f"{source_key}|{normalized(sentence)}|{normalized(clause)}|{date}".encode()
    ).hexdigest()[:4]
    slug = "-".join(_NON_SLUG.sub("-", w).strip("-") for w in slug_words(summary))
    return "-".join(p for p in (date.lower(), slug, digest) if p)
