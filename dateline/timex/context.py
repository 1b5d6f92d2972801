"""What a resolver may know besides the match: anchor, tense of the clause, discourse."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from dateline.timex.grammar import Grammar
from dateline.timex.timepoint import Point

_SENTENCE_END = re.compile(r"[.!?;:\"\n](?=\s)|\n")
LEFT_REACH = 150
RIGHT_REACH = 80
CLAUSE_START = 25  # look right only for an expression this close to the sentence start
_ON_END = re.compile(r"(?:\s+on)?\s*$")


@dataclass
class Discourse:
    """The dates mentioned so far in the text (later ones matter more)."""

    last: Point | None = None  # most recent date at any granularity
    last_quarter: Point | None = None
    last_end: int = -1  # where the most recent date ended in the text
    last_quarter_end: int = -1
    last_type: str = ""  # type of the most recent expression of any kind


@dataclass
class Context:
    """One match being resolved."""

    text: str
    start: int
    end: int
    anchor: dt.date | None
    grammar: Grammar
    discourse: Discourse = field(default_factory=Discourse)

    def tense(self, arrangement: bool = False) -> str:
        """'past', 'future' or '' from the nearest tense marker in the same sentence;
        with ``arrangement`` (a weekday) a present progressive before it counts as future."""
        left = self.text[max(0, self.start - LEFT_REACH):self.start]
        cut = [m.end() for m in _SENTENCE_END.finditer(left)]
        if cut:
            left = left[cut[-1]:]
        best = ("", -1)
        markers = [("future", self.grammar.future), ("past", self.grammar.past)]
        if arrangement:
            markers.append(("future", self.grammar.arrangement))
        for name, rx in markers:
            for m in rx.finditer(left):
                if m.end() > best[1]:
                    best = (name, m.end())
        if best[0] or len(left.strip()) > CLAUSE_START:
            return best[0]
        # the expression opens its clause ("Trump on Sunday had said"): look right
        right = self.text[self.end:self.end + RIGHT_REACH]
        stop = _SENTENCE_END.search(right)
        if stop:
            right = right[:stop.start()]
        first = ("", RIGHT_REACH + 1)
        for name, rx in (("future", self.grammar.future), ("past", self.grammar.past)):
            hit = rx.search(right)
            if hit and hit.start() < first[1]:
                first = (name, hit.start())
        return first[0]

    def right_after_past_verb(self) -> bool:
        """Whether a past marker directly precedes the match ("ended Jan. 31", "met on
        Monday"): then the tense is certain, not just a hint."""
        left = _ON_END.sub("", self.text[max(0, self.start - 30):self.start])
        return any(m.end() == len(left) for m in self.grammar.past.finditer(left))

    def following(self, chars: int = 30) -> str:
        """The text right after the match (lower case), for rules that look ahead."""
        return self.text[self.end:self.end + chars].lower()

    def preceding(self, chars: int = 30) -> str:
        """The text right before the match (lower case)."""
        return self.text[max(0, self.start - chars):self.start].lower()
