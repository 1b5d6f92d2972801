"""Actors: ISO codes, organizations, people and roles, capitals, demonyms, false friends."""

from __future__ import annotations

import pickle

import pytest

from dateline.events import actor_name, load_gazetteer
from dateline.events.actors import document_actors, find_actors
from dateline.events.gazetteer import Gazetteer


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
