"""The rule data: every named group's examples, the CAMEO lexicon, the trie alternation."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dateline.events.rules import cameo_type, lexicon, load_data, rule_groups
from dateline.events.trie import literal_alternation

GROUPS = sorted(rule_groups().items())


@pytest.mark.parametrize(("name", "group"), GROUPS, ids=[n for n, _g in GROUPS])
def test_every_rule_group_matches_its_examples(name: str, group: object) -> None:
    g = rule_groups()[name]
    assert g.match, f"{name} has no examples"
    for text in g.match:
        assert g.regex.search(text), f"{name} should match {text!r}"
    for text in g.no_match:
        assert not g.regex.search(text), f"{name} should not match {text!r}"


@pytest.mark.parametrize(
    ("text", "code", "quad"),
    [
        ("North Korea's foreign minister was due to arrive in China", "04", "verbal-cooperation"),
        ("China condemned the attack", "11", "verbal-conflict"),
        ("the ministry urged restraint", "02", "verbal-cooperation"),
        ("troops clashed near the border", "19", "material-conflict"),
        ("Pyongyang threatened to resume tests", "13", "verbal-conflict"),
        ("Seoul will provide food aid", "07", "material-cooperation"),
        ("the two countries signed a treaty", "05", "verbal-cooperation"),
        ("Bolton said there should be another summit", "04", "verbal-cooperation"),
        ("Bolton said so", "01", "verbal-cooperation"),
        ("the weather was fine", "", ""),
        # issue 18: the joint Korean march at the Olympics is no protest; a march on an embassy is
        ("North and South Korean athletes marched together under a unified flag", "", ""),
        ("protesters marched on the US embassy in Seoul", "14", "verbal-conflict"),
        # accepting a request or an invitation yields to it (CAMEO 08)
        ("Erbakan accepted Levy's request for a meeting", "08", "material-cooperation"),
    ],
)
def test_cameo_type_takes_the_first_specific_trigger(text: str, code: str, quad: str) -> None:
    assert cameo_type(text) == (code, quad)


def test_every_not_trigger_matches_its_examples() -> None:
    data = load_data("verbs.yaml")
    assert data["not_triggers"]
    for entry in data["not_triggers"]:
        pattern = re.compile(entry["pattern"])
        for text in entry["examples"]["match"]:
            assert pattern.search(text.lower()), f"{entry['pattern']} should match {text!r}"
        for text in entry["examples"]["no_match"]:
            assert not pattern.search(text.lower()), f"{entry['pattern']} matched {text!r}"


def test_lexicon_covers_all_twenty_root_codes_with_a_quad_class() -> None:
    lex = lexicon()
    assert sorted(lex.names) == [f"{i:02d}" for i in range(1, 21)]
    assert set(lex.quads) == set(lex.names)


def test_regular_inflections_are_generated() -> None:
    lex = lexicon()
    for form in ("meets", "met", "meeting", "condemned", "criticizes", "urging", "withdrew"):
        assert form in lex.verb_codes, form


def test_literal_alternation_prefers_the_longest_name() -> None:
    pattern = re.compile(
        r"(?:" + literal_alternation(["North Korea", "North Korean", "Norway"]) + ")"
    )
    assert pattern.match("North Korean army").group(0) == "North Korean"  # type: ignore[union-attr]
    assert pattern.match("North Korea's").group(0) == "North Korea"  # type: ignore[union-attr]
    assert pattern.match("Norway").group(0) == "Norway"  # type: ignore[union-attr]
    assert pattern.match("Nordic") is None


def test_every_word_of_an_alternation_matches_whole() -> None:
    # a word that is another plus two letters ("Zimbabwe", "Zimbabwean"; "Mali", "Malian") was
    # lost: the optional ending applied to its last letter only ("Zimbabwean?")
    words = ["Zimbabwe", "Zimbabwean", "Mali", "Malian", "Fiji", "Fijians", "a b", "a bc", "x",
             "x ", "North Korea", "North Korean", "Norway"]
    pattern = re.compile("(?:" + literal_alternation(words) + r")\Z")
    assert [w for w in words if not pattern.match(w)] == []


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="ab .", min_size=1, max_size=6), min_size=1, max_size=12))
def test_any_list_of_words_matches_each_of_its_words_whole(words: list[str]) -> None:
    pattern = re.compile("(?:" + literal_alternation(words) + r")\Z")
    assert [w for w in words if not pattern.match(w)] == []


def test_the_gazetteer_finds_every_state_it_knows_by_name() -> None:
    from dateline.events.gazetteer import default_gazetteer

    gazetteer = default_gazetteer()
    lost = [name for name in gazetteer.anywhere if not gazetteer.anywhere_re.fullmatch(name)]
    assert lost == []
