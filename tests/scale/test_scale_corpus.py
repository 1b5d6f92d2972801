"""The benchmark's corpus conversion: valid articles, and copies that are really distinct."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.common import CORPUS, make_hugo_site, make_pelican_site, make_project, read_stories
from dateline.content.loader import load_documents
from tests.conftest import shared


@pytest.fixture(scope="module")
def stories():  # type: ignore[no-untyped-def]
    shared("corpora/te3-silver")  # fails with a clear message when the shared data is missing
    return read_stories(CORPUS, limit=4)


def test_stories_keep_date_title_and_text(stories) -> None:  # type: ignore[no-untyped-def]
    first = stories[0]
    assert first.doc_id == "AFP_ENG_19970401.0006"
    assert first.date == "1997-04-01"  # the DCT
    assert first.title == "Malaysian share market falls 1.1 percent at midday"
    assert first.publisher == "Agence France-Presse"
    assert first.paragraphs[0].startswith("Malaysian share prices dipped 1.1 percent by midday")
    assert not any("<" in p for p in first.paragraphs)  # TimeML tags stripped


def test_converted_articles_load_without_problems(tmp_path: Path,
                                                  stories) -> None:  # type: ignore[no-untyped-def]
    project = make_project(tmp_path / "site", stories, copies=2)
    loaded = load_documents(project / "content")
    assert loaded.problems == ()
    assert len(loaded.documents) == 8
    first = next(d for d in loaded.documents if d.path == "articles/afp-eng-19970401-0006.md")
    assert (first.published, first.publisher) == ("1997-04-01", "Agence France-Presse")
    assert first.source_id == "afp-eng-19970401-0006"
    assert first.url == "https://example.org/te3/afp-eng-19970401-0006"


def test_copies_have_distinct_files_ids_and_titles(tmp_path: Path,
                                                   stories) -> None:  # type: ignore[no-untyped-def]
    project = make_project(tmp_path / "site", stories, copies=3)
    documents = load_documents(project / "content").documents
    assert len({d.path for d in documents}) == 12
    assert len({d.source_id for d in documents}) == 12
    assert len({d.url for d in documents}) == 12
    copy = next(d for d in documents if d.path == "articles/afp-eng-19970401-0006-c2.md")
    assert copy.title.endswith("(copy 2)")
    original = next(d for d in documents if d.path == "articles/afp-eng-19970401-0006.md")
    assert copy.body == original.body  # same text, so the same extraction work


def test_peer_sites_hold_the_same_articles(tmp_path: Path,
                                           stories) -> None:  # type: ignore[no-untyped-def]
    pelican = make_pelican_site(tmp_path / "pelican", stories, copies=2)
    hugo = make_hugo_site(tmp_path / "hugo", stories, copies=2)
    assert len(list((pelican / "content").glob("*.md"))) == 8
    assert len(list((hugo / "content" / "articles").glob("*.md"))) == 8
    text = (pelican / "content" / "afp-eng-19970401-0006.md").read_text("utf-8")
    assert text.startswith("Title: Malaysian share market falls")
    assert "\nDate: 1997-04-01\n" in text
    hugo_text = (hugo / "content" / "articles" / "afp-eng-19970401-0006.md").read_text("utf-8")
    assert "\nlink: https://example.org/te3/" in hugo_text and "\nurl:" not in hugo_text
