"""Make Pagefind's index byte-identical from run to run.

Pagefind (1.x) lists filter values, and the filters themselves, in hash-map order, which changes
on every run; the file names are hashes of the content, so the filter files, the language's meta
file and ``pagefind-entry.json`` all change with them.  The content is the same set each time, so
we sort it, re-encode it (gzip with no timestamp around the ``pagefind_dcd`` signature and CBOR)
and rename the files after their new content, updating the references that point at them.

Pagefind has no supported way to the same end (no option; pages given in sorted order through
its own API still come out in a new order each run): what was tried is in docs/performance.md.
When the layout is not the one expected, ``IndexFormatError`` says so and the build keeps
Pagefind's own output, with a warning.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path
from typing import Any

import cbor2

SIGNATURE = b"pagefind_dcd"


class IndexFormatError(ValueError):
    """The index is not in the layout this code knows (a newer Pagefind?)."""


def _read(path: Path) -> Any:
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise IndexFormatError(f"{path.name}: no Pagefind signature")
    return cbor2.loads(data[len(SIGNATURE):])


def _encode(value: Any) -> bytes:
    return gzip.compress(SIGNATURE + cbor2.dumps(value, canonical=True), mtime=0)


def _digest(data: bytes, length: int) -> str:
    return hashlib.sha256(data).hexdigest()[:length]


def _canonical_filter(path: Path) -> str:
    """Rewrite one filter file with its values sorted; returns its new hash ("en_1a2b3c4")."""
    name, values = _read(path)
    ordered = sorted(([value, sorted(pages)] for value, pages in values), key=lambda v: v[0])
    data = _encode([name, ordered])
    language = path.name.split("_", 1)[0]
    new_hash = f"{language}_{_digest(data, 7)}"
    target = path.with_name(f"{new_hash}.pf_filter")
    path.unlink()
    target.write_bytes(data)
    return new_hash


def canonicalize(index: Path) -> None:
    """Rewrite ``index`` (a ``pagefind/`` folder) so equal input gives equal bytes."""
    entry_path = index / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    renamed = {p.name[: -len(".pf_filter")]: _canonical_filter(p)
               for p in sorted((index / "filter").glob("*.pf_filter"))}
    for language in entry.get("languages", {}).values():
        meta_path = index / f"pagefind.{language['hash']}.pf_meta"
        meta = _read(meta_path)
        if len(meta) < 4 or not isinstance(meta[3], list):
            raise IndexFormatError(f"{meta_path.name}: unexpected layout")
        meta[3] = sorted([[name, renamed.get(file_hash, file_hash)] for name, file_hash in meta[3]])
        data = _encode(meta)
        prefix = language["hash"].split("_", 1)[0]
        new_hash = f"{prefix}_{_digest(data, 10)}"
        meta_path.unlink()
        (index / f"pagefind.{new_hash}.pf_meta").write_bytes(data)
        language["hash"] = new_hash
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")),
                          encoding="utf-8")
