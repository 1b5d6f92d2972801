"""Large JSON exports encoded item by item: the same bytes as json.dumps of the whole."""

from __future__ import annotations

import json
from typing import Any

import pytest

from dateline.output.exports.streamed_json import document_bytes

HEAD: dict[str, Any] = {"version": 1, "site": {"title": "Fil d'actualité — 北京", "n": None}}


def whole(document: dict[str, Any]) -> bytes:
    return (json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n").encode()


@pytest.mark.parametrize("items", [
    [],
    [{"id": "a"}],
    [{"id": "é", "sources": [{"line": 3, "url": None}], "quote": "\"quoted\"\n\u2028"},
     {"id": "b", "tags": []}, 7, "text", [1, [2]]],
])
def test_item_by_item_gives_the_bytes_of_the_whole(items: list[Any]) -> None:
    assert document_bytes(HEAD, "events", iter(items)) == whole({**HEAD, "events": items})
    assert json.loads(document_bytes(HEAD, "events", items))["events"] == items

