"""The values that flow through the pipeline: Document → Timex → Event → Timeline.

All are frozen dataclasses so stages can share them without copying and the
cache can pickle them.  Offsets are character offsets into ``Document.body``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from dateline.site.slugs import slugify


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, pointing at ``path:line:col`` (1-based)."""

    path: str
    line: int
    col: int
    severity: str  # "error" | "warning"
    message: str
    hint: str = ""


@dataclass(frozen=True)
class Timex:
    """A TIMEX3 time expression found in text (offsets into the tagged text)."""

    start: int
    end: int
    text: str
    type: str  # DATE | TIME | DURATION | SET
    value: str  # TIMEX3 value: "2018-12-04", "2018-W48", "P3M", "PAST_REF", "XXXX-12-04" ...
    mod: str = ""  # START | MID | END | APPROX | BEFORE | AFTER | ... or ""
    rule: str = ""  # id of the rule that produced it


@dataclass(frozen=True)
class NoteEvent:
    """An event an editor declared in a note's front matter (or a correction).

    ``corrects`` names the id of an extracted event this entry changes; with
    ``suppress`` it hides that event.  Empty fields of a correction leave the
    target's value alone.
    """

    line: int  # line of the entry in the note file
    col: int
    id: str = ""
    date: str = ""  # TIMEX3-style value ("2018", "2018-06", "2018-06-12", "2018-W48")
    end: str = ""  # end of a range, same style, or ""
    mod: str = ""  # START | MID | END | APPROX ("early 2019" → 2019 + START)
    title: str = ""
    actors: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    type: str = ""
    status: str = ""
    source: tuple[str, ...] = ()  # who acts or speaks (actor codes)
    target: tuple[str, ...] = ()  # at whom it is aimed
    description: str = ""  # Markdown
    why: str = ""  # Markdown: why the development matters ("Why it matters" on its page)
    corrects: str = ""
    suppress: bool = False
    # (key, value, line, col) of each actor and source as written, for messages about one of them
    positions: tuple[tuple[str, str, int, int], ...] = ()

    def written_actors(self) -> tuple[tuple[str, str], ...]:
        """(key, code) of every actor code the entry names: ``actors``, ``source``, ``target``."""
        return tuple((key, code) for key in ("actors", "source", "target")
                     for code in getattr(self, key))

    def position(self, key: str, value: str) -> tuple[int, int]:
        """Line and column where ``value`` of ``key`` was written (else the entry's own)."""
        for field_key, field_value, line, col in self.positions:
            if field_key == key and field_value == value:
                return line, col
        return self.line, self.col


@dataclass(frozen=True)
class Era:
    """A period an editor named in a note's ``era:`` (``title``, ``start``, ``end``), its
    introduction the note's body.  It covers ``start``'s first day to ``end``'s last day, so
    ``start: 2018-03`` and ``end: 2018`` cover March to December 2018; an event belongs to it
    when the event's first day does (eras never overlap: ``assemble`` reports those that do)."""

    title: str
    start: str  # TIMEX3-style value at its precision ("2018", "2018-03", "2018-06-12")
    end: str
    summary: str  # Markdown: the note's body
    path: str  # the note that declares it
    line: int  # of its ``era:`` key
    col: int


@dataclass(frozen=True)
class Document:
    """One content file after loading and validation."""

    path: str  # content-relative POSIX path, e.g. "articles/seed.md"
    kind: str  # "article" | "note"
    title: str
    published: str  # ISO date of publication ("2018-12-08"), "" when unknown
    body: str  # Markdown body (front matter and page chrome removed)
    body_line: int  # 1-based line of the file where ``body`` starts
    digest: str  # sha256 of the file's bytes (cache key)
    publisher: str = ""
    url: str = ""
    author: str = ""
    tags: tuple[str, ...] = ()
    source_id: str = ""
    note_events: tuple[NoteEvent, ...] = ()
    era: Era | None = None  # a note's ``era:``
    # ("tags", value, line, col) of each tag as written, for messages about one of them
    positions: tuple[tuple[str, str, int, int], ...] = ()
    # (key, value) of each front-matter key Dateline does not know (Hugo's "layout", Jekyll's
    # "permalink"...), in written order; values as YAML gave them (text, numbers, lists,
    # mappings), so the field is left out of the hash.  Templates see it as ``page.extra``.
    extra: tuple[tuple[str, object], ...] = field(default=(), hash=False)

    def position(self, key: str, value: str) -> tuple[int, int]:
        """Line and column where ``value`` of ``key`` was written (else line 1)."""
        for field_key, field_value, line, col in self.positions:
            if field_key == key and field_value == value:
                return line, col
        return 1, 1

    @cached_property  # asked for on every page that links the document
    def slug(self) -> str:
        """URL slug of the source page: ``source_id`` or the file stem."""
        if self.source_id:
            return self.source_id
        stem = self.path.rsplit("/", 1)[-1]
        # file names may hold spaces, '#', '%' or Unicode: none of them belongs in a URL
        name, dot, suffix = stem.rpartition(".")
        markdown = dot and suffix.lower() in ("md", "markdown")  # any case: "a.MD", "b.Markdown"
        return slugify(name if markdown else stem, limit=120)


@dataclass(frozen=True)
class Source:
    """Where an event was reported: a file, its line and character span."""

    path: str
    line: int
    title: str
    start: int = 0  # character span of the sentence in Document.body
    end: int = 0
    publisher: str = ""
    url: str = ""
    published: str = ""
    kind: str = "article"


@dataclass(frozen=True)
class Event:
    """A dated development on the timeline."""

    id: str
    date: str  # TIMEX3-style value at its precision
    summary: str
    end: str = ""  # TIMEX3-style value of the range end, or ""
    mod: str = ""
    status: str = "happened"  # happened | planned | reported
    certainty: str = ""  # "" | "report" (dated by the story's reference date)
    quote: str = ""
    actors: tuple[str, ...] = ()  # everyone the clause names: source and target among them
    type: str = ""  # CAMEO root code "01".."20", or ""
    quad: str = ""  # verbal-cooperation | material-cooperation | verbal-conflict | ...-conflict
    tags: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()
    importance: float = 0.0
    description: str = ""  # Markdown (notes' bodies)
    # who did what to whom, as CAMEO codes it: who acts or speaks, and at whom it is aimed
    # (both among ``actors``; either may be empty when the sentence does not say)
    source: tuple[str, ...] = ()
    target: tuple[str, ...] = ()
    why: str = ""  # Markdown: why it matters, as a note gives it


@dataclass(frozen=True)
class Candidate:
    """A dated clause left off the timeline, with why (``events/select.py``)."""

    event: Event
    kind: str  # statement | background | forecast | out_of_scope
    reason: str


@dataclass(frozen=True)
class Extraction:
    """What the extract stage learned from one document (cached by digest)."""

    path: str
    anchor: str  # reference date used for relative expressions, "" if none
    timexes: tuple[Timex, ...] = ()
    events: tuple[Event, ...] = ()
    problems: tuple[Problem, ...] = ()
    left_off: tuple[Candidate, ...] = ()  # candidates that are not developments


@dataclass(frozen=True)
class Timeline:
    """Everything the renderer needs: events in order and the documents behind them."""

    events: tuple[Event, ...]
    documents: tuple[Document, ...]
    extractions: dict[str, Extraction] = field(default_factory=dict, hash=False)
    eras: tuple[Era, ...] = ()  # in order of their start (then end, then title)


@dataclass(frozen=True)
class Change:
    """A file the watcher saw change, classified by what it feeds."""

    path: str  # absolute path
    kind: str  # "content" | "template" | "static" | "config" | "other"


@dataclass(frozen=True)
class BuildReport:
    """What one build did; the dev server reads only this."""

    ok: bool  # no errors (warnings allowed)
    problems: tuple[Problem, ...]
    documents: int = 0
    events: int = 0
    pages: int = 0
    written: tuple[str, ...] = ()  # site-relative paths whose bytes changed
    seconds: float = 0.0
