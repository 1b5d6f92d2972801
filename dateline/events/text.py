"""Stable, readable event ids and the normalized words that compare summaries."""

from __future__ import annotations

import hashlib
import re
import unicodedata

from dateline.events.rules import stopwords

_WORD = re.compile(r"\w+")
_NON_SLUG = re.compile(r"[^a-z0-9]+")
_SLUG_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’-]*")


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
