"""Turn watchdog's file-system events into classified ``Change`` batches."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from watchdog.events import (
    EVENT_TYPE_CLOSED,
    EVENT_TYPE_CREATED,
    EVENT_TYPE_DELETED,
    EVENT_TYPE_MODIFIED,
    EVENT_TYPE_MOVED,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver
from watchdog.observers.polling import PollingObserver

from dateline.models import Change
from dateline.serve.classify import classify

# "opened" and "closed_no_write" are left out on purpose: the build itself opens
# every watched file, and reacting to that would rebuild forever.
RELEVANT_EVENTS = frozenset(
    {EVENT_TYPE_CREATED, EVENT_TYPE_DELETED, EVENT_TYPE_MODIFIED, EVENT_TYPE_MOVED,
     EVENT_TYPE_CLOSED}
)
POLL_INTERVAL = 0.25


def watch_roots(watch: Mapping[str, Path]) -> list[tuple[Path, bool]]:
    """(folder, recursive) pairs to schedule: folders recursively, files via their parent.

    A file (or a path that does not exist yet) is watched through its parent
    folder without recursion; ``classify`` then keeps only the file itself.
    Folders already covered by a recursive watch are not scheduled twice.
    """
    wanted: dict[Path, bool] = {}
    for target in watch.values():
        absolute = Path(os.path.abspath(target))
        if absolute.is_dir():
            wanted[absolute] = True
        elif absolute.parent.is_dir():
            wanted.setdefault(absolute.parent, False)
    recursive = [root for root, deep in wanted.items() if deep]
    return [
        (root, deep)
        for root, deep in sorted(wanted.items())
        if not any(root != other and root.is_relative_to(other) for other in recursive)
    ]


class ChangeHandler(FileSystemEventHandler):
    """Classifies each relevant event's path(s) and passes the changes on."""

    def __init__(
        self,
        watch: Mapping[str, Path],
        on_changes: Callable[[Sequence[Change]], None],
        ignore_under: Sequence[Path] = (),
    ) -> None:
        self._watch = dict(watch)
        self._on_changes = on_changes
        self._ignore_under = tuple(Path(os.path.abspath(p)) for p in ignore_under)

    def changes_for(self, event: FileSystemEvent) -> list[Change]:
        """The changes ``event`` means (empty for noise)."""
        if event.event_type not in RELEVANT_EVENTS:
            return []
        if event.is_directory and event.event_type == EVENT_TYPE_MODIFIED:
            return []  # a folder's mtime moves whenever a file in it changes
        paths = [os.fsdecode(event.src_path)]
        if event.event_type == EVENT_TYPE_MOVED and event.dest_path:
            paths.append(os.fsdecode(event.dest_path))
        changes = []
        for path in paths:
            # The site folder is written by the build; never rebuild because of it.
            if any(Path(path).is_relative_to(root) for root in self._ignore_under):
                continue
            change = classify(path, self._watch)
            if change is not None:
                changes.append(change)
        return changes

    def on_any_event(self, event: FileSystemEvent) -> None:
        changes = self.changes_for(event)
        if changes:
            self._on_changes(changes)


def start_observer(
    watch: Mapping[str, Path],
    on_changes: Callable[[Sequence[Change]], None],
    *,
    poll: bool = False,
    ignore_under: Sequence[Path] = (),
) -> BaseObserver:
    """A started watchdog observer (native, or polling with ``poll``) feeding ``on_changes``."""
    observer: BaseObserver = PollingObserver(timeout=POLL_INTERVAL) if poll else Observer()
    handler = ChangeHandler(watch, on_changes, ignore_under)
    for root, recursive in watch_roots(watch):
        observer.schedule(handler, str(root), recursive=recursive)
    observer.start()
    return observer
