"""YAML front matter composed with line/column marks, so every field error points at its source.

PyYAML's libyaml ``CSafeLoader`` composes the node graph (fast, C); we then build plain values
ourselves, keeping each scalar's mark.  Timestamps are *not* resolved by YAML: "2018-02-30" must
reach our validator as text so it can say what is wrong instead of crashing the loader.  Aliases
and non-standard tags are refused (alias bombs, object construction).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

from dateline.content.yamlload import SafeLoader as _BaseLoader


class _Loader(_BaseLoader):
    """Safe loader without the timestamp resolver."""


_Loader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}

_FENCE = re.compile(r"^---[ \t]*$")
_SCALAR_TAGS = {
    "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null",
}
_COLLECTION_TAGS = {"tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"}
_MAX_NODES = 10_000
_MAX_DEPTH = 50  # nested lists/mappings; deeper would exhaust Python's stack in _build


@dataclass(frozen=True)
class Marked:
    """A front-matter value with its 1-based position in the file."""

    value: Any  # str | int | float | bool | None | list[Marked] | dict[str, Marked]
    line: int
    col: int
    text: str = ""  # a scalar as written ("0100" stays "0100" although its value is 64)

    def plain(self) -> Any:
        """The value with marks stripped, recursively."""
        if isinstance(self.value, list):
            return [item.plain() for item in self.value]
        if isinstance(self.value, dict):
            return {key: item.plain() for key, item in self.value.items()}
        return self.value


class FrontMatterError(ValueError):
    def __init__(self, message: str, line: int, col: int, hint: str) -> None:
        super().__init__(message)
        self.line, self.col, self.hint = line, col, hint


def split(text: str) -> tuple[str | None, str, int]:
    """``(front matter or None, body, body's first line)``; raises on an unterminated block."""
    lines = text.split("\n")
    if not lines or not _FENCE.match(lines[0].rstrip("\r")):
        return None, text, 1
    for index in range(1, len(lines)):
        if _FENCE.match(lines[index].rstrip("\r")) or lines[index].rstrip("\r") == "...":
            return "\n".join(lines[1:index]), "\n".join(lines[index + 1:]), index + 2
    raise FrontMatterError("front matter is not closed", 1, 1,
                           "end the front matter with a line holding only '---'")


# Pelican's (and Python-Markdown's "meta") header: "Key: value" lines up to the first blank line.
_HEADER_LINE = re.compile(r"^([A-Za-z][A-Za-z0-9_-]*):[ \t]*(.*?)[ \t]*$")
_HEADER_NEEDS = frozenset({"title", "date"})
_HEADER_KEYS = {"url": "page_url", "save_as": "save_as"}  # Pelican's own meaning, kept apart


def metadata_header(text: str) -> tuple[Marked, str, int] | None:
    """``(table, body, body's first line)`` of a file that opens with Pelican's metadata lines
    ("Title: ...", "Date: ..." up to a blank line), or None.  Keys are lower-cased; ``Tags``
    becomes a list; ``Status: draft`` becomes ``draft: true``."""
    lines = text.split("\n")
    table: dict[str, Marked] = {}
    last = ""
    for number, line in enumerate(lines, 1):
        if not line.strip():
            break
        found = _HEADER_LINE.match(line)
        if found is None and last and line[:1] in " \t":  # a value continued on the next line
            previous = table[last]
            table[last] = Marked(f"{previous.value} {line.strip()}", previous.line, previous.col)
            continue
        if found is None:
            return None
        last, value = _header_value(_HEADER_KEYS.get(found[1].lower(), found[1].lower()),
                                    found[2], number, found.start(2) + 1)
        table[last] = value
    else:
        number = len(lines) + 1
    if not table.keys() >= _HEADER_NEEDS:
        return None
    return Marked(table, 1, 1), "\n".join(lines[number:]), number + 1


def _header_value(key: str, value: str, line: int, col: int) -> tuple[str, Marked]:
    if key == "tags":
        return key, Marked([Marked(t.strip(), line, col) for t in value.split(",") if t.strip()],
                           line, col)
    if key == "status" and value.lower() == "draft":
        return "draft", Marked(True, line, col)
    return key, Marked(value, line, col, value)


def parse(source: str, first_line: int = 2) -> Marked:
    """Compose ``source`` (front matter text starting at file line ``first_line``)."""
    try:
        node = yaml.compose(source, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = _Positions(source, first_line).of(mark) if mark else (first_line, 1)
        raise FrontMatterError(f"invalid YAML: {exc.problem or exc}", line, col,
                               "check indentation, colons and quotes") from exc
    except yaml.YAMLError as exc:
        raise FrontMatterError(f"invalid YAML: {exc}", first_line, 1,
                               "check indentation, colons and quotes") from exc
    if node is None:
        return Marked({}, first_line, 1)
    return _build(node, _Positions(source, first_line), set(), [0])


class _Positions:
    """File line and column of a YAML mark.

    YAML also breaks lines at ``\\r``, U+0085, U+2028 and U+2029, where the file's lines (split at
    ``\\n``) do not break; with any of them in the text, a position is counted from the mark's
    character index instead (the fuzz tests found errors pointing past the file's last line).
    """

    def __init__(self, source: str, first_line: int) -> None:
        self.source, self.first_line = source, first_line
        self.exact = _OTHER_BREAKS.search(source) is None

    def of(self, mark: yaml.Mark) -> tuple[int, int]:
        if self.exact:
            return mark.line + self.first_line, mark.column + 1
        index = min(mark.index, len(self.source))
        line_start = self.source.rfind("\n", 0, index) + 1
        return self.source.count("\n", 0, index) + self.first_line, index - line_start + 1


_OTHER_BREAKS = re.compile("[\r\x85\u2028\u2029]")


def _build(node: yaml.Node, at: _Positions, seen: set[int], count: list[int], depth: int = 0
           ) -> Marked:
    line, col = at.of(node.start_mark)
    count[0] += 1
    if depth > _MAX_DEPTH:
        raise FrontMatterError("front matter is nested too deeply", line, col,
                               f"keep lists and mappings under {_MAX_DEPTH} levels deep")
    if id(node) in seen:
        raise FrontMatterError("YAML aliases are not allowed in front matter", line, col,
                               "write the value out instead of using '*alias'")
    if count[0] > _MAX_NODES:
        raise FrontMatterError("front matter is too large", line, col,
                               f"keep front matter under {_MAX_NODES} values")
    seen.add(id(node))
    if node.tag not in _SCALAR_TAGS | _COLLECTION_TAGS:
        raise FrontMatterError(f"YAML tag '{node.tag}' is not allowed", line, col,
                               "remove the '!' tag; front matter holds plain text, numbers, "
                               "lists and mappings")
    if isinstance(node, yaml.MappingNode):
        return Marked(_mapping(node, at, seen, count, depth + 1), line, col)
    if isinstance(node, yaml.SequenceNode):
        return Marked([_build(item, at, seen, count, depth + 1) for item in node.value],
                      line, col)
    assert isinstance(node, yaml.ScalarNode)
    return Marked(_scalar(node), line, col, str(node.value))


_CONSTRUCTOR = yaml.constructor.SafeConstructor()


def _scalar(node: yaml.ScalarNode) -> Any:
    """Scalar value by its resolved tag (no object cache: nodes are built once each)."""
    if node.tag == "tag:yaml.org,2002:int":
        return _CONSTRUCTOR.construct_yaml_int(node)
    if node.tag == "tag:yaml.org,2002:float":
        return _CONSTRUCTOR.construct_yaml_float(node)
    if node.tag == "tag:yaml.org,2002:bool":
        return _CONSTRUCTOR.construct_yaml_bool(node)
    if node.tag == "tag:yaml.org,2002:null":
        return None
    return str(node.value)


def _mapping(node: yaml.MappingNode, at: _Positions, seen: set[int], count: list[int], depth: int
             ) -> dict[str, Marked]:
    result: dict[str, Marked] = {}
    for key_node, value_node in node.value:
        if key_node.tag == "tag:yaml.org,2002:merge":  # before _build, which refuses the tag
            raise FrontMatterError("YAML merge keys ('<<') are not allowed",
                                   *at.of(key_node.start_mark), "write the keys out")
        key = _build(key_node, at, seen, count, depth)
        if not isinstance(key.value, str):
            raise FrontMatterError(f"keys must be text, got {key.value!r}", key.line, key.col,
                                   "write the key as a word, e.g. 'title:'")
        if key.value in result:
            raise FrontMatterError(f"duplicate key '{key.value}'", key.line, key.col,
                                   "each key may appear once; remove one of them")
        result[key.value] = _build(value_node, at, seen, count, depth)
    return result
