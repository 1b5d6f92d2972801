"""The loader every YAML file of Dateline is read with (front matter, rules, grammars).

libyaml's ``CSafeLoader`` (C, and it keeps line marks) where PyYAML was built with it; the
pure-Python ``SafeLoader`` was two thirds of loading the tagger's grammar, as it is much of
Pelican's build.
"""

from __future__ import annotations

try:
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader  # type: ignore[assignment]

__all__ = ["SafeLoader"]
