"""Every front-matter example in CONTRIBUTING.md loads without errors, as the guide promises."""

from __future__ import annotations

import re

import pytest

from dateline.content.loader import parse_document
from tests.conftest import REPO

GUIDE = (REPO / "CONTRIBUTING.md").read_text("utf-8")
EXAMPLES = [m.group(1) for m in re.finditer(r"```markdown\n(.*?)```", GUIDE, re.DOTALL)]


def test_the_guide_has_examples() -> None:
    assert len(EXAMPLES) >= 4


@pytest.mark.parametrize("text", EXAMPLES, ids=[f"example-{i}" for i in range(len(EXAMPLES))])
def test_example_loads_cleanly(text: str) -> None:
    kind = "article" if "\npublisher:" in text else "note"
    document, problems = parse_document(f"{kind}s/example.md", kind, text, "0" * 64)
    assert document is not None and problems == [], problems


def test_every_date_form_in_the_table_is_accepted() -> None:
    forms = re.findall(r"`date: ([^`]+)`", GUIDE)
    assert {"2018", "2018-06", "2018-06-12", "2019-02-27/2019-02-28", "early 2019"} <= set(forms)
    for form in forms:
        text = f"---\ndate: {form}\ntitle: T\nsources: [https://example.org/]\n---\n"
        document, problems = parse_document("notes/x.md", "note", text, "0" * 64)
        assert document is not None and problems == [], (form, problems)
