"""``new``: scaffolded notes and articles land in the right folder, never overwrite, pass check."""

from __future__ import annotations

import argparse
import io
from pathlib import Path

import pytest

from dateline.content import scaffold
from dateline.content.loader import load_documents
from tests.conftest import run_cli


def _new(project: Path, *argv: str) -> tuple[int, str, str]:
    return run_cli("--root", str(project), "new", *argv)


def test_note_is_created_with_commented_front_matter(project: Path) -> None:
    code, out, err = _new(project, "note", "Bolton: another summit \"likely\"",
                          "--date", "2018-12-04", "--url", "https://example.org/bolton")
    assert (code, err) == (0, "")
    path = project / out.strip()
    assert path == project / "content/notes/2018-12-04-bolton-another-summit-likely.md"
    text = path.read_text("utf-8")
    assert text.startswith("---\n# ")
    for field in ("date", "title", "actors", "source", "target", "tags", "sources", "id",
                  "status"):
        assert f"\n# {field}:" in text, field
    loaded = load_documents(project / "content")
    assert loaded.problems == ()
    (note,) = loaded.documents
    (event,) = note.note_events
    assert (event.date, event.title) == ("2018-12-04", 'Bolton: another summit "likely"')
    assert event.sources == ("https://example.org/bolton",)


def test_article_with_url_publisher_and_text(project: Path) -> None:
    code, out, err = _new(project, "article", "Ri Yong Ho in Beijing", "--date", "2018-12-08",
                          "--url", "https://example.org/ri", "--publisher", "Example Wire",
                          "--content", "Ri arrived in Beijing on Thursday.")
    assert (code, err) == (0, "")
    assert out.strip().endswith("content/articles/2018-12-08-ri-yong-ho-in-beijing.md")
    (article,) = load_documents(project / "content").documents
    assert (article.title, article.published, article.publisher, article.url) == (
        "Ri Yong Ho in Beijing", "2018-12-08", "Example Wire", "https://example.org/ri")
    assert article.body.strip() == "Ri arrived in Beijing on Thursday."


def test_names_never_clobber(project: Path) -> None:
    paths = [_new(project, "note", "Same title", "--date", "2019")[1].strip() for _ in range(3)]
    assert [Path(p).name for p in paths] == ["2019-same-title.md", "2019-same-title-2.md",
                                             "2019-same-title-3.md"]
    first = project / paths[0]
    first.write_text(first.read_text("utf-8") + "Edited by hand.\n", "utf-8")
    _new(project, "note", "Same title", "--date", "2019")
    assert first.read_text("utf-8").endswith("Edited by hand.\n")


@pytest.mark.parametrize("date", ["2018", "2018-06", "2018-06-12", "2019-02-27/2019-02-28",
                                  "early 2019", "2018-W48"])
def test_every_date_form_scaffolds_a_file_that_passes_check(project: Path, date: str) -> None:
    code, _out, err = _new(project, "note", f"Event of {date}", "--date", date,
                           "--url", "https://example.org/")
    assert code == 0, err
    _new(project, "article", "A story", "--date", "2018-06-12")
    code, out, err = run_cli("--root", str(project), "check", "--strict")
    assert (code, out) == (0, ""), out


def test_scaffold_without_sources_passes_check_with_a_reminder(project: Path) -> None:
    _new(project, "note", "Unsourced", "--date", "2018-06-12")
    code, out, _err = run_cli("--root", str(project), "check")
    assert code == 0
    assert ": warning: event 'Unsourced' has no source" in out
    assert ": error: " not in out


@pytest.mark.parametrize("argv, message", [
    (("note", "T", "--date", "2018-13"), "error: --date month must be 1..12 (got 2018-13)"),
    (("note", "T", "--date", "2019-02-30"), "error: --date day does not exist"),
    (("note", "T"), "error: a note needs --date"),
    (("article", "T", "--date", "2018-06"), "error: an article's --date must be one day"),
    (("article", "T", "--date", "2018-06-12", "--url", "example.org"),
     "error: --url must be an http(s) address"),
    (("note", "   ", "--date", "2018"), "error: the title is empty"),
])
def test_bad_options_write_nothing(project: Path, argv: tuple[str, ...], message: str) -> None:
    code, out, err = _new(project, *argv)
    assert code == 2 and out == ""
    assert err.startswith(message) and "\n  hint: " in err
    assert not list((project / "content").rglob("*.md"))


def test_content_from_standard_input(project: Path) -> None:
    args = argparse.Namespace(root=str(project), kind="article", title="Clipped", date="2018-12-08",
                              url=None, publisher=None, content="-")
    out = io.StringIO()
    code = scaffold.run(args, out, io.StringIO(), stdin=io.StringIO("First.\n\nSecond.\n"))
    assert code == 0
    assert (project / out.getvalue().strip()).read_text("utf-8").endswith("First.\n\nSecond.\n")
