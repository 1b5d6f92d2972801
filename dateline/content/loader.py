"""The load stage: the only code that reads content.  Files in, Documents and Problems out.

Every file is read and validated independently, so one bad file never stops the others; all
problems are collected in one pass.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from dateline.content import bounds, clipped, frontmatter, schema
from dateline.content.contentfiles import CONTROL, content_files, file_problem, is_markdown_name
from dateline.models import Document, Problem

MAX_BYTES = 5 * 1024 * 1024  # a news article is kilobytes; bigger is a mistake or an attack
KINDS = {"articles": "article", "notes": "note"}
MAX_CONTROL_WARNINGS = 10  # lines of one file with control characters named one by one


@dataclass(frozen=True)
class Loaded:
    documents: tuple[Document, ...]
    problems: tuple[Problem, ...]


def load_documents(content_dir: Path, paths: Iterable[str] | None = None) -> Loaded:
    """Read and validate ``paths`` (default: every content file).

    Given paths go through the same rules as the listing (``contentfiles``): names that are not
    Markdown or are hidden are passed over, links leaving the folder and special files are
    skipped with the same warnings, so the dev server reads what a full build reads.
    """
    problems: list[Problem] = []
    if not content_dir.is_dir():
        return Loaded((), (Problem("", 1, 1, "error",
                                   "content folder not found",
                                   "create it, or pass --content DIR"),))
    if paths is None:
        listed, problems = content_files(content_dir)
    else:
        listed = []
        for rel in paths:
            if not all(is_markdown_name(part) if last else not part.startswith(".")
                       for last, part in _parts(rel)):
                continue
            skipped = file_problem(content_dir, rel)
            if skipped is None:
                listed.append(rel)
            else:
                problems.append(skipped)
    documents: list[Document] = []
    for rel in sorted(listed):
        document, found = load_document(content_dir, rel)
        problems.extend(found)
        if document is not None:
            documents.append(document)
    return Loaded(tuple(documents), tuple(problems))


def _parts(rel: str) -> list[tuple[bool, str]]:
    """The folders and name of a content-relative path, the name flagged ``True``."""
    parts = rel.split("/")
    return [(index == len(parts) - 1, part) for index, part in enumerate(parts)]


class NotRegular(OSError):
    """The path turned into a FIFO, device or folder after it was listed."""


def load_document(content_dir: Path, rel: str) -> tuple[Document | None, list[Problem]]:
    """One file: bytes → text → front matter → Document, or the problems that stop it."""
    kind = KINDS.get(rel.split("/", 1)[0])
    if kind is None:
        return None, [Problem(rel, 1, 1, "warning", "file is outside articles/ and notes/; skipped",
                              "move it into content/articles/ or content/notes/")]
    try:
        raw = _read_bytes(content_dir / rel)
    except NotRegular:
        return None, [Problem(rel, 1, 1, "warning", "not a regular file; skipped",
                              "replace it with a plain text file")]
    except OSError as exc:
        return None, [Problem(rel, 1, 1, "error", f"cannot read file: {exc.strerror or exc}",
                              "check the file's permissions")]
    text, problem = decode(rel, raw)
    if problem:
        return None, [problem]
    text, controls = strip_controls(rel, text)
    digest = hashlib.sha256(raw).hexdigest()
    document, problems = parse_document(rel, kind, text, digest)
    return document, controls + problems


def _read_bytes(path: Path) -> bytes:
    """At most ``MAX_BYTES + 1`` bytes of a regular file.

    Opened without blocking and checked once open, so a file swapped for a FIFO or a device
    after the listing is refused instead of waited on or read forever.
    """
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY)
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise NotRegular(path)
        return handle.read(MAX_BYTES + 1)


def decode(rel: str, raw: bytes) -> tuple[str, Problem | None]:
    """UTF-8 text with BOM dropped and line endings normalized, or the problem with it."""
    if len(raw) > MAX_BYTES:
        return "", Problem(rel, 1, 1, "error", f"file is larger than {MAX_BYTES // 2**20} MB",
                           "split it, or keep only the article's text")
    if not raw.strip():
        return "", Problem(rel, 1, 1, "error", "file is empty",
                           "add front matter and text, or delete the file")
    if b"\x00" in raw[:8192]:
        return "", Problem(rel, 1, 1, "error", "file is binary, not text",
                           "save the article as plain text (UTF-8) Markdown")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return "", Problem(rel, line, col, "error",
                           f"file is not UTF-8 (byte 0x{raw[exc.start]:02x})",
                           "save the file as UTF-8 in your editor")
    return text.replace("\r\n", "\n").replace("\r", "\n"), None


_CONTROL_NAMES = {0: "NUL", 8: "backspace", 0x0B: "vertical tab", 0x0C: "form feed",
                  0x1B: "escape", 0x7F: "delete", 0x85: "next line"}


def strip_controls(rel: str, text: str) -> tuple[str, list[Problem]]:
    """``text`` without control characters, and a warning for each line that had some.

    C0 controls but tab and newline, DEL and C1 controls are invisible, invalid in XML (the
    feed) and corrupt calendars and spreadsheets; none reaches any output.  The ones Python
    counts as white space (vertical tab, form feed, the separators, next line) become a space
    so the words they separated stay apart; the others are removed.  Positions are the file's:
    line, and column in characters (the BOM is not counted).
    """
    if CONTROL.search(text) is None:
        return text, []
    problems: list[Problem] = []
    hidden = 0
    for number, line in enumerate(text.split("\n"), 1):
        found = CONTROL.search(line)
        if found is None:
            continue
        if len(problems) == MAX_CONTROL_WARNINGS:
            hidden += 1
            continue
        problems.append(_control_problem(rel, number, found.start() + 1, found.group(),
                                         len(CONTROL.findall(line)) - 1))
    if hidden:
        problems.append(Problem(rel, 1, 1, "warning", f"control characters removed from "
                                f"{hidden} more line{'s' if hidden > 1 else ''}",
                                "save the file again as plain UTF-8 text"))
    return CONTROL.sub(lambda m: " " if m.group().isspace() else "", text), problems


def _control_problem(rel: str, line: int, col: int, char: str, more: int) -> Problem:
    code = ord(char)
    name = f" ({_CONTROL_NAMES[code]})" if code in _CONTROL_NAMES else ""
    others = f" and {more} more on this line" if more else ""
    hint = "delete it: control characters are invisible and break feeds and calendars"
    # C1 controls are mostly Windows-1252 punctuation read as Latin-1 (0x92 for ’); five of
    # them (0x81, 0x8d, 0x8f, 0x90, 0x9d) are no Windows-1252 character either
    meant = bytes([code]).decode("cp1252", errors="ignore") if code >= 0x80 else ""
    if meant and code <= 0x9F:
        hint = f"'{meant}' saved in the wrong encoding? type '{meant}' instead"
    return Problem(rel, line, col, "warning",
                   f"control character U+{code:04X}{name} removed{others}", hint)


def parse_document(rel: str, kind: str, text: str, digest: str
                   ) -> tuple[Document | None, list[Problem]]:
    """Text of one file → Document (pure: no IO).

    A draft (``draft: true``, or Jekyll's ``published: false``) is read and checked like any
    file, so ``check`` reports its problems, and then left out of the build, as Hugo does.
    """
    check = schema.Checker(rel)
    try:
        source, body, body_line = frontmatter.split(text)
        table = frontmatter.parse(source) if source is not None else None
    except frontmatter.FrontMatterError as exc:
        return None, [Problem(rel, exc.line, exc.col, "error", str(exc), exc.hint)]
    header = frontmatter.metadata_header(text) if table is None and kind == "article" else None
    if header is not None:  # Pelican's "Title: ..." lines rather than a clipped page
        table, body, body_line = header
    if table is not None and not isinstance(table.value, dict):
        return None, [Problem(rel, table.line, table.col, "error",
                              "front matter must be 'key: value' lines",
                              "start each line with a key such as 'title:'")]
    fields: dict[str, Any] = table.value if table is not None else {}
    if kind == "article":
        document = _article(check, rel, fields, table is None, body, body_line, digest)
    else:
        document = _note(check, rel, fields, table is None, body, body_line, digest)
    check.problems.extend(_too_deep(rel, document))
    draft = schema.is_draft(check, fields)
    if draft or any(p.severity == "error" for p in check.problems):
        return None, check.problems
    return document, check.problems


def _too_deep(rel: str, document: Document) -> list[Problem]:
    """Text no parser should be given: too long, nested too deep, too many open brackets."""
    texts = [(document.body, document.body_line)]
    texts += [(e.description, e.line) for e in document.note_events
              if e.description and e.description != document.body.strip()]
    texts += [(e.why, e.line) for e in document.note_events if e.why]
    problems = []
    for text, first_line in texts:
        for refused in bounds.refusals(text):
            at = first_line + refused.line - 1 if text is document.body else first_line
            problems.append(Problem(rel, at, 1, "error", refused.message, refused.hint))
    return problems


def _article(check: schema.Checker, rel: str, fields: dict[str, Any], is_clipping: bool,
             body: str, body_line: int, digest: str) -> Document:
    if is_clipping:
        clip = clipped.parse_clipping(body)
        if not clip.published:
            check.problems.append(Problem(
                rel, 1, 1, "warning", "no publication date found; relative dates stay unresolved",
                "add front matter with 'date: YYYY-MM-DD', or keep the page's date line "
                "under the headline"))
        return Document(rel, "article", clip.title, clip.published, clip.body, clip.body_line,
                        digest)
    meta = schema.read_article(check, fields)
    return Document(rel, "article", meta.title, meta.published, body, body_line, digest,
                    meta.publisher, meta.url, meta.author, meta.tags, meta.source_id,
                    positions=schema.positions(fields, ("tags",)), extra=meta.extra)


def _note(check: schema.Checker, rel: str, fields: dict[str, Any], no_front_matter: bool,
          body: str, body_line: int, digest: str) -> Document:
    if no_front_matter:
        check.problems.append(Problem(rel, 1, 1, "error", "note has no front matter",
                                      "start the note with '---', 'date: YYYY-MM-DD', "
                                      "'title: ...' and '---'"))
    title, events, extra = schema.read_note(check, fields, body)
    era = schema.read_era(check, fields, body)
    published = events[0].date if events and events[0].date else ""
    return Document(rel, "note", title or (era.title if era else ""), published, body,
                    body_line, digest, tags=check.words(fields, "tags"), note_events=events,
                    era=era,
                    positions=schema.positions(fields, ("tags",)), extra=extra)


def load_user_data(root: Path, name: str) -> tuple[dict[str, Any] | None, list[Problem]]:
    """A site's optional ``data/<name>.yaml`` (e.g. extra actors), or None."""
    path = root / "data" / f"{name}.yaml"
    rel = f"data/{name}.yaml"
    if not path.is_file():
        return None, []
    try:
        value = frontmatter.parse(path.read_text(encoding="utf-8"), first_line=1).plain()
    except (frontmatter.FrontMatterError, UnicodeDecodeError, yaml.YAMLError) as exc:
        line, col = getattr(exc, "line", 1), getattr(exc, "col", 1)
        return None, [Problem(rel, line, col, "error", str(exc), "fix the YAML syntax")]
    if not isinstance(value, dict):
        return None, [Problem(rel, 1, 1, "error", "data file must be a mapping",
                              "write 'key: value' entries")]
    return value, []
