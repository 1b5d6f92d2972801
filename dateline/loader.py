"""The load stage: the only code that reads content.  Files in, Documents and Problems out.

Every file is read and validated independently, so one bad file never stops the others; all
problems are collected in one pass.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from dateline import clipped, frontmatter, markup, schema
from dateline.models import Document, Problem

MAX_BYTES = 5 * 1024 * 1024  # a news article is kilobytes; bigger is a mistake or an attack
KINDS = {"articles": "article", "notes": "note"}


@dataclass(frozen=True)
class Loaded:
    documents: tuple[Document, ...]
    problems: tuple[Problem, ...]


def content_files(content_dir: Path) -> tuple[list[str], list[Problem]]:
    """Content-relative paths of every Markdown file, sorted; symlinks leaving content skipped."""
    found: list[str] = []
    problems: list[Problem] = []
    root = content_dir.resolve()
    for folder, dirs, files in os.walk(content_dir, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in dirs:  # os.walk does not enter linked folders; say so when one leaves
            full = Path(folder, name)
            if full.is_symlink() and not full.resolve().is_relative_to(root):
                problems.append(_outside(full.relative_to(content_dir).as_posix(), "folder"))
        for name in sorted(files):
            if name.startswith(".") or not name.endswith(".md"):
                continue
            full = Path(folder, name)
            rel = full.relative_to(content_dir).as_posix()
            if full.is_symlink() and not full.resolve().is_relative_to(root):
                problems.append(_outside(rel, "file"))
            elif not full.is_file():  # a FIFO or device would block or never end the read
                problems.append(Problem(rel, 1, 1, "warning", "not a regular file; skipped",
                                        "replace it with a plain text file"))
            else:
                found.append(rel)
    return found, problems


def _outside(rel: str, what: str) -> Problem:
    return Problem(rel, 1, 1, "warning", "symlink points outside the content folder; skipped",
                   f"copy the {what} into content/ instead of linking it")


def load_documents(content_dir: Path, paths: Iterable[str] | None = None) -> Loaded:
    """Read and validate ``paths`` (default: every content file)."""
    problems: list[Problem] = []
    if not content_dir.is_dir():
        return Loaded((), (Problem("", 1, 1, "error",
                                   "content folder not found",
                                   "create it, or pass --content DIR"),))
    if paths is None:
        listed, problems = content_files(content_dir)
        paths = listed
    documents: list[Document] = []
    for rel in sorted(paths):
        document, found = load_document(content_dir, rel)
        problems.extend(found)
        if document is not None:
            documents.append(document)
    return Loaded(tuple(documents), tuple(problems))


def load_document(content_dir: Path, rel: str) -> tuple[Document | None, list[Problem]]:
    """One file: bytes → text → front matter → Document, or the problems that stop it."""
    kind = KINDS.get(rel.split("/", 1)[0])
    if kind is None:
        return None, [Problem(rel, 1, 1, "warning", "file is outside articles/ and notes/; skipped",
                              "move it into content/articles/ or content/notes/")]
    try:
        raw = _read_bytes(content_dir / rel)
    except OSError as exc:
        return None, [Problem(rel, 1, 1, "error", f"cannot read file: {exc.strerror or exc}",
                              "check the file's permissions")]
    text, problem = decode(rel, raw)
    if problem:
        return None, [problem]
    digest = hashlib.sha256(raw).hexdigest()
    return parse_document(rel, kind, text, digest)


def _read_bytes(path: Path) -> bytes:
    with path.open("rb") as handle:
        data = handle.read(MAX_BYTES + 1)
    return data


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


def parse_document(rel: str, kind: str, text: str, digest: str
                   ) -> tuple[Document | None, list[Problem]]:
    """Text of one file → Document (pure: no IO)."""
    check = schema.Checker(rel)
    try:
        source, body, body_line = frontmatter.split(text)
        table = frontmatter.parse(source) if source is not None else None
    except frontmatter.FrontMatterError as exc:
        return None, [Problem(rel, exc.line, exc.col, "error", str(exc), exc.hint)]
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
    if any(p.severity == "error" for p in check.problems):
        return None, check.problems
    return document, check.problems


def _too_deep(rel: str, document: Document) -> list[Problem]:
    """Markdown nested past what the converter's recursion survives (the body, descriptions)."""
    texts = [(document.body, document.body_line)]
    texts += [(e.description, e.line) for e in document.note_events
              if e.description and e.description != document.body.strip()]
    problems = []
    for text, first_line in texts:
        depth, line = markup.nesting(text)
        if depth > markup.MAX_NESTING:
            at = first_line + line - 1 if text is document.body else first_line
            problems.append(Problem(rel, at, 1, "error",
                                    f"Markdown is nested {depth} levels deep; at most "
                                    f"{markup.MAX_NESTING} lists or '>' quotes may nest",
                                    "flatten the nested lists or quotes"))
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
                    meta.publisher, meta.url, meta.author, meta.tags, meta.source_id)


def _note(check: schema.Checker, rel: str, fields: dict[str, Any], no_front_matter: bool,
          body: str, body_line: int, digest: str) -> Document:
    if no_front_matter:
        check.problems.append(Problem(rel, 1, 1, "error", "note has no front matter",
                                      "start the note with '---', 'date: YYYY-MM-DD', "
                                      "'title: ...' and '---'"))
    title, events = schema.read_note(check, fields, body)
    published = events[0].date if events and events[0].date else ""
    return Document(rel, "note", title, published, body, body_line, digest,
                    tags=check.words(fields, "tags"), note_events=events)


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
