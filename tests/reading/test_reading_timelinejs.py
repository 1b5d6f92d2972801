"""``timelinejs.json`` read by TimelineJS's own page (``embed/index.html`` of the npm package
``@knight-lab/timelinejs``, a local copy under ``tests/reading/node_modules``) in Chromium.

Each slide carries a headline and text of its own (the event's summary; its description or
quote, what kind of event and who), everything escaped; every link works from TimelineJS's page:
absolute when the site's base URL names its host (the page is then on another origin, as
TimelineJS's embed is), under the base path when it does not.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dateline.config import Settings
from dateline.models import Document, Event, Source
from dateline.output.exports import timelinejs
from dateline.site import views
from tests.conftest import REPO, run_cli
from tests.reading.conftest import WIDTHS, example_project, node_file, serve


def _view(settings: Settings) -> views.EventView:
    article = Document(path="articles/a.md", kind="article", title="A <story>",
                       published="2018-12-08", body="Body.", body_line=5, digest="0" * 64,
                       source_id="a-story")
    event = Event(id="e1", date="2018-12-04", summary="Talks <resume> & go on", type="04",
                  quote='Bolton said "<b>talks</b>" would go on.', actors=("USA", "PRK"),
                  description="See [the next event](/events/e2/) and [the story](a.md).",
                  sources=(Source("articles/a.md", 6, "A <story>", 10, 40),))
    return views.event_view(event, views.document_index([article]), None, settings.base_path)


def test_a_slide_has_a_headline_and_text_all_escaped() -> None:
    settings = Settings(root=REPO, base_url="https://example.org/repo/")
    slide = timelinejs.slide(_view(settings), settings)
    assert slide is not None
    text = slide["text"]
    assert text["headline"] == "Talks &lt;resume&gt; &amp; go on"
    assert "&lt;b&gt;talks&lt;/b&gt;" in text["text"] and "<b>" not in text["text"]
    assert "Talks · United States, North Korea" in text["text"]
    assert "A &lt;story&gt;" in text["text"]


def test_links_are_absolute_under_a_base_url_with_a_host() -> None:
    settings = Settings(root=REPO, base_url="https://example.org/repo/")
    text = timelinejs.slide(_view(settings), settings)["text"]["text"]  # type: ignore[index]
    hrefs = [html.unescape(h) for h in
             re.findall(r'href="([^"]+)"', text)]
    assert "https://example.org/repo/events/e2/" in hrefs  # written /events/e2/ in Markdown
    assert "https://example.org/repo/sources/a-story/#s10" in hrefs  # the sentence, not %23
    assert "https://example.org/repo/events/e1/" in hrefs  # the permalink
    assert all(h.startswith("https://example.org/repo/") for h in hrefs)


def test_links_keep_the_base_path_without_a_host() -> None:
    settings = Settings(root=REPO, base_url="/repo/")
    text = timelinejs.slide(_view(settings), settings)["text"]["text"]  # type: ignore[index]
    hrefs = re.findall(r'href="([^"]+)"', text)
    assert hrefs and all(h.startswith("/repo/") for h in hrefs)


# --- In TimelineJS's own page -------------------------------------------------------------

@pytest.fixture(scope="module")
def timelinejs_page() -> Path:
    """TimelineJS's embed page, from the npm package."""
    return node_file("@knight-lab/timelinejs/dist/embed/index.html")


@pytest.fixture(scope="module", params=["own-host", "path-only"])
def published(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
              timelinejs_page: Path) -> Iterator[tuple[str, str, Path]]:
    """The example site published under ``/repo/``, and the address of TimelineJS's page
    showing its ``timelinejs.json``: on another origin when the base URL names the site's host,
    on the site's own when it is a path only."""
    public = tmp_path_factory.mktemp("public")
    server, address = serve(public)
    base = address + "repo/" if request.param == "own-host" else "/repo/"
    root = example_project(tmp_path_factory.mktemp("timelinejs"))
    code, _out, err = run_cli("--root", str(root), "build", "--no-cache", "--out",
                              str(public / "repo"), "--base-url", base)
    assert code == 0, err
    if request.param == "own-host":
        other, embed = serve(timelinejs_page.parents[1])  # dist/, as the package ships it
    else:
        shutil.copytree(timelinejs_page.parents[1], public / "timelinejs")
        other, embed = None, address + "timelinejs/"
    source = urllib.parse.quote(address + "repo/timelinejs.json", safe="")
    yield embed + "embed/index.html?source=" + source, address, public / "repo"
    for running in (server, other):
        if running is not None:
            running.shutdown()
            running.server_close()


ERA_TITLES = ("The 2017 missile crisis", "The 2018 summits", "After Hanoi")


def _status(address: str) -> int:
    try:
        with urllib.request.urlopen(address.partition("#")[0]) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


@pytest.mark.browser
@pytest.mark.parametrize("width", WIDTHS)
def test_timelinejs_shows_every_event_with_text_and_working_links(
        browser: Any, published: tuple[str, str, Path], width: int) -> None:
    page_address, site, built = published
    events = json.loads((built / "timeline.json").read_text("utf-8"))["events"]
    context = browser.new_context(viewport={"width": width, "height": 800})
    # TimelineJS's page asks the web for analytics and icons: only the local servers answer
    context.route("**/*", lambda route: route.continue_()
                  if urllib.parse.urlsplit(route.request.url).hostname == "127.0.0.1"
                  else route.abort())
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.goto(page_address)
    tab.wait_for_function(f"() => document.querySelectorAll('.tl-slide').length > {len(events)}",
                          timeout=20000)
    slides = tab.locator(".tl-slide:not(.tl-slide-titleslide)")
    headlines = slides.locator(".tl-headline").all_inner_texts()
    assert sorted(headlines) == sorted(e["summary"] for e in events)
    texts = slides.locator(".tl-text-content").all_inner_texts()
    assert len(texts) == len(events)
    # text of the event's own besides its sources and permalink
    assert all(t.replace("Permalink", "").split("Sources:")[0].strip() for t in texts)
    hrefs = tab.locator(".tl-slide .tl-text-content a[href]").evaluate_all(
        "els => els.map(e => [e.getAttribute('href'), e.href])")
    ours = [(raw, resolved) for raw, resolved in hrefs if resolved.startswith(site)]
    assert len(ours) >= len(events)  # a permalink each, at least
    assert all(resolved.startswith(site + "repo/") for _raw, resolved in ours)
    assert [r for _raw, r in ours if _status(r) != 200] == []
    if not page_address.startswith(site):  # TimelineJS on another origin: absolute links
        assert all(raw.startswith("http") for raw, _resolved in hrefs)
    # the notes' three eras (content/notes) are TimelineJS's bands, each slide in its era's row
    assert sorted(tab.locator(".tl-timeera").all_text_contents()) == sorted(ERA_TITLES)
    rows = tab.locator(".tl-timegroup-message").all_text_contents()
    assert set(ERA_TITLES) <= set(rows)
    assert errors == []
    context.close()
