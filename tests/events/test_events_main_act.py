"""The event's date comes from its main act, not a side clause (issue 19, item 3).

Each case runs the real tagger on the sentence, then the extractor: the date a reader sees.
"""

from __future__ import annotations

import datetime as dt

import pytest

from dateline.events import extract_events
from dateline.events.clauses import past_act_follows
from dateline.models import Document
from dateline.timex import tag


def dated(body: str, published: str) -> list[tuple[str, str]]:
    anchor = dt.date.fromisoformat(published)
    document = Document(path="articles/a.md", kind="article", title="A story",
                        published=published, body=body, body_line=5, digest="d")
    events, problems = extract_events(document, tag(body, anchor), anchor)
    assert problems == []
    return [(e.date, e.status) for e in events]


def test_will_with_a_weekday_is_the_coming_one() -> None:
    # published on a Wednesday: "will move Thursday" is the next day, not six days back
    assert dated("The UN team will move Thursday to the new compound in Juba.",
                 "2018-12-05") == [("2018-12-06", "planned")]


def test_a_side_clause_about_an_earlier_bombing_does_not_date_the_expulsion() -> None:
    body = ("Belgium expelled two Iranian diplomats, accusing them of plotting a bombing in "
            "Paris last month.")
    assert dated(body, "2018-12-08") == [("2018-12-08", "reported")]


def test_a_relative_clause_does_not_date_the_main_act() -> None:
    body = ("Lab tests showed that the suspect, who lived in Salisbury last year, had been "
            "exposed to a nerve agent made in Russia.")
    assert [d for d, _ in dated(body, "2018-12-08")] == ["2018-12-08"]
    body = ("Annan, who arrived here late Monday, made the remarks after talks with Egyptian "
            "Foreign Minister Ahmed Abul Gheit.")
    assert [d for d, _ in dated(body, "2005-11-08")] == ["2005-11-08"]


def test_a_noun_s_reduced_clause_does_not_date_the_act() -> None:
    body = ("Syria and Iraq have signed a memorandum to let Iraqis living in Syria vote in the "
            "Iraqi election due in December.")
    assert [d for d, _ in dated(body, "2005-11-10")] == ["2005-11-10"]


def test_a_relative_clause_that_reports_the_act_keeps_its_date() -> None:
    body = ('The agreement, which was signed by the two governments Thursday, "demonstrates a '
            'continuing commitment to development," the embassy said.')
    assert "1997-04-24" in [d for d, _ in dated(body, "1997-04-25")]


def test_another_occasion_s_date_after_a_preposition_does_not_date_the_act() -> None:
    body = ("Britain is pulling together a coalition to fight the insurgency in southern "
            "Afghanistan after next year's partial US pullout.")
    assert [d for d, _ in dated(body, "2005-11-15")] == ["2005-11-15"]
    body = "Last week's summit in Buenos Aires ended without a deal."
    assert [d for d, _ in dated(body, "2018-12-08")] == ["2018-W48"]


def test_a_plan_in_a_relative_clause_keeps_its_date() -> None:
    body = ("The two sides agreed to a new round of talks, which will be held in Beijing on "
            "Monday.")
    assert dated(body, "2018-12-08") == [("2018-12-10", "planned")]


@pytest.mark.parametrize(("body", "expected"), [
    # a state that began in November is dated from then, not on the day of the story
    ("Doctors at the military hospital have cared for him since November, the ministry said.",
     "2018-11"),
    # a comparison only bounds: the fall is the story's news
    ("The index has had its worst month since 1991 after the talks collapsed.", "2018-12-08"),
])
def test_since(body: str, expected: str) -> None:
    assert [d for d, _ in dated(body, "2018-12-08")] == [expected]


@pytest.mark.parametrize(("rest", "expected"), [
    (" Monday, made the remarks", True),
    (" Monday, has rejected", True),
    (" Monday, also visited", True),
    (' Thursday, "demonstrates', False),
    (" Thursday, it is", False),
])
def test_what_follows_a_side_clause(rest: str, expected: bool) -> None:
    assert past_act_follows(rest) is expected


def test_what_an_ongoing_act_asks_for_keeps_its_own_date() -> None:
    # published on a Wednesday: the pushing is now; "on Thursday" is the vote's (the coming one)
    body = ("Britain is pushing for a Security Council vote on new sanctions against Syria on "
            "Thursday despite differences over details.")
    assert [d for d, _ in dated(body, "2006-12-20")] == ["2006-12-20"]


def test_a_present_progressive_points_a_weekday_ahead() -> None:
    # an arrangement: "are meeting on Friday" from a Wednesday is two days later
    body = "The foreign ministers of France and Germany are meeting in Berlin on Friday."
    assert dated(body, "2006-12-20") == [("2006-12-22", "planned")]


def extracted(body: str, published: str) -> list[tuple[str, str, str, str, tuple[str, ...]]]:
    anchor = dt.date.fromisoformat(published)
    document = Document(path="articles/a.md", kind="article", title="A story",
                        published=published, body=body, body_line=5, digest="d")
    events, problems = extract_events(document, tag(body, anchor), anchor)
    assert problems == []
    return [(e.date, e.end, e.status, e.summary, e.source) for e in events]


def test_a_plan_at_the_place_of_an_undated_act_is_an_event_of_its_own() -> None:
    # the visit is news of the story's day; only the meeting has the sentence's date
    body = ("President Hu is in Hanoi for a state visit, where he will also attend the "
            "Nov. 18-19 APEC economic leaders' informal meeting.")
    visit, meeting = extracted(body, "2006-11-17")
    assert visit[:3] == ("2006-11-17", "", "reported")
    assert visit[3].startswith("President Hu is in Hanoi")
    assert meeting[:3] == ("2006-11-18", "2006-11-19", "planned")
    assert meeting[3].startswith("Hu will also attend")
    assert "CHN" in meeting[4]


def test_the_pronoun_of_a_plan_at_a_place_is_the_name_given_a_possessive() -> None:
    body = ("The statement was issued hours before Japanese Prime Minister Ryutaro Hashimoto's "
            "scheduled departure for the United States, where he will hold a summit with "
            "President Bill Clinton in Washington on Friday.")
    plans = [e for e in extracted(body, "1997-04-24") if e[2] == "planned"]
    assert [(d, summary.split(" will ")[0]) for d, _, _, summary, _ in plans] == [
        ("1997-04-25", "Ryutaro Hashimoto")]
    assert "JPN" in plans[0][4]


def test_a_plan_s_window_is_a_range_from_the_story_s_day() -> None:
    body = ("A 5,000-strong multinational force led by Italy could be deployed within 10 days, "
            "Italy's Defence Minister Beniamino Andreatta announced Tuesday.")
    assert [e[:3] for e in extracted(body, "1997-04-01")] == [
        ("1997-04-01", "1997-04-11", "planned")]
    body = "The two sides will settle the dispute in the next three months, the minister said."
    assert [e[:3] for e in extracted(body, "2006-11-27") if e[1]] == [
        ("2006-11", "2007-02", "planned")]


def test_a_period_of_payments_or_a_past_window_is_no_plan_s_window() -> None:
    body = ("Iran will also disburse 100 dollars a month over the next six months to 3,000 "
            "Palestinian fishermen.")
    assert all(not e[1] for e in extracted(body, "2006-12-11"))
    body = "The rebels withdrew within 10 days of the ceasefire, the army said Monday."
    assert all(not e[1] for e in extracted(body, "2006-12-11"))
