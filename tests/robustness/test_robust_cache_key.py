"""The extraction cache's key covers everything extraction reads: a site's data/actors.yaml and
the package's own rule and lexicon files (issue 21's stale cache)."""

from __future__ import annotations

import json
from pathlib import Path

from dateline.pipeline import extract
from tests.conftest import REPO, make_project, run_cli

ARTICLE = ("---\ntitle: Zorgland talks\ndate: 2018-06-12\npublisher: Wire\n"
           "url: https://example.org/z\n---\n"
           "Zorgland and Japan signed a fisheries treaty in Tokyo on Tuesday.\n")


def _actors(root: Path) -> list[list[str]]:
    events = json.loads((root / "site" / "timeline.json").read_text("utf-8"))["events"]
    return [e["actors"] for e in events]


def test_adding_site_actors_reaches_a_cached_build(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    (root / "content" / "articles" / "z.md").write_text(ARTICLE, "utf-8")
    assert run_cli("--root", str(root), "build")[0] == 0
    assert not any("ZRG" in actors for actors in _actors(root))
    (root / "data").mkdir()
    (root / "data" / "actors.yaml").write_text(
        "organizations:\n  ZRG: {name: Zorgland, aliases: [Zorgland]}\n", "utf-8")
    assert run_cli("--root", str(root), "build")[0] == 0  # with the cache of the first build
    cached = _actors(root)
    assert any("ZRG" in actors for actors in cached)
    assert run_cli("--root", str(root), "build", "--no-cache")[0] == 0
    assert _actors(root) == cached


def test_the_key_changes_with_the_site_data() -> None:
    assert extract.version_key(None) != extract.version_key({"names": {"ZRG": "Zorgland"}})
    assert extract.version_key({"a": 1, "b": 2}) == extract.version_key({"b": 2, "a": 1})


def test_the_rules_digest_reads_every_rule_and_lexicon_file() -> None:
    read = {f"{package}/{path}" for package in ("dateline.timex", "dateline.events")
            for path, _data in extract._data_files(
                __import__("importlib").resources.files(package).joinpath("data"), "")}
    on_disk = {f"dateline.{folder}/{p.relative_to(REPO / 'dateline' / folder / 'data').as_posix()}"
               for folder in ("timex", "events")
               for p in (REPO / "dateline" / folder / "data").rglob("*.yaml")}
    assert on_disk and on_disk <= read
    assert "dateline.events/selection.yaml" in read


def test_the_dev_server_rebuilds_all_when_site_data_changes(tmp_path: Path) -> None:
    from dateline.config import load_settings
    from dateline.models import Change
    from dateline.pipeline.incremental import IncrementalBuilder
    from dateline.pipeline.options import BuildOptions

    root = make_project(tmp_path / "p")
    (root / "content" / "articles" / "z.md").write_text(ARTICLE, "utf-8")
    settings, _ = load_settings(root)
    build = IncrementalBuilder(settings, BuildOptions(
        build_time="2020-01-01T00:00:00Z", search=False, write_on_error=False))
    assert build(()).ok
    (root / "data").mkdir()
    actors = root / "data" / "actors.yaml"
    actors.write_text("organizations:\n  ZRG: {name: Zorgland, aliases: [Zorgland]}\n", "utf-8")
    assert build([Change(str(actors), "data")]).ok
    assert any("ZRG" in a for a in _actors(root))
