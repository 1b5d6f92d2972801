"""The write stage: the only code that writes the site.

A full build writes a complete new tree beside the output (``new_tree``; several processes may
fill it at once, each with its own files: which process writes what is the caller's choice) and
swaps it in with one atomic ``renameat2(RENAME_EXCHANGE)`` (two renames where the kernel lacks
it), so a failed or killed build leaves the previous site intact.  Files whose bytes did not
change are hard-linked from the old tree, so they keep their identity and mtime.  The dev server
instead updates the live tree file by file (each file replaced atomically), which is what makes
a one-article rebuild fast.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import shutil
import tempfile
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from dateline.pipeline.pausepoints import pause_at

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100
Filled = tuple[list[str], list[str]]  # one share of files written: (changed, unchanged) paths


class WriteError(OSError):
    """The site could not be written; the previous site is untouched."""


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths (Linux renameat2); False when unsupported."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(a))


@contextmanager
def _site_lock(out_dir: Path) -> Iterator[None]:
    """Serialize concurrent builds of the same output (the swap step only)."""
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    lock_path = out_dir.parent / f".{out_dir.name}.lock"
    with lock_path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _same_bytes(path: Path, data: bytes) -> bool:
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def _fill(tree: Path, old: Path, files: Iterable[tuple[str, bytes | Path]]) -> Filled:
    """Write changed ``files`` under ``tree``. Returns (changed, unchanged) paths.

    Unchanged files are only listed: ``_link_unchanged`` links them once it is known that the
    site changed at all (a build that changes nothing creates no tree: no links, no swap).
    Files are consumed one at a time, so a streamed site is never held in memory whole.
    """
    changed, unchanged = [], []
    folders: set[str] = set()
    for rel, content in files:
        if not rel or rel.startswith("/") or ".." in rel.split("/"):  # defence in depth
            raise OSError(errno.EINVAL, f"refusing a path outside the site: {rel!r}")
        data = content.read_bytes() if isinstance(content, Path) else content
        if _same_bytes(old / rel, data):
            unchanged.append(rel)
            continue
        _make_parent(tree, rel, folders)
        (tree / rel).write_bytes(data)
        changed.append(rel)
        if len(changed) == 1:  # test hook: the new tree is now half written
            pause_at("writing")
    return changed, unchanged


def _make_parent(tree: Path, rel: str, folders: set[str]) -> None:
    """mkdir of the file's folder, once per folder (most pages live in a folder of their own)."""
    folder = rel.rpartition("/")[0]
    if folder and folder not in folders:
        os.makedirs(tree / folder, exist_ok=True)
        folders.add(folder)


def _same_files(tree: Path, old: Path, paths: Iterable[str]) -> bool:
    """True when every one of ``paths`` has the same bytes in both trees."""
    return all(_same_bytes(old / rel, (tree / rel).read_bytes()) for rel in paths)


def _link_unchanged(tree: Path, old: Path, unchanged: Iterable[str]) -> None:
    """Hard-link unchanged files from the old tree (they keep their identity and mtime)."""
    folders: set[str] = set()
    for rel in unchanged:
        _make_parent(tree, rel, folders)
        try:
            os.link(old / rel, tree / rel)
        except OSError:  # different filesystem or no hard links: copy it instead
            shutil.copyfile(old / rel, tree / rel)


def _removed(old: Path, kept: set[str]) -> list[str]:
    """Files of the old tree that the new one does not have (one os.walk, not rglob)."""
    if not old.is_dir():
        return []
    top = os.fspath(old)
    gone: list[str] = []
    for folder, _dirs, names in os.walk(top):
        prefix = os.path.relpath(folder, top).replace(os.sep, "/") + "/"
        prefix = "" if prefix == "./" else prefix
        gone.extend(prefix + name for name in names if prefix + name not in kept)
    return sorted(gone)


def clean_leftovers(out_dir: Path) -> None:
    """Remove temporary trees left by a build that was killed before it could swap.

    A tree some other build is still writing is locked (``_claim``) and stays.
    """
    if not out_dir.parent.is_dir():
        return
    for stale in out_dir.parent.glob(f".{out_dir.name}.tmp-*"):
        try:
            claim = _claim(stale)
        except OSError:  # being written (locked), or already gone
            continue
        try:
            shutil.rmtree(stale, ignore_errors=True)
        finally:
            os.close(claim)


def _claim(tree: Path) -> int:
    """An open descriptor holding ``tree``'s lock (OSError if another build holds it).

    The lock lives as long as the descriptor, in this process and the workers it forks, and is
    released by the kernel when they die: a killed build's tree is then free to clean.
    """
    descriptor = os.open(tree, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(descriptor)
        raise
    return descriptor


@dataclass(frozen=True)
class NewTree:
    """The temporary tree of a full build (``new_tree``): filled, then swapped in."""

    path: Path
    out_dir: Path  # the live site it will replace

    def fill(self, files: Iterable[tuple[str, bytes | Path]]) -> Filled:
        """Write the changed ones of ``files`` into the tree (the unchanged are linked by
        ``swap_in``).  Several processes may fill it at once, each with its own share of the
        files: no path may be in two shares."""
        return _fill(self.path, self.out_dir, files)

    def swap_in(self, filled: Sequence[Filled], finish: Callable[[Path], None] | None = None
                ) -> list[str]:
        """The tree completed and swapped in for the site, atomically; the changed and removed
        paths.  ``filled``: what every ``fill`` of it returned.  ``finish`` runs on the complete
        tree just before the swap (the search indexer adds its files there, so the published
        site never has an index that does not match its pages)."""
        return _swapped_in(self.path, self.out_dir, filled, finish)


@contextmanager
def new_tree(out_dir: Path) -> Iterator[NewTree]:
    """A new, empty tree beside ``out_dir`` (a link to a folder: beside that folder), locked
    while the block fills and swaps it in.  When the block fails, the tree is removed and the
    site is left as it was; an ``OSError`` becomes a ``WriteError``."""
    out_dir = out_dir.absolute()
    if out_dir.is_symlink():  # swap the folder the link points to; the link stays
        out_dir = out_dir.resolve()
    tree: Path | None = None
    claim: int | None = None
    try:
        if out_dir.exists() and not out_dir.is_dir():  # never swap a user's file away
            raise OSError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(out_dir))
        clean_leftovers(out_dir)
        tree = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.tmp-", dir=out_dir.parent))
        claim = _claim(tree)  # a concurrent build's clean_leftovers must not take it away
        yield NewTree(tree, out_dir)
    except OSError as exc:
        if tree is not None:
            shutil.rmtree(tree, ignore_errors=True)
        raise WriteError(exc.errno or 0, f"cannot write the site to {out_dir}: "
                         f"{exc.strerror or exc}") from exc
    except BaseException:  # e.g. a template error while a streamed site was being rendered
        if tree is not None:
            shutil.rmtree(tree, ignore_errors=True)
        raise
    finally:
        if claim is not None:
            os.close(claim)


def write_site(out_dir: Path, files: Iterable[tuple[str, bytes | Path]],
               finish: Callable[[Path], None] | None = None) -> list[str]:
    """Replace ``out_dir`` with exactly ``files``, atomically. Returns changed/removed paths.

    ``finish`` runs on the complete temporary tree just before the swap (``NewTree.swap_in``).
    """
    with new_tree(out_dir) as tree:
        return tree.swap_in([tree.fill(files)], finish)


def _swapped_in(tree: Path, out_dir: Path, filled: Sequence[Filled],
                finish: Callable[[Path], None] | None) -> list[str]:
    """The written ``tree`` completed (unchanged files linked, ``finish``) and swapped in;
    the changed and removed paths.  A tree identical to the site is removed instead."""
    changed = [rel for share_changed, _ in filled for rel in share_changed]
    unchanged = [rel for _, share_unchanged in filled for rel in share_unchanged]
    written = dict.fromkeys(changed + unchanged)
    if finish is None and not changed and out_dir.is_dir() \
            and not _removed(out_dir, set(written)):
        shutil.rmtree(tree)  # the site is already exactly this: leave it untouched
        return []
    _link_unchanged(tree, out_dir, unchanged)
    if finish is not None:
        finish(tree)
        added = [p.relative_to(tree).as_posix() for p in tree.rglob("*")
                 if p.is_file() and p.relative_to(tree).as_posix() not in written]
        written.update(dict.fromkeys(added))
        if not changed and _same_files(tree, out_dir, added) \
                and not _removed(out_dir, set(written)):
            shutil.rmtree(tree)  # e.g. the same search index for the same pages
            return []
    tree.chmod(0o755)
    with _site_lock(out_dir):
        removed = _removed(out_dir, set(written))
        pause_at("swapping")
        if out_dir.exists() and _exchange(tree, out_dir):
            pause_at("swapped")
            shutil.rmtree(tree)
        else:
            _two_step_swap(tree, out_dir)
    return sorted(changed + removed)


def _two_step_swap(tree: Path, out_dir: Path) -> None:
    if not out_dir.exists():
        os.rename(tree, out_dir)
        return
    old = out_dir.with_name(f".{out_dir.name}.tmp-old")
    shutil.rmtree(old, ignore_errors=True)
    os.rename(out_dir, old)
    os.rename(tree, out_dir)
    shutil.rmtree(old, ignore_errors=True)


def update_site(out_dir: Path, files: Mapping[str, bytes | Path], previous: set[str],
                current: Collection[str] | None = None) -> list[str]:
    """Dev-server update in place: changed files replaced one by one, stale files removed.

    ``files`` may be only the files that were rendered again; ``current`` is every file the site
    has now (default: ``files``), so what was in ``previous`` and is no longer is removed.
    """
    changed = []
    for rel in sorted(files):
        content = files[rel]
        data = content.read_bytes() if isinstance(content, Path) else content
        target = out_dir / rel
        if _same_bytes(target, data):
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(prefix=".tmp-", dir=target.parent)
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temp, 0o644)
        os.replace(temp, target)
        changed.append(rel)
    for rel in sorted(previous - set(files if current is None else current)):
        (out_dir / rel).unlink(missing_ok=True)
        _remove_empty_parents(out_dir, rel)
        changed.append(rel)
    return changed


def _remove_empty_parents(out_dir: Path, rel: str) -> None:
    """The folders of a removed page that it leaves empty (a full build would not have them)."""
    folder = (out_dir / rel).parent
    while folder != out_dir and folder.is_relative_to(out_dir):
        try:
            folder.rmdir()
        except FileNotFoundError:
            pass  # removed already, with an earlier page of it
        except OSError as exc:
            if exc.errno in (errno.ENOTEMPTY, errno.EEXIST):
                return
            raise
        folder = folder.parent
