"""ExtractionCache: round trips, robustness against bad files, two writers at once."""

from __future__ import annotations

import logging
import pickle
import sqlite3
import threading
from pathlib import Path

import pytest

from dateline.models import Event, Extraction, Problem, Source, Timex
from dateline.pipeline.cache import APPLICATION_ID, ExtractionCache


def extraction(path: str, value: str = "2018-12-08") -> Extraction:
    return Extraction(
        path=path,
        anchor="2018-12-08",
        timexes=(Timex(10, 18, "Saturday", "DATE", value, rule="weekday"),),
        events=(
            Event(
                id="e1",
                date=value,
                summary="Talks resumed",
                actors=("USA", "PRK"),
                sources=(Source(path=path, line=3, title="Seed"),),
            ),
        ),
        problems=(Problem(path, 1, 1, "warning", "no publisher"),),
    )


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / ".cache" / "extractions.sqlite3"


def test_round_trip(db: Path) -> None:
    items = {"k1": extraction("articles/a.md"), "k2": extraction("notes/b.md", "2019-02")}
    with ExtractionCache.open(db) as cache:
        cache.put_many(items)
        assert cache.get_many(["k1", "k2", "missing"]) == items
    with ExtractionCache.open(db) as cache:  # persisted across opens
        assert cache.get_many(["k2"]) == {"k2": items["k2"]}
        assert cache.problems == []


def test_creates_the_folder_with_a_gitignore(db: Path) -> None:
    ExtractionCache.open(db).close()
    assert (db.parent / ".gitignore").read_text(encoding="utf-8") == "*\n"


def test_opening_the_folder_uses_the_default_file(db: Path) -> None:
    db.parent.mkdir()
    with ExtractionCache.open(db.parent) as cache:
        cache.put_many({"k": extraction("a.md")})
    with ExtractionCache.open(db) as cache:
        assert "k" in cache.get_many(["k"])


def test_uses_wal_and_is_marked_as_ours(db: Path) -> None:
    ExtractionCache.open(db).close()
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert connection.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID


def test_put_replaces_existing_keys(db: Path) -> None:
    with ExtractionCache.open(db) as cache:
        cache.put_many({"k": extraction("a.md", "2018")})
        cache.put_many({"k": extraction("a.md", "2019")})
        assert cache.get_many(["k"])["k"].events[0].date == "2019"


def test_many_keys_at_once(db: Path) -> None:
    items = {f"key-{n}": extraction(f"articles/{n}.md") for n in range(2500)}
    with ExtractionCache.open(db) as cache:
        cache.put_many(items)
        assert cache.get_many(items) == items


def test_corrupt_file_is_replaced_with_a_warning(
    db: Path, caplog: pytest.LogCaptureFixture
) -> None:
    db.parent.mkdir()
    db.write_bytes(b"this is not a database" * 100)
    with caplog.at_level(logging.WARNING), ExtractionCache.open(db) as cache:
        assert cache.get_many(["k"]) == {}
        cache.put_many({"k": extraction("a.md")})
        assert "k" in cache.get_many(["k"])
    assert len(cache.problems) == 1
    assert cache.problems[0].severity == "warning"
    assert cache.notices == cache.problems  # said in the build report, not on the log
    assert "moved it to extractions.sqlite3.corrupt" in cache.notices[0].message
    assert caplog.text == ""


def test_foreign_sqlite_file_is_replaced(db: Path) -> None:
    db.parent.mkdir()
    with sqlite3.connect(db) as connection:
        connection.execute("CREATE TABLE people (name TEXT)")
    with ExtractionCache.open(db) as cache:
        cache.put_many({"k": extraction("a.md")})
        assert "k" in cache.get_many(["k"])
    assert "did not write" in cache.problems[0].message


def test_cache_of_another_schema_version_is_replaced(db: Path) -> None:
    ExtractionCache.open(db).close()
    with sqlite3.connect(db) as connection:
        connection.execute("PRAGMA user_version = 99")
    with ExtractionCache.open(db) as cache:
        assert cache.get_many(["k"]) == {}
    assert "schema 99" in cache.problems[0].message


def test_unreadable_rows_are_misses(db: Path) -> None:
    with ExtractionCache.open(db) as cache:
        cache.put_many({"good": extraction("a.md")})
    with sqlite3.connect(db) as connection:
        rows = [
            ("garbage", b"\x80\x05not a pickle"),
            ("other-type", pickle.dumps({"path": "a.md"})),
            # A pickle naming a class that no longer exists (an older Dateline).
            ("old-class", b"\x80\x04\x95\x1f\x00\x00\x00\x00\x00\x00\x00\x8c\x0fdateline.models"
                          b"\x94\x8c\x06Gone99\x94\x93\x94)\x81\x94."),
        ]
        connection.executemany("INSERT INTO extractions VALUES (?, ?)", rows)
    with ExtractionCache.open(db) as cache:
        found = cache.get_many(["good", "garbage", "other-type", "old-class"])
    assert list(found) == ["good"]


def test_pickle_missing_a_field_is_a_miss(db: Path) -> None:
    old = extraction("a.md")
    object.__delattr__(old, "anchor")  # as if pickled before "anchor" existed
    with ExtractionCache.open(db) as cache:
        cache.put_many({"old": old})
        assert cache.get_many(["old"]) == {}


def test_two_caches_writing_at_once_lose_nothing(db: Path) -> None:
    ExtractionCache.open(db).close()
    errors: list[BaseException] = []

    def writer(prefix: str) -> None:
        try:
            with ExtractionCache.open(db) as cache:
                for n in range(40):
                    cache.put_many({f"{prefix}-{n}": extraction(f"{prefix}/{n}.md")})
                    cache.get_many([f"{prefix}-{n}"])
                assert cache.problems == []
        except BaseException as error:  # reported below, in the test's thread
            errors.append(error)

    threads = [threading.Thread(target=writer, args=(name,)) for name in ("one", "two")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with ExtractionCache.open(db) as cache:
        keys = [f"{p}-{n}" for p in ("one", "two") for n in range(40)]
        assert len(cache.get_many(keys)) == 80
        with sqlite3.connect(db) as check:
            assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_unwritable_location_disables_the_cache(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    with ExtractionCache.open(blocker / "sub" / "x.sqlite3") as cache:  # parent is a file
        cache.put_many({"k": extraction("a.md")})
        assert cache.get_many(["k"]) == {}
    assert "disabled" in cache.problems[0].message


def test_close_is_idempotent_and_closed_cache_misses(db: Path) -> None:
    cache = ExtractionCache.open(db)
    cache.close()
    cache.close()
    assert cache.get_many(["k"]) == {}
