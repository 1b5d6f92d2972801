"""Per-document extraction results kept between builds in an SQLite file under ``.cache/``.

Keys are chosen by the pipeline (file digest + tagger and extractor versions),
so a stale entry is simply never asked for again.  The cache is an
optimisation only: a corrupt, foreign, locked or out-of-date file costs a
rebuild, never a crash.  Values are pickles of ``Extraction``; the file is the
user's own, written by this program, so unpickling it is as safe as the code.

A damaged or foreign file is found once (on opening, by ``PRAGMA quick_check``,
or by a later read or write), moved aside to ``<name>.corrupt`` and replaced by
a new cache, and ``notices`` says so: the next build finds a sound file and
says nothing.
"""

from __future__ import annotations

import logging
import os
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
ASIDE_SUFFIX = ".corrupt"  # a damaged file is kept under its name plus this, for a post-mortem
_SIDECARS = ("-wal", "-shm", "-journal")  # SQLite's files beside the database
# Primary result codes of a file that is damaged or not a database at all (not of a file that
# is locked, read-only or on a full disk, which is left alone).
_DAMAGED = (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)
_SCHEMA = "CREATE TABLE IF NOT EXISTS extractions (key TEXT PRIMARY KEY, value BLOB NOT NULL)"
# What a pickle from another version of the models (or a damaged blob) can raise.
_UNPICKLE_ERRORS = (
    pickle.UnpicklingError, AttributeError, ImportError, EOFError, TypeError, ValueError,
    IndexError, KeyError,
)


_FIELDS = tuple(field.name for field in fields(Extraction))


class _ForeignFile(sqlite3.DatabaseError):
    """The file is an SQLite database, but not one of ours (or not of this schema)."""


class _Damaged(sqlite3.DatabaseError):
    """``PRAGMA quick_check`` found the file damaged."""


def _damaged(error: BaseException) -> bool:
    """Whether ``error`` says the file is unusable as a cache (not merely busy or unwritable)."""
    if isinstance(error, (_ForeignFile, _Damaged)):  # checked by ``_prepare``
        return True
    code = getattr(error, "sqlite_errorcode", None)
    return isinstance(error, sqlite3.DatabaseError) and code is not None \
        and code & 0xFF in _DAMAGED


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
    # Reads every page's structure, not the rows' contents (cheap), so a damaged file is
    # found now, once, rather than by whichever later build reads its bad page.
    verdict = str(connection.execute("PRAGMA quick_check(1)").fetchone()[0])
    if verdict != "ok":
        raise _Damaged(f"damaged: {verdict.strip().splitlines()[-1]}")


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        status = path.stat()
    except FileNotFoundError:
        return None
    return status.st_dev, status.st_ino


def _set_aside(path: Path, identity: tuple[int, int] | None) -> Path | None:
    """Move the database at ``path`` and its sidecar files to ``<name>.corrupt`` (replacing an
    older one); where to, or None if ``path`` is no longer the file found unusable
    (``identity``): a build running at the same time has replaced it already."""
    aside = path.with_name(path.name + ASIDE_SUFFIX)
    if identity is None or _identity(path) != identity:
        return None
    for suffix in _SIDECARS:
        aside.with_name(aside.name + suffix).unlink(missing_ok=True)
    os.replace(path, aside)
    for suffix in _SIDECARS:
        sidecar = path.with_name(path.name + suffix)
        if sidecar.exists():
            os.replace(sidecar, aside.with_name(aside.name + suffix))
    return aside


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

    def __init__(self, path: Path, connection: sqlite3.Connection | None,
                 shown: str | None = None) -> None:
        self.path = path
        self.shown = shown or str(path)  # the path problems name
        self._connection = connection
        self._lock = threading.Lock()
        self._opened: tuple[int, int] | None = None  # the file the connection is to
        self.problems: list[Problem] = []  # every trouble, logged as it happens
        # For the build report: the one warning that a damaged cache was replaced.  Other
        # troubles (locked by another build, unwritable folder) pass or recur, and are logged.
        self.notices: list[Problem] = []
        self._replaced = False  # a file found damaged after opening is replaced only once

    @classmethod
    def open(cls, path: Path, shown: str | None = None) -> ExtractionCache:
        """Open (or create) the cache file at ``path``; replace it if it is not a usable cache.

        If even a fresh file cannot be made (read-only folder, disk full) the
        cache works as an always-empty one and ``problems`` says why.  ``shown``: the
        path to name in problems (the project-relative one), ``path`` itself by default.
        """
        path = Path(path)
        if path.is_dir():
            path = path / DEFAULT_NAME
        cache = cls(path, None, shown)
        try:
            _ensure_folder(path.parent)
            cache._connection = cache._open_or_replace()
        except (OSError, sqlite3.Error) as error:
            cache._warn(f"extraction cache disabled: {error}", "is the .cache folder writable?")
        return cache

    def _open_or_replace(self) -> sqlite3.Connection:
        self._opened = _identity(self.path)
        try:
            return _connect(self.path)
        except sqlite3.DatabaseError as error:
            if not _damaged(error):
                raise  # locked by another build, unreadable, ...: not ours to move away
            return self._replace(error)

    def _replace(self, error: BaseException) -> sqlite3.Connection:
        """A new, empty cache in place of the unusable file (moved aside), said once."""
        aside = _set_aside(self.path, self._opened)
        if aside is None:
            log.debug("%s: replaced by another build meanwhile (%s)", self.shown, error)
        else:
            self._warn(f"the extraction cache was unusable ({error}); moved it to "
                       f"{aside.name} and started a new one",
                       f"nothing to do: documents are extracted again; delete "
                       f"{self.shown}{ASIDE_SUFFIX} when you no longer need it (if this "
                       "recurs, check the disk)", notice=True)
        self._opened = None
        connection = _connect(self.path)  # raises, to disable the cache, if even this fails
        self._opened = _identity(self.path)
        return connection

    def _warn(self, message: str, hint: str, notice: bool = False) -> None:
        log.log(logging.DEBUG if notice else logging.WARNING, "%s: %s", self.shown, message)
        problem = Problem(self.shown, 0, 0, "warning", message, hint)
        self.problems.append(problem)
        if notice:
            self.notices.append(problem)

    def _recover(self, error: sqlite3.Error, doing: str) -> bool:
        """After ``error`` while ``doing``: replace the file if it is damaged (True, once),
        else warn.  Called with the lock held."""
        if not _damaged(error) or self._replaced or self._connection is None:
            self._warn(f"could not {doing} the extraction cache: {error}", "")
            return False
        self._connection.close()
        self._connection = None
        self._replaced = True
        try:
            self._connection = self._replace(error)
        except (OSError, sqlite3.Error) as failure:
            self._warn(f"extraction cache disabled: {failure}", "is the .cache folder writable?")
            return False
        return True

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
                self._recover(error, "read")
                return {}  # rows read before from a damaged file are not trusted either
        return found

    def put_many(self, items: Mapping[str, Extraction]) -> None:
        """Store ``items`` in one transaction (skipped with a warning if the file is locked)."""
        rows = [(key, pickle.dumps(value, pickle.HIGHEST_PROTOCOL)) for key, value in items.items()]
        with self._lock:
            if self._connection is None or not rows:
                return
            try:
                self._insert(self._connection, rows)
            except sqlite3.Error as error:
                if self._recover(error, "write") and self._connection is not None:
                    self._write_again(self._connection, rows)

    def _write_again(self, connection: sqlite3.Connection, rows: list[tuple[str, bytes]]
                     ) -> None:
        try:
            self._insert(connection, rows)
        except sqlite3.Error as error:
            self._warn(f"could not write the extraction cache: {error}", "")

    @staticmethod
    def _insert(connection: sqlite3.Connection, rows: list[tuple[str, bytes]]) -> None:
        with connection:  # commits, or rolls back on error
            connection.execute("BEGIN IMMEDIATE")
            connection.executemany(
                "INSERT OR REPLACE INTO extractions (key, value) VALUES (?, ?)", rows
            )

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
