"""Sentence splitting: abbreviations, quotes, datelines, offsets."""

from __future__ import annotations

from dateline.events.sentences import split_sentences


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


def test_abbreviations_do_not_end_sentences() -> None:
    text = "Mr. Smith met U.S. officials on Jan. 5 in Washington. Dr. Lee was there."
    assert sentences(text) == [
        "Mr. Smith met U.S. officials on Jan. 5 in Washington.",
        "Dr. Lee was there.",
    ]


def test_middle_initials_do_not_end_sentences() -> None:
    assert sentences("President George W. Bush arrived. He spoke.") == [
        "President George W. Bush arrived.",
        "He spoke.",
    ]


def test_quoted_sentences_and_attribution() -> None:
    text = '"We watch North Korea very closely." Bolton said it twice.'
    assert sentences(text) == ['"We watch North Korea very closely."', "Bolton said it twice."]


def test_ambiguous_boundaries_go_to_pysbd() -> None:
    text = "The talks ended at 5 p.m. The ministers left."
    assert sentences(text) == ["The talks ended at 5 p.m.", "The ministers left."]


def test_wire_dateline_stays_with_its_sentence() -> None:
    text = "BEIJING, Nov. 15 (Xinhua) -- China and Vietnam held talks on Tuesday."
    assert sentences(text) == [text]


def test_paragraphs_and_offsets() -> None:
    text = "First paragraph here.\n\n  Second one starts. And ends.\n"
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == [
        "First paragraph here.",
        "Second one starts.",
        "And ends.",
    ]
    assert spans[1][0] == text.index("Second")


def test_headings_are_their_own_blocks() -> None:
    assert sentences("# Latest news\nThe summit opened on Monday.") == [
        "# Latest news",
        "The summit opened on Monday.",
    ]
