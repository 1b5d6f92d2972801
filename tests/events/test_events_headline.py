"""Headlines (issue 18): every example of headline.yaml and verbforms.yaml, the issue's cases,
and the rules on the seed article and the example site's articles."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest

from dateline import timex
from dateline.content.loader import load_documents
from dateline.events import extract_events
from dateline.events.headline import fragment_reason, has_relative_time
from dateline.events.headline_fit import headline_rules
from dateline.events.tense import present_group
from dateline.events.verbforms import (
    is_plural,
    main_verb,
    past_lemma,
    present,
    verb_forms,
)
from dateline.models import Document, Event, Timex
from dateline.pipeline.extract import anchor_of
from tests.events.test_events_seed import seed_document

REPO = Path(__file__).resolve().parents[2]
ANCHOR = dt.date(2018, 12, 8)
GROUPS = sorted(headline_rules().groups.items())


def events_of(sentence: str, dates: list[list[str]]) -> list[Event]:
    """The events of a one-sentence story, with hand-placed time expressions."""
    found = []
    for phrase, value in dates:
        start = sentence.index(phrase)
        found.append(Timex(start, start + len(phrase), phrase, "DATE", value))
    doc = Document("articles/a.md", "article", "A story", "2018-12-08", sentence, 1, "d")
    return extract_events(doc, found, ANCHOR)[0]


@pytest.mark.parametrize(("name", "group"), GROUPS, ids=[n for n, _g in GROUPS])
def test_every_headline_rule_matches_its_examples(name: str, group: Any) -> None:
    assert group.match, f"{name} has no examples"
    for text in group.match:
        assert group.regex.search(text), f"{name} should match {text!r}"
    for text in group.no_match:
        assert not group.regex.search(text), f"{name} should not match {text!r}"


EXAMPLES = headline_rules().examples


@pytest.mark.parametrize("example", EXAMPLES, ids=[e["sentence"][:40] for e in EXAMPLES])
def test_every_headline_example_gives_its_headlines(example: dict[str, Any]) -> None:
    events = events_of(example["sentence"], example["dates"])
    assert list(dict.fromkeys(e.summary for e in events)) == example["headlines"]
    for event in events:
        assert event.quote == " ".join(example["sentence"].split())


@pytest.mark.parametrize(("past", "singular", "plural"), verb_forms().examples["present"])
def test_a_past_form_becomes_the_present_of_its_subject(past: str, singular: str,
                                                        plural: str) -> None:
    lemma = past_lemma(past)
    assert lemma is not None, past
    assert (present(lemma, False), present(lemma, True)) == (singular, plural)


@pytest.mark.parametrize(("clause", "expected"), verb_forms().examples["group"])
def test_a_clause_is_put_in_the_present(clause: str, expected: str) -> None:
    tokens = clause.split()
    verb = main_verb(tokens)
    assert verb is not None, clause
    assert " ".join(present_group(tokens, verb, is_plural(" ".join(tokens[:verb])))) == expected


@pytest.mark.parametrize("text", verb_forms().examples["not_a_clause"])
def test_no_main_verb_where_there_is_none(text: str) -> None:
    assert main_verb(text.split()) is None


def test_plural_subjects_follow_their_examples() -> None:
    spec = verb_forms().examples
    assert spec  # the plural examples sit with their pattern, checked here
    for text in ("Syria and Iraq", "Two Indians", "APEC leaders", "Leaders of the 21 economies",
                 "Moon Jae-in and Kim Jong Un", "US officials"):
        assert is_plural(text), text
    for text in ("The United States", "Trinidad and Tobago", "the Philippines", "Ekranas",
                 "Pakistan's defence ministry", "the Ministry of Trade and Industry"):
        assert not is_plural(text), text


@pytest.mark.parametrize(
    ("headline", "reason"),
    [
        ("Ri on Friday that China supported continued dialogue", "no finite verb"),
        ("The United States Tuesday against interfering in Taiwan", "no finite verb"),
        ("Asked if he considered the Kinshasa regime legitimate.", "no finite verb"),
        ("Will there be another summit?", "question"),
        ("Bolton says there should be another summit with Kim", ""),
        ("APEC leaders open their annual meeting in Hanoi", ""),
        ("North Korea tests its first intercontinental ballistic missile", ""),
    ],
)
def test_fragments_are_told_by_rule(headline: str, reason: str) -> None:
    assert fragment_reason(headline) == reason


def test_the_subject_of_a_told_clause_is_kept() -> None:
    events = events_of("Wang told Ri on Friday that China supported continued dialogue "
                       "between Pyongyang and Washington.", [["on Friday", "2018-12-07"]])
    assert events
    for event in events:
        assert event.summary.startswith("Wang tells Ri ")
        assert "Friday" not in event.summary and not fragment_reason(event.summary)


def test_a_warning_keeps_who_warned_whom() -> None:
    events = events_of("Beijing warned the United States on Tuesday against interfering in "
                       "Taiwan.", [["on Tuesday", "2018-12-04"]])
    assert {e.summary for e in events} == {
        "Beijing warns the United States against interfering in Taiwan"}


def test_a_question_put_to_a_speaker_is_no_fragment() -> None:
    sentence = ('Asked if he considered the Kinshasa regime legitimate, Rummelhardt said France '
                '"does not recognise governments, but recognises states."')
    [event] = events_of(sentence, [])
    assert event.summary.startswith("Rummelhardt says France does not recognise governments")
    assert not fragment_reason(event.summary)


def test_a_first_person_quote_keeps_its_quotation_marks_closed() -> None:
    sentence = ('"We will not discuss matters of intelligence with anyone who asks us about the '
                'missile sites in the north", Pentagon spokesperson Chris Logan told CNN.')
    [event] = events_of(sentence, [])
    assert event.summary.startswith('Logan says "We will not discuss')
    assert event.summary.count('"') == 2 and event.summary.endswith('"')
    assert len(event.summary.split()) <= 15


@pytest.fixture(scope="module")
def seed_events() -> list[Event]:
    doc = seed_document()
    anchor = timex.reference_date(doc.body, dt.date(2018, 12, 8))
    return extract_events(doc, timex.tag(doc.body, anchor), anchor)[0]


def test_seed_bolton_says(seed_events: list[Event]) -> None:
    said = [e for e in seed_events if "Bolton said Tuesday" in e.quote]
    assert [e.summary for e in said] == [
        "National Security Adviser John Bolton says there should be another summit with Kim"]
    quoted = [e for e in seed_events if "Bolton said during" in e.quote]
    assert [e.summary.split(" says ")[0] for e in quoted] == ["Bolton"]


def test_seed_headlines_are_clean_sentences(seed_events: list[Event]) -> None:
    assert seed_events
    for event in seed_events:
        assert not fragment_reason(event.summary), event.summary
        assert not has_relative_time(event.summary), event.summary
        assert len(event.summary.split()) <= 15, event.summary
        assert event.summary.count('"') % 2 == 0, event.summary


def test_example_site_headlines_are_clean_sentences() -> None:
    loaded = load_documents(REPO / "content")
    articles = [d for d in loaded.documents if d.kind == "article"]
    assert articles
    headlines = []
    for doc in articles:
        anchor = anchor_of(doc)
        headlines += [e.summary for e in extract_events(doc, timex.tag(doc.body, anchor),
                                                        anchor)[0]]
    assert headlines
    assert [h for h in headlines if fragment_reason(h)] == []
    assert [h for h in headlines if has_relative_time(h)] == []
    assert [h for h in headlines if len(h.split()) > 15] == []
    assert not [h for h in headlines if re.search(r"[.…]$", h)]
