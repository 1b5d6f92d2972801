"""Markdown rendering: sanitized, and links to content files and site pages point into the site."""

from __future__ import annotations

import pytest

from dateline.site.markup import Links, to_html

PAGES = {"articles/statement.md": "sources/statement/", "notes/summit.md": "sources/summit/"}


@pytest.mark.parametrize(("markdown", "base", "href"), [
    ("[s](../articles/statement.md)", "/", "/sources/statement/"),
    ("[s](../articles/statement.md#s120)", "/repo/", "/repo/sources/statement/#s120"),
    ("[s](summit.md)", "/repo/", "/repo/sources/summit/"),
    ("[e](/events/singapore-summit/)", "/repo/", "/repo/events/singapore-summit/"),
    ("[e](/events/singapore-summit/)", "/", "/events/singapore-summit/"),
    ("[x](https://example.org/a.md)", "/repo/", "https://example.org/a.md"),
    ("[x](#top)", "/repo/", "#top"),
    ("[x](../articles/missing.md)", "/repo/", "../articles/missing.md"),
])
def test_links_point_into_the_site(markdown: str, base: str, href: str) -> None:
    html = to_html(markdown, Links(base, "notes/x.md", PAGES))
    assert f'href="{href}"' in html


@pytest.mark.parametrize("markdown", [
    "<script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "<img src=x onerror=alert(1)>",
    "<a href='data:text/html,<script>alert(1)</script>'>x</a>",
    "<svg onload=alert(1)></svg>",
])
def test_script_never_survives(markdown: str) -> None:
    html = to_html(markdown, Links("/", "notes/x.md", PAGES))
    assert "alert(1)" not in html.replace("&lt;script&gt;alert(1)&lt;/script&gt;", "")
    assert "javascript:" not in html and "onerror" not in html and "onload" not in html
