"""URL slugs, the same on every platform and locale.

``slugify`` makes ids and file stems into lower-case ASCII words joined by '-' (event ids and
source pages). ``name_slug`` makes the page folder of a tag or an actor: it keeps the letters
of every script ("日本" stays "日本": IRIs are valid links, the browser percent-encodes them),
folds Latin letters with accents to ASCII as ``slugify`` does ("Café" → "cafe"), and spells a
name of symbols only by its code points ("!!!" → "u0021-u0021-u0021"), so that no name becomes
"untitled". Two different names can still share a slug ("c" and "C++"): ``slug_owners`` decides,
the same way everywhere, which of them keeps the page, and the assemble stage reports the clash.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

_SEPARATORS = re.compile(r"-+")


def slugify(text: str, limit: int = 60) -> str:
    """Lower-case ASCII words joined by '-' (stable across platforms and locales)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:limit].rstrip("-") or "untitled"


def canonical_tag(tag: str) -> str:
    """The one form of a tag: NFC, lower case, runs of white space as one '-'.

    "Summit" → "summit", "Nuclear  Test" → "nuclear-test"; the example site's tags
    ("second-summit", "missile-test") are already in this form.
    """
    return "-".join(unicodedata.normalize("NFC", tag).lower().split())


def _letter(char: str) -> str:
    """``char`` as it goes into a name slug: ASCII when it folds to ASCII, "" if a separator."""
    if unicodedata.category(char)[0] == "M":  # a mark NFC left alone: a virama, a vowel sign
        return char
    folded = "".join(c for c in unicodedata.normalize("NFKD", char)
                     if not unicodedata.combining(c))
    if folded.isascii():
        return "".join(c for c in folded.lower() if c.isalnum())
    return char.lower() if unicodedata.category(char)[0] in "LMN" else ""


def name_slug(name: str, limit: int = 60) -> str:
    """Folder name of a tag's or an actor's page (NFC, at most ``limit`` characters).

    Letters, digits and marks of any script are kept, lower-cased; every other run of
    characters becomes one '-'. A name with neither letters nor digits is spelled by its code
    points: "!!!" → "u0021-u0021-u0021", "???" → "u003f-u003f-u003f".
    """
    text = unicodedata.normalize("NFC", name)
    slug = "".join(_letter(c) or "-" for c in text)
    slug = _SEPARATORS.sub("-", slug).strip("-")
    if not slug:
        slug = "-".join(f"u{ord(c):04x}" for c in text if not c.isspace())
    slug = unicodedata.normalize("NFC", slug[:limit].rstrip("-"))
    return slug or "untitled"  # only a name of white space alone, which the schema refuses


def slug_owners(names: Iterable[str]) -> dict[str, str]:
    """slug → the name that keeps the page at that slug: of names sharing one, the first in
    code-point order (deterministic whatever order the names came in)."""
    owners: dict[str, str] = {}
    for name in names:
        slug = name_slug(name)
        if slug not in owners or name < owners[slug]:
            owners[slug] = name
    return owners
