"""Markdown to safe HTML: Python-Markdown with few extensions, then nh3 (Ammonia) sanitizes.

Contributors' Markdown may hold raw HTML; nh3 keeps only an allow-list of tags, attributes and URL
schemes, so ``<script>``, ``javascript:`` links and ``onerror=`` never reach a page.
"""

from __future__ import annotations

import html
import posixpath
import re
import threading
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass

import markdown
import nh3

_EXTENSIONS = ["tables", "fenced_code", "sane_lists"]
_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "div", "dl", "dt", "em", "h2", "h3",
    "h4", "h5", "h6", "hr", "i", "img", "li", "mark", "ol", "p", "pre", "q", "s", "small", "span",
    "strong", "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "u", "ul",
}
_ATTRIBUTES = {
    "a": {"href", "title", "id", "class"},
    "img": {"src", "alt", "title", "width", "height"},
    "abbr": {"title"},
    "td": {"align"},
    "th": {"align"},
    "mark": {"class", "title", "data-value"},
    "span": {"class", "id"},
}
_local = threading.local()


def _converter() -> markdown.Markdown:
    # One converter per thread: Markdown objects are not thread-safe but are costly to build.
    conv: markdown.Markdown | None = getattr(_local, "md", None)
    if conv is None:
        conv = markdown.Markdown(extensions=_EXTENSIONS, output_format="html")
        _local.md = conv
    return conv


@dataclass(frozen=True)
class Links:
    """How links written in a content file map to the site.

    Writers link to other content files as files (``../articles/x.md``) and to site pages from
    the site root (``/events/x/``); on the site both must point at pages under the base path.
    """

    base_path: str  # "/" or "/repo/"
    source: str  # content-relative path of the file being rendered
    pages: Mapping[str, str]  # content-relative path → site-relative page ("sources/x/")

    def rewrite(self, url: str) -> str:
        if not url or url.startswith(("#", "//")) or _SCHEME.match(url):
            return url
        split = min((i for i in (url.find("#"), url.find("?")) if i >= 0), default=len(url))
        path, rest = url[:split], url[split:]
        if path.startswith("/"):
            return posixpath.join(self.base_path, path.lstrip("/")) + rest
        target = posixpath.normpath(posixpath.join(posixpath.dirname(self.source), path))
        page = self.pages.get(target.removeprefix("content/"))
        return posixpath.join(self.base_path, page) + rest if page is not None else url


_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)


def sanitize(fragment: str, links: Links | None = None) -> str:
    """Allow-listed HTML only; links get rel="noopener noreferrer" and point into the site."""
    def rewrite(tag: str, attribute: str, value: str) -> str:
        return links.rewrite(value) if links and attribute in ("href", "src") else value

    return nh3.clean(fragment, tags=_TAGS, attributes=_ATTRIBUTES,
                     url_schemes={"http", "https", "mailto"}, link_rel="noopener noreferrer",
                     attribute_filter=rewrite if links else None)


def to_html(text: str, links: Links | None = None) -> str:
    """Markdown → sanitized HTML, with content links pointed at their pages."""
    return sanitize(_converted(text), links)


def _converted(text: str) -> str:
    plain = plain_paragraphs(text)
    if plain is not None:
        return plain
    conv = _converter()
    conv.reset()
    try:
        return conv.convert(text)
    except RecursionError:
        # The loader refuses text nested deeper than bounds.MAX_NESTING; should some other construct
        # still exhaust the stack, show the text as text rather than lose the whole build.
        conv.reset()
        return f"<pre>{html.escape(text)}</pre>"


def plain_paragraphs(text: str) -> str | None:
    """Python-Markdown's HTML for text with no Markdown in it, or None when it may have some.

    Wire stories are plain paragraphs, on which Python-Markdown's inline patterns find nothing
    (their cost: docs/performance.md).  The test is conservative (any character or line start
    that could be syntax sends the text to Python-Markdown); the tests check the two agree.
    """
    if _MAYBE_SYNTAX.search(text):
        return None
    return "\n".join(f"<p>{p}</p>" for p in _PARAGRAPH_BREAK.split(text.strip("\n")) if p)


# Inline syntax, entities, tables, fences, tabs and control characters anywhere; line breaks
# and indented code in a line's edges; lists, quotes, headings and rules at a line's start.
_MAYBE_SYNTAX = re.compile(
    r"[\\`*_\[\]<>&|~#\x00-\x09\x0b-\x1f\x7f]|^[^\S\n]|[^\S\n]$|^(?:[-+=]|\d+[.)])", re.MULTILINE)
_PARAGRAPH_BREAK = re.compile(r"\n{2,}")


@dataclass(frozen=True)
class Highlight:
    """A span of the Markdown source to wrap: a time expression or an event's sentence."""

    start: int
    end: int
    kind: str  # "timex" | "event"
    title: str = ""  # a date's TIMEX value (kept in data-value); a sentence's event (tooltip)
    anchor: str = ""  # id for sentences that produced events
    href: str = ""  # link from the sentence to its event
    label: str = ""  # a date's resolved value in words, shown after it ("" shows none)


def highlighted_html(text: str, spans: Sequence[Highlight], links: Links | None = None) -> str:
    """Markdown → HTML with ``spans`` wrapped in ``<mark>``; spans crossing a paragraph are skipped.

    Marks go into the Markdown source before conversion (as placeholders, see ``_MARK_CHARS``),
    so they land in the right place whatever Markdown does to the rest; nh3 then cleans the whole
    result, the marks' tags with it.  At most MAX_HIGHLIGHTS spans are marked (events first).
    """
    inserts: list[tuple[int, int, int, str]] = []
    for span in _nested_safe(text, _capped(spans)):
        opening, closing = _tags(span)
        length = span.end - span.start
        # at one position: closings before openings, inner closings first, outer openings first
        inserts.append((span.start, 1, -length, opening))
        inserts.append((span.end, 0, length, closing))
    ordered = sorted(inserts)
    chars = _free_marks(text, len(ordered))
    if chars is None:  # cannot use one mark per tag
        return to_html(_spliced(text, [(at, tag) for at, _o, _s, tag in ordered]), links)
    marked = _spliced(text, [(at, chars[n]) for n, (at, *_r) in enumerate(ordered)])
    table = dict(zip(chars, (tag for *_r, tag in ordered), strict=True))

    def put(match: re.Match[str]) -> str:
        found = match.group()
        if found[0] == "<":  # a mark inside a tag (e.g. in alt text): no tag can go there
            return "".join(c for c in found if c not in table)
        return table.get(found, found)  # the text's own private-use characters stay

    return sanitize(_TAG_OR_MARK.sub(put, _converted(marked)), links)


def _tags(span: Highlight) -> tuple[str, str]:
    title = html.escape(span.title, quote=True)
    if span.kind == "event":
        ident = f' id="{html.escape(span.anchor, quote=True)}"' if span.anchor else ""
        href = html.escape(span.href, quote=True)
        return f'<a{ident} class="evsent" href="{href}" title="{title}">', "</a>"
    # the value in words as text of its own, not a tooltip: touch and keyboard readers see it
    shown = f'<span class="resolved"> ({html.escape(span.label)})</span>' if span.label else ""
    return f'<mark class="timex" data-value="{title}">', f"</mark>{shown}"


# A page of a hundred thousand dates is not read for them; marking them all would cost more
# than the rest of the build (and Markdown is slow on that many tags, see below).
MAX_HIGHLIGHTS = 20_000


def _capped(spans: Sequence[Highlight]) -> Sequence[Highlight]:
    if len(spans) <= MAX_HIGHLIGHTS:
        return spans
    events = [s for s in spans if s.kind == "event"][:MAX_HIGHLIGHTS]
    dates = [s for s in spans if s.kind != "event"][: MAX_HIGHLIGHTS - len(events)]
    return [*events, *dates]


# The tags go into the Markdown source as one private-use character each, and are swapped in
# after conversion: as inline HTML, Python-Markdown's HTML parser would run over every mark.
# Characters the text itself uses are skipped, so its own stay as they are.
_PRIVATE_USE = ((0xE000, 0xF8FF), (0xF0000, 0xFFFFD), (0x100000, 0x10FFFD))
_MARKS = sum(hi - lo + 1 for lo, hi in _PRIVATE_USE)
_MARK_CHARS = re.compile("[\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd]")
_TAG_OR_MARK = re.compile("<!--.*?-->|<(?:[^>\"']|\"[^\"]*\"|'[^']*')*>|" + _MARK_CHARS.pattern,
                          re.DOTALL)


def _free_marks(text: str, count: int) -> list[str] | None:
    """``count`` private-use characters that ``text`` does not hold, or None if too few."""
    if count > _MARKS:
        return None
    used = set(_MARK_CHARS.findall(text))
    chars: list[str] = []
    for lo, hi in _PRIVATE_USE:
        for point in range(lo, hi + 1):
            if len(chars) == count:
                return chars
            if chr(point) not in used:
                chars.append(chr(point))
    return chars if len(chars) == count else None


def _spliced(text: str, inserts: Sequence[tuple[int, str]]) -> str:
    """``text`` with each ``(position, piece)`` inserted, positions in ascending order."""
    pieces: list[str] = []
    cursor = 0
    for position, piece in inserts:
        pieces.append(text[cursor:position])
        pieces.append(piece)
        cursor = position
    pieces.append(text[cursor:])
    return "".join(pieces)


def _nested_safe(text: str, spans: Sequence[Highlight]) -> list[Highlight]:
    """Spans that nest or stay apart, and cross no blank line or Markdown construct."""
    chosen: list[Highlight] = []
    # Spans chosen so far that are still open at the current start: they nest, so the innermost
    # (last) ends first, and only it can end inside a later span (a scan of all is quadratic).
    open_spans: list[Highlight] = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        inner = text[span.start:span.end]
        if span.end <= span.start or _CROSSES_MARKUP.search(inner):
            continue
        while open_spans and open_spans[-1].end <= span.start:
            open_spans.pop()
        if open_spans:
            top = open_spans[-1]
            if top.end < span.end or (top.start, top.end) == (span.start, span.end):
                continue  # it would cross the innermost open span, or repeat it
        chosen.append(span)
        open_spans.append(span)
    return chosen


_CROSSES_MARKUP = re.compile(r"\n\n|[`\[\]<>*_|#]")


class LazyHTML:
    """HTML made the first time a template shows it (``{{ value|safe }}`` calls ``__html__``).

    A full build renders its pages in forked workers (``dateline.pipeline.pools``): source pages'
    Markdown then runs there, in parallel, rather than while planning.
    Equal keys mean equal HTML, so a page memo comparing contexts compares keys only.
    """

    __slots__ = ("_html", "_make", "key")

    def __init__(self, key: Hashable, make: Callable[[], str]) -> None:
        self.key, self._make = key, make
        self._html: str | None = None

    def __html__(self) -> str:
        if self._html is None:
            self._html = self._make()
        return self._html

    def __str__(self) -> str:
        return self.__html__()

    def __eq__(self, other: object) -> bool:
        return isinstance(other, LazyHTML) and self.key == other.key

    def __hash__(self) -> int:
        return hash(self.key)
