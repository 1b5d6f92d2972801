"""Per-document extraction results kept between builds in an SQLite file under ``.cache/``.

Keys are chosen by the pipeline (file digest + tagger and extractor versions),
so a stale entry is simply never asked for again.  The cache is an
optimisation only: a corrupt, foreign, locked or out-of-date file costs a
rebuild, never a crash.  Values are pickles of ``Extraction``; the file is the
user's own, written by this program, so unpickling it is as safe as the code.
"""

from __future__ import annotations

import logging
import pickle
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import fields
from pathlib import Path
from types import TracebackType

from dateline.models import Extraction, Problem

log = logging.getLogger(__name__)

APPLICATION_ID = 0x44544C4E  # "DTLN": marks the file as ours
SCHEMA_VERSION = 1
DEFAULT_NAME = "extractions.sqlite3"  # used when ``open`` is given the folder
BUSY_TIMEOUT_SECONDS = 5.0  # how long a second build waits for the first one's write
_CHUNK = 500  # keys per SELECT, under SQLite's bound-parameter limit
_SCHEMA = "CREATE TABLE IF NOT EXISTS extractions (key TEXT PRIMARY KEY, value BLOB NOT NULL)"
# What a pickle from another version of the models (or a damaged blob) can raise.
_UNPICKLE_ERRORS = (
    pickle.UnpicklingError, AttributeError, ImportError, EOFError, TypeError, ValueError,
    IndexError, KeyError,
)


_FIELDS = tuple(field.name for field in fields(Extraction))


class _ForeignFile(Exception):
    """The file is an SQLite database, but not one of ours (or not of this schema)."""


def _connect(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(
        path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None, check_same_thread=False
    )
    try:
        _prepare(connection)
    except BaseException:
        connection.close()
        raise
    return connection


def _prepare(connection: sqlite3.Connection) -> None:
    """Check the file is ours (or new) and set it up; raises for foreign or corrupt files."""
    application_id = connection.execute("PRAGMA application_id").fetchone()[0]
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    if application_id == 0:
        tables = connection.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if tables:
            raise _ForeignFile("an SQLite file that Dateline did not write")
        connection.execute("BEGIN IMMEDIATE")
        connection.execute(_SCHEMA)
        connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        connection.execute("COMMIT")
    elif application_id != APPLICATION_ID:
        raise _ForeignFile(f"an SQLite file of another program (id {application_id:#x})")
    elif version != SCHEMA_VERSION:
        raise _ForeignFile(f"cache schema {version}, expected {SCHEMA_VERSION}")
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = NORMAL")


def _remove_database(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)


def _ensure_folder(folder: Path) -> None:
    """Create the cache folder with a .gitignore so it is never committed."""
    if folder.is_dir():
        return
    folder.mkdir(parents=True, exist_ok=True)
    (folder / ".gitignore").write_text("*\n", encoding="utf-8")


def _chunks(keys: list[str]) -> Iterator[list[str]]:
    for start in range(0, len(keys), _CHUNK):
        yield keys[start : start + _CHUNK]


class ExtractionCache:
    """``Extraction`` values by key.  Thread-safe; open with ``ExtractionCache.open(path)``."""

    def __init__(self, path: Path, connection: sqlite3.Connection | None) -> None:
        self.path = path
        self._connection = connection
        self._lock = threading.Lock()
        self.problems: list[Problem] = []

    @classmethod
    def open(cls, path: Path) -> ExtractionCache:
        """Open (or create) the cache file at ``path``; replace it if it is not a usable cache.

        If even a fresh file cannot be made (read-only folder, disk full) the
        cache works as an always-empty one and ``problems`` says why.
        """
        path = Path(path)
        if path.is_dir():
            path = path / DEFAULT_NAME
        cache = cls(path, None)
        try:
            _ensure_folder(path.parent)
            cache._connection = cache._open_or_replace()
        except (OSError, sqlite3.Error) as error:
            cache._warn(f"extraction cache disabled: {error}", "is the .cache folder writable?")
        return cache

    def _open_or_replace(self) -> sqlite3.Connection:
        try:
            return _connect(self.path)
        except (_ForeignFile, sqlite3.DatabaseError) as error:
            if isinstance(error, sqlite3.OperationalError) and "locked" in str(error):
                raise  # another build holds it: not ours to delete
            self._warn(f"replaced unusable extraction cache: {error}", "")
            _remove_database(self.path)
            return _connect(self.path)

    def _warn(self, message: str, hint: str) -> None:
        log.warning("%s: %s", self.path, message)
        self.problems.append(Problem(str(self.path), 0, 0, "warning", message, hint))

    def get_many(self, keys: Iterable[str]) -> dict[str, Extraction]:
        """The cached extractions among ``keys``; unreadable or old-format rows are misses."""
        wanted = list(dict.fromkeys(keys))
        found: dict[str, Extraction] = {}
        with self._lock:
            if self._connection is None:
                return found
            try:
                for chunk in _chunks(wanted):
                    marks = ",".join("?" * len(chunk))
                    rows = self._connection.execute(
                        f"SELECT key, value FROM extractions WHERE key IN ({marks})", chunk
                    ).fetchall()
                    found.update(_unpickled(rows))
            except sqlite3.Error as error:
                self._warn(f"could not read the extraction cache: {error}", "")
        return found

    def put_many(self, items: Mapping[str, Extraction]) -> None:
        """Store ``items`` in one transaction (skipped with a warning if the file is locked)."""
        rows = [(key, pickle.dumps(value, pickle.HIGHEST_PROTOCOL)) for key, value in items.items()]
        with self._lock:
            if self._connection is None or not rows:
                return
            try:
                with self._connection:  # commits, or rolls back on error
                    self._connection.execute("BEGIN IMMEDIATE")
                    self._connection.executemany(
                        "INSERT OR REPLACE INTO extractions (key, value) VALUES (?, ?)", rows
                    )
            except sqlite3.Error as error:
                self._warn(f"could not write the extraction cache: {error}", "")

    def close(self) -> None:
        with self._lock:
            if self._connection is not None:
                self._connection.close()
                self._connection = None

    def __enter__(self) -> ExtractionCache:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def _unpickled(rows: Iterable[tuple[str, bytes]]) -> Iterator[tuple[str, Extraction]]:
    for key, blob in rows:
        try:
            value = pickle.loads(blob)
        except _UNPICKLE_ERRORS:
            continue  # written by an older Dateline: a miss, rebuilt and overwritten
        # A pickle of an older Extraction can lack fields added since.
        if isinstance(value, Extraction) and all(hasattr(value, name) for name in _FIELDS):
            yield key, value
