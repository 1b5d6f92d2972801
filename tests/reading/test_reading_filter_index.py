"""A listing's filter index (``dateline/site/filterindex.py``): what it holds, in what
order, that it is the same bytes for the same listing, and that only listings in pages get one."""

from __future__ import annotations

import gzip
import json
from typing import Any

from dateline.models import Document, Event, Source
from dateline.site import filterindex, plan, render, typelabels, views


def view(event_id: str, date: str, codes: tuple[str, ...] = ("USA",), kind: str = "",
         tags: tuple[str, ...] = (), source: str = "", key: bool = False,
         importance: float = 1.0) -> views.EventView:
    documents = [Document(f"articles/{source}.md", "article", source.upper(), "", "", 1,
                          "0" * 64, source_id=source)] if source else []
    event = Event(event_id, date, f"Headline of {event_id}", actors=codes, type=kind, tags=tags,
                  importance=importance,
                  sources=(Source(f"articles/{source}.md", 1, source.upper()),) if source else ())
    return views.event_view(event, views.document_index(documents), None, key=key)


def decoded(data: bytes) -> dict[str, Any]:
    found: dict[str, Any] = json.loads(data.decode("utf-8"))
    return found


def test_each_event_in_the_listing_order_with_what_filters_and_a_result_line_need() -> None:
    listed = [view("a", "2018-06-12", ("USA", "PRK"), "042", ("summit",), "story", True, 7.5),
              view("b", "2018", ("PRK",), "13"), view("c", "2018-W48", ("CHN",))]
    index = decoded(filterindex.index_bytes(listed))
    assert index["v"] == filterindex.VERSION and index["total"] == 3
    rows = index["events"]
    assert [r[0] for r in rows] == ["a", "b", "c"]  # as listed: the position is the order
    first = rows[0]
    assert first[1] == "12 June 2018" and first[2] == "2018-06" and first[3] == 2018
    assert [index["actor"][i][0] for i in first[6]] == ["USA", "PRK"]
    assert index["type"][first[5]] == ["talks", typelabels.labels().types["04"].label]
    assert [index["tag"][i] for i in first[7]] == [["summit", "#summit"]]
    assert [index["source"][i] for i in first[8]] == [["story", "STORY"]]
    assert first[9] == 7.5 and first[10] == "Headline of a"
    assert rows[1][2] == "" and rows[1][9] == 0  # a year only: in no month; not key
    assert rows[2][5] == -1 and rows[2][2] == "2018-11"  # no type; a week in its first month
    assert index["actor"][rows[1][6][0]][0] == "PRK"  # tables are shared, not repeated


def test_the_same_listing_gives_the_same_bytes() -> None:
    def listed() -> list[views.EventView]:
        return [view(str(n), f"2018-{1 + n % 12:02d}-01", ("USA", f"X{n % 7}"), "04")
                for n in range(50)]
    first, second = filterindex.index_bytes(listed()), filterindex.index_bytes(listed())
    assert first == second
    # compact (no whitespace between tokens) and its keys sorted: one canonical encoding
    canonical = json.dumps(json.loads(first), ensure_ascii=False, separators=(",", ":"),
                           sort_keys=True).encode("utf-8")
    assert first == canonical
    assert len(first) < len(json.dumps(json.loads(first)).encode())
    tables = json.loads(first)
    assert [row[0] for row in tables["actor"]] == ["USA", *(f"X{n}" for n in range(7))]
    for kind in ("actor", "type", "quad", "tag", "source"):
        values = [row[0] for row in tables[kind]]
        assert values == sorted(values)


def test_the_index_stays_small() -> None:
    # a thousand events of a busy actor, each with a long headline, two actors and a source
    listed = [view(f"2018-{n:04d}-a-long-identifier-{n}", f"2018-{1 + n % 12:02d}-{1 + n % 28:02d}",
                   ("USA", f"A{n % 40}"), f"{1 + n % 20:02d}", source=f"story-{n % 300}")
              for n in range(1000)]
    raw = filterindex.index_bytes(listed)
    assert len(raw) < 200 * 1000  # about 200 bytes an event, before compression
    assert len(gzip.compress(raw)) < 60 * 1000


def test_only_a_listing_in_pages_has_an_index_and_it_is_planned_beside_it() -> None:
    few = [view(str(n), "2018-01-01") for n in range(plan.PAGE_SIZE)]
    shared, files = filterindex.planned("actors/usa/", few, plan.PAGE_SIZE, 40)
    assert files == {} and shared["filter_index"] == ""
    many = [*few, view("one-more", "2018-02-01")]
    shared, files = filterindex.planned("actors/usa/", many, plan.PAGE_SIZE, 40)
    assert shared["filter_index"] == "actors/usa/filter-index.json"
    page = files["actors/usa/filter-index.json"]
    assert page.template == render.DATA
    data = dict(render.render_pages(render.environment(_settings()), files))
    assert decoded(data["actors/usa/filter-index.json"])["total"] == plan.PAGE_SIZE + 1
    assert shared["filter_partial"] is False


def test_a_listing_too_long_for_an_index_filters_its_pages_and_says_so(monkeypatch: Any) -> None:
    monkeypatch.setattr(filterindex, "INDEX_LIMIT", plan.PAGE_SIZE + 10)
    many = [view(str(n), "2018-01-01") for n in range(plan.PAGE_SIZE + 11)]
    shared, files = filterindex.planned("events/", many, plan.PAGE_SIZE, 40)
    assert files == {} and shared["filter_index"] == "" and shared["filter_partial"] is True


def _settings() -> Any:
    from dateline.config import Settings
    from tests.conftest import REPO

    return Settings(root=REPO)
