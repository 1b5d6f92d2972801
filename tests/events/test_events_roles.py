"""Who did what to whom: source and target of events read from sentences, the seed article,
merges and corrections."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from dateline import timex
from dateline.content.loader import parse_document
from dateline.events import apply_corrections, extract_events, merge_events
from dateline.events.gazetteer import default_gazetteer, resolve_actor
from dateline.events.roledata import groupings, role_examples, role_groups
from dateline.models import Document, Event, NoteEvent, Source
from dateline.pipeline.assemble import note_events
from dateline.pipeline.lint import unknown_actors
from tests.events.test_events_seed import seed_document

ANCHOR = dt.date(2018, 12, 8)


def read(text: str) -> list[Event]:
    """The events of a one-paragraph story published on 8 December 2018, with the real tagger."""
    doc = Document("articles/x.md", "article", "T", ANCHOR.isoformat(), text, 1, "x")
    found = extract_events(doc, timex.tag(text, ANCHOR), ANCHOR)[0]
    assert found, f"no event read from {text!r}"
    return found


GROUPS = sorted(role_groups().items())
SEARCHED = {"phrase_break", "mutual_act", "relative_clause", "two_parties", "stationed_in",
            "travel", "destination_end", "participation", "pronoun_clause", "meeting_attended",
            "armed_exchange", "circumstance", "agreement",
            "existential", "existential_end", "coordinated_phrase"}


@pytest.mark.parametrize(("name", "group"), GROUPS, ids=[n for n, _g in GROUPS])
def test_every_role_group_matches_its_examples(name: str, group: Any) -> None:
    # groups are used at a position (match) or anywhere in a span (search), as roles.py does
    find = group.regex.search if name in SEARCHED else group.regex.match
    assert group.match, f"{name} has no examples"
    for text in group.match:
        assert find(text), f"{name} should match {text!r}"
    for text in group.no_match:
        assert not find(text), f"{name} should not match {text!r}"


@pytest.mark.parametrize("example", role_examples(), ids=lambda e: e["sentence"][:40])
def test_every_example_sentence_gives_its_source_and_target(example: dict[str, Any]) -> None:
    for event in read(example["sentence"]):
        assert (list(event.source), list(event.target)) == (example["source"],
                                                            example["target"]), event.summary
        assert set(event.source) | set(event.target) <= set(event.actors)


def test_beijing_warns_the_united_states_not_taiwan() -> None:
    found = read("Beijing warned the United States on Tuesday against interfering in Taiwan.")
    dated = [e for e in found if e.date == "2018-12-04"]
    assert dated, [e.date for e in found]
    for event in found:
        assert (event.source, event.target) == (("CHN",), ("USA",))
        assert event.actors == ("CHN", "USA")  # Taiwan is what it is about, not a party


def test_actors_are_source_and_target_or_what_the_clause_names() -> None:
    [attended] = read("Officials from the United States, Iraq, Iran and Libya attended a forum "
                      "which opened here on Monday on the effects of UN and US sanctions.")
    assert attended.actors == ("USA", "IRQ", "IRN", "LBY")  # not the UN of the relative clause
    neither = read("An electronic trading floor, which offers data to enterprises in Vietnam and "
                   "China, was launched here on Wednesday.")
    assert all(not e.source and not e.target and e.actors for e in neither), \
        [(e.source, e.target, e.actors) for e in neither]


@pytest.mark.parametrize("group", groupings(), ids=lambda g: g.name)
def test_every_grouping_is_found_by_its_examples(group: Any) -> None:
    assert group.rule.match and group.members
    assert all(group.rule.regex.search(text) for text in group.rule.match)
    assert not any(group.rule.regex.search(text) for text in group.rule.no_match)


def _roles(found: list[Event], words: str) -> set[tuple[tuple[str, ...], tuple[str, ...]]]:
    """Source and target (codes) of the events read from the sentence holding ``words``."""
    events = [e for e in found if words in e.quote]
    assert events, [e.quote for e in found]
    return {(tuple(sorted(_codes(e.source))), tuple(sorted(_codes(e.target)))) for e in events}


def test_the_two_sides_are_the_parties_of_the_storys_first_sentence() -> None:
    found = read("Pakistan's defence ministry on Sunday dismissed Indian reports of firing in "
                 "Kashmir. Two Indians were reported killed on Saturday in the shooting between "
                 "the two sides. The agreement was signed by the two governments on Friday.")
    # fighting between the two sides: both fire, both are fired at (armed_exchange)
    assert _roles(found, "Two Indians") == {(("IND", "PAK"), ("IND", "PAK"))}
    assert _roles(found, "two governments") == {(("PAK",), ("IND",))}


def test_a_passive_relative_clause_of_the_subject_names_the_parties() -> None:
    found = read("The US government has given Nepal 30 million dollars, officials said on Friday. "
                 "The agreement, which was signed by the two governments on Thursday, "
                 "\"demonstrates our continuing commitment,\" it said.")
    assert _roles(found, "two governments") == {(("USA",), ("NPL",))}


def test_a_reported_clause_after_place_and_date_words_has_its_own_subject() -> None:
    found = read("UNFCCC Executive Secretary Yvo de Boer said here on Tuesday that he regretted "
                 "America's refusal to ratify the Kyoto Protocol.")
    assert _roles(found, "regretted") == {(("UNFCCC",), ("USA",))}


def test_they_are_the_two_parties_the_sentence_before_opened_with() -> None:
    found = read("Israeli Foreign Minister David Levy arrived in Ankara on Tuesday. Turkey and "
                 "Israel boosted their ties last year. They signed two pacts on Monday despite "
                 "condemnation by Iran, Syria and Iraq.")
    # a joint act of the two (mutual_act); who condemns it is no party (circumstance)
    assert _roles(found, "They signed") == {(("TUR",), ("ISR",))}
    alone = read("Israeli Foreign Minister David Levy arrived in Ankara on Tuesday. Ties were "
                 "boosted last year. They signed two pacts on Monday.")
    assert _roles(alone, "They signed") == {(("ISR",), ())}  # the story's first subject


def test_the_president_is_the_last_named_of_those_given_the_title() -> None:
    found = read("Philippine President Gloria Macapagal-Arroyo left for Hanoi on Friday. She "
                 "will meet President George W. Bush there. Arroyo also spoke of trade. The "
                 "President said on Friday she will push for the World Trade Organization talks.")
    assert _roles(found, "The President said") == {(("PHL",), ("WTO",))}


def test_the_report_is_who_the_story_said_issued_it() -> None:
    found = read("EU foreign ministers will meet on Tuesday. On the table will be a report from "
                 "the European Commission on trade. The report also called on Monday for "
                 "high-level visits to Japan.")
    assert _roles(found, "The report also") == {(("EU",), ("JPN",))}
    before = read("Officials read a UN report on trade. The report called on Monday for "
                  "high-level visits to Japan.")
    assert _roles(before, "The report called") == {(("UN",), ("JPN",))}
    unknown = read("Officials read a report on trade. The report called on Monday for "
                   "high-level visits to Japan.")
    assert _roles(unknown, "The report called") == {((), ("JPN",))}


def test_a_visit_named_again_goes_where_the_story_said_it_goes() -> None:
    found = read("Turkish Defence Minister Turhan Tayan would visit Israel between April 7 and 9. "
                 "Tayan's visit will now be rescheduled for late December, an official said.")
    assert _roles(found, "rescheduled") == {(("TUR",), ("ISR",))}
    other = read("Turkish Defence Minister Turhan Tayan would visit Israel between April 7 and 9. "
                 "Israeli Foreign Minister David Levy's visit will now be rescheduled for late "
                 "December, an official said.")
    assert _roles(other, "rescheduled") == {(("ISR",), ())}  # not Levy's journey


def test_the_alliance_is_nato_in_a_story_on_nato() -> None:
    found = read("NATO leaders met in Riga on Tuesday. U.S. President George W. Bush said on "
                 "Tuesday the transatlantic military alliance's door remains open.")
    assert _roles(found, "alliance's door") == {(("USA",), ("NATO",))}
    alone = read("U.S. President George W. Bush said on Tuesday the alliance's door remains open.")
    assert _roles(alone, "alliance's door") == {(("USA",), ())}


def test_a_visit_here_goes_to_the_datelines_state() -> None:
    found = read("CAIRO, Dec. 8 (Xinhua) -- UN Secretary-General Kofi Annan arrived here on "
                 "Tuesday for talks.")
    assert _roles(found, "arrived here") == {(("UN",), ("EGY",))}
    left = read("MANILA, Dec. 8 (Xinhua) -- Philippine President Gloria Arroyo left here on Friday "
                "for the APEC meeting.")
    assert _roles(left, "left here") == {(("PHL",), ("APEC",))}  # "here" is where she leaves


def test_a_pronoun_subject_is_the_speaker() -> None:
    [*_, content] = read("John Bolton said on Tuesday that he would meet Kim Jong Un in "
                         "January.")
    assert content.status == "planned"
    assert content.source == ("john-bolton", "USA")
    assert content.target == ("kim-jong-un", "PRK")


def test_a_passive_names_its_agent_as_the_source() -> None:
    [event] = read("The accord was signed by Japan and Peru on Monday in Lima.")
    assert (event.source, event.target) == (("JPN",), ("PER",))  # as "Japan and Peru signed"


def test_a_title_stands_for_the_person_the_story_gave_it() -> None:
    found = read("Japanese Foreign Minister Taro Aso met U.S. envoys on Monday. "
                 "The foreign minister said on Tuesday that he would visit China.")
    visit = [e for e in found if "visit China" in e.quote and e.date == "2018-12-04"]
    assert visit and all(e.source == ("JPN", "taro-aso") and e.target == ("CHN",)
                         for e in visit), [(e.source, e.target) for e in visit]


# The chronology style guide's table for the seed article (../shared/guides/chronology-style.md):
# date → (source, target), codes only.
SEED = {
    "2018-12-02": ({"USA"}, {"PRK"}),
    "2018-12-04": ({"USA"}, {"PRK"}),
    "2018-12-06": ({"PRK"}, {"CHN"}),
    "2019-01": ({"USA"}, {"PRK"}),
}


def _codes(actors: tuple[str, ...]) -> set[str]:
    return {a for a in actors if not a.islower()}


def test_seed_article_says_who_did_what_to_whom() -> None:
    doc = seed_document()
    anchor = timex.reference_date(doc.body, ANCHOR)
    found = extract_events(doc, timex.tag(doc.body, anchor), anchor)[0]
    for date, (source, target) in SEED.items():
        events = [e for e in found if e.date == date]
        assert events, date
        assert [(_codes(e.source), _codes(e.target)) for e in events] == \
            [(source, target)] * len(events), date
    built = [e for e in found if e.date == "2017"]
    assert built and _codes(built[0].source) == {"PRK"}  # "The images indicate North Korea ..."


def _event(path: str, source: tuple[str, ...], target: tuple[str, ...]) -> Event:
    return Event(id=f"e-{path}", date="2018-12-04", summary="China warns the United States over "
                 "Taiwan arms sales", actors=("CHN", "USA", "TWN"), source=source, target=target,
                 sources=(Source(path, 1, "t", 0, 5, f"P {path}", "", "2018-12-04"),),
                 type="13", quad="verbal-conflict")


def test_a_merged_event_takes_the_union_of_sources_and_targets() -> None:
    [merged] = merge_events([_event("a.md", ("CHN",), ("USA",)),
                             _event("b.md", ("CHN", "wang-yi"), ("USA", "TWN"))])
    assert (merged.source, merged.target) == (("CHN", "wang-yi"), ("USA", "TWN"))


NOTE = Document("notes/fix.md", "note", "Fixes", "", "", 6, "n")


def test_corrections_set_source_and_target_and_keep_them_among_actors() -> None:
    event = _event("a.md", ("CHN",), ("USA",))
    roles = NoteEvent(line=4, col=5, corrects=event.id, source=("TWN",), target=("CHN",))
    [fixed], problems = apply_corrections([event], [(NOTE, roles)])
    assert problems == []
    assert (fixed.source, fixed.target) == (("TWN",), ("CHN",))
    assert fixed.actors == ("CHN", "USA", "TWN")  # the codes the event had, in their order
    actors = NoteEvent(line=4, col=5, corrects=event.id, actors=("CHN", "RUS"))
    [fixed], _problems = apply_corrections([event], [(NOTE, actors)])
    assert (fixed.actors, fixed.source, fixed.target) == (("CHN", "RUS"), ("CHN",), ())
    both = NoteEvent(line=4, col=5, corrects=event.id, actors=("USA",), target=("PRK",))
    [fixed], _problems = apply_corrections([event], [(NOTE, both)])
    assert (fixed.actors, fixed.source, fixed.target) == (("USA", "PRK"), (), ("PRK",))


# --- notes: source: and target: front matter -------------------------------------------------

NOTE_TEXT = """---
title: Who did what to whom
sources: [https://example.org/report]
events:
  - date: 2018-05-24
    title: Trump calls off the Singapore summit
    source: [usa]
    target: [PRK, XYZ]
  - date: 2018-06-12
    title: Trump and Kim meet
    actors: [USA, PRK]
---
"""


def test_a_note_gives_source_and_target_which_count_as_actors() -> None:
    document, problems = parse_document("notes/who.md", "note", NOTE_TEXT, "0")
    assert document is not None and problems == []
    cancelled, _met = document.note_events
    assert (cancelled.source, cancelled.target, cancelled.actors) == (("usa",), ("PRK", "XYZ"), ())
    made = note_events(document, {}, lambda code: resolve_actor(code, default_gazetteer()))
    assert [(e.actors, e.source, e.target) for e in made] == [
        (("USA", "PRK", "XYZ"), ("USA",), ("PRK", "XYZ")), (("USA", "PRK"), (), ())]
    warnings = unknown_actors([document], default_gazetteer())
    assert [(p.line, p.col, p.message) for p in warnings] == [(8, 19, "unknown actor 'XYZ'")]


def test_a_web_address_under_source_is_an_error_pointing_to_sources() -> None:
    text = "---\ndate: 2018-06-12\ntitle: T\nsource: https://example.org/report\n---\n"
    _document, problems = parse_document("notes/n.md", "note", text, "0")
    assert [(p.severity, p.line, p.col, p.hint) for p in problems] == [
        ("error", 4, 9, "list web addresses and articles under 'sources'")]
    text = "---\ndate: 2018-06-12\ntitle: T\ntarget: [articles/a.md]\n---\n"
    _document, problems = parse_document("notes/n.md", "note", text, "0")
    assert [p.message for p in problems] == [
        "'target' names who acts or at whom (actor codes), not a report: articles/a.md"]


def test_source_belongs_inside_an_entry_of_events() -> None:
    text = NOTE_TEXT.replace("sources: [https://example.org/report]\n",
                             "sources: [https://example.org/report]\nsource: [USA]\n")
    _document, problems = parse_document("notes/who.md", "note", text, "0")
    assert [(p.line, p.message) for p in problems] == [
        (4, "'source' belongs inside an entry of 'events'")]


def test_an_agreement_with_no_party_named_is_with_the_storys_other_party() -> None:
    approved = "The Turkish parliament last Friday approved a free trade agreement signed in 2018."
    found = read("Israeli Foreign Minister David Levy arrived in Ankara on Tuesday for talks with "
                 f"Turkish leaders. {approved}")
    [event] = [e for e in found if "agreement" in e.quote]
    assert (event.source, event.target) == (("TUR",), ("ISR",))
    # a story about one state gives it no partner
    [alone] = [e for e in read(f"Turkish leaders met in Ankara on Tuesday. {approved}")
               if "agreement" in e.quote]
    assert (alone.source, alone.target) == (("TUR",), ())


def test_he_opening_a_sentence_is_the_last_person_named_with_his_state() -> None:
    # person_pronoun: "He" with no reported words stands for the last person the story named
    events = read("Israeli Foreign Minister David Levy arrived on Monday. Turkish Prime Minister "
                  "Necmettin Erbakan spoke on Monday. He met Levy on Tuesday.")
    last = events[-1]
    assert set(last.source) == {"TUR", "necmettin-erbakan"}
    assert set(last.target) == {"ISR", "david-levy"}



def test_the_two_parties_are_the_two_the_story_opened_with() -> None:
    # two_parties: "the two parties" after a first sentence naming Russia and Belarus
    events = read("Russia edged closer on Sunday to cutting gas supplies to neighbouring Belarus. "
                  "The EU has limited itself on Sunday to calling on the two parties to reach a "
                  "deal, while the authorities in France and Germany say they are not worried.")
    assert (list(events[-1].source), set(events[-1].target)) == (["EU"], {"RUS", "BLR"})
