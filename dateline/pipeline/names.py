"""Tag and actor names as pages see them: one spelling each, and never two names on one page.

A tag's page is ``tags/<name_slug(canonical_tag(tag))>/`` and an actor's ``actors/<name_slug(
code)>/``, so that "Summit" never quietly takes over the page of "summit", "usa" that of
"USA", or "!!!" that of "???": written forms that differ from the canonical one are
warnings, and two different names that still meet on one slug ("c" and "C++") are an error
naming both, each with its file, line and column. ``slug_owners`` decides which keeps the page;
the other name gets none (every other page is still written).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from dateline.models import Document, Event, Problem
from dateline.site.slugs import canonical_tag, name_slug, slug_owners

Where = tuple[str, int, int]  # content path, line, column ("", 0, 0: nowhere in content)


def resolved_actors(actors: Iterable[str], resolve: Callable[[str], str]) -> tuple[str, ...]:
    """Actor codes as the known actors they stand for, each once, in the order written."""
    return tuple(dict.fromkeys(resolve(code) for code in actors))


def _written_tags(documents: Sequence[Document]) -> dict[tuple[str, str], Where]:
    """(path, tag as written) → where it is first written."""
    found: dict[tuple[str, str], Where] = {}
    for document in documents:
        for tag in document.tags:
            found.setdefault((document.path, tag), (document.path,
                                                    *document.position("tags", tag)))
        for entry in document.note_events:
            for tag in entry.tags:
                found.setdefault((document.path, tag), (document.path,
                                                        *entry.position("tags", tag)))
    return found


def _written_actors(documents: Sequence[Document]) -> dict[tuple[str, str], Where]:
    found: dict[tuple[str, str], Where] = {}
    for document in documents:
        for entry in document.note_events:
            for key, code in entry.written_actors():
                found.setdefault((document.path, code), (document.path,
                                                         *entry.position(key, code)))
    return found


def _first(places: dict[str, Where], name: str, where: Where) -> None:
    if name not in places or where < places[name]:
        places[name] = where


def _spellings(written: dict[tuple[str, str], Where], one_form: Callable[[str], str],
               places: dict[str, Where], message: str, hint: str) -> list[Problem]:
    """A warning for each name not written in its one form; ``places`` gets where each form is
    first written."""
    problems = []
    for (_path, name), where in sorted(written.items()):
        one = one_form(name)
        _first(places, one, where)
        if name != one:
            problems.append(Problem(*where, "warning", message.format(written=name, one=one),
                                    hint.format(one=one)))
    return problems


def name_problems(documents: Sequence[Document], timeline_events: Sequence[Event],
                  resolve: Callable[[str], str], folder: str = "content") -> list[Problem]:
    """Warnings for tags and actor codes not written in their one form, and an error for each
    name whose page another name takes (``folder``: the content folder, for hints)."""
    tags: dict[str, Where] = {}
    problems = _spellings(_written_tags(documents), canonical_tag, tags,
                          "tag '{written}' is listed as '{one}'",
                          "write it as '{one}': tags are lower case, with '-' between words, "
                          "so that each has one page")
    actors: dict[str, Where] = {}
    problems += _spellings(_written_actors(documents), resolve, actors,
                           "actor '{written}' is the known actor '{one}'", "write it as '{one}'")
    for event in timeline_events:  # extracted actors: where the sentence naming them is
        for code in event.actors:
            if code not in actors and event.sources:
                _first(actors, code, (event.sources[0].path, event.sources[0].line, 1))
    return problems + _collisions("tag", "tags", tags, folder) + \
        _collisions("actor", "actors", actors, folder)


def _collisions(kind: str, section: str, places: dict[str, Where], folder: str
                ) -> list[Problem]:
    owners = slug_owners(places)
    problems = []
    for name in sorted(places):
        slug = name_slug(name)
        owner = owners[slug]
        if owner == name:
            continue
        path, line, col = places[name]
        at = f"{folder}/{places[owner][0]}:{places[owner][1]}:{places[owner][2]}"
        problems.append(Problem(
            path, line, col, "error",
            f"{kind} '{name}' and {kind} '{owner}' ({at}) would share the page "
            f"{section}/{slug}/; '{owner}' keeps it and '{name}' gets none",
            f"rename one of them so that their letters or digits differ (e.g. '{name}' → "
            f"'{_suggestion(name)}')"))
    return problems


def _suggestion(name: str) -> str:
    """A spelling of ``name`` whose slug is its own: its symbols named ("c++" → "c-plus-plus")."""
    words = {"+": "plus", "#": "sharp", "&": "and", "@": "at", "!": "bang", "?": "question",
             ".": "dot", "*": "star"}
    spelled = "".join(f"-{words[c]}" if c in words else c for c in name).strip("-")
    return spelled if spelled != name else f"{name}-2"
