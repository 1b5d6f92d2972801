"""Which date an event takes from its wording (issue 19): each class of wording a rule of
``rules.yaml`` or the tagger reads, on a sentence, with the real tagger then the extractor."""

from __future__ import annotations

import datetime as dt

from dateline.events import extract_events
from dateline.models import Document
from dateline.timex import tag


def dated(body: str, published: str) -> list[tuple[str, str, str]]:
    """(date, end, status) of every candidate event of ``body``, in the order of the text."""
    anchor = dt.date.fromisoformat(published)
    document = Document(path="articles/a.md", kind="article", title="A story",
                        published=published, body=body, body_line=5, digest="d")
    events, problems = extract_events(document, tag(body, anchor), anchor)
    assert problems == []
    return [(e.date, e.end, e.status) for e in events]


CALL = "The United Nations on Thursday called on Kabila to stop the killing.\n\n"


def test_an_act_reported_separately_takes_the_date_of_the_act_before() -> None:
    # published on a Friday: the UN's call was Thursday, and so was the separate US call
    body = CALL + "The United States separately called on Kabila to assist in repatriation."
    assert dated(body, "1997-04-04") == [("1997-04-03", "", "happened")] * 2


def test_without_the_cue_an_undated_act_is_the_story_s() -> None:
    body = CALL + "The United States called on Kabila to assist in repatriation."
    assert [d for d, _, _ in dated(body, "1997-04-04")] == ["1997-04-03", "1997-04-04"]


def test_a_plan_alongside_a_dated_act_keeps_no_date_of_it() -> None:
    body = CALL + "The United States will also meet Kabila separately."
    assert [d for d, _, _ in dated(body, "1997-04-04")] == ["1997-04-03", "1997-04-04"]


MEETING = ("Bush on Friday discussed with Howard the agenda of the APEC leaders' meeting "
           "scheduled for November 18-19.\n\n")


def test_an_occasion_named_again_with_a_coarser_date_takes_the_day_the_story_gave_it() -> None:
    body = MEETING + "Bush will see Howard at the APEC leaders' meeting next week, aides said."
    assert dated(body, "2005-11-11")[-1] == ("2005-11-18", "2005-11-19", "planned")


def test_another_occasion_keeps_its_coarse_date() -> None:
    body = MEETING + "Bush will see Howard at the ASEAN leaders' meeting next week, aides said."
    assert dated(body, "2005-11-11")[-1] == ("2005-W46", "", "planned")


def test_an_occasion_outside_the_coarse_date_is_another_one() -> None:
    body = MEETING + "Bush will see Howard at the APEC leaders' meeting next month, aides said."
    assert dated(body, "2005-11-11")[-1] == ("2005-12", "", "planned")


def test_at_the_last_minute_is_no_duration_that_loses_the_act() -> None:
    # an only time expression that is a duration makes a sentence no event: the idiom is none
    body = "Diplomats said Erbakan accepted the request for a meeting at the last minute."
    assert [d for d, _, _ in dated(body, "1997-04-08")] == ["1997-04-08"]
    assert dated("Fighting went on for a minute.", "1997-04-08") == []
