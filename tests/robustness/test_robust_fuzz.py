"""Property tests: the loader, the tagger and the whole pipeline never crash on any input.

Example counts stay modest so the suite stays fast; the strategies lean towards the characters
that matter (YAML punctuation, Markdown markers, digits, month and weekday words).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dateline.content import loader
from dateline.content.frontmatter import Marked
from tests.conftest import make_project, run_cli

YAML_ALPHABET = st.sampled_from([*"abcdeftz019 :-[]{}&*!|>'\"#%@`,?\n\t\\",
                                 "---", "...", "date:", "title:", "events:", "- ", "\r\n", "é",
                                 "\ufeff", "\x00", "\u2028", "tags: ", "!!python/", "&a ", "*a",
                                 "2018-02-30", "0000", "99999", "<<: "])
MD_WORDS = st.sampled_from(
    ["Tuesday", "last week", "in August 2018", "January or February", "on 12 June", "said",
     "the summit", "Kim", "Trump", "Pompeo", "next month", "2019", "early 2019", "yesterday",
     "> ", "- ", "1. ", "**", "_", "`", "[x](y)", "<b>", "</b>", "\n", "\n\n", "#", "|", ".",
     ",", "  ", "—", "é", "北京", "<script>", "&amp;", "\\"])


def _check_problems(problems: list[object], text: str) -> None:
    lines = text.count("\n") + 2  # one past the end: "missing" problems may point after it
    for problem in problems:
        assert problem.line >= 1 and problem.col >= 1, problem  # type: ignore[attr-defined]
        assert problem.line <= lines, problem  # type: ignore[attr-defined]
        assert problem.message and problem.severity in ("error", "warning")  # type: ignore


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=st.lists(YAML_ALPHABET, max_size=60).map("".join),
       kind=st.sampled_from(["article", "note"]))
def test_parse_document_never_raises_on_front_matter_like_text(body: str, kind: str) -> None:
    text = "---\n" + body + "\n---\nSome text on Tuesday.\n"
    document, problems = loader.parse_document(f"{kind}s/x.md", kind, text, "digest")
    _check_problems(list(problems), text)
    if document is None:
        assert any(p.severity == "error" for p in problems)


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=400), kind=st.sampled_from(["article", "note"]))
def test_parse_document_never_raises_on_any_text(text: str, kind: str) -> None:
    document, problems = loader.parse_document(f"{kind}s/x.md", kind, text, "digest")
    _check_problems(list(problems), text)
    assert document is not None or problems


@settings(max_examples=200, deadline=None)
@given(raw=st.binary(max_size=300))
def test_decode_never_raises_and_points_inside_the_file(raw: bytes) -> None:
    text, problem = loader.decode("notes/x.md", raw)
    if problem is None:
        assert "\r" not in text and not text.startswith("\ufeff")
    else:
        assert 1 <= problem.line <= raw.count(b"\n") + 1
        assert problem.col >= 1


@settings(max_examples=100, deadline=None)
@given(value=st.one_of(st.integers(-10**20, 10**20), st.floats(allow_nan=True),
                       st.text(max_size=30), st.booleans(), st.none()))
def test_any_date_value_is_an_error_or_a_date(value: object) -> None:
    from dateline.content import schema

    check = schema.Checker("notes/x.md")
    date, _end, _mod = check.date({"date": Marked(value, 2, 7)}, "date", required=True)
    assert bool(date) != bool(check.problems)


@settings(max_examples=150, deadline=None)
@given(words=st.lists(MD_WORDS, max_size=40),
       anchor=st.one_of(st.none(), st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31))))
def test_tagger_end_to_end_spans_index_the_text(words: list[str], anchor: dt.date | None) -> None:
    from dateline.timex import tag

    text = " ".join(words)
    found = tag(text, anchor)
    previous_end = 0
    for timex in found:
        assert previous_end <= timex.start < timex.end <= len(text)
        assert text[timex.start:timex.end] == timex.text
        previous_end = timex.end
    assert tag(text, anchor) == found  # pure: same input, same output


# --- the whole pipeline ---------------------------------------------------------------------

DATES = st.one_of(
    st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)).map(dt.date.isoformat),
    st.sampled_from(["2018", "2018-06", "early 2019", "2018-W48", "2019-02-27/2019-02-28",
                     "2018-02-30", "0000-01-01", "9999-12-31", "summer 2018", "1", "x"]))
ARTICLE = st.builds(
    lambda title, date, words: (f"---\ntitle: {json.dumps(title)}\ndate: {date}\n---\n"
                                + " ".join(words) + "\n"),
    st.text(min_size=1, max_size=30), DATES, st.lists(MD_WORDS, max_size=60))
NOTE = st.builds(
    lambda title, date, words: (f"---\ndate: {date}\ntitle: {json.dumps(title)}\n---\n"
                                + " ".join(words) + "\n"),
    st.text(min_size=1, max_size=30), DATES, st.lists(MD_WORDS, max_size=20))


def _site_bytes(root: Path) -> dict[str, bytes]:
    site = root / "site"
    return {p.relative_to(site).as_posix(): p.read_bytes()
            for p in sorted(site.rglob("*")) if p.is_file() and "pagefind" not in p.parts}


@pytest.mark.slow
@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                 HealthCheck.data_too_large])
@given(articles=st.lists(ARTICLE, max_size=4), notes=st.lists(NOTE, max_size=4))
def test_random_sites_build_without_crashing_and_deterministically(
        tmp_path_factory: pytest.TempPathFactory, articles: list[str], notes: list[str]) -> None:
    base = tmp_path_factory.mktemp("fuzz")
    os.environ["SOURCE_DATE_EPOCH"] = "1544227200"
    try:
        results = []
        for attempt in ("first", "second"):
            root = make_project(base / attempt)
            for index, text in enumerate(articles):
                (root / "content" / "articles" / f"a{index}.md").write_text(text, "utf-8")
            for index, text in enumerate(notes):
                (root / "content" / "notes" / f"n{index}.md").write_text(text, "utf-8")
            code, out, err = run_cli("--root", str(root), "build", "--no-cache", "--jobs", "1")
            assert code in (0, 1), err
            assert "Traceback" not in err
            assert out.startswith("Built site/: ")
            assert code == (1 if ": error: " in err else 0)
            results.append((code, err, _site_bytes(root)))
        assert results[0] == results[1]
    finally:
        os.environ.pop("SOURCE_DATE_EPOCH", None)
        shutil.rmtree(base, ignore_errors=True)
