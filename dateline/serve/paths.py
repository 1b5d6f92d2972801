"""Map a request target to a file inside the site folder, or refuse.

Everything that could reach outside the site is refused rather than
normalised: ``..`` segments (plain or percent-encoded, once or twice),
backslashes, NUL bytes, and symlinks whose target lies outside the site.

Paths are UTF-8 (tag and actor pages keep the letters of their names: ``tags/日本/``): a request
percent-encodes them, and one whose letters are decomposed (NFD, as some systems type them) finds
the page the build wrote in composed form (NFC).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

_FORBIDDEN_CHARS = ("\\", "\x00")
_DOT_SEGMENTS = (".", "..")


@dataclass(frozen=True)
class Resolved:
    """A file to send, or a redirect (a folder asked for without its trailing slash)."""

    file: Path | None = None
    redirect: str = ""


def normalise_base_path(base: str) -> str:
    """The path part of a base URL with one slash each side; ``""`` gives ``"/"``.

    ``"repo"``, ``"/repo"`` and ``"https://me.github.io/repo/"`` all give ``"/repo/"``.
    """
    path = urlsplit(base).path if "://" in base else base
    stripped = path.strip("/")
    return f"/{stripped}/" if stripped else "/"


def _is_inside(root: Path, path: Path) -> bool:
    return path == root or path.is_relative_to(root)


def _safe_segments(relative: str) -> list[str] | None:
    """The decoded path segments, or None if any could escape the site."""
    try:
        decoded = unquote(relative, errors="strict")
    except UnicodeDecodeError:
        return None
    segments = decoded.split("/")
    for segment in segments:
        if any(char in segment for char in _FORBIDDEN_CHARS):
            return None
        # Refuse double-encoded dot segments too ("%252e%252e" decodes to "%2e%2e").
        if segment in _DOT_SEGMENTS or unquote(segment) in _DOT_SEGMENTS:
            return None
    return [segment for segment in segments if segment]


def resolve_request(site_root: Path, base_path: str, target: str) -> Resolved | None:
    """The file (or redirect) for request ``target`` under ``base_path``; None means 404."""
    raw_path = target.split("?", 1)[0].split("#", 1)[0]
    if any(char in raw_path for char in _FORBIDDEN_CHARS) or not raw_path.startswith(base_path):
        return None
    segments = _safe_segments(raw_path[len(base_path):])
    if segments is None:
        return None
    composed = [unicodedata.normalize("NFC", segment) for segment in segments]
    try:
        root = site_root.resolve()
        found = _resolve_inside(root, segments, base_path, raw_path.endswith("/"))
        if found is None and composed != segments:
            found = _resolve_inside(root, composed, base_path, raw_path.endswith("/"))
        return found
    except (OSError, RuntimeError):  # name too long, symlink loop, permission denied
        return None


def _resolve_inside(
    root: Path, segments: list[str], base_path: str, slash: bool
) -> Resolved | None:
    candidate = root.joinpath(*segments).resolve()
    if not _is_inside(root, candidate):
        return None
    if candidate.is_dir():
        if not slash:
            # Rebuilt from the checked segments: "//evil.example" must not become a redirect.
            return Resolved(redirect=base_path + quote("/".join(segments)) + "/")
        candidate = (candidate / "index.html").resolve()
        if not _is_inside(root, candidate):
            return None
    if candidate.is_file():
        return Resolved(file=candidate)
    return None
