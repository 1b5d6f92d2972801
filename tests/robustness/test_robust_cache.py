"""A damaged extraction cache is said once, moved aside and rebuilt; later builds are silent.

Real builds (the command line, in this process) of a generated project whose
``.cache/extract.sqlite`` is then damaged three ways: garbage bytes, a real cache cut in half,
and a real cache whose pages past the header are overwritten (a file SQLite opens, whose
damage only a check or a read finds).  Before the repair, the last kind warned on the log of
every later build and was never replaced, and no kind reached the build's report.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from dateline.models import Extraction
from dateline.pipeline.cache import ExtractionCache
from tests.conftest import make_project, run_cli
from tests.robustness.test_robust_faults import EPOCH, generate_corpus, snapshot

CACHE = ".cache/extract.sqlite"
NOTE = ("---\nid: {name}\ndate: 2019-0{n}-01\ntitle: Added {name}\n"
        "sources: [https://example.org/{name}]\n---\nText.\n")


def _garbage(data: bytes) -> bytes:
    return b"this is not a database\n" * (len(data) // 23)


def _truncated(data: bytes) -> bytes:
    return data[: len(data) // 2]


def _overwritten(data: bytes) -> bytes:
    return data[:4096] + b"\xff" * (len(data) - 8192) + data[-4096:]


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)  # builds of the same content: same bytes


def _build(root: Path, *extra: str) -> tuple[list[str], str]:
    """(the lines of a build's report that are about the cache, its summary line)."""
    code, out, err = run_cli("--root", str(root), "build", "--jobs", "1", *extra)
    assert code == 0, err
    return [line for line in err.splitlines()
            if CACHE in line and not line.startswith("  hint:")], out


def _add_note(root: Path, name: str, n: int) -> None:
    """A change, so the next build is a real one (reading the cache), not a no-op."""
    (root / "content" / "notes" / f"{name}.md").write_text(NOTE.format(name=name, n=n),
                                                           encoding="utf-8")


@pytest.mark.parametrize("damage", [_garbage, _truncated, _overwritten])
def test_damaged_cache_is_said_once_set_aside_and_rebuilt(
        tmp_path: Path, damage: Callable[[bytes], bytes]) -> None:
    root = make_project(tmp_path / "project")
    generate_corpus(root / "content", articles=60, notes=0)
    assert _build(root)[0] == []
    cache = root / CACHE
    damaged = damage(cache.read_bytes())
    cache.write_bytes(damaged)

    _add_note(root, "first", 1)
    said, _summary = _build(root)
    assert len(said) == 1, said
    assert said[0].startswith(f"{CACHE}:0:0: warning: the extraction cache was unusable (")
    assert said[0].endswith("); moved it to extract.sqlite.corrupt and started a new one")
    assert (root / f"{CACHE}.corrupt").read_bytes() == damaged  # kept for a post-mortem
    with sqlite3.connect(cache) as connection:  # the new cache is sound and filled
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert connection.execute("SELECT count(*) FROM extractions").fetchone()[0] == 60 + 1

    _add_note(root, "second", 2)
    assert _build(root)[0] == []  # a real build, reading the new cache: silent
    assert _build(root)[0] == []  # a no-op build does not repeat the last one's notice
    assert (root / f"{CACHE}.corrupt").read_bytes() == damaged

    fresh = make_project(tmp_path / "fresh")
    shutil.rmtree(fresh / "content")
    shutil.copytree(root / "content", fresh / "content")
    assert _build(fresh, "--no-cache")[0] == []
    assert snapshot(root / "site") == snapshot(fresh / "site")  # search index included


def test_the_notice_has_a_hint_naming_the_file_set_aside(tmp_path: Path) -> None:
    root = make_project(tmp_path / "project")
    _add_note(root, "only", 1)
    (root / ".cache").mkdir()
    (root / CACHE).write_bytes(b"\0garbage" * 1000)
    code, _out, err = run_cli("--root", str(root), "build", "--jobs", "1")
    assert code == 0
    assert err == (f"{CACHE}:0:0: warning: the extraction cache was unusable (file is not a "
                   "database); moved it to extract.sqlite.corrupt and started a new one\n"
                   f"  hint: nothing to do: documents are extracted again; delete "
                   f"{CACHE}.corrupt when you no longer need it (if this recurs, check the "
                   "disk)\n")


def test_damage_found_by_a_read_after_opening_is_repaired_once(tmp_path: Path) -> None:
    path = tmp_path / ".cache" / "extract.sqlite"
    rows = {f"key-{n:05d}": Extraction(f"a{n}.md", "", (), (), ()) for n in range(20_000)}
    with ExtractionCache.open(path) as cache:
        cache.put_many(rows)
    with ExtractionCache.open(path, CACHE) as cache:  # sound when opened: quick_check passes
        data = path.read_bytes()
        path.write_bytes(_overwritten(data))  # then damaged under the open connection
        assert cache.get_many(rows) == {}  # nothing read from a damaged file is trusted
        cache.put_many({"key-00001": rows["key-00001"]})
        assert cache.get_many(["key-00001", "key-00002"]) == {"key-00001": rows["key-00001"]}
    assert [p.message.split(" (")[0] for p in cache.notices] == [
        "the extraction cache was unusable"]
    assert cache.problems == cache.notices
    assert (path.parent / "extract.sqlite.corrupt").read_bytes() == _overwritten(data)
