"""The plain labels of event types and kinds (``dateline/data/type_labels.yaml``)."""

from __future__ import annotations

import re

import pytest

from dateline.events.rules import lexicon
from dateline.site import typelabels, views

LABELS = typelabels.labels()
EXAMPLES = [(code, root) for root, entry in LABELS.types.items() for code in entry.examples]


def test_every_cameo_root_has_a_label() -> None:
    roots = [f"{n:02d}" for n in range(1, 21)]
    assert list(LABELS.types) == roots
    # and every root the verb lexicon can give an event
    assert set(lexicon().names) <= set(LABELS.types)


def test_every_kind_the_lexicon_gives_has_a_label() -> None:
    assert set(lexicon().quads.values()) | {""} == set(LABELS.kinds) == set(views.QUADS)


def _shown() -> list[str]:
    return ([e.label for e in LABELS.types.values()] + list(LABELS.kinds.values())
            + [LABELS.unknown_type])


@pytest.mark.parametrize("label", _shown())
def test_no_label_shows_a_number_or_cameo_jargon(label: str) -> None:
    assert not re.search(r"\d", label)
    assert "cameo" not in label.lower() and "verbal" not in label.lower()
    assert label == label.strip() and label[0].isupper() and len(label) <= 24


def test_labels_differ_from_cameo_names_where_those_read_as_jargon() -> None:
    # the names readers used to see ("Exhibit military posture", "Verbal conflict")
    assert all(e.label != e.cameo for e in LABELS.types.values() if len(e.cameo.split()) > 2)
    assert all(LABELS.kinds[q] != q.replace("-", " ").capitalize() for q in views.QUADS if q)


def test_no_two_roots_or_kinds_share_a_label_or_a_filter_value() -> None:
    types = [e.label for e in LABELS.types.values()]
    assert len(set(types)) == len(types)
    assert len({typelabels.type_value(code) for code in LABELS.types}) == len(types)
    assert len(set(LABELS.kinds.values())) == len(LABELS.kinds)


@pytest.mark.parametrize(("code", "root"), EXAMPLES)
def test_finer_codes_read_as_their_root(code: str, root: str) -> None:
    assert code.startswith(root) and len(code) == 3
    assert typelabels.type_label(code) == LABELS.types[root].label


def test_types_that_are_no_cameo_code() -> None:
    assert typelabels.type_label("") == "" and typelabels.type_value("") == ""
    # an editor's own word stays as written; a number of no root never shows as the number
    assert typelabels.type_label(" summit ") == "summit"
    assert typelabels.type_label("99") == typelabels.type_label("2107") == LABELS.unknown_type
    assert typelabels.type_label("4") == LABELS.unknown_type  # one digit is no CAMEO code
    assert typelabels.type_rank("20") < typelabels.type_rank("99") == (100, "other")


def test_every_quad_reads_as_its_kind_and_anything_else_as_other() -> None:
    assert views.quad_label("verbal-conflict") == LABELS.kinds["verbal-conflict"]
    assert views.quad_label("") == views.quad_label("no-such-kind") == LABELS.kinds[""]
