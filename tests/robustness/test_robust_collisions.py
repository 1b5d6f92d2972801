"""Names that collide: no tag or actor page is ever silently taken over by another name.

Issue 16, item 4: ``actors: [usa]`` in one note turned ``actors/usa/`` from "United States" with
every event into "usa" with one; ``tags: [Summit]`` did the same to ``tags/summit/``; "c", "C"
and "C++" shared a page; "日本", "中国", "!!!" and "???" all became ``tags/untitled/``.  Each test
builds the example site (``content/``) plus one or more notes through the real CLI.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import threading
import unicodedata
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import quote

import pytest

from dateline.models import BuildReport
from dateline.serve import DevServer
from tests.conftest import REPO, make_project, run_cli

NOTE = """---
date: {date}
title: {title}
actors: [{actors}]
tags: [{tags}]
---
"""


def _project(tmp_path: Path, notes: dict[str, dict[str, str]]) -> Path:
    """The example site with ``notes`` (file stem → fields) added under content/notes/."""
    root = make_project(tmp_path / "project")
    shutil.copytree(REPO / "content", root / "content", dirs_exist_ok=True)
    for stem, fields in notes.items():
        text = NOTE.format(**{"date": "2018-06-20", "actors": "PRK", "tags": "talks", **fields})
        (root / "content" / "notes" / f"{stem}.md").write_text(text, encoding="utf-8")
    return root


def _build(root: Path) -> tuple[int, str]:
    code, _out, err = run_cli("--root", str(root), "build", "--no-cache", "--jobs", "1")
    return code, err


def _events(root: Path) -> list[dict[str, object]]:
    data = json.loads((root / "site" / "timeline.json").read_text("utf-8"))
    events: list[dict[str, object]] = data["events"]
    return events


def _page(root: Path, path: str) -> str:
    return (root / "site" / path / "index.html").read_text("utf-8")


def _heading(page: str) -> str:
    found = re.search(r"<h1>(.*?)</h1>", page, re.DOTALL)
    assert found, "the page has no heading"
    return html.unescape(found.group(1)).strip()


def _count(page: str) -> int:
    found = re.search(r'<p class="meta">(\d+) events?</p>', page)
    assert found, "the page states no count"
    return int(found.group(1))


def _titles(page: str) -> set[str]:
    return {html.unescape(t) for t in re.findall(r'<a href="[^"]*/events/[^"]+/">([^<]+)</a>',
                                                 page)}


def _line(err: str, start: str) -> str:
    lines = err.splitlines()
    found = [n for n, line in enumerate(lines) if line.startswith(start)]
    assert found, f"no problem starting {start!r} in:\n{err}"
    return lines[found[0]] + "\n" + (lines[found[0] + 1] if found[0] + 1 < len(lines) else "")


def test_an_actor_code_in_another_case_is_the_known_actor(tmp_path: Path) -> None:
    root = _project(tmp_path, {"lower": {"title": "A note that writes usa", "actors": "usa"},
                               "odd": {"title": "A note with an unknown actor", "actors": "XQZ"}})
    code, err = _build(root)
    with_usa = [e for e in _events(root) if "USA" in e["actors"]]  # type: ignore[operator]
    page = _page(root, "actors/usa")
    assert _heading(page) == "United States"
    assert _count(page) == len(with_usa) > 10  # every event of the example site, and this one
    assert "A note that writes usa" in _titles(page)
    assert not any("usa" in e["actors"] for e in _events(root))  # type: ignore[operator]
    assert _line(err, "content/notes/lower.md:4:10: warning: actor 'usa' is the known "
                      "actor 'USA'").endswith("hint: write it as 'USA'")
    assert code == 0
    # an unknown code is as before: its own page under its own name, a warning from check
    assert _heading(_page(root, "actors/xqz")) == "XQZ"
    _code, out, _err = run_cli("--root", str(root), "check")
    assert "content/notes/odd.md:4:10: warning: unknown actor 'XQZ'" in out
    assert "unknown actor 'usa'" not in out


def test_a_tag_in_another_case_joins_the_canonical_tag_with_a_warning(tmp_path: Path) -> None:
    root = _project(tmp_path, {"cased": {"title": "A note tagged Summit", "tags": "Summit"}})
    code, err = _build(root)
    summit = [e for e in _events(root) if "summit" in e["tags"]]  # type: ignore[operator]
    page = _page(root, "tags/summit")
    assert _heading(page) == "#summit"
    assert _count(page) == len(summit) > 5
    assert "A note tagged Summit" in _titles(page)
    assert not any("Summit" in e["tags"] for e in _events(root))  # type: ignore[operator]
    index = _page(root, "tags")
    assert index.count('/tags/summit/"') == 1
    assert _line(err, "content/notes/cased.md:5:8: warning: tag 'Summit' is listed as "
                      "'summit'").split("\n")[1].strip().startswith("hint: write it as 'summit'")
    assert code == 0


def test_c_and_cpp_never_share_a_page_without_an_error_naming_both_files(tmp_path: Path
                                                                          ) -> None:
    root = _project(tmp_path, {"a-lower": {"title": "Tagged c", "tags": "c"},
                               "b-upper": {"title": "Tagged C", "tags": "C"},
                               "c-plus": {"title": "Tagged C++", "tags": "C++"}})
    code, err = _build(root)
    problem = _line(err, "content/notes/c-plus.md:5:8: error: tag 'c++' and tag 'c' "
                         "(content/notes/a-lower.md:5:8) would share the page tags/c/")
    assert "'c' keeps it" in problem and "hint: rename one of them" in problem
    assert "content/notes/b-upper.md:5:8: warning: tag 'C' is listed as 'c'" in err
    page = _page(root, "tags/c")
    assert _heading(page) == "#c"
    assert _titles(page) == {"Tagged c", "Tagged C"}  # "c" and "C" are one tag; not "C++"
    assert (root / "site" / "events").is_dir() and _count(_page(root, "tags/summit")) > 5
    assert code == 1  # an error: and every other page is still written


@pytest.mark.parametrize("slugs", [{"日本": "日本", "中国": "中国"},
                                   {"!!!": "u0021-u0021-u0021", "???": "u003f-u003f-u003f"}])
def test_names_without_latin_letters_get_distinct_pages(tmp_path: Path,
                                                        slugs: dict[str, str]) -> None:
    root = _project(tmp_path, {f"n{i}": {"title": f"Tagged {n}", "tags": f"'{n}'"}
                               for i, n in enumerate(slugs)})  # "!!!" is no plain YAML scalar
    code, err = _build(root)
    assert code == 0, err
    for name, slug in slugs.items():
        page = _page(root, f"tags/{slug}")
        assert _heading(page) == f"#{name}"
        assert _titles(page) == {f"Tagged {name}"}
    assert not (root / "site" / "tags" / "untitled").exists()


@contextmanager
def _static_server(site: Path) -> Iterator[int]:
    """The built site behind a plain static file server (as GitHub Pages serves it)."""
    handler = partial(SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *args: None  # type: ignore[attr-defined]
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()


def _get(port: int, path: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as response:
            return int(response.status), response.read().decode("utf-8")
    except HTTPError as error:
        return error.code, ""


def _built(changes: object) -> BuildReport:
    return BuildReport(ok=True, problems=())


def test_pages_of_other_scripts_are_served_by_the_dev_server_and_a_static_host(
        tmp_path: Path) -> None:
    names = ("日本", "中国", "한국")
    root = _project(tmp_path, {f"n{i}": {"title": f"Tagged {n}", "tags": n}
                               for i, n in enumerate(names)})
    assert _build(root)[0] == 0
    site = root / "site"
    links = re.findall(r'href="(/tags/[^"]+/)"', _page(root, "tags"))
    with _static_server(site) as static_port, DevServer(
            _built, site_dir=site, base_path="/", port=0) as dev:
        for name in names:
            encoded = "/tags/" + quote(name) + "/"
            assert f"/tags/{name}/" in links  # the page links it as an IRI
            for port in (static_port, dev.port):
                status, body = _get(port, encoded)
                assert status == 200
                assert f"#{name}</h1>" in body and f"Tagged {name}" in body
        # the same letters decomposed (NFD) still find the page the build wrote composed (NFC)
        decomposed = quote(unicodedata.normalize("NFD", "한국"))
        assert decomposed != quote("한국")
        assert _get(dev.port, f"/tags/{decomposed}/")[0] == 200
    sitemap = (site / "sitemap.xml").read_text("utf-8")
    assert f"/tags/{quote('日本')}/</loc>" in sitemap and "日本" not in sitemap


def test_unknown_actor_codes_that_differ_only_in_case_are_an_error(tmp_path: Path) -> None:
    root = _project(tmp_path, {"one": {"title": "Acme acts", "actors": "Acme"},
                               "two": {"title": "ACME acts", "actors": "ACME"}})
    code, err = _build(root)
    assert _line(err, "content/notes/one.md:4:10: error: actor 'Acme' and actor 'ACME' "
                      "(content/notes/two.md:4:10) would share the page actors/acme/")
    assert _titles(_page(root, "actors/acme")) == {"ACME acts"}
    assert code == 1


def test_name_slugs_are_composed_and_url_safe() -> None:
    from dateline.site.slugs import name_slug

    assert name_slug(unicodedata.normalize("NFD", "한국")) == "한국"
    assert name_slug("Café Crème") == "cafe-creme"
    assert name_slug("C++") == name_slug("c") == "c"
    assert name_slug("!!!") != name_slug("???")
    for name in ("日本/../x", "a?b#c", "%2e%2e", "..", "😀"):
        slug = name_slug(name)
        assert slug and not set(slug) & set("/?#%.\\ ")
