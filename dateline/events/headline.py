"""An event's headline, written from its sentence as a chronology writes a line.

The acting party named (a pronoun or "the minister" standing for the speaker takes the speaker's
name), then what it did, to or with whom: "Bolton says there should be another summit with Kim",
"Beijing warns the United States against interfering in Taiwan".  Present tense; no attribution
clutter, no relative time words (the date is shown beside the headline), no quotation marks
(but around a quote in the first person), never a fragment or a question, at most ``max_words``
words, cut where a clause or a phrase ends (``headline_fit``).  The rules are data:
``data/headline.yaml`` and ``data/verbforms.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from dateline.events.clauses import Draft, dateline_end
from dateline.events.headline_fit import (
    Line,
    finish,
    fit,
    headline_rules,
    hrule,
    short_name,
    surname,
    trimmed_subject,
    untitled,
)
from dateline.events.tense import present_group
from dateline.events.verbforms import (
    any_verb,
    bare,
    is_adverb,
    is_plural,
    main_verb,
    relative_at,
    verb_forms,
)
from dateline.models import Timex

_SPACE = re.compile(r"\s+")
_PARENTHESIS = re.compile(r"\s*\([^()]{0,80}\)")
_QUOTES = re.compile(r"[\"“”]|(?<!\w)['‘’]|(?<!s)['‘’](?!\w)")
_FIRST_PERSON = re.compile(r"\b(?:I|we|We|us|our|Our|my|My|me)\b")
_PREPOSITION_BEFORE = re.compile(r"\b(?:on|in|at|during|by|from|of|since|until|as\s+of)\s+$",
                                 re.I)
_POSSESSIVE_AFTER = re.compile(r"^['’]s\b")
_RELATIVIZER_BEFORE = re.compile(r"\b(?:that|which|when|where|who)\b[^,;]{0,50}$")
_SPEAKER_TAIL = re.compile(r"\s+(?:released|issued|published|quoted|carried|who|which)\b.*$")
_SPEAKER_AUX = re.compile(r"(?:\s+(?:had|has|have|also|earlier|later|again|then|here))+$")
_NOT_A_SPEAKER = re.compile(r"^(?:in|at|on|during|after|before|to|from|with|for)\b")
_THAT = re.compile(r"^(?:that\s+(?!(?:is|was|are|were|has|had|will|would|could)\b)|:\s+)")
# An aside between commas: ", who arrived here late Monday,", ", including a child,".
_APPOSITIVE = re.compile(r",\s(?:[a-z]|[A-Z][a-z]*\s+[a-z])[^,]*,")
_POSSESSIVE_SUBJECT = re.compile(r"^(?:his|her|His|Her)\s+(?=\w)")
_DETERMINER_BEFORE = re.compile(r"\b(?:the|a|an|this|that|its|his|her|their)\s+$", re.I)
_NAME_BEFORE = re.compile(r"(?:[A-Z][\w.'’-]*\s+)*[A-Z][\w.'’-]*\s*$")
Cut = tuple[int, int, str]  # a span of the sentence left out, and what stands in its place


def has_relative_time(text: str) -> bool:
    """Whether a headline still holds a relative time word ("Tuesday", "next month")."""
    return bool(hrule("relative_time").search(text))


def fragment_reason(headline: str) -> str:
    """Why a headline is no sentence: "question", "no finite verb", "no subject"; else ""."""
    if hrule("question").search(headline):
        return "question"
    tokens = headline.split()
    verb = any_verb(tokens)
    if verb is None:
        return "no finite verb"
    subject = [bare(t) for t in tokens[:verb]]
    if subject in (["this"], ["that"], ["these"], ["those"], ["it"], ["there"]):
        return ""  # "This is fiercely opposed by ..."
    if not [w for w in subject if w and w not in headline_rules().dangling]:
        return "no subject"
    return ""


def _time_cuts(sentence: str, draft: Draft, timexes: Sequence[Timex]) -> list[Cut]:
    """Spans to leave out: the sentence's relative time expressions, and the draft's own date
    unless a relative clause needs it ("a summit that could take place in January")."""
    spans = [(tx.start, tx.end) for tx in timexes if hrule("relative_time").search(tx.text)]
    own = draft.date
    if own and not _RELATIVIZER_BEFORE.search(sentence, max(draft.start, own.start - 60),
                                              own.start):
        spans.append((own.start, own.end))
    cuts = []
    for start, end in spans:
        if not sentence[dateline_end(sentence) : start].strip(" ,\"“") and re.match(
                r"\s+(?:is|was|are|were|has|had|will)\b", sentence[end:]):
            continue  # "Friday is marked as ...": the time expression is the subject
        after = _POSSESSIVE_AFTER.match(sentence[end:])
        if after:  # "at last week's summit" → "at the summit"
            determiner = _DETERMINER_BEFORE.search(sentence, max(0, start - 8), start)
            cuts.append((start, end + after.end(), "" if determiner else "the"))
            continue
        before = _PREPOSITION_BEFORE.search(sentence, max(0, start - 12), start)
        cuts.append((before.start() if before else start, end, ""))
    return cuts


def _clean(sentence: str, lo: int, hi: int, cuts: Sequence[Cut]) -> str:
    """``sentence[lo:hi]`` without time expressions, clutter, asides and "here"."""
    pieces, pos = [], lo
    for start, end, instead in sorted(cuts):
        if end <= pos or start >= hi:
            continue
        pieces += [sentence[pos : max(pos, start)], instead]
        pos = min(hi, end)
    pieces.append(sentence[pos:hi])
    text = " ".join(pieces)
    text = hrule("relative_time").sub(" ", text)
    text = hrule("clutter").sub("", text.rstrip(" ."))
    text = _PARENTHESIS.sub("", text)
    text = re.sub(r"(?:^|\s+)here\b", "", text)
    return _tidy(text)


def _tidy(text: str) -> str:
    text = _SPACE.sub(" ", text).strip()
    text = re.sub(r"\s+([,;:.])", r"\1", text)
    text = re.sub(r"([,;:])(?:\s*[,;:])+", r"\1", text)
    return text.strip(" ,;:-–—")


def _strip_lead(text: str) -> str:
    """Connectives and leading phrases ("But", "In Paris,", "Asked if ..., ") taken off."""
    for _ in range(3):
        text = hrule("leading_connective").sub("", text, count=1)
        text = hrule("lead_phrase").sub("", text, count=1)
        text = hrule("framing_clause").sub("", text, count=1)
    return _THAT.sub("", text.strip(" ,;:"))


def _unquoted(text: str) -> str:
    return _tidy(_QUOTES.sub("", text))


def speaker_phrase(sentence: str, span: tuple[int, int], cuts: Sequence[Cut]) -> str:
    """The reporting clause's subject as a headline's subject ("But National Security Adviser
    John Bolton" → "National Security Adviser John Bolton"; "Trump on Sunday had" → "Trump");
    "" when it is a place or a manner of saying ("in a commentary posted on ...")."""
    text = _strip_lead(_unquoted(_clean(sentence, span[0], span[1], cuts)))
    if _NOT_A_SPEAKER.match(text):
        return ""
    text = _SPEAKER_TAIL.sub("", text)
    text = _APPOSITIVE.sub("", text + ",").rstrip(",") if "," in text else text
    text = text.split(",")[0] if text.count(",") == 1 else text  # "Kosachyov, Chairman of ..."
    return _SPEAKER_AUX.sub("", text).strip(" ,")


def _is_generic(speaker: str) -> bool:
    return not speaker or bool(hrule("generic_speakers").match(speaker))


def _subject(tokens: Sequence[str], speaker: str) -> str:
    """The clause's subject, asides left out, a pronoun or role resolved to the speaker."""
    end = next((i for i in range(len(tokens)) if relative_at(tokens, i)), len(tokens))
    subject = _APPOSITIVE.sub("", " ".join(tokens[:end]) + " ").strip(" ,")
    if speaker and not _is_generic(speaker):
        if hrule("resolvable_subjects").match(subject):
            return short_name(speaker)
        if _POSSESSIVE_SUBJECT.match(subject):  # "his meeting with Kim" → "Trump's meeting ..."
            return _POSSESSIVE_SUBJECT.sub(short_name(speaker) + "'s ", subject, count=1)
    return subject


def _participle_clause(tokens: list[str]) -> tuple[list[str], int | None]:
    """A noun with a participle that follows nouns ("the meeting scheduled for May") made a
    clause: "the meeting is scheduled for May"."""
    at = next((i for i, t in enumerate(tokens) if i > 1 and t[:1].islower()
               and bare(t) in verb_forms().participles_first), None)
    if at is None:
        return tokens, None
    be = "are" if is_plural(" ".join(tokens[:at])) else "is"
    return [*tokens[:at], be, *tokens[at:]], at


def _clause_line(text: str, speaker: str, reported: bool = False) -> Line | None:
    """Subject + present-tense verb + the rest, when ``text`` is a clause with both (a
    ``reported`` clause, after "says", gets a shorter subject at once: ``fit`` only shortens
    the main one)."""
    tokens = _strip_lead(text).split()
    verb = main_verb(tokens)
    if verb is None:
        tokens, verb = _participle_clause(tokens)
    if verb is None:
        return None
    subject = _subject(tokens[:verb], speaker)
    words = subject.split()
    if reported:
        words = trimmed_subject(untitled(words, 0))
        subject = " ".join(words)
    core = [w for w in words if not is_adverb(w)]
    dangling = headline_rules().dangling
    if not [w for w in core if bare(w) not in dangling] or bare(core[-1]) in dangling:
        return None  # no subject, or a subject left open ("a high turnout and said ...")
    rest = present_group([*words, *tokens[verb:]], len(words), is_plural(subject))[len(words):]
    if bare(tokens[verb]) in headline_rules().saying_verbs and len(rest) > 2:
        # "The images indicate North Korea was building ..." → "... is building ..."
        said = _clause_line(" ".join(rest[1:]), "", reported=True)
        rest = [rest[0], *_lowered(said.tokens)] if said else rest
    return Line((*words, *rest), len(words), len(words) + 1)


def _lowered(tokens: Sequence[str]) -> list[str]:
    """A clause put after "says": its first word lowercased unless it is a name."""
    words = list(tokens)
    if words and (bare(words[0]) in headline_rules().dangling or bare(words[0]) in (
            "there", "it", "he", "she", "they", "we")):
        words[0] = words[0][:1].lower() + words[0][1:]
    return words


def _said_line(speaker: str, verb: str, content: str) -> Line:
    """"<speaker> says <content>", the content's own verb in the present."""
    said = verb.split()
    content = hrule("said_where").sub("", content, count=1)
    if bare(said[0]) in ("told", "tells"):
        audience = hrule("told_audience").match(" " + content)
        obj, that, rest = content.partition(" that ")
        if audience:
            said, content = ["said"], content[audience.end() - 1 :]
        elif that and len(obj.split()) <= 6:
            said, content = [*said, *obj.split()], rest
    saying = bare(said[0]) in headline_rules().saying_verbs or bool(_THAT.match(content))
    content = _strip_lead(content)
    clause = _clause_line(content, "", reported=True) if saying else None
    speaker_words = speaker.split()
    body = _lowered(clause.tokens if clause else content.split())
    tokens = present_group([*speaker_words, *said, *body], len(speaker_words),
                           is_plural(speaker))
    keep = len(speaker_words) + len(said) + (clause.keep + 1 if clause else 1)
    return Line(tuple(tokens), len(speaker_words), keep)


def _quoted_line(speaker: str, verb: str, content: str) -> Line:
    """'<speaker> says "<quote>"', for a quote in the first person; the speaker by surname
    when titles went before the name ("Pentagon spokesperson Chris Logan" → "Logan")."""
    name = untitled(speaker.split(), 0)
    speaker = surname(" ".join(name)) if name != speaker.split() else speaker
    verb = "said" if bare(verb.split()[0]) in ("told", "tells") else verb  # "told CNN"
    words = [*speaker.split(), *verb.split()]
    head = present_group(words, len(speaker.split()), is_plural(speaker))
    quote = content.split()
    quote_verb = main_verb(quote) or 0
    quote[0], quote[-1] = '"' + quote[0], quote[-1] + '"'
    return Line((*head, *quote), len(speaker.split()), len(head) + quote_verb + 2)


def _statement(sentence: str, draft: Draft, cuts: Sequence[Cut]) -> Line | None:
    """A reported statement: the speaker's, or (for an unnamed speaker) what was reported."""
    assert draft.speaker is not None
    speaker = speaker_phrase(sentence, draft.speaker, cuts)
    trailing = draft.speaker[0] >= draft.end
    if not trailing and main_verb(speaker.split()) is not None:
        # the "speaker" is a clause of its own ("Arafat met ... and rejected"): read it whole
        return _clause_line(_unquoted(_clean(sentence, draft.speaker[0], draft.end, cuts)), "")
    at = sentence.find(draft.verb, draft.speaker[1])
    after = _clean(sentence, at + len(draft.verb) if at >= 0 else draft.speaker[1],
                   len(sentence) if trailing else draft.end, cuts)
    raw = _clean(sentence, draft.start, draft.end, cuts) if trailing else after
    if trailing and len(after.split()) > 2 and main_verb(_unquoted(raw).split()) is None:
        # "Asked if he considered ..., Rummelhardt said France ...": what he said follows
        raw, trailing = after, False
    content = _unquoted(raw)
    if _is_generic(speaker):
        found = _clause_line(content, "")
        return found or (_said_line(speaker, draft.verb, content) if speaker else None)
    if trailing and raw[:1] in "\"“" and _FIRST_PERSON.search(content):
        return _quoted_line(speaker, draft.verb, content)
    return _said_line(speaker, draft.verb, content)


def _line(sentence: str, draft: Draft, cuts: Sequence[Cut]) -> Line | None:
    if draft.kind == "statement" and draft.speaker:
        return _statement(sentence, draft, cuts)
    content = _unquoted(_clean(sentence, draft.start, draft.end, cuts))
    if draft.kind == "content" and draft.speaker:
        speaker = speaker_phrase(sentence, draft.speaker, cuts)
        found = _clause_line(content, speaker)
        if found is None and not _is_generic(speaker):
            return _said_line(speaker, draft.verb, content)
        return found
    return _clause_line(_with_name_before(sentence, draft.start, content), "")


def _with_name_before(sentence: str, start: int, content: str) -> str:
    """A clause cut off after "and" gets the name before it back ("Xi Jinping | and Trump met
    ..." → "Xi Jinping and Trump met ...")."""
    if not content.startswith("and "):
        return content
    name = _NAME_BEFORE.search(sentence, max(0, start - 60), start)
    return f"{name.group(0).strip()} {content}" if name else content


def _fallback(sentence: str, draft: Draft, cuts: Sequence[Cut]) -> Line | None:
    """The sentence's main clause, else the speaker and the reporting verb: never a fragment."""
    whole = _clean(sentence, dateline_end(sentence), len(sentence), cuts)
    found = None if hrule("question").search(whole) else _clause_line(_unquoted(whole), "")
    if found is not None or not draft.speaker:
        return found
    speaker = speaker_phrase(sentence, draft.speaker, cuts)
    if not speaker:
        return None
    words = [*speaker.split(), *(draft.verb or "said").split()]
    return Line(tuple(present_group(words, len(speaker.split()), is_plural(speaker))),
                len(speaker.split()), len(words))


def write_headline(sentence: str, draft: Draft, timexes: Sequence[Timex]) -> str:
    """The headline of one draft of ``sentence`` (``timexes`` relative to the sentence)."""
    cuts = _time_cuts(sentence, draft, timexes)
    question = bool(hrule("question").search(sentence[draft.start : draft.end]))
    line = None if question else _line(sentence, draft, cuts)
    text = finish(fit(line)) if line else ""
    if not text or fragment_reason(text):
        fallback = _fallback(sentence, draft, cuts)
        text = finish(fit(fallback)) if fallback else text
    if text:
        return text
    words = _unquoted(_clean(sentence, dateline_end(sentence), len(sentence), cuts)).split()
    return finish(fit(Line(tuple(words), 0, 1)))
