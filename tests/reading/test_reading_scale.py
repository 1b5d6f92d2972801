"""A 30,000-event timeline through the real planner and renderer: no page reaches 1 MB.

The synthetic events are spread over ten years, sixty actors, forty tags and three thousand
sources, with a busy actor and a busy tag in nearly every event, so actor, tag, year and month
listings all need pages of their own.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from dateline.config import Settings
from dateline.models import Document, Event, Source, Timeline
from dateline.site import plan, render
from tests.conftest import REPO

pytestmark = pytest.mark.slow

EVENTS = 30_000
QUADS = ("verbal-cooperation", "material-cooperation", "verbal-conflict", "material-conflict", "")
ACTORS = ["USA", "PRK", "KOR", "CHN", "JPN", "RUS", "UN"] + [f"X{n:02d}" for n in range(53)]


def synthetic_timeline(count: int = EVENTS, seed: int = 7) -> Timeline:
    rng = random.Random(seed)
    documents = tuple(Document(
        path=f"articles/story-{n:04d}.md", kind="article", title=f"Wire story number {n}",
        published=f"{2010 + n % 10}-{1 + n % 12:02d}-15", body="A short synthetic body. " * 20,
        body_line=5, digest=f"{n:064x}", publisher="Synthetic Wire") for n in range(3000))
    events = []
    for n in range(count):
        year, month, day = 2010 + rng.randrange(10), 1 + rng.randrange(12), 1 + rng.randrange(28)
        date = f"{year}" if n % 50 == 0 else f"{year}-{month:02d}-{day:02d}"
        document = documents[rng.randrange(len(documents))]
        actors = ("USA", *rng.sample(ACTORS[1:], rng.randint(1, 3)))
        quad = QUADS[rng.randrange(len(QUADS))]
        events.append(Event(
            id=f"{date}-synthetic-event-{n:05d}", date=date,
            summary=f"Officials of {' and '.join(actors)} met to discuss matter {n} at length "
                    "and agreed to keep talking in the weeks ahead",
            actors=actors, type="01" if quad else "", quad=quad,
            tags=("diplomacy", f"topic-{rng.randrange(40)}"), importance=rng.random() * 6,
            sources=(Source(document.path, 10 + n % 40, document.title, 0, 0,
                            document.publisher, "", document.published),)))
    events.sort(key=lambda e: (e.date, e.id))
    return Timeline(events=tuple(events), documents=documents)


def test_thirty_thousand_events_stay_under_one_megabyte_per_page(tmp_path: Path) -> None:
    settings = Settings(root=REPO)
    timeline = synthetic_timeline()
    pages, _ = plan.plan_pages(timeline, settings, None, "2020-01-01T00:00:00Z")
    env = render.environment(settings)
    sizes: dict[str, int] = {}
    for path, data in render.render_pages(env, pages):
        sizes[path] = len(data)
        if path.endswith(".html"):  # screen readers list landmarks by name: no two alike
            names = re.findall(rb'<nav [^>]*aria-label="([^"]+)"', data)
            assert len(names) == len(set(names)), (path, names)
    largest = max(sizes, key=lambda p: sizes[p])
    print(f"{len(sizes)} pages, largest {largest}: {sizes[largest] / 1024:.0f} KiB")
    assert sizes[largest] < 1_000_000
    # every event still has its page, and listings were split rather than truncated
    assert sum(bool(re.fullmatch(r"events/[^/]+/index\.html", p)) for p in sizes) == EVENTS
    assert f"events/page/{-(-EVENTS // plan.PAGE_SIZE)}/index.html" in sizes  # all, in pages
    assert "actors/usa/page/2/index.html" in sizes
    assert "tags/diplomacy/page/2/index.html" in sizes
    assert any(re.fullmatch(r"years/\d{4}/page/2/index.html", p) for p in sizes)
    # the index leads to every year and month page instead of listing everything
    index = render_one(env, pages, "index.html")
    for year in range(2010, 2020):
        assert f'href="/years/{year}/"' in index
        assert f"years/{year}/12/index.html" in sizes
        assert f'href="/years/{year}/06/"' in index
    assert index.count('class="event ') <= 200


def render_one(env: object, pages: dict[str, render.Page], path: str) -> str:
    return dict(render.render_pages(env, {path: pages[path]}))[path].decode()  # type: ignore[arg-type]
