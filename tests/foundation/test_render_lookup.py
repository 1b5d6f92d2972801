"""Templates read typed views as attributes, in a plain Jinja environment: every value a
template reads is a frozen, slotted dataclass (no dict look-alikes), and a name a view does not
have is an error that names the template, the page and the name."""

from __future__ import annotations

import dataclasses
import inspect
from pathlib import Path
from types import ModuleType

import jinja2
import pytest

from dateline.config import Settings, load_settings
from dateline.models import Event
from dateline.site import chart, listings, plan, render, views

VIEW_MODULES = (views, listings, chart, plan, render)
# made by the thousand while pages render: slotted, not frozen (chart.py, listings.py)
UNFROZEN = {chart.Segment, chart.Bar, chart.Marker, chart.Tick, chart.AxisLabel, chart.LegendItem,
            chart.Chart, listings.MonthGroup, listings.Period, listings.ActorRow,
            listings.FacetOption, listings.Facets, listings.CitedEvent, listings.DayGroup}


def _view_classes(module: ModuleType) -> list[type]:
    return [cls for _name, cls in inspect.getmembers(module, inspect.isclass)
            if cls.__module__ == module.__name__ and dataclasses.is_dataclass(cls)]


@pytest.mark.parametrize("module", VIEW_MODULES, ids=lambda m: m.__name__)
def test_views_are_frozen_slotted_dataclasses(module: ModuleType) -> None:
    found = _view_classes(module)
    assert found  # each module defines some
    for cls in found:
        if cls in (render.Page, render.RenderMemo, plan.SiteFacts):
            continue  # what the pipeline passes around, not what templates read
        assert "__slots__" in cls.__dict__, cls
        assert cls.__dataclass_params__.frozen is (cls not in UNFROZEN), cls  # type: ignore[attr-defined]
        assert not hasattr(cls, "__getitem__") and not hasattr(cls, "__getattr__"), cls


def test_site_templates_use_a_plain_strict_environment(tmp_path: Path) -> None:
    settings, _ = load_settings(tmp_path)
    env = render.environment(settings)
    assert type(env) is jinja2.Environment
    assert env.undefined is jinja2.StrictUndefined
    assert env.from_string("{{ v }}").render(v="<b>") == "&lt;b&gt;"  # autoescaped


def test_a_name_a_view_lacks_is_an_error_naming_template_page_and_name(tmp_path: Path) -> None:
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "event.html").write_text("<h1>{{ event.summary }}</h1>\n"
                                                       "{{ event.headline }}\n")
    settings = Settings(root=tmp_path)
    view = views.event_view(Event("e1", "2018-12-04", "Talks resume"), views.document_index(()),
                            None)
    pages = {"events/e1/index.html": render.Page("event.html", {"event": view})}
    with pytest.raises(render.TemplateProblem) as caught:
        dict(render.render_pages(render.environment(settings), pages))
    problem = caught.value.problem
    assert (problem.path, problem.line) == ("templates/event.html", 2)
    assert "events/e1/index.html" in problem.message and "headline" in problem.message


def test_an_event_view_reads_as_attributes_in_a_template(tmp_path: Path) -> None:
    settings, _ = load_settings(tmp_path)
    event = Event("e1", "2018-12-04", "Talks <resume>", actors=("USA",), tags=("Summit",))
    view = views.event_view(event, views.document_index(()), None, key=True)
    shown = render.environment(settings).from_string(
        "{{ e.label }}|{{ e.summary }}|{{ e.actors[0].path }}|{{ e.tags[0].name }}|{{ e.key }}"
    ).render(e=view)
    assert shown == "4 December 2018|Talks &lt;resume&gt;|actors/usa/|summit|True"
