"""The example timeline built through the CLI: month and actor pages, links, CSP, search facets."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from dateline.config import load_settings
from dateline.output import search
from dateline.pipeline import builds
from dateline.pipeline.options import BuildOptions
from tests.conftest import REPO, run_cli

Builder = Callable[..., Path]


@pytest.fixture(scope="module")
def build_example(tmp_path_factory: pytest.TempPathFactory) -> Builder:
    def build(base_url: str = "/", *, cli_search: bool = True) -> Path:
        root = tmp_path_factory.mktemp("example")
        shutil.copytree(REPO / "content", root / "content")
        shutil.copytree(REPO / "templates", root / "templates")
        text = (REPO / "pyproject.toml").read_text(encoding="utf-8")
        (root / "pyproject.toml").write_text(
            re.sub(r'(?m)^base_url = .*$', f'base_url = "{base_url}"', text), encoding="utf-8")
        code, _out, err = run_cli("--root", str(root), "build", "--no-cache")
        assert code == 0, err
        return root / "site"
    return build


@pytest.fixture(scope="module")
def site(build_example: Builder) -> Path:
    return build_example()


def html_pages(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8")
            for p in site.rglob("*.html")
            if not p.relative_to(site).as_posix().startswith("pagefind/")}


def test_every_chart_bar_links_to_an_existing_month_page(site: Path) -> None:
    index = (site / "index.html").read_text(encoding="utf-8")
    bars = re.findall(r'<a class="bar" href="/([^"]+)"', index)
    assert len(bars) >= 8
    for path in bars:
        assert re.fullmatch(r"years/\d{4}/\d{2}/", path)
        assert (site / path / "index.html").is_file(), path
    assert '<title id="ov-title">' in index and '<desc id="ov-desc">' in index
    assert index.count('class="key-marker"') >= 1


def test_actor_names_link_to_actor_pages_everywhere(site: Path) -> None:
    pages = html_pages(site)
    event = pages["events/singapore-summit/index.html"]
    assert '<a href="/actors/usa/">' in event and '<a href="/actors/prk/">' in event
    assert 'href="/actors/usa/" data-actor="USA">United States</a>' in pages["index.html"]
    usa = pages["actors/usa/index.html"]
    assert "<h1>United States</h1>" in usa
    assert 'class="chart"' in usa
    # North Korea appears with the United States in most of the example's events
    partners = usa[usa.index('id="partners-h"'):]
    assert partners.index("North Korea") < partners.index("China")
    for path in re.findall(r'href="/(actors/[^"]+/)"', pages["actors/index.html"]):
        assert (site / path / "index.html").is_file()


def test_cards_carry_filter_data(site: Path) -> None:
    index = (site / "index.html").read_text(encoding="utf-8")
    card = re.search(r'<article class="event[^>]*id="singapore-summit"[^>]*>', index)
    assert card is not None
    tag = card.group(0)
    assert 'data-actors="USA PRK"' in tag and 'data-year="2018"' in tag
    # the note gives no type: the verb lexicon reads "meet" in its title (CAMEO 04, consult)
    assert 'data-tags="summit singapore"' in tag and 'data-quad="verbal-cooperation"' in tag
    # the editor's note that declares the event, then the article it cites
    assert 'data-sources="2018-singapore-summit 2018-06-12-singapore-statement"' in tag


def test_pages_satisfy_the_content_security_policy(site: Path) -> None:
    for name, text in html_pages(site).items():
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text), name
        assert not re.search(r"\sstyle=", text), name
        assert not re.search(r"\son[a-z]+=", text), name
        assert "<style" not in text, name
        for src in re.findall(r'<script src="/([^"]+)"', text):
            assert (site / src).is_file(), (name, src)


def test_search_index_is_built_with_facets(site: Path) -> None:
    assert (site / "pagefind" / "pagefind.js").is_file()
    assert (site / "pagefind" / "pagefind.js").is_file()  # what static/search.js loads
    event = (site / "events" / "singapore-summit" / "index.html").read_text(encoding="utf-8")
    assert 'data-pagefind-filter="kind:Event"' in event
    assert 'data-pagefind-filter="year:2018"' in event
    assert event.count('data-pagefind-filter="actor:') == 2
    searchpage = (site / "search" / "index.html").read_text(encoding="utf-8")
    assert 'data-bundle="/pagefind/"' in searchpage
    assert "'wasm-unsafe-eval'" in searchpage
    assert "'wasm-unsafe-eval'" not in (site / "index.html").read_text(encoding="utf-8")


def test_base_path_reaches_charts_actors_and_search(build_example: Builder) -> None:
    site = build_example("/repo/")
    index = (site / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<a class="bar" href="/repo/years/\d{4}/\d{2}/"', index)
    assert 'href="/repo/actors/usa/"' in index
    searchpage = (site / "search" / "index.html").read_text(encoding="utf-8")
    assert 'data-bundle="/repo/pagefind/"' in searchpage and 'data-base="/repo/"' in searchpage
    assert 'src="/repo/static/search.js"' in searchpage


def test_missing_pagefind_warns_and_skips_search(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "project"
    shutil.copytree(REPO / "content", root / "content")
    shutil.copytree(REPO / "templates", root / "templates")
    shutil.copy(REPO / "pyproject.toml", root / "pyproject.toml")
    monkeypatch.setattr(search, "available", lambda: False)
    settings, problems = load_settings(root)
    assert not problems
    report = builds.build(settings, BuildOptions("2020-01-01T00:00:00Z",
                                                 use_cache=False))
    assert report.ok
    warnings = [p for p in report.problems if "Pagefind" in p.message]
    assert len(warnings) == 1 and warnings[0].severity == "warning"
    assert (root / "site" / "search" / "index.html").is_file()
    assert not (root / "site" / "pagefind").exists()


def test_search_option_off_builds_no_index(tmp_path: Path) -> None:
    root = tmp_path / "project"
    shutil.copytree(REPO / "content", root / "content")
    shutil.copytree(REPO / "templates", root / "templates")
    shutil.copy(REPO / "pyproject.toml", root / "pyproject.toml")
    settings, _ = load_settings(root)
    report = builds.build(settings, BuildOptions("2020-01-01T00:00:00Z",
                                                 use_cache=False, search=False))
    assert report.ok and not [p for p in report.problems if "Pagefind" in p.message]
    assert not (root / "site" / "pagefind").exists()
