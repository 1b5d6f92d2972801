"""Which open pages a build's status tells to reload."""

from __future__ import annotations

import pytest

from dateline.models import BuildReport
from dateline.serve.status import MAX_LISTED_PAGES, BuildStatus, changed_pages, next_status


@pytest.mark.parametrize(("written", "pages"), [
    (("sources/a/index.html", "events/x/index.html", "timeline.json"),
     ("/repo/sources/a/", "/repo/events/x/")),
    (("404.html",), ("/repo/404.html",)),
    (("timeline.json",), ()),  # data only: no page needs to reload
    (("static/style.css", "index.html"), None),  # a stylesheet: every page reloads
    ((), None),  # a builder that lists nothing: every page reloads
    (tuple(f"events/{n}/index.html" for n in range(MAX_LISTED_PAGES + 1)), None),
])
def test_changed_pages(written: tuple[str, ...], pages: tuple[str, ...] | None) -> None:
    assert changed_pages(written, "/repo/") == pages


def test_a_build_after_a_failed_one_reloads_every_page() -> None:
    failed = BuildStatus(generation=3, ok=False)
    status = next_status(failed, BuildReport(True, (), written=("index.html",)), "/")
    assert status.generation == 4 and status.pages is None
    ok = next_status(status, BuildReport(True, (), written=("index.html",)), "/")
    assert ok.pages == ("/",)
