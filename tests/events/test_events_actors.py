"""Actors: ISO codes, organizations, people and roles, capitals, demonyms, false friends."""

from __future__ import annotations

import pickle
from dataclasses import replace
from typing import Any

import pytest

from dateline.events import actor_name, load_gazetteer
from dateline.events.actors import document_actors, find_actors
from dateline.events.gazetteer import Gazetteer
from dateline.events.rules import load_data


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


def actors(text: str, gaz: Gazetteer, context: str = "") -> list[str]:
    return find_actors(text, gaz, document_actors(context + " " + text, gaz))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("North Korea's foreign minister arrived", ["PRK"]),
        ("South Korean officials met Chinese diplomats", ["KOR", "CHN"]),
        ("the U.S.-led coalition", ["USA"]),
        ("talks with the United States and Russia", ["USA", "RUS"]),
        ("Sino-Vietnamese relations", ["CHN", "VNM"]),
        ("Côte d'Ivoire and Viet Nam", ["CIV", "VNM"]),  # pycountry names
        ("the UN Security Council and NATO", ["UN", "NATO"]),
        ("the IAEA, the EU, the G20 and ASEAN", ["IAEA", "EU", "G20", "ASEAN"]),
        ("the Pentagon, the Kremlin and the Blue House", ["USA", "RUS", "KOR"]),
        ("KCNA said, and Xinhua reported", ["PRK", "CHN"]),
    ],
)
def test_names_demonyms_organizations_institutions_media(
    text: str, expected: list[str], gaz: Gazetteer
) -> None:
    assert actors(text, gaz) == expected


def test_capitals_count_only_in_actor_position(gaz: Gazetteer) -> None:
    assert actors("Beijing may be using this opportunity", gaz) == ["CHN"]
    assert actors("Washington and Seoul agreed on Monday", gaz) == ["USA", "KOR"]
    assert actors("the minister will arrive in Beijing", gaz) == []
    assert actors("he flew from Washington to Seoul", gaz) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kim Jong Un told us nothing", ["kim-jong-un", "PRK"]),  # not the UN, not the US
        ("Michael Jordan played", []),
        ("he lives in Atlanta, Georgia", []),
        ("the Korean peninsula", []),
        ("Korea is divided", []),  # "Korea" alone is ambiguous
        ("the Washington Post reported", []),
        ("George Washington crossed", []),
        ("King Abdullah of Jordan and Georgia's president", ["abdullah", "JOR", "GEO"]),
    ],
)
def test_false_friends_are_not_actors(text: str, expected: list[str], gaz: Gazetteer) -> None:
    assert actors(text, gaz) == expected


def test_people_with_their_state_and_role(gaz: Gazetteer) -> None:
    found = actors("National Security Adviser John Bolton said Tuesday", gaz)
    assert found == ["john-bolton", "USA"]
    assert gaz.people["john-bolton"].role == "government"
    assert actors("Kim Jong Un met Trump", gaz) == ["kim-jong-un", "PRK", "donald-trump", "USA"]


def test_surnames_need_the_state_in_the_document(gaz: Gazetteer) -> None:
    assert actors("Bolton said so", gaz) == []
    assert actors("Bolton said so", gaz, context="The United States said") == ["john-bolton", "USA"]
    assert "PRK" in actors("a summit with Kim", gaz, context="North Korea tested a missile")


def test_titled_people_are_found_with_the_state_before_the_title(gaz: Gazetteer) -> None:
    context = "Chinese President Hu Jintao arrived. Japan's Foreign Minister Yukuhiko Ikeda left."
    assert actors("Hu said on Tuesday", gaz, context) == ["hu-jintao", "CHN"]
    assert actors("Ikeda visited South Korea", gaz, context) == ["yukuhiko-ikeda", "JPN", "KOR"]
    assert actors(
        "Lt. Col. Chris Logan spoke", gaz, "Pentagon spokesperson Lt. Col. Chris Logan told CNN."
    )[:1] == ["chris-logan"]


def test_a_titled_persons_state_is_found_across_a_qualifier(gaz: Gazetteer) -> None:
    # a word that qualifies the title, an abbreviation in brackets, a lower-case title
    context = ("Chinese Commerce Minister Bo Xilai arrived. The UN Framework Convention on "
               "Climate Change (UNFCCC) Executive Secretary Yvo de Boer spoke. The SADC "
               "executive secretary Tomaz Salomao left.")
    assert actors("Bo Xilai said", gaz, context) == ["bo-xilai", "CHN"]
    assert actors("De Boer said", gaz, context) == ["yvo-de-boer", "UNFCCC"]
    assert actors("Salomao said", gaz, context) == ["tomaz-salomao", "SADC"]
    # no state across a verb or a date
    assert actors("Mbeki said", gaz, "Zambia said President Thabo Mbeki left.") == ["thabo-mbeki"]
    assert actors("Mbeki said", gaz, "In Kenya Monday President Thabo Mbeki left.") == [
        "thabo-mbeki"]


def test_a_double_surname_is_named_by_its_second_part(gaz: Gazetteer) -> None:
    context = "Philippine President Gloria Macapagal-Arroyo left for Hanoi."
    assert actors("Arroyo said", gaz, context) == ["gloria-macapagal-arroyo", "PHL"]


def test_users_extend_the_gazetteer() -> None:
    extra = {
        "countries": {"PRK": ["the Hermit Kingdom"]},
        "organizations": {"QUAD": {"name": "Quadrilateral Security Dialogue", "aliases": ["Quad"]}},
        "people": {
            "stephen-biegun": {
                "name": "Stephen Biegun",
                "country": "USA",
                "role": "government",
                "aliases": ["Stephen Biegun"],
                "short": ["Biegun"],
            }
        },
        "false_friends": ["Quad Cities"],
    }
    gaz = load_gazetteer(extra)
    assert find_actors("the Hermit Kingdom and the Quad", gaz) == ["PRK", "QUAD"]
    assert find_actors("Quad Cities", gaz) == []
    assert find_actors("Stephen Biegun", gaz) == ["stephen-biegun", "USA"]
    assert actor_name("QUAD", gaz) == "Quadrilateral Security Dialogue"


def test_gazetteer_pickles_and_names_display(gaz: Gazetteer) -> None:
    again = pickle.loads(pickle.dumps(gaz))
    assert find_actors("North Korea", again) == ["PRK"]
    assert actor_name("PRK", gaz) == "North Korea"
    assert actor_name("UN", gaz) == "United Nations"
    assert actor_name("john-bolton", gaz) == "John Bolton"
    assert actor_name("hu-jintao") == "Hu Jintao"
    assert actor_name("XYZ") == "XYZ"


# --- evidence that a name is a place or state where it stands (issue 18) -----------------------

EXAMPLES = load_data("gazetteer.yaml")["examples"]


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e["text"][:40])
def test_every_gazetteer_example_finds_its_actors(example: dict[str, Any], gaz: Gazetteer) -> None:
    assert actors(example["text"], gaz) == example["actors"]


def test_every_not_acting_position_has_an_example(gaz: Gazetteer) -> None:
    """Each position rule leaves out a name in some example that would be found without it."""
    for context in gaz.not_acting:
        without = replace(gaz, not_acting=tuple(c for c in gaz.not_acting if c is not context))
        assert any(actors(e["text"], without) != e["actors"] for e in EXAMPLES), context.name


def test_a_capital_in_a_persons_name_is_the_person() -> None:
    gaz = load_gazetteer()
    story = ("The US Congress is expected to ratify the nomination of the first US ambassador "
             "to Hanoi, Douglas Peterson later this week.")
    assert "IMN" not in actors(story, gaz)  # Douglas, the Isle of Man's capital
    panel = ("The panel is headed by James A. Baker III and former congressman Lee H. Hamilton. "
             "Hamilton said it would meet Bush on Monday.")
    assert "BMU" not in actors(panel, gaz)  # Hamilton, Bermuda's capital, all through the story
    assert actors("Hamilton said on Monday that the island would stay calm", gaz) == ["BMU"]


def test_new_jersey_is_not_jersey(gaz: Gazetteer) -> None:
    assert actors("Obtained from New Jersey for three first-round picks, Martin signed", gaz) == []
    assert actors("Jersey and Guernsey", gaz) == ["JEY", "GGY"]


def test_croatian_serbs_are_not_serbia(gaz: Gazetteer) -> None:
    assert actors("Croatian Serbs voted in a referendum on Sunday", gaz) == ["HRV"]
    assert actors("Bosnian Serbs and Serbs in Serbia", gaz) == ["BIH", "SRB"]


def test_an_object_of_the_markets_mood_is_no_actor(gaz: Gazetteer) -> None:
    assert actors('"The market reacted bullishly to OPEC\'s decision," said a trader.', gaz) == []
    assert actors("the market was bullish on OPEC", gaz) == []
    assert actors("OPEC cut its output", gaz) == ["OPEC"]


def test_anti_syrian_critics_are_not_syria(gaz: Gazetteer) -> None:
    sentence = ("The Lebanese government voted to call for international probes into murders of "
                "anti-Syrian critics.")
    assert actors(sentence, gaz) == ["LBN"]


def test_the_doha_round_is_not_qatar(gaz: Gazetteer) -> None:
    assert actors("the stalled Doha round of World Trade Organization talks", gaz) == ["WTO"]
    assert actors("the Doha Round talks", gaz) == []
    assert actors("Doha said on Monday", gaz) == ["QAT"]


def test_a_site_adds_positions_where_no_actor_stands() -> None:
    gaz = load_gazetteer({"not_acting": {"exiles": {"after": r"\s+exiles\b"}}})
    assert find_actors("Iranian exiles and Iranian diplomats", gaz) == ["IRN"]
    assert [a.count("IRN") for a in [find_actors("Iranian exiles", gaz)]] == [0]
    with pytest.raises(ValueError, match="'empty'"):
        load_gazetteer({"not_acting": {"empty": {"names": ["Iran"]}}})


def test_a_description_stands_for_the_organization_the_story_names(gaz: Gazetteer) -> None:
    door = "the alliance's door remains open"
    assert actors(door, gaz, context="NATO leaders met in Riga.") == ["NATO"]
    assert actors(door, gaz) == []  # no NATO in the story: some other alliance
    assert actors("The bloc agreed.", gaz, context="EU leaders met.") == ["EU"]
    assert actors("The bloc agreed.", gaz, context="EU and ASEAN leaders met.") == []
    assert actors("European leaders agreed.", gaz, context="The EU met.") == ["EU"]
    assert actors("European countries agreed.", gaz, context="The EU met.") == []
