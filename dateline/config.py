"""Site settings: ``[tool.dateline]`` in pyproject.toml, overridden by command-line options."""

from __future__ import annotations

import difflib
import tomllib
import zoneinfo
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from dateline.models import Problem

_KEYS = {
    "title": str,
    "description": str,
    "base_url": str,
    "language": str,
    "timezone": str,
    "cname": str,
    "author": str,
    "content": str,
    "output": str,
    "templates": str,
    "feed_size": int,
}


@dataclass(frozen=True)
class Settings:
    """Everything a build needs to know besides the content itself."""

    root: Path  # folder holding pyproject.toml
    title: str = "Dateline"
    description: str = ""
    base_url: str = "/"  # "/" , "/repo/" or "https://user.github.io/repo/"
    language: str = "en"
    timezone: str = "UTC"
    cname: str = ""
    author: str = ""
    content: str = "content"
    output: str = "site"
    templates: str = "templates"
    feed_size: int = 50

    @property
    def content_dir(self) -> Path:
        return self.root / self.content

    @property
    def out_dir(self) -> Path:
        return self.root / self.output

    @property
    def templates_dir(self) -> Path:
        return self.root / self.templates

    @property
    def base_path(self) -> str:
        """Path part of the base URL, always starting and ending with "/"."""
        path = urlsplit(self.base_url).path or "/"
        return path if path.endswith("/") else path + "/"

    @property
    def site_origin(self) -> str:
        """``scheme://host`` of an absolute base URL, "" for a path-only one."""
        parts = urlsplit(self.base_url)
        return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def _line_of(text: str, key: str) -> int:
    """Best-effort line of ``key =`` in a TOML file (tomllib keeps no marks)."""
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip().startswith(f"{key} ") or line.strip().startswith(f"{key}="):
            return number
    return 1


def load_settings(root: Path, overrides: dict[str, Any] | None = None
                  ) -> tuple[Settings, list[Problem]]:
    """Settings from ``root/pyproject.toml`` plus ``overrides`` (CLI options win)."""
    path = root / "pyproject.toml"
    problems: list[Problem] = []
    values: dict[str, Any] = {}
    if path.is_file():
        text = path.read_text(encoding="utf-8")
        try:
            table = tomllib.loads(text).get("tool", {}).get("dateline", {})
        except tomllib.TOMLDecodeError as exc:
            problems.append(Problem("pyproject.toml", 1, 1, "error", f"invalid TOML: {exc}",
                                    "fix the syntax of pyproject.toml"))
            table = {}
        for key, value in table.items():
            expected = _KEYS.get(key)
            line = _line_of(text, key)
            if expected is None:
                close = difflib.get_close_matches(key, _KEYS, n=1)
                hint = f"did you mean '{close[0]}'?" if close else "known keys: " + ", ".join(_KEYS)
                problems.append(Problem("pyproject.toml", line, 1, "error",
                                        f"unknown setting '{key}' in [tool.dateline]", hint))
            elif not isinstance(value, expected) or isinstance(value, bool):
                problems.append(Problem("pyproject.toml", line, 1, "error",
                                        f"setting '{key}' must be {expected.__name__}, "
                                        f"got {type(value).__name__}", f"write {key} = ..."))
            else:
                values[key] = value
    values.update({k: v for k, v in (overrides or {}).items() if v is not None})
    settings = replace(Settings(root=root), **values)
    if not _known_zone(settings.timezone):
        text = path.read_text(encoding="utf-8") if path.is_file() else ""
        problems.append(Problem("pyproject.toml", _line_of(text, "timezone"), 1, "error",
                                f"unknown time zone '{settings.timezone}'",
                                "use an IANA name such as 'UTC', 'Europe/Paris' or 'Asia/Seoul'"))
    return settings, problems


def _known_zone(name: str) -> bool:
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return False
    return True
