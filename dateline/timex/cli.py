"""Command line: ``build.py timex FILE --anchor YYYY-MM-DD`` and ``--batch DOCS.jsonl``.

One JSON line per expression. The batch format is the TempEval scorer's:
input lines ``{"doc", "dct", "text"}``, output lines
``{"doc", "start", "end", "text", "type", "value"}``.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from typing import Any, TextIO

from dateline.timex import tag


class InputError(Exception):
    """Unreadable input, reported as ``path:line: message``."""


def _parse_anchor(raw: str | None, where: str) -> dt.date | None:
    if raw is None or raw == "":
        return None
    try:
        return dt.date.fromisoformat(raw[:10])
    except ValueError:
        raise InputError(f"{where}: bad date {raw!r} (expected YYYY-MM-DD)") from None


def _read_text(path: str) -> str:
    try:
        with open(path, encoding="utf-8") as f:
            return f.read()
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(f"{path}:1: cannot read: {err}") from None


def tag_file(path: str, anchor: str | None, out: TextIO) -> None:
    """Print every expression in a text file as one JSON line."""
    when = _parse_anchor(anchor, "--anchor")
    text = _read_text(path)
    for t in tag(text, when):
        record = {"start": t.start, "end": t.end, "text": t.text, "type": t.type,
                  "value": t.value, "mod": t.mod, "rule": t.rule}
        out.write(json.dumps(record, ensure_ascii=False) + "\n")


def _batch_doc(line: str, where: str) -> tuple[str, dt.date | None, str]:
    try:
        doc: Any = json.loads(line)
    except json.JSONDecodeError as err:
        raise InputError(f"{where}: not JSON: {err.msg}") from None
    if not isinstance(doc, dict) or not isinstance(doc.get("text"), str):
        raise InputError(f'{where}: expected an object with "doc", "dct" and "text"')
    return str(doc.get("doc", "")), _parse_anchor(doc.get("dct") or None, where), doc["text"]


def tag_batch(path: str, out: TextIO) -> None:
    """Tag every document of a JSONL file in the scorer's prediction format."""
    try:
        with open(path, encoding="utf-8") as f:
            lines = f.readlines()
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(f"{path}:1: cannot read: {err}") from None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        doc_id, dct, text = _batch_doc(line, f"{path}:{number}")
        for t in tag(text, dct):
            record = {"doc": doc_id, "start": t.start, "end": t.end, "text": t.text,
                      "type": t.type, "value": t.value}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def run(file: str | None, anchor: str | None, batch: str | None, out: TextIO) -> int:
    """Entry point behind ``build.py timex``; returns the exit code."""
    try:
        if batch is not None:
            tag_batch(batch, out)
        elif file is not None:
            tag_file(file, anchor, out)
        else:
            raise InputError("timex: give a FILE or --batch DOCS.jsonl")
    except InputError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    return 0
