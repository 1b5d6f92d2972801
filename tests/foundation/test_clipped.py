"""Clipped web pages with no front matter: headline, the story's own date line, the text."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from dateline.content.clipped import date_of_line, parse_clipping
from tests.conftest import SEED, run_cli

pytestmark = pytest.mark.skipif(not SEED.exists(), reason="shared seed article not available")


def test_seed_headline_date_and_text() -> None:
    clip = parse_clipping(SEED.read_text(encoding="utf-8"))
    assert clip.title == "Satellite images show activity at a missile base in North Korea"
    assert clip.published == "2018-12-08"  # the story's date line, not the page header (2019-05-20)
    assert clip.body.startswith("Researchers at the Middlebury Institute")
    assert clip.body.rstrip().endswith('relations with China and its economic and political '
                                       'support to offset the risk on the possible failure of '
                                       'the talks", Jin said.')
    assert "Latest news" not in clip.body and "Main »" not in clip.body
    lines = SEED.read_text(encoding="utf-8").split("\n")
    assert lines[clip.body_line - 1].startswith("Researchers at the Middlebury")


@pytest.mark.parametrize(("line", "iso"), [
    ("08 December 2018", "2018-12-08"),
    ("Monday, 20 May 2019", "2019-05-20"),
    ("December 8, 2018", "2018-12-08"),
    ("Published: 2018-12-08", "2018-12-08"),
    ("Dec. 8, 2018 10:42 a.m. EST", "2018-12-08"),
    ("The summit will be held in May 2019", ""),
    ("Latest news", ""),
])
def test_date_lines(line: str, iso: str) -> None:
    assert date_of_line(line) == iso


def test_seed_builds_as_an_article(project: Path) -> None:
    shutil.copy(SEED, project / "content" / "articles" / "seed.md")
    code, _out, err = run_cli("--root", str(project), "build")
    assert code == 0, err
    assert "no publication date" not in err
    page = (project / "site" / "sources" / "seed" / "index.html").read_text(encoding="utf-8")
    headline = "Satellite images show activity at a missile base in North Korea"
    assert re.search(rf"<h1[^>]*>{headline}</h1>", page)
    assert "Latest news" not in page and "Main »" not in page
    assert re.search(r'<time datetime="2018-12-08"[^>]*>8 December 2018</time>', page)  # published
    data = json.loads((project / "site" / "timeline.json").read_text(encoding="utf-8"))
    assert not [e for e in data["events"] if e["date"].startswith("2019-05")]
