"""ARCHITECTURE.md opens with the folder tree: every module of ``dateline/`` is in it, in its
folder, so a newcomer finds each stage from the tree alone (issue 21)."""

from __future__ import annotations

import re

from tests.conftest import REPO


def tree() -> dict[str, set[str]]:
    """Each folder of the tree block (``""`` for ``dateline/`` itself) → the names listed in it."""
    text = (REPO / "ARCHITECTURE.md").read_text(encoding="utf-8")
    block = text.split("## Where everything is", 1)[1].split("```", 2)[1]
    listed: dict[str, set[str]] = {}
    folders: list[tuple[int, str]] = []
    for line in block.splitlines()[2:]:  # after "dateline/"
        depth = (len(line) - len(line.lstrip(" "))) // 2 - 1
        if depth < 0 or not line.strip():
            continue
        folders = [f for f in folders if f[0] < depth]
        where = "/".join(name for _d, name in folders)
        words = re.split(r"\s{2,}", line.strip(), maxsplit=1)[0]
        for name in (n.strip() for n in words.split(",")):
            listed.setdefault(where, set()).add(name)
            if name.endswith("/"):
                folders.append((depth, name.rstrip("/")))
    return listed


def test_every_module_is_in_the_tree_in_its_folder() -> None:
    listed = tree()
    package = REPO / "dateline"
    missing = []
    for path in sorted(package.rglob("*.py")):
        rel = path.relative_to(package)
        if path.name == "__init__.py" or "data" in rel.parts:
            continue
        folder = "/".join(rel.parts[:-1])
        if path.name not in listed.get(folder, set()):
            missing.append(rel.as_posix())
    assert missing == []


def test_the_tree_names_no_module_that_is_gone() -> None:
    package = REPO / "dateline"
    gone = [f"{folder}/{name}".lstrip("/") for folder, names in tree().items() for name in names
            if name.endswith(".py") and not (package / folder / name).is_file()]
    assert gone == []
