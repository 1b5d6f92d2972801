"""Search facets reach readers as the text contributors wrote, never as markup.

Pagefind's UI inserts filter values with innerHTML, after Pagefind has decoded their character
references twice. These tests run the real build and the real Pagefind binary, read the values
back from the index it wrote, and parse each one as the UI would (HTML element content).
"""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from dateline.output import search
from dateline.output.search_canonical import _read
from tests.conftest import make_project, run_cli

# Names that would be markup, entities, or Pagefind syntax (":" and "," inside a value).
NAMES = ["<img src=x onerror=alert(1)>", "AT&T", "a &lt; b", "&amp;", "trailing &lt",
         "x\"y'z", "comma, colon: value", "Ünïcödé 日本"]
TYPE = "<b onclick=alert(1)>042</b>"


class _AsInnerHTML(HTMLParser):
    """What a browser makes of a string set as an element's innerHTML: text, and any tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _shown(value: str) -> tuple[str, list[str]]:
    parser = _AsInnerHTML()
    parser.feed(value)
    parser.close()
    return "".join(parser.text), parser.tags


@pytest.fixture(scope="module")
def index_filters(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    if not search.available():
        pytest.fail("Pagefind is not installed: pip install 'pagefind[bin]'")
    root = make_project(tmp_path_factory.mktemp("search") / "project")
    actors = ", ".join("'" + name.replace("'", "''") + "'" for name in NAMES)
    (root / "content" / "notes" / "facets.md").write_text(
        f"---\nid: facets\ndate: 2018-06-12\ntitle: Facets summit\nactors: [{actors}]\n"
        f"type: '{TYPE}'\n---\nLeaders met in Singapore.\n", encoding="utf-8")
    _code, _out, err = run_cli("--root", str(root), "build", "--no-cache", "--jobs", "1")
    index = root / "site" / search.OUTPUT
    assert (index / "pagefind.js").is_file(), err
    filters: dict[str, list[str]] = {}
    for path in sorted((index / "filter").glob("*.pf_filter")):
        name, values = _read(path)
        filters[name] = [value for value, _pages in values]
    return filters


def test_every_actor_name_is_shown_as_written(index_filters: dict[str, list[str]]) -> None:
    shown = [_shown(value) for value in index_filters["actor"]]
    assert [tags for _text, tags in shown if tags] == []
    assert set(NAMES) <= {text for text, _tags in shown}


def test_types_kinds_and_years_are_shown_as_written(index_filters: dict[str, list[str]]) -> None:
    for name in ("type", "kind", "year"):
        assert [v for v in index_filters[name] if _shown(v)[1]] == [], name
    assert TYPE in {_shown(v)[0] for v in index_filters["type"]}  # an editor's own words
    assert {_shown(v)[0] for v in index_filters["kind"]} == {"Event", "Editor's note"}
    assert {_shown(v)[0] for v in index_filters["year"]} == {"2018"}


def test_filter_values_leave_the_template_as_plain_text_for_autoescaping() -> None:
    from markupsafe import Markup, escape

    value = search.filter_value("<b>&")
    assert not isinstance(value, Markup)
    assert str(escape(value)) == "&amp;amp;lt;b&amp;amp;gt;&amp;amp;amp;"
