"""Sentence spans of prose: pysbd for the hard cases, a fast path for the rest.

pysbd costs about a millisecond per paragraph, too slow for thousands of
stories.  Most wire paragraphs are one sentence, or several sentences whose
boundaries are unambiguous (a lowercase word, a full stop, a capital).  Those
are split here; pysbd only sees paragraphs with an ambiguous candidate boundary
("U.S. The", "John F. Kennedy", "3 p.m. Monday").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pysbd

# The longest sentence in 2,452 wire stories is 537 characters.  A sentence is cut at this
# bound because every event of a sentence carries it whole (its quote, its id, its clauses):
# one sentence of a megabyte would give thousands of events each a megabyte long.
MAX_SENTENCE = 1000
# pysbd is slow per character; a paragraph past this bound is split by the fast rules alone.
MAX_PYSBD_PARAGRAPH = 5000

_PARAGRAPH = re.compile(r"\n[ \t]*\n|\n(?=[ \t]*(?:#|[-*+] |\d+\. |>))")
# A full stop, "!" or "?" (with closing quotes/brackets) then space then a capital or opening quote.
_CANDIDATE = re.compile(r"[.!?][\"'”’)\]]*\s+(?=[\"'“‘(]?[A-Z0-9])")
_WORD_BEFORE = re.compile(r"[\w.'’-]*$")
# Abbreviations that precede a name or number and never end a sentence.
_NEVER_END = frozenset(
    [
        "Mr",
        "Mrs",
        "Ms",
        "Dr",
        "Prof",
        "Gen",
        "Lt",
        "Col",
        "Maj",
        "Capt",
        "Sgt",
        "Adm",
        "Cmdr",
        "Sen",
        "Rep",
        "Gov",
        "Rev",
        "St",
        "Mt",
        "Ft",
        "No",
        "Nos",
        "Art",
        "Jan",
        "Feb",
        "Mar",
        "Apr",
        "Aug",
        "Sept",
        "Sep",
        "Oct",
        "Nov",
        "Dec",
        "Vol",
        "pp",
        "vs",
        "cf",
        "approx",
        "Amb",
        "Pres",
        "Gens",
    ]
) | {
    "U.S",
    "U.N",
    "U.K",
    "E.U",
    "D.C",
}  # before a capital these are "U.S. officials", rarely an end
_CLOSERS = frozenset("\"'”’)]")
_INITIAL = re.compile(r"[A-Z][a-z]+ [A-Z]$")
_CORPORATE = frozenset({"Inc", "Co", "Corp", "Ltd", "Jr", "Sr"})


@lru_cache(maxsize=1)
def _segmenter() -> pysbd.Segmenter:
    return pysbd.Segmenter(language="en", clean=False)


def _boundary_kind(text: str, mark: int) -> str:
    """'clear', 'never' or 'ambiguous' for the sentence mark at ``text[mark]``."""
    if text[mark] in "!?" or text[mark - 1 : mark] in _CLOSERS:
        return "clear"
    m = _WORD_BEFORE.search(text, max(0, mark - 40), mark)
    word = m.group(0) if m else ""
    if word in _NEVER_END:
        return "never"
    if len(word) == 1 and word.isupper() and _INITIAL.search(text, max(0, mark - 30), mark):
        return "never"  # a middle initial: "George W. Bush"
    if not word or "." in word or (len(word) == 1 and word.isupper()) or word in _CORPORATE:
        return "ambiguous"
    return "clear"


def _fast_split(text: str, guess: bool = False) -> list[int] | None:
    """Sentence start offsets after the first, or None when a boundary is ambiguous.

    With ``guess`` an ambiguous boundary is taken as an end instead of giving up.
    """
    cuts: list[int] = []
    for m in _CANDIDATE.finditer(text):
        kind = _boundary_kind(text, m.start())
        if kind == "ambiguous" and not guess:
            return None
        if kind == "clear":
            cuts.append(m.end())
    return cuts


def _pysbd_cuts(text: str) -> list[int]:
    cuts: list[int] = []
    pos = 0
    for segment in _segmenter().segment(text):
        found = text.find(segment.strip(), pos)
        if found < 0:  # pysbd altered the text; fall back to one sentence
            return []
        if found > 0:
            cuts.append(found)
        pos = found + len(segment.strip())
    return cuts


@lru_cache(maxsize=4096)
def paragraph_sentences(text: str) -> tuple[tuple[int, int], ...]:
    """Sentence spans (start, end) of one paragraph, whitespace trimmed."""
    cuts = _fast_split(text, guess=len(text) > MAX_PYSBD_PARAGRAPH)
    if cuts is None:
        cuts = _pysbd_cuts(text)
    spans = []
    for start, end in zip([0, *cuts], [*cuts, len(text)], strict=True):
        piece = text[start:end]
        lead = len(piece) - len(piece.lstrip())
        if piece.strip():
            spans.append((start + lead, start + len(piece.rstrip())))
    return tuple(spans)


def _blocks(text: str) -> list[tuple[int, int]]:
    """Paragraph spans; a Markdown heading line is a block of its own."""
    blocks: list[tuple[int, int]] = []
    pos = 0
    for m in [*_PARAGRAPH.finditer(text), None]:
        end = m.start() if m else len(text)
        start = pos + len(text[pos:end]) - len(text[pos:end].lstrip())
        newline = text.find("\n", start, end)
        if text.startswith("#", start) and newline > 0:
            blocks.extend([(start, newline), (newline + 1, end)])
        else:
            blocks.append((pos, end))
        pos = m.end() if m else len(text)
    return blocks


@dataclass(frozen=True)
class LongSentence:
    """A sentence longer than MAX_SENTENCE, cut into ``pieces`` sentences."""

    start: int
    end: int
    pieces: int


def _bounded(lo: int, hi: int, text: str) -> list[tuple[int, int]]:
    """``text[lo:hi]`` cut into spans of at most MAX_SENTENCE characters, at whitespace."""
    spans = []
    while hi - lo > MAX_SENTENCE:
        cut = lo + MAX_SENTENCE
        space = text.rfind(" ", lo + MAX_SENTENCE // 2, cut + 1)
        if space > lo:  # no space in the second half: a cut inside a word is still a cut
            cut = space
        spans.append((lo, len(text[lo:cut].rstrip()) + lo))
        lo = cut + len(text[cut:hi]) - len(text[cut:hi].lstrip())
    if hi > lo:
        spans.append((lo, hi))
    return spans


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) of ``text``, none longer than MAX_SENTENCE characters."""
    return bounded_sentences(text)[0]


def bounded_sentences(text: str) -> tuple[list[tuple[int, int]], list[LongSentence]]:
    """Sentence spans of ``text`` (paragraphs first, then sentences) and the ones cut."""
    spans: list[tuple[int, int]] = []
    cut: list[LongSentence] = []
    for lo, hi in _blocks(text):
        para = text[lo:hi]
        if not para.strip():
            continue
        for s, e in paragraph_sentences(para):
            if e - s <= MAX_SENTENCE:
                spans.append((lo + s, lo + e))
                continue
            pieces = _bounded(lo + s, lo + e, text)
            cut.append(LongSentence(lo + s, lo + e, len(pieces)))
            spans.extend(pieces)
    return spans, cut
