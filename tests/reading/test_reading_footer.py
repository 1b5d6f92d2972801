"""The footer on every page: the newest years, and the way to the earlier ones (``years/``)."""

from __future__ import annotations

import re

from dateline.config import Settings
from dateline.models import Document, Event, Source, Timeline
from dateline.site import plan, render
from tests.conftest import REPO


def timeline_over(years: list[int]) -> Timeline:
    document = Document(path="articles/a.md", kind="article", title="A story",
                        published="2020-01-02", body="Body.", body_line=5, digest="0" * 64)
    source = Source(document.path, 6, document.title, 0, 0, "", "", document.published)
    events = tuple(Event(id=f"{y}-03-01-talks-{y}", date=f"{y}-03-01", summary=f"Talks in {y}",
                         sources=(source,)) for y in years)
    return Timeline(events=events, documents=(document,))


def footer_years(years: list[int]) -> tuple[list[str], list[str], str]:
    pages, _ = plan.plan_pages(timeline_over(years), Settings(root=REPO), None,
                               "2020-01-02T00:00:00Z")
    rendered = dict(render.render_pages(render.environment(Settings(root=REPO)), pages))
    event_page = rendered[f"events/{years[0]}-03-01-talks-{years[0]}/index.html"].decode()
    footer = event_page.split('<footer class="colophon"')[1]
    return (re.findall(r'<a href="/years/(\d+)/">', footer),
            re.findall(r'<a href="/([\w/#-]+)">Earlier years</a>', footer),
            rendered["years/index.html"].decode())


def test_a_short_chronology_lists_every_year_in_the_footer() -> None:
    linked, earlier, _years = footer_years([2016, 2017, 2018])
    assert linked == ["2016", "2017", "2018"]
    assert earlier == []


def test_a_long_chronology_lists_the_newest_years_and_links_to_the_archive() -> None:
    years = list(range(1990, 2020))
    linked, earlier, years_page = footer_years(years)
    assert linked == [str(y) for y in years[-plan.FOOTER_YEARS:]]
    assert earlier == ["years/"]  # the years page, which lists every year
    assert all(f'href="/years/{y}/"' in years_page for y in years)
