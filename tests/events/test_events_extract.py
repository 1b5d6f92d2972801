"""Extraction rules on hand-built time expressions (no tagger needed)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from dateline.events import extract_events
from dateline.models import Document, Event, Timex

ANCHOR = dt.date(2018, 12, 8)  # a Saturday


def tx(text: str, phrase: str, value: str, kind: str = "DATE", nth: int = 0) -> Timex:
    start = [m.start() for m in re.finditer(re.escape(phrase), text)][nth]
    return Timex(start, start + len(phrase), phrase, kind, value)


def doc(body: str, path: str = "articles/a.md", body_line: int = 5) -> Document:
    return Document(
        path=path,
        kind="article",
        title="A story",
        published="2018-12-08",
        body=body,
        body_line=body_line,
        digest="d",
        publisher="Wire",
        url="https://example.org/a",
    )


def run(body: str, *timexes: tuple[str, str] | tuple[str, str, str]) -> list[Event]:
    found = [tx(body, *t) for t in timexes]
    return extract_events(doc(body), found, ANCHOR)[0]


def test_reporting_verb_date_governs_the_statement() -> None:
    body = "But National Security Adviser John Bolton said Tuesday that there should be a summit."
    [event] = run(body, ("Tuesday", "2018-12-04"))
    assert (event.date, event.status, event.certainty, event.type) == (
        "2018-12-04",
        "happened",
        "",
        "01",
    )
    assert event.summary == "National Security Adviser John Bolton says there should be a summit"
    assert event.actors == ("john-bolton", "USA")


def test_statement_and_separate_planned_event() -> None:
    body = (
        "Trump on Sunday had said he planned to hold a second summit with Kim that could take "
        "place in January or February."
    )
    said, planned = run(
        body, ("on Sunday", "2018-12-02"), ("January", "2019-01"), ("February", "2019-02")
    )
    assert (said.date, said.status) == ("2018-12-02", "happened")
    assert (planned.date, planned.end, planned.status) == ("2019-01", "2019-02", "planned")
    assert said.summary == "Trump says he plans to hold a second summit with Kim"
    assert planned.summary == "Trump plans to hold a second summit with Kim"
    assert "USA" in planned.actors


def test_one_timex_covering_a_range_keeps_its_value() -> None:
    body = "The ministers will meet from 7th to 9th December in Seoul."
    [event] = run(body, ("9th December", "2018-12-09"))
    assert (event.date, event.end, event.status) == ("2018-12-07", "2018-12-09", "planned")


def test_a_day_after_and_closes_the_range() -> None:
    body = "Levy will be in the Turkish capital on December 18 and 19, officials said."
    [event] = run(body, ("December 18", "2018-12-18"))
    assert (event.date, event.end) == ("2018-12-18", "2018-12-19")


def test_undated_statement_and_present_perfect_take_the_report_date() -> None:
    body = "The US has demanded that Pyongyang take steps.\n\nZhang said the talks were useful."
    perfect, said = run(body)
    assert (perfect.date, perfect.certainty, perfect.status) == ("2018-12-08", "report", "reported")
    assert (said.date, said.certainty) == ("2018-12-08", "report")


def test_undated_simple_past_is_not_an_event() -> None:
    assert run("US officials did not immediately comment on the findings.") == []


def test_background_fact_is_an_event_of_its_own_date() -> None:
    [event] = run("NATO was founded in 1949 in Washington.", ("1949", "1949"))
    assert (event.date, event.status, event.actors) == ("1949", "happened", ("NATO",))


def test_two_coordinated_clauses_with_their_own_dates() -> None:
    body = (
        "The images indicate North Korea was building a large underground facility in 2017 and "
        "it was still under construction in August 2018."
    )
    first, second = run(body, ("2017", "2017"), ("August 2018", "2018-08"))
    assert (first.date, second.date) == ("2017", "2018-08")
    assert first.summary == (
        "The images indicate North Korea is building a large underground facility")
    assert second.summary == "It is still under construction"  # the date is shown beside it


def test_a_coordinated_clause_with_a_pronoun_subject_takes_the_actors_before_it() -> None:
    body = (
        "The images indicate North Korea was building a large underground facility in 2017 and "
        "it was still under construction in August 2018."
    )
    first, second = run(body, ("2017", "2017"), ("August 2018", "2018-08"))
    assert first.actors == second.actors == ("PRK",)
    body = "Italy sent troops in 2017 and Albania welcomed them in August 2018."
    first, second = run(body, ("2017", "2017"), ("August 2018", "2018-08"))
    assert "ALB" in second.actors  # a clause naming its own actor keeps it


def test_an_actorless_sentence_of_the_first_paragraph_is_about_the_states_of_the_title() -> None:
    body = ("Researchers said this is the first time the site has been publicly identified.\n\n"
            "Researchers said the work there was significant.")
    story = replace(doc(body), title="Satellite images show a missile base in North Korea")
    lead, later = extract_events(story, [], ANCHOR)[0]
    assert (lead.actors, lead.date, lead.certainty) == (("PRK",), "2018-12-08", "report")
    assert later.actors == ()  # past the first paragraph the title says nothing of a sentence
    assert extract_events(doc(body), [], ANCHOR)[0][0].actors == ()  # a title naming no state


def test_an_item_of_a_news_list_in_the_present_is_news_of_the_day() -> None:
    body = ("The following are the stories covered on Thursday.\n\n"
            "-- Britain supports Macedonia's bid to join the European Union.")
    events = run(body)
    assert [(e.date, e.certainty, e.actors[:2]) for e in events if "Britain" in e.quote] == [
        ("2018-12-08", "report", ("GBR", "MKD"))]
    assert run("Britain supports Macedonia's bid to join the European Union.") == []


def test_an_undated_act_in_the_past_progressive_is_news_of_the_day() -> None:
    body = ("Ivanov's remarks came as leaders from 26 NATO member countries were meeting in Riga "
            "for a summit.")
    [event] = run(body)
    assert (event.date, event.certainty, event.type) == ("2018-12-08", "report", "04")
    assert run("Leaders from 26 NATO member countries are meeting in Riga for a summit.") == []


def test_an_undated_act_announced_for_later_is_a_plan_of_the_day() -> None:
    [event] = run("In Seoul, the envoy will also meet the South Korean foreign minister.")
    assert (event.date, event.certainty, event.status, event.type) == (
        "2018-12-08", "report", "planned", "04")
    [event] = run("The Japanese premier is scheduled to visit Beijing.")
    assert event.status == "planned"
    [event] = run("The summit will be attended by the Japanese premier.")  # a passive
    assert (event.status, event.type) == ("planned", "04")
    # a state of affairs, a conditional or a refusal announces no act
    assert run("The envoy will be happy to help.") == []
    assert run("The envoy would meet the minister if invited.") == []
    assert run("The envoy will not meet the press.") == []


def test_bound_dates_do_not_govern() -> None:
    body = "Semionov, who had been army chief since 1991, refuted the allegations on Monday."
    [event] = run(body, ("1991", "1991"), ("on Monday", "2018-12-03"))
    assert event.date == "2018-12-03"


def test_not_events_header_byline_chrome_durations_sets_questions() -> None:
    body = (
        "Monday, 20 May 2019\n\nBy John Smith | December 8, 2018\n\nLatest news\n\n"
        "The talks lasted three hours.\n\nThe council meets every year.\n\n"
        "Will there be another summit in January?"
    )
    timexes = [
        ("20 May 2019", "2019-05-20"),
        ("December 8, 2018", "2018-12-08"),
        ("three hours", "PT3H", "DURATION"),
        ("every year", "XXXX", "SET"),
        ("January", "2019-01"),
    ]
    assert run(body, *timexes) == []


def test_compound_durations_do_not_hide_a_statement() -> None:
    body = '"We had a long talk," Clinton told reporters after his two-hour meeting.'
    [event] = run(body, ("two-hour", "PT2H", "DURATION"))
    assert (event.date, event.certainty) == ("2018-12-08", "report")


def test_headline_drops_dateline_attribution_and_relative_time() -> None:
    body = (
        "SEOUL, Dec. 6 (Yonhap) -- North Korea fired a missile on Thursday into the sea, "
        "officials said."
    )
    [event] = run(body, ("Dec. 6", "2018-12-06"), ("on Thursday", "2018-12-06"))
    assert event.summary == "North Korea fires a missile into the sea"
    assert event.quote == body
    assert (event.type, event.quad) == ("19", "material-conflict")


def test_quote_with_trailing_speaker_becomes_what_the_speaker_says() -> None:
    body = '"That is why another summit is likely to be productive", Bolton said at a conference.'
    [event] = run(body)
    assert event.summary == "Bolton says that is why another summit is likely to be productive"


def test_long_headlines_are_cut_to_fifteen_words_without_an_ellipsis() -> None:
    body = "China said on Monday that " + " ".join(["talks"] * 60) + " continue."
    [event] = run(body, ("on Monday", "2018-12-03"))
    assert len(event.summary.split()) == 15 and event.summary.startswith("China says talks")
    assert "…" not in event.summary


def test_source_provenance() -> None:
    body = "Intro line here.\n\nChina and Vietnam held talks on Tuesday in Hanoi."
    [event] = run(body, ("on Tuesday", "2018-12-04"))
    [source] = event.sources
    assert source.path == "articles/a.md" and source.line == 5 + 2
    assert body[source.start : source.end] == "China and Vietnam held talks on Tuesday in Hanoi."
    assert (source.title, source.publisher, source.url, source.published) == (
        "A story",
        "Wire",
        "https://example.org/a",
        "2018-12-08",
    )


def test_ids_are_stable_readable_and_url_safe() -> None:
    sentence = "China and Vietnam held talks on Tuesday in Hanoi."
    [a] = run(sentence, ("on Tuesday", "2018-12-04"))
    edited = "A new first paragraph was added.\n\n" + sentence
    b = next(e for e in run(edited, ("on Tuesday", "2018-12-04")) if "Hanoi" in e.quote)
    assert a.id == b.id
    assert re.fullmatch(r"2018-12-04-[a-z0-9-]+-[0-9a-f]{4}", a.id)
    assert "talks" in a.id
    other = extract_events(
        doc(sentence, path="articles/b.md"), [tx(sentence, "on Tuesday", "2018-12-04")], ANCHOR
    )[0][0]
    assert other.id != a.id


def test_unanchored_relative_dates_are_skipped_without_a_reference_date() -> None:
    body = "Zhang said the talks were useful."
    undated = Document("a.md", "article", "t", "", body, 1, "d")
    assert extract_events(undated, [], None) == ([], [])


def test_trailing_attribution_of_a_dated_development_gives_the_development_only() -> None:
    body = "Mubarak would start a European tour on Dec. 6, his spokesman said Monday."
    [event] = run(body, ("Dec. 6", "2018-12-06"), ("Monday", "2018-12-03"))
    assert (event.date, event.status) == ("2018-12-06", "planned")
    assert event.summary == "Mubarak will start a European tour"


def test_inverted_attribution_is_not_content() -> None:
    body = '"They are expected to help," said a foreign ministry statement released on Sunday.'
    [event] = run(body, ("on Sunday", "2018-12-02"))
    assert event.date == "2018-12-02"
    assert event.summary == "A foreign ministry statement says they are expected to help"


def test_bare_weekday_of_a_plan_still_ahead_is_not_in_the_past() -> None:
    body = "The exercise will be held in the South China Sea on Sunday."
    [event] = run(body, ("on Sunday", "2018-12-02"))  # a tagger resolved it backwards
    assert (event.date, event.status) == ("2018-12-09", "planned")
    past_plan = "The minister was due to arrive in China on Thursday."
    [event] = run(past_plan, ("on Thursday", "2018-12-06"))
    assert (event.date, event.status) == ("2018-12-06", "planned")


def test_a_past_date_under_will_is_not_a_plan() -> None:
    body = "Their talks will cover the dialogue which Singapore hosted last year."
    [event] = run(body, ("last year", "2017"))
    assert (event.date, event.status) == ("2017", "happened")
