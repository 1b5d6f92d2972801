"""What only breaks quietly, checked by ``check`` and by every full build alike.

Actor codes the gazetteer does not know, links in Markdown bodies to files or site pages that do
not exist, note sources naming missing content files, notes without sources, and a malformed
``cname``.  ``check`` and ``build`` report the same problems, so ``--strict`` means the same in
both (issue 16): a build that ``check --strict`` fails fails ``build --strict`` too.
"""

from __future__ import annotations

import difflib
import posixpath
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from urllib.parse import unquote

from dateline import events
from dateline.config import Settings
from dateline.events.gazetteer import Gazetteer, resolve_actor
from dateline.models import Document, NoteEvent, Problem
from dateline.output import exports
from dateline.problems import under
from dateline.site import render

_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:|^//", re.IGNORECASE)
_INLINE_LINK = re.compile(r"!?\[[^\]\n]*\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'(][^)]*)?\)")
_REFERENCE = re.compile(r"^ {0,3}\[[^\]\n]+\]:\s*<?([^\s>]+)>?", re.MULTILINE)
_HTML_LINK = re.compile(r"\b(?:href|src)\s*=\s*[\"']([^\"']+)[\"']", re.IGNORECASE)
_FENCE = re.compile(r"^ {0,3}(```|~~~).*?^ {0,3}\1[^\n]*$", re.MULTILINE | re.DOTALL)
_CODE_SPAN = re.compile(r"(`+)[^`].*?\1", re.DOTALL)
_HOST = re.compile(r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$",
                   re.IGNORECASE)


def quiet_problems(documents: Sequence[Document], gazetteer: Gazetteer, settings: Settings,
                   pages: Iterable[str]) -> list[Problem]:
    """Every problem above, for ``documents`` of a site whose planned pages are ``pages``."""
    found = unknown_actors(documents, gazetteer)
    found += note_sources(documents, settings.content_dir)
    found += broken_links(documents, settings, site_paths(pages, settings))
    return settings_problems(settings) + under(found, settings.content)


# --- positions --------------------------------------------------------------------------------

# --- actors -----------------------------------------------------------------------------------

def known_actor(code: str, gazetteer: Gazetteer) -> bool:
    """A code the gazetteer names: a state, an organization or a known person."""
    if isinstance(gazetteer, events.Gazetteer):  # "usa" is "USA": assemble warns of the case
        code = resolve_actor(code, gazetteer)
    tables = [t for t in (getattr(gazetteer, "display", None), getattr(gazetteer, "people", None))
              if isinstance(t, Mapping)]
    if tables:
        return any(code in t for t in tables)
    return bool(events.actor_name(code, gazetteer) != code)


def _actor_hint(code: str, gazetteer: Gazetteer) -> str:
    display = getattr(gazetteer, "display", None)
    names: dict[str, str] = dict(display) if isinstance(display, Mapping) else {}
    by_name = {name.lower(): known for known, name in names.items()}
    if code.lower() in by_name:
        return f"write the code '{by_name[code.lower()]}' instead of the name"
    close = difflib.get_close_matches(code.upper(), [c for c in names if c.isupper()], n=3)
    if close:
        return "did you mean " + ", ".join(f"'{c}' ({names[c]})" for c in close) + "?"
    return "use an ISO 3166 code such as USA or PRK, or add the actor to data/actors.yaml"


def unknown_actors(documents: Sequence[Document], gazetteer: Gazetteer) -> list[Problem]:
    """Warnings for actor codes in notes that the gazetteer cannot name."""
    problems = []
    for document in documents:
        for entry in document.note_events:
            for key, code in entry.written_actors():
                if known_actor(code, gazetteer):
                    continue
                line, col = entry.position(key, code)
                problems.append(Problem(document.path, line, col, "warning",
                                        f"unknown actor '{code}'", _actor_hint(code, gazetteer)))
    return problems


# --- sources ----------------------------------------------------------------------------------

def _is_content_path(source: str) -> bool:
    return not _SCHEME.match(source) and (source.endswith(".md") or "/" in source)


def note_sources(documents: Sequence[Document], content_dir: Path) -> list[Problem]:
    """Sources naming missing content files (errors) and events with no source (warnings)."""
    problems = []
    for document in (d for d in documents if d.kind == "note"):
        declared = [e for e in document.note_events if not e.corrects]
        for entry in declared:
            for source in entry.sources:
                if _is_content_path(source) and not _content_file(content_dir, source):
                    line, col = entry.position("sources", source)
                    problems.append(Problem(
                        document.path, line, col, "error",
                        f"source '{source}' is not a file in the content folder",
                        "write the path from the content folder, e.g. "
                        "articles/2018-06-12-singapore-statement.md, or a web address"))
        problems += _unsourced(document, declared)
    return problems


def _unsourced(document: Document, declared: Sequence[NoteEvent]) -> list[Problem]:
    bare = [e for e in declared if not e.sources]
    if len(bare) > 1 and len(bare) == len(declared):
        return [Problem(document.path, 1, 1, "warning",
                        f"none of the note's {len(bare)} events has a source",
                        "add 'sources: [https://...]' at the top of the note to cover them all")]
    return [Problem(document.path, e.line, e.col, "warning",
                    f"event '{e.title}' has no source",
                    "add 'sources: [https://...]' with the address of a report, or an article "
                    "path such as articles/2018-06-12-singapore-statement.md") for e in bare]


def _content_file(content_dir: Path, rel: str) -> bool:
    target = posixpath.normpath(rel.lstrip("/"))
    return not target.startswith("..") and (content_dir / target).is_file()


# --- links ------------------------------------------------------------------------------------

def site_paths(pages: Iterable[str], settings: Settings) -> frozenset[str]:
    """Site-relative paths a build writes: the planned ``pages``, the data and static files."""
    extra = {*exports.DATA_FILES, "sitemap.xml", *render.static_files(settings)}
    if settings.cname:
        extra.add("CNAME")
    return frozenset({*pages, *extra})


def _blank(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


def body_links(body: str) -> Iterator[tuple[int, str]]:
    """``(offset, target)`` of every link and image in Markdown, outside code."""
    text = _CODE_SPAN.sub(_blank, _FENCE.sub(_blank, body))
    for pattern in (_INLINE_LINK, _REFERENCE, _HTML_LINK):
        for match in pattern.finditer(text):
            yield match.start(1), match.group(1)


def link_problem(document: Document, target: str, settings: Settings,
                 paths: frozenset[str]) -> tuple[str, str] | None:
    """``(message, hint)`` when an internal link leads nowhere, else None."""
    if _SCHEME.match(target) or target.startswith("#"):
        return None
    path = unquote(target.split("#", 1)[0].split("?", 1)[0])
    if not path:
        return None
    if not path.startswith("/"):
        folder = settings.content_dir / posixpath.dirname(document.path)
        if (folder / path).exists():
            return None
        return (f"link to '{target}' points to no file",
                "link to another content file by its path from this file, e.g. "
                "../articles/2018-06-12-singapore-statement.md, or to a page of the site from "
                "the root, e.g. /events/singapore-summit/")
    base = settings.base_path
    rest = path[len(base):] if base != "/" and path.startswith(base) else path.lstrip("/")
    wanted = [rest, posixpath.join(rest, "index.html")] if rest else ["index.html"]
    if any(w in paths for w in wanted):
        return None
    folders = sorted({"/" + p[: -len("index.html")] for p in paths if p.endswith("index.html")})
    close = difflib.get_close_matches("/" + rest, folders, n=1, cutoff=0.75)
    return (f"link to '{target}' points to no page of the site",
            f"did you mean '{close[0]}'?" if close else
            "copy the address of the page from the built site, e.g. /events/singapore-summit/")


def broken_links(documents: Sequence[Document], settings: Settings, paths: frozenset[str]
                 ) -> list[Problem]:
    """Errors for Markdown links to content files or site pages that do not exist."""
    problems = []
    for document in documents:
        for offset, target in body_links(document.body):
            found = link_problem(document, target, settings, paths)
            if found is None:
                continue
            before = document.body[:offset]
            line = document.body_line + before.count("\n")
            col = offset - (before.rfind("\n") + 1) + 1
            problems.append(Problem(document.path, line, col, "error", *found))
    return problems


# --- settings ---------------------------------------------------------------------------------

def settings_problems(settings: Settings) -> list[Problem]:
    """A ``cname`` must be a bare host name: GitHub Pages reads the CNAME file as one."""
    cname = settings.cname.strip()
    if not cname or _HOST.match(cname):
        return []
    line = 1
    path = settings.root / "pyproject.toml"
    if path.is_file():
        for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if text.strip().startswith("cname"):
                line = number
    return [Problem("pyproject.toml", line, 1, "error",
                    f"'cname' must be a host name like timeline.example.org (got {cname})",
                    "leave out https:// and any path; set base_url for the address instead")]
