"""The `build.py timex` entry point (dateline.timex.cli.run)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from dateline.timex.cli import run


def test_file_mode_prints_one_json_line_per_expression(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Bolton said Tuesday that talks start next month.", encoding="utf-8")
    out = io.StringIO()
    assert run(str(article), "2018-12-08", None, out) == 0
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [(r["text"], r["value"]) for r in lines] == [("Tuesday", "2018-12-04"),
                                                         ("next month", "2019-01")]
    assert set(lines[0]) == {"start", "end", "text", "type", "value", "mod", "rule"}


def test_batch_mode_writes_the_scorer_format(tmp_path: Path) -> None:
    docs = tmp_path / "docs.jsonl"
    docs.write_text(json.dumps({"doc": "d1", "dct": "2018-12-08", "text": "said Sunday"}) + "\n"
                    + json.dumps({"doc": "d2", "dct": "", "text": "said Sunday"}) + "\n",
                    encoding="utf-8")
    out = io.StringIO()
    assert run(None, None, str(docs), out) == 0
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert rows == [
        {"doc": "d1", "start": 5, "end": 11, "text": "Sunday", "type": "DATE",
         "value": "2018-12-02"},
        {"doc": "d2", "start": 5, "end": 11, "text": "Sunday", "type": "DATE",
         "value": "XXXX-WXX-7"},
    ]


def test_bad_anchor_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    article = tmp_path / "a.txt"
    article.write_text("today", encoding="utf-8")
    assert run(str(article), "8/12/2018", None, io.StringIO()) == 2
    assert "--anchor" in capsys.readouterr().err


def test_unreadable_file_names_the_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "missing.txt"
    assert run(str(missing), None, None, io.StringIO()) == 2
    assert f"{missing}:1:" in capsys.readouterr().err


def test_bad_batch_line_names_file_and_line(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    docs = tmp_path / "docs.jsonl"
    docs.write_text('{"doc": "d1", "dct": "2018-12-08", "text": "today"}\n{oops\n',
                    encoding="utf-8")
    assert run(None, None, str(docs), io.StringIO()) == 2
    assert f"{docs}:2:" in capsys.readouterr().err


def test_no_input_is_an_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(None, None, None, io.StringIO()) == 2
    assert "FILE" in capsys.readouterr().err
