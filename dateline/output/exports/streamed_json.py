"""One JSON document (not JSON Lines) whose last member is a long list, encoded one item at a
time.

Each item's dict lives only while it is encoded: no dict of every event, no string of the whole
document is ever held, as ``json.dumps`` of the whole timeline would (docs/performance.md).
The bytes are the same as ``json.dumps(document, ensure_ascii=False, separators=(",", ":"))
+ "\\n"``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def document_bytes(head: dict[str, Any], name: str, items: Iterable[Any]) -> bytes:
    """``head`` with ``name``: the list of ``items`` as its last member, as UTF-8 JSON."""
    opening = _ENCODER.encode({**head, name: []})
    assert opening.endswith("[]}")  # the list is the last member
    parts = [opening[:-2].encode("utf-8")]
    for number, item in enumerate(items):
        parts.append((b"," if number else b"") + _ENCODER.encode(item).encode("utf-8"))
    parts.append(b"]}\n")
    return b"".join(parts)
