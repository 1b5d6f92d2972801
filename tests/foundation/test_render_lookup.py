"""Templates look dict keys up first (``render.DictFirstEnvironment``): every lookup must give
what stock Jinja gives, including its errors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2
import pytest

from dateline import render, views
from dateline.config import load_settings


class Item:
    date = "2018-12-04"


VALUES: dict[str, Any] = {
    "view": {"date": "2018-12-04", "items": "a key named like a method", "get": 1,
             "nested": {"title": "<b>x</b>"}},
    "obj": Item(),
    "child": type("Child", (dict,), {"date": "class attribute"})(date="key"),
    "later": views.Deferred(lambda: {"title": "Events per month", "items": "a key"}),
}
EXPRESSIONS = [
    "{{ view.date }}", "{{ view['date'] }}", "{{ view.nested.title }}",
    "{{ view.items is callable }}", "{{ view.get is callable }}", "{{ view.__class__.__name__ }}",
    "{{ obj.date }}",
    "{{ child.date }}", "{{ view.missing }}", "{{ view.nested.missing }}", "{{ obj.missing }}",
    "{{ view.missing is defined }}", "{{ (view.items)() | list | length }}",
    "{{ later.title }}", "{{ later['title'] }}", "{{ later.items is callable }}",
    "{{ later.missing }}", "{{ later | length }}",
]


def outcome(env: jinja2.Environment, source: str) -> str:
    try:
        return "ok: " + env.from_string(source).render(VALUES)
    except jinja2.UndefinedError as exc:
        return f"undefined: {exc}"


@pytest.mark.parametrize("source", EXPRESSIONS)
def test_lookups_match_stock_jinja(source: str) -> None:
    options = {"autoescape": True, "undefined": jinja2.StrictUndefined}
    stock = outcome(jinja2.Environment(**options), source)
    assert outcome(render.DictFirstEnvironment(**options), source) == stock


def test_site_templates_use_it(tmp_path: Path) -> None:
    settings, _ = load_settings(tmp_path)
    env = render.environment(settings)
    assert isinstance(env, render.DictFirstEnvironment)
    assert env.from_string("{{ v.items }}").render(v={"items": 1}) != "1"  # the method, as Jinja
    assert env.from_string("{{ v.when }}").render(v={"when": "2019"}) == "2019"
