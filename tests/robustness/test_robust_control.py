"""Control characters in content: named with their position, and in no output.

C0 controls (but tab and newline), DEL and C1 controls are invisible in an editor, invalid in XML
and corrupt calendars and spreadsheets.  The loader removes them (white-space ones become a
space) with a warning at file:line:col, in front matter and bodies alike, so the Atom feed stays
XML, ``events.ics`` stays iCalendar and ``events.csv`` stays clean; ``--strict`` fails on them.
"""

from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import icalendar

from tests.conftest import make_project, run_cli

CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
NOTE = ("---\nid: summit\ndate: 2018-06-12\ntitle: \"Singapore\x08 summit\x01\"\n"
        "actors: [USA, PRK]\nsources: [https://example.org/report]\n---\n"
        "The leaders\x0bmet\x0cin Singapore.\nOfficials said don\x92t worry\x7f.\n")
ARTICLE = ("---\ntitle: Talks\x1b resume\ndate: 2018-06-12\n---\n"
           "The talks resumed in Panmunjom on Friday\x85 officials said.\n")
CLIPPING = ("Kim\x08 meets Trump\n\n12 June 2018\n\n"
            "Kim met Trump in Singapore on Tuesday\x01, officials said.\n")
EXPECTED = (
    "content/articles/clip.md:1:4: warning: control character U+0008 (backspace) removed\n"
    "  hint: delete it: control characters are invisible and break feeds and calendars\n"
    "content/articles/clip.md:5:38: warning: control character U+0001 removed\n"
    "  hint: delete it: control characters are invisible and break feeds and calendars\n"
    "content/articles/story.md:2:13: warning: control character U+001B (escape) removed\n"
    "  hint: delete it: control characters are invisible and break feeds and calendars\n"
    "content/articles/story.md:5:41: warning: control character U+0085 (next line) removed\n"
    "  hint: '…' saved in the wrong encoding? type '…' instead\n"
    "content/notes/summit.md:4:18: warning: control character U+0008 (backspace) removed "
    "and 1 more on this line\n"
    "  hint: delete it: control characters are invisible and break feeds and calendars\n"
    "content/notes/summit.md:8:12: warning: control character U+000B (vertical tab) removed "
    "and 1 more on this line\n"
    "  hint: delete it: control characters are invisible and break feeds and calendars\n"
    "content/notes/summit.md:9:19: warning: control character U+0092 removed "
    "and 1 more on this line\n"
    "  hint: '’' saved in the wrong encoding? type '’' instead\n"
)


def _project(tmp_path: Path) -> Path:
    root = make_project(tmp_path / "project")
    for rel, text in (("notes/summit.md", NOTE), ("articles/story.md", ARTICLE),
                      ("articles/clip.md", CLIPPING)):
        (root / "content" / rel).write_text(text, encoding="utf-8")
    return root


def test_build_names_each_control_character_and_keeps_the_files(tmp_path: Path) -> None:
    root = _project(tmp_path)
    code, out, err = run_cli("--root", str(root), "build", "--no-cache", "--jobs", "1")
    assert err == EXPECTED
    assert code == 0
    assert out.startswith("Built site/: 3 documents, ")
    page = (root / "site" / "events" / "summit" / "index.html").read_text("utf-8")
    assert "Singapore summit" in page


def test_no_output_carries_a_control_character(tmp_path: Path) -> None:
    root = _project(tmp_path)
    assert run_cli("--root", str(root), "build", "--no-cache", "--jobs", "1")[0] == 0
    site = root / "site"
    texts = [p for p in site.rglob("*")  # pagefind/ is Pagefind's code and compressed index
             if p.suffix in (".html", ".xml", ".json", ".ics", ".csv", ".txt")
             and "pagefind" not in p.relative_to(site).parts]
    assert len(texts) > 10
    for path in texts:
        assert not CONTROL.search(path.read_text("utf-8")), path
    feed = ET.parse(site / "feed.xml").getroot()  # raised "not well-formed" before
    titles = [e.findtext("{http://www.w3.org/2005/Atom}title") or "" for e in feed]
    assert any("Singapore summit" in t for t in titles)
    calendar = icalendar.Calendar.from_ical((site / "events.ics").read_bytes())
    summaries = [str(e.get("SUMMARY")) for e in calendar.walk("VEVENT")]
    assert "Singapore summit" in summaries
    rows = list(csv.reader(io.StringIO((site / "events.csv").read_text("utf-8"))))
    assert any("Singapore summit" in cell for row in rows for cell in row)


def test_white_space_controls_keep_words_apart_others_vanish(tmp_path: Path) -> None:
    from dateline.content.loader import strip_controls

    text, problems = strip_controls("notes/n.md", "a\x0bb\x0cc\x85d\x1ce e\x08f\x01g\x7fh")
    assert text == "a b c d e efgh"
    assert [(p.line, p.col) for p in problems] == [(1, 2)]


def test_many_lines_with_controls_are_summed_up_after_ten(tmp_path: Path) -> None:
    from dateline.content.loader import MAX_CONTROL_WARNINGS, strip_controls

    text, problems = strip_controls("notes/n.md", "ok\n" + "x\x01\n" * 13)
    assert "\x01" not in text
    assert [(p.line, p.col) for p in problems[:MAX_CONTROL_WARNINGS]] == [
        (line, 2) for line in range(2, 12)]
    assert [(p.line, p.message) for p in problems[MAX_CONTROL_WARNINGS:]] == [
        (1, "control characters removed from 3 more lines")]


def test_strict_check_and_build_fail_on_control_characters(tmp_path: Path) -> None:
    root = _project(tmp_path)
    code, out, _err = run_cli("--root", str(root), "check")
    assert code == 0
    for line in EXPECTED.splitlines():
        assert line in out.splitlines()
    assert run_cli("--root", str(root), "check", "--strict")[0] == 1
    assert run_cli("--root", str(root), "build", "--strict", "--no-cache")[0] == 1


def test_a_file_name_with_a_control_character_is_skipped(tmp_path: Path) -> None:
    root = _project(tmp_path)
    (root / "content" / "notes" / "bad\x01name.md").write_text(
        "---\ndate: 2018-06-13\ntitle: Hidden by its name\n---\n", encoding="utf-8")
    code, _out, err = run_cli("--root", str(root), "build", "--no-cache", "--jobs", "1")
    assert code == 0
    assert ("content/notes/bad\\x01name.md:1:1: warning: file name holds control character "
            "U+0001; skipped\n  hint: rename the file with letters, digits and '-'\n") in err
    assert not CONTROL.search(err)
    assert b"Hidden by its name" not in (root / "site" / "timeline.json").read_bytes()
