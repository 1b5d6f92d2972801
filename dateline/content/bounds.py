"""What each parser may be given: limits checked on a text before Markdown and nh3 see it.

Python-Markdown and nh3 are fast on prose but slow on a few shapes of input: Python-Markdown
re-reads the rest of a paragraph for every '[' or '<' left open (quadratic in their number),
and recurses once per level of lists and quotes; nh3's HTML parser is quadratic in the depth of
nested elements (figures in docs/performance.md).  A text over any of these bounds is refused by
the loader, with its line, before anything is rendered; the bounds sit far above what real
articles and notes hold (see tests/robustness/test_robust_bounds.py and docs/performance.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_BODY = 500_000  # characters: the longest of 2,452 wire stories is 8,205
MAX_NESTING = 100  # Python-Markdown recurses per list/quote level and overflows near 250
MAX_SCAN = 2_000_000  # characters Python-Markdown re-reads for open '[' and '<' (~0.5 s)
MAX_HTML_DEPTH = 100  # nested HTML elements

_CONTAINER = re.compile(r"[ \t]*(?:>|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))")
_BLOCK_BREAK = re.compile(r"\n[ \t]*\n")
_BRACKETS = re.compile(r"[\[\]()<>]")
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)(?=[\s/>])[^<>]*?(/?)>")  # not <https://…>
# Elements that never nest: void ones, and ones an HTML parser closes by itself.
_FLAT = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option",
})


@dataclass(frozen=True)
class Refusal:
    """Why a text is refused: a position inside the text (1-based) and what to do."""

    line: int
    message: str
    hint: str


def refusals(text: str) -> list[Refusal]:
    """Every bound ``text`` exceeds (empty when a parser may be given it)."""
    if len(text) > MAX_BODY:  # the other checks are linear, but nothing past this is read
        return [Refusal(1, f"text is {len(text):,} characters long; at most {MAX_BODY:,} "
                           "are read from one file",
                        "split it into several articles, or keep only the story's text")]
    found = []
    depth, line = nesting(text)
    if depth > MAX_NESTING:
        found.append(Refusal(line, f"Markdown is nested {depth} levels deep; at most "
                                   f"{MAX_NESTING} lists or '>' quotes may nest",
                             "flatten the nested lists or quotes"))
    scanned, opened, at = open_brackets(text)
    if scanned > MAX_SCAN:
        found.append(Refusal(_line(text, at), f"{opened:,} '[', '](' or '<' left open in one "
                                              "paragraph; Markdown would re-read the paragraph "
                                              "for each of them",
                             "close each '[' with ']', '(' with ')' and '<' with '>', or write "
                             "'\\[' and '&lt;' for the characters themselves"))
    depth, at = html_depth(text)
    if depth > MAX_HTML_DEPTH:
        found.append(Refusal(_line(text, at), f"HTML elements are nested {depth:,} deep; at "
                                              f"most {MAX_HTML_DEPTH} may nest",
                             "close each HTML tag you open, or leave the HTML out"))
    return found


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def nesting(text: str) -> tuple[int, int]:
    """``(depth, line)``: the deepest list/quote nesting of any line, and that 1-based line."""
    deepest, where = 0, 1
    for number, line in enumerate(text.split("\n"), 1):
        if not line or line[0] not in " \t>-*+0123456789":
            continue
        indent = len(line) - len(line.lstrip(" \t"))
        depth, position = line[:indent].expandtabs(4).count(" ") // 4, 0
        while (match := _CONTAINER.match(line, position)) is not None and match.end() > position:
            depth, position = depth + 1, match.end()
        if depth > deepest:
            deepest, where = depth, number
    return deepest, where


def open_brackets(text: str) -> tuple[int, int, int]:
    """``(scanned, opened, offset)``: characters Python-Markdown re-reads looking for the ']' of
    each '[', the ')' of each link target '](' and the '>' of each '<' (to the paragraph's end
    when there is none), summed over the text; the brackets left open in the paragraph that
    costs most, and where that paragraph starts."""
    total, worst = 0, (0, 0, 0)
    starts = [0, *(m.end() for m in _BLOCK_BREAK.finditer(text))]
    for lo, hi in zip(starts, [*starts[1:], len(text)], strict=True):
        scanned, opened = _block_scan(text, lo, hi)
        total += scanned
        worst = max(worst, (scanned, opened, -lo))
    return total, worst[1], -worst[2]


def _block_scan(text: str, lo: int, hi: int) -> tuple[int, int]:
    brackets: list[int] = []  # open '[' (a ']' closes the latest)
    parens: list[tuple[int, bool]] = []  # open '(', and whether it opens a link's target
    angles, angle_sum = 0, 0  # open '<' (a '>' closes them all), and their offsets' sum
    scanned = 0
    for m in _BRACKETS.finditer(text, lo, hi):
        at, char = m.start(), m.group()
        if char == "[":
            brackets.append(at)
        elif char == "]" and brackets:
            scanned += at - brackets.pop()
        elif char == "(" and (parens or text[at - 1 : at] == "]"):
            parens.append((at, text[at - 1 : at] == "]"))
        elif char == ")" and parens:
            start, target = parens.pop()
            scanned += at - start if target else 0
        elif char == "<":
            angles, angle_sum = angles + 1, angle_sum + at
        elif char == ">":
            scanned += angles * at - angle_sum
            angles, angle_sum = 0, 0
    targets = [at for at, target in parens if target]
    scanned += sum(hi - at for at in [*brackets, *targets]) + angles * hi - angle_sum
    return scanned, len(brackets) + len(targets) + angles


def html_depth(text: str) -> tuple[int, int]:
    """``(depth, offset)``: the deepest nesting of HTML elements in ``text``, and where it first
    passes MAX_HTML_DEPTH (else where it is deepest)."""
    depth, deepest, where, over = 0, 0, 0, -1
    for m in _TAG.finditer(text):
        closing, name, self_closing = m.group(1), m.group(2).lower(), m.group(3)
        if name in _FLAT or self_closing:
            continue
        depth = max(0, depth - 1) if closing else depth + 1
        if depth > deepest:
            deepest, where = depth, m.start()
            if depth == MAX_HTML_DEPTH + 1:
                over = m.start()
    return deepest, over if over >= 0 else where
