"""Plain labels for event types and kinds, as readers see them (``data/type_labels.yaml``).

An event's ``type`` is a CAMEO code ("04", or a finer "042") or, in an editor's note, any text;
its ``quad`` is CAMEO's class of interaction.  Pages, filters, the chart and the search index show
only the labels made here; the codes stay in the data exports.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from dateline.content.yamlload import SafeLoader
from dateline.site.slugs import name_slug

DATA = "data/type_labels.yaml"
_CODE = re.compile(r"\d{2,4}")  # a CAMEO code: a root and up to two finer digits


@dataclass(frozen=True)
class TypeLabel:
    """A CAMEO root as readers see it, with finer codes that must read the same."""

    code: str
    label: str
    cameo: str
    examples: Mapping[str, str]  # finer CAMEO code → its CAMEO name


@dataclass(frozen=True)
class Labels:
    types: Mapping[str, TypeLabel]  # root code → its label
    kinds: Mapping[str, str]  # quad class ("" when none was found) → its label
    unknown_type: str  # what a number of no root reads as


def _text(entry: Mapping[str, Any], key: str, where: str) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{DATA}: {where} needs a '{key}' of text")
    return value


@cache
def labels() -> Labels:
    """The labels of ``data/type_labels.yaml``, read once."""
    text = resources.files("dateline").joinpath(DATA).read_text(encoding="utf-8")
    data = yaml.load(text, Loader=SafeLoader)
    types = {str(code): TypeLabel(str(code), _text(spec, "label", f"type {code!r}"),
                                  _text(spec, "cameo", f"type {code!r}"),
                                  {str(k): str(v) for k, v in spec.get("examples", {}).items()})
             for code, spec in data["types"].items()}
    kinds = {str(quad): _text(spec, "label", f"kind {quad!r}")
             for quad, spec in data["kinds"].items()}
    return Labels(types, kinds, _text(data, "unknown type", "the file"))


def root_of(code: str) -> str:
    """The CAMEO root of a code ("042" → "04"), or "" when ``code`` is not a known one."""
    return code[:2] if _CODE.fullmatch(code) and code[:2] in labels().types else ""


def type_label(code: str) -> str:
    """What readers see for a type: "04" and "042" → "Talks"; a number of no CAMEO root →
    "Other"; an editor's own words (``type: summit``) as written; "" for no type."""
    root = root_of(code)
    if root:
        return labels().types[root].label
    if code.strip().isdigit():
        return labels().unknown_type
    return code.strip()


def type_value(code: str) -> str:
    """The type's value in a filter and its address (``?type=talks``): its label's slug."""
    label = type_label(code)
    return name_slug(label) if label else ""


def type_rank(code: str) -> tuple[int, str]:
    """Sort key of types: CAMEO's order (cooperation first, violence last), others after."""
    root = root_of(code)
    return (int(root), "") if root else (100, type_label(code).lower())


def kind_label(quad: str) -> str:
    """What readers see for a quad class ("verbal-conflict" → "Hostile talk")."""
    kinds = labels().kinds
    return kinds.get(quad, kinds[""])
