"""resolve_request(): request targets map to files inside the site, or to nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.serve.paths import Resolved, normalise_base_path, resolve_request


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    (root / "events" / "2018").mkdir(parents=True)
    (root / "index.html").write_text("home", encoding="utf-8")
    (root / "events" / "2018" / "index.html").write_text("2018", encoding="utf-8")
    (root / "style.css").write_text("css", encoding="utf-8")
    (root / "a b.html").write_text("space", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("secret", encoding="utf-8")
    return root


@pytest.mark.parametrize(
    ("base", "expected"),
    [
        ("/", "/"),
        ("", "/"),
        ("repo", "/repo/"),
        ("/repo", "/repo/"),
        ("/repo/", "/repo/"),
        ("https://me.github.io/repo/", "/repo/"),
        ("https://example.org", "/"),
    ],
)
def test_normalise_base_path(base: str, expected: str) -> None:
    assert normalise_base_path(base) == expected


@pytest.mark.parametrize(
    ("base", "target", "relative"),
    [
        ("/", "/", "index.html"),
        ("/", "/index.html", "index.html"),
        ("/", "/style.css?v=3", "style.css"),
        ("/", "/events/2018/", "events/2018/index.html"),
        ("/", "/a%20b.html", "a b.html"),
        ("/", "//style.css", "style.css"),  # empty segments collapse inside the site
        ("/repo/", "/repo/", "index.html"),
        ("/repo/", "/repo/events/2018/#top", "events/2018/index.html"),
    ],
)
def test_files_inside_the_site(site: Path, base: str, target: str, relative: str) -> None:
    assert resolve_request(site, base, target) == Resolved(file=(site / relative).resolve())


def test_folder_without_slash_redirects_within_the_base(site: Path) -> None:
    assert resolve_request(site, "/repo/", "/repo/events/2018") == Resolved(
        redirect="/repo/events/2018/"
    )


def test_redirect_is_never_protocol_relative(site: Path) -> None:
    # "//events" would be a link to the host "events" if echoed back.
    assert resolve_request(site, "/", "//events/2018") == Resolved(redirect="/events/2018/")


@pytest.mark.parametrize(
    "target",
    [
        "/../secret.txt",
        "/events/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/secret.txt",
        "/events/%2e%2e/%2e%2e/secret.txt",
        "/%252e%252e/secret.txt",  # double-encoded
        "/..%2fsecret.txt",
        "/..%5csecret.txt",  # encoded backslash
        "/..\\secret.txt",
        "/events\\..\\..\\secret.txt",
        "/index.html%00.css",
        "/%ff%fe",  # not UTF-8
        "/missing.html",
        "/events/2019/",
        "/other/index.html",
    ],
)
def test_escapes_and_missing_files_are_not_found(site: Path, target: str) -> None:
    assert resolve_request(site, "/", target) is None


def test_outside_the_base_path_is_not_found(site: Path) -> None:
    assert resolve_request(site, "/repo/", "/index.html") is None


def test_symlink_out_of_the_site_is_not_found(site: Path, tmp_path: Path) -> None:
    (site / "leak.txt").symlink_to(tmp_path / "secret.txt")
    (site / "leakdir").symlink_to(tmp_path)
    assert resolve_request(site, "/", "/leak.txt") is None
    assert resolve_request(site, "/", "/leakdir/secret.txt") is None


def test_symlinked_index_out_of_the_site_is_not_found(site: Path, tmp_path: Path) -> None:
    (site / "trap").mkdir()
    (site / "trap" / "index.html").symlink_to(tmp_path / "secret.txt")
    assert resolve_request(site, "/", "/trap/") is None


def test_symlink_within_the_site_is_served(site: Path) -> None:
    (site / "alias.css").symlink_to(site / "style.css")
    assert resolve_request(site, "/", "/alias.css") == Resolved(file=(site / "style.css").resolve())


def test_symlink_loop_is_not_found(site: Path) -> None:
    (site / "loop").symlink_to(site / "loop")
    assert resolve_request(site, "/", "/loop") is None
