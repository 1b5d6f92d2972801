"""Bad input: every broken file gets its exact message at file:line:col, the rest still builds.

Each folder of ``corpus/`` is a case: content files plus ``expected.txt``, written by hand from
the rules (see the module docstrings of loader, frontmatter and dates).  Inputs too big or too odd
to commit (a 50 MB file, symlinks, a FIFO, a broken template) are made by the tests in tmp_path.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import VALID_NOTE, make_project, run_cli

CORPUS = Path(__file__).parent / "corpus"
CASES = sorted(p for p in CORPUS.iterdir() if (p / "expected.txt").is_file())  # not hostile/


def _project(tmp_path: Path, case: Path | None = None) -> Path:
    root = make_project(tmp_path / "project")
    if case is not None:
        for item in case.iterdir():
            if item.is_dir():
                shutil.copytree(item, root / "content" / item.name, dirs_exist_ok=True)
    (root / "content" / "notes" / "zz-valid.md").write_text(VALID_NOTE, encoding="utf-8")
    return root


def _build(root: Path) -> tuple[int, str, str]:
    return run_cli("--root", str(root), "build", "--no-cache", "--jobs", "1")


def _events(root: Path) -> dict[str, dict[str, object]]:
    data = json.loads((root / "site" / "timeline.json").read_text("utf-8"))
    return {e["id"]: e for e in data["events"]}


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_build_reports_exactly_the_expected_problems(tmp_path: Path, case: Path) -> None:
    root = _project(tmp_path, case)
    code, out, err = _build(root)
    expected = (case / "expected.txt").read_text(encoding="utf-8")
    assert err == expected
    assert code == (1 if ": error: " in expected else 0)
    assert (root / "site" / "events" / "valid-note" / "index.html").is_file()
    assert out.startswith("Built site/: ")


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_check_agrees_with_build(tmp_path: Path, case: Path) -> None:
    root = _project(tmp_path, case)
    code, out, _err = run_cli("--root", str(root), "check")
    expected = (case / "expected.txt").read_text(encoding="utf-8")
    problems = out.split("\n")  # check may add editorial warnings; it must keep every one here
    for first, hint in zip(expected.splitlines()[::2], expected.splitlines()[1::2], strict=True):
        assert first in problems
        assert problems[problems.index(first) + 1] == hint
    assert code == (1 if ": error: " in expected else 0)
    assert not (root / "site").exists()


def test_all_bad_files_together_are_reported_in_one_pass(tmp_path: Path) -> None:
    root = _project(tmp_path)
    expected: list[str] = []
    for case in CASES:
        if case.name.startswith("duplicate"):  # their hints name the other file
            continue
        for item in case.rglob("*.md"):
            rel = item.relative_to(case)
            target = root / "content" / rel.parent / f"{case.name}-{rel.name}"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(item.read_bytes())
        for line in (case / "expected.txt").read_text(encoding="utf-8").splitlines():
            if line.startswith("content/"):
                folder, _, rest = line.partition(".md:")
                head, _, name = folder.rpartition("/")
                expected.append(f"{head}/{case.name}-{name}.md:{rest}")
    code, _out, err = _build(root)
    assert code == 1
    reported = [line for line in err.splitlines() if line.startswith("content/")]
    assert sorted(reported) == sorted(expected)
    assert (root / "site" / "events" / "valid-note" / "index.html").is_file()


# --- line endings and BOM build correctly ---------------------------------------------------

def _note_bytes(newline: bytes, bom: bool) -> bytes:
    lines = [b"---", b"id: endings", b"date: 2018-06-12", b"title: Line endings matter",
             b"actors: [USA, PRK]", b"sources: [https://example.org/endings]", b"---",
             b"First paragraph.", b"", b"Second paragraph."]
    return (b"\xef\xbb\xbf" if bom else b"") + newline.join(lines) + newline


@pytest.mark.parametrize(("newline", "bom"), [(b"\n", True), (b"\r\n", False), (b"\r\n", True),
                                              (b"\r", False), (b"\r", True)],
                         ids=["lf-bom", "crlf", "crlf-bom", "cr", "cr-bom"])
def test_bom_and_line_endings_build_like_plain_lf(tmp_path: Path, newline: bytes, bom: bool,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    plain = make_project(tmp_path / "plain")
    (plain / "content" / "notes" / "n.md").write_bytes(_note_bytes(b"\n", False))
    odd = make_project(tmp_path / "odd")
    (odd / "content" / "notes" / "n.md").write_bytes(_note_bytes(newline, bom))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1544227200")
    assert _build(plain)[0] == 0
    code, _out, err = _build(odd)
    assert (code, err) == (0, "")
    event = _events(odd)["endings"]
    assert event["summary"] == "Line endings matter"
    assert event["date"] == "2018-06-12"
    page = (odd / "site" / "events" / "endings" / "index.html").read_text("utf-8")
    assert "\r" not in page and "\ufeff" not in page
    assert (plain / "site" / "timeline.json").read_bytes() == \
        (odd / "site" / "timeline.json").read_bytes()


def test_crlf_clipping_keeps_line_numbers(tmp_path: Path) -> None:
    root = _project(tmp_path)
    clip = ["Monday, 20 May 2019", "Latest news", "Pompeo to visit Pyongyang", "",
            "08 December 2018", "", "The US announced the trip to North Korea on Tuesday.", "",
            "Pompeo to visit Pyongyang"]
    (root / "content" / "articles" / "clip.md").write_bytes(
        b"\xef\xbb\xbf" + "\r\n".join(clip).encode() + b"\r\n")
    code, _out, err = _build(root)
    assert (code, err) == (0, "")
    views = [e for e in _events(root).values()
             if any(s["path"] == "articles/clip.md" for s in e["sources"])]
    assert views, "the clipping's dated sentence became an event"
    assert {s["line"] for e in views for s in e["sources"] if s["path"] == "articles/clip.md"} \
        == {7}


# --- generated inputs -----------------------------------------------------------------------

def test_file_over_the_size_limit_is_refused_without_reading_it_all(tmp_path: Path) -> None:
    root = _project(tmp_path)
    big = root / "content" / "articles" / "huge.md"
    with big.open("wb") as handle:
        handle.write(b"---\ntitle: Huge\ndate: 2018-06-12\n---\n")
        line = b"The talks went on and on. " * 40 + b"\n"
        for _ in range(50 * 2**20 // len(line) + 1):
            handle.write(line)
    assert big.stat().st_size >= 50 * 2**20
    code, _out, err = _build(root)
    assert err == ("content/articles/huge.md:1:1: error: file is larger than 5 MB\n"
                   "  hint: split it, or keep only the article's text\n")
    assert code == 1
    assert (root / "site" / "events" / "valid-note" / "index.html").is_file()


def test_symlinks_leaving_content_are_skipped_with_a_warning(tmp_path: Path) -> None:
    root = _project(tmp_path)
    secret = tmp_path / "outside"
    secret.mkdir()
    (secret / "secret.md").write_text("---\ntitle: SECRET-TITLE\ndate: 2018-06-01\n---\n"
                                      "SECRET-BODY on Tuesday.\n", encoding="utf-8")
    (root / "content" / "articles" / "leak.md").symlink_to(secret / "secret.md")
    (root / "content" / "articles" / "leakdir").symlink_to(secret, target_is_directory=True)
    (root / "content" / "notes" / "etc.md").symlink_to("/etc/passwd")
    code, _out, err = _build(root)
    warning = "warning: symlink points outside the content folder; skipped"
    assert err == (
        f"content/articles/leak.md:1:1: {warning}\n"
        "  hint: copy the file into content/ instead of linking it\n"
        f"content/articles/leakdir:1:1: {warning}\n"
        "  hint: copy the folder into content/ instead of linking it\n"
        f"content/notes/etc.md:1:1: {warning}\n"
        "  hint: copy the file into content/ instead of linking it\n"
    )
    assert code == 0  # warnings only
    site = b"".join(p.read_bytes() for p in (root / "site").rglob("*") if p.is_file())
    assert b"SECRET" not in site
    assert b"/usr/sbin/nologin" not in site and b"/bin/sh" not in site
    assert run_cli("--root", str(root), "build", "--strict")[0] == 1


def test_symlink_inside_content_is_followed(tmp_path: Path) -> None:
    root = _project(tmp_path)
    (root / "content" / "articles" / "story.md").write_text(
        "---\ntitle: Linked story\ndate: 2018-06-01\n---\nText.\n", encoding="utf-8")
    (root / "content" / "articles" / "again.md").symlink_to(root / "content" / "articles"
                                                           / "story.md")
    code, _out, err = _build(root)
    assert (code, err) == (0, "")
    assert (root / "site" / "sources" / "again" / "index.html").is_file()


def test_a_fifo_in_content_is_skipped_not_waited_on(tmp_path: Path) -> None:
    root = _project(tmp_path)
    os.mkfifo(root / "content" / "notes" / "pipe.md")
    code, _out, err = _build(root)  # reading a FIFO with no writer would block forever
    assert code == 0
    assert err == ("content/notes/pipe.md:1:1: warning: not a regular file; skipped\n"
                   "  hint: replace it with a plain text file\n")


def test_jinja_syntax_error_names_template_and_line_and_keeps_old_site(tmp_path: Path) -> None:
    root = _project(tmp_path)
    assert _build(root)[0] == 0
    before = {p: p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()}
    template = root / "templates" / "event.html"
    lines = template.read_text("utf-8").split("\n")
    lines.insert(2, "{% if %}")  # becomes line 3
    template.write_text("\n".join(lines), encoding="utf-8")
    code, _out, err = _build(root)
    assert code == 1
    assert err == ("templates/event.html:3:1: error: template syntax error: Expected an "
                   "expression, got 'end of statement block'\n"
                   "  hint: fix the Jinja syntax on that line\n")
    after = {p: p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()}
    assert after == before


def test_file_names_with_spaces_unicode_and_dots_build_pages(tmp_path: Path) -> None:
    root = _project(tmp_path, CORPUS / "file-names")
    code, _out, err = _build(root)
    assert (code, err) == (0, "")
    sources = root / "site" / "sources"
    # page addresses are slugs of the file names: nothing a URL would have to escape
    assert {p.name for p in sources.iterdir() if p.is_dir()} == {
        "with-space", "unicode", "a-b", "zz-valid"}
    for folder in ("with-space", "unicode", "a-b"):
        assert (sources / folder / "index.html").is_file()
    site_root = (root / "site").resolve()
    assert all(p.resolve().is_relative_to(site_root) for p in (root / "site").rglob("*"))


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85", "\r"])
def test_yaml_line_breaks_the_file_does_not_have_keep_positions(separator: str) -> None:
    """YAML also breaks lines at these; positions must still be the file's (split at \\n)."""
    from dateline.content.frontmatter import FrontMatterError, parse

    marked = parse(f"title: 'one{separator}two'\nsummary: fine\n", first_line=2)
    assert (marked.value["summary"].line, marked.value["summary"].col) == (3, 10)
    with pytest.raises(FrontMatterError) as raised:
        parse(f"title: 'one{separator}two'\nsummary: [a,\n  b: c: d\n", first_line=2)
    assert (raised.value.line, raised.value.col) == _lf_position(separator)


def _lf_position(separator: str) -> tuple[int, int]:
    """Where the same error is when the separator is an ordinary character."""
    from dateline.content.frontmatter import FrontMatterError, parse

    try:
        parse("title: 'one_two'\nsummary: [a,\n  b: c: d\n", first_line=2)
    except FrontMatterError as exc:
        return exc.line, exc.col
    raise AssertionError("the plain text must fail too")
