"""Alternations of many literal strings as one prefix-factored regular expression.

``re`` tries every alternative of ``a|b|c...`` at every position; with hundreds
of names that dominates extraction time.  Factoring common prefixes
("North Korea|North Korean|Norway" → "No(?:rth\\ Korea(?:n)?|rway)") lets the
engine reject a position after one or two characters.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any


def _insert(trie: dict[str, Any], word: str) -> None:
    node = trie
    for char in word:
        node = node.setdefault(char, {})
    node[""] = {}


def _pattern(node: dict[str, Any]) -> str:
    ends = "" in node
    branches = [re.escape(char) + _pattern(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:  # a shorter word ends here; longer ones are tried first (greedy "?")
        one_char = len(branches) == 1 and body in (re.escape(c) for c in "".join(node) if c)
        return body + "?" if one_char else "(?:" + body + ")?"
    return body


def literal_alternation(words: Iterable[str]) -> str:
    """A regex source matching any of ``words``, longest first at each position."""
    trie: dict[str, Any] = {}
    for word in words:
        if word:
            _insert(trie, word)
    return _pattern(trie) if trie else r"(?!x)x"
