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
MAX_NESTING = 100  # Python-Markdown recurses per list/quote level and overflows near 250
_CONTAINER = re.compile(r"[ \t]*(?:>|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))")


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
        # The loader refuses text nested deeper than MAX_NESTING; should some other construct
        # still exhaust the stack, show the text as text rather than lose the whole build.
        conv.reset()
        return f"<pre>{html.escape(text)}</pre>"


def plain_paragraphs(text: str) -> str | None:
    """Python-Markdown's HTML for text with no Markdown in it, or None when it may have some.

    Wire stories are plain paragraphs, and Markdown spent 2.5 CPU-seconds of a cold build trying
    its inline patterns on every one.  The test is conservative (any character or line start
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


@dataclass(frozen=True)
class Highlight:
    """A span of the Markdown source to wrap: a time expression or an event's sentence."""

    start: int
    end: int
    kind: str  # "timex" | "event"
    title: str = ""  # tooltip (TIMEX value)
    anchor: str = ""  # id for sentences that produced events
    href: str = ""  # link from the sentence to its event


def highlighted_html(text: str, spans: Sequence[Highlight], links: Links | None = None) -> str:
    """Markdown → HTML with ``spans`` wrapped in ``<mark>``; spans crossing a paragraph are skipped.

    Marks go into the Markdown source before conversion (as placeholders, see ``_FIRST_MARK``),
    so they land in the right place whatever Markdown does to the rest; nh3 then cleans the whole
    result, the marks' tags with it.
    """
    inserts: list[tuple[int, int, int, str]] = []
    for span in _nested_safe(text, spans):
        title = html.escape(span.title, quote=True)
        if span.kind == "event":
            ident = f' id="{html.escape(span.anchor, quote=True)}"' if span.anchor else ""
            href = html.escape(span.href, quote=True)
            opening, closing = f'<a{ident} class="evsent" href="{href}" title="{title}">', "</a>"
        else:
            opening = f'<mark class="timex" title="{title}" data-value="{title}">'
            closing = "</mark>"
        length = span.end - span.start
        # at one position: closings before openings, inner closings first, outer openings first
        inserts.append((span.start, 1, -length, opening))
        inserts.append((span.end, 0, length, closing))
    ordered = sorted(inserts)
    if len(ordered) > _MARKS or _MARK_CHARS.search(text):  # cannot use one mark per tag
        return to_html(_spliced(text, [(at, tag) for at, _o, _s, tag in ordered]), links)
    marked = _spliced(text, [(at, chr(_FIRST_MARK + n)) for n, (at, *_r) in enumerate(ordered)])
    tags = [tag for *_r, tag in ordered]

    def put(match: re.Match[str]) -> str:
        found = match.group()
        if found[0] == "<":  # a mark inside a tag (e.g. in alt text): no tag can go there
            return _MARK_CHARS.sub("", found)
        return tags[ord(found) - _FIRST_MARK]

    return sanitize(_TAG_OR_MARK.sub(put, _converted(marked)), links)


# The tags go into the Markdown source as one private-use character each, and are swapped in
# after conversion: as inline HTML they made Markdown three times slower (its HTML parser ran
# over every mark).  Text that has private-use characters of its own gets the tags directly.
_FIRST_MARK = 0xE000
_MARKS = 0xF8FF - _FIRST_MARK + 1
_MARK_CHARS = re.compile("[\ue000-\uf8ff]")
_TAG_OR_MARK = re.compile("<!--.*?-->|<(?:[^>\"']|\"[^\"]*\"|'[^']*')*>|[\ue000-\uf8ff]",
                          re.DOTALL)


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
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        inner = text[span.start:span.end]
        if span.end <= span.start or _CROSSES_MARKUP.search(inner):
            continue
        crossing = any(
            other.start < span.start < other.end < span.end
            or span.start < other.start < span.end < other.end
            or (other.start == span.start and other.end == span.end)
            for other in chosen
        )
        if not crossing:
            chosen.append(span)
    return chosen


_CROSSES_MARKUP = re.compile(r"\n\n|[`\[\]<>*_|#]")


class LazyHTML:
    """HTML made the first time a template shows it (``{{ value|safe }}`` calls ``__html__``).

    A full build renders its pages in forked workers (``dateline.forked``): source pages'
    Markdown, a fifth of the build, then runs there, in parallel, rather than while planning.
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
