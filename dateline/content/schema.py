"""Front-matter schemas for articles and notes: Marked values in, fields and Problems out."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Any

from dateline import dates
from dateline.content.frontmatter import Marked
from dateline.models import Era, NoteEvent, Problem

ARTICLE_KEYS = ("title", "date", "publisher", "url", "author", "tags", "source_id", "draft")
EVENT_KEYS = ("id", "date", "title", "actors", "source", "target", "tags", "sources", "type",
              "status", "corrects", "suppress", "description", "why")
NOTE_KEYS = (*EVENT_KEYS, "events", "era", "draft")
ERA_KEYS = ("title", "start", "end")
ERA_HINT = "e.g. era: {title: The 2018 summits, start: 2018-03, end: 2018-12}"
ERA_DATE_HINT = "write a year, a month, a season, a week or a day: 2018, 2018-03, 2018-06-12"
# Keys of Hugo, Jekyll and Pelican pages: kept in an article's ``extra`` without a word, even
# when they look like one of ours ("published" and "publisher", "subtitle" and "title").
FOREIGN_KEYS = frozenset((
    "aliases", "authors", "categories", "category", "comments", "description", "excerpt",
    "excerpt_separator", "expirydate", "headless", "image", "images", "keywords", "lang",
    "lastmod", "last_modified_at", "layout", "linktitle", "menu", "modified", "outputs",
    "params", "permalink", "publishdate", "published", "redirect_from", "resources", "save_as",
    "series", "sitemap", "slug", "source", "status", "subtitle", "summary", "template", "toc",
    "translationkey", "type", "weight",
))
# difflib's ratio above which an unknown key is taken for a typo of a known one: "dat", "titel",
# "actor", "Tags" are; "draft" (0.67 to "date") and "source_url" (0.74) are not
TYPO_CUTOFF = 0.75
STATUSES = ("happened", "planned", "reported")
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass
class Checker:
    """Collects problems for one file while fields are read."""

    path: str
    problems: list[Problem] = field(default_factory=list)

    def error(self, at: Marked, message: str, hint: str) -> None:
        self.problems.append(Problem(self.path, at.line, at.col, "error", message, hint))

    def warn(self, at: Marked, message: str, hint: str) -> None:
        self.problems.append(Problem(self.path, at.line, at.col, "warning", message, hint))

    def unknown_keys(self, table: dict[str, Marked], allowed: tuple[str, ...], where: str,
                     foreign: frozenset[str] = frozenset(), kept: bool = True
                     ) -> tuple[tuple[str, Any], ...]:
        """``(key, value)`` of every key not in ``allowed``, in written order.

        Content from other generators carries keys of its own: they are kept (``kept``) without
        a word.  A key close to one of ours is taken for a typo and warned about with the
        suggestion (so ``--strict`` fails on it), unless it is a known ``foreign`` key.  Where
        unknown keys are not kept (event entries), each is a warning.
        """
        extra = []
        for key, value in table.items():
            if key in allowed:
                continue
            extra.append((key, value.plain()))
            if key.lower() in foreign:
                continue
            close = difflib.get_close_matches(key.lower(), allowed, n=1, cutoff=TYPO_CUTOFF)
            if close:
                self.warn(value, f"unknown key '{key}' in {where} front matter",
                          f"did you mean '{close[0]}'?")
            elif not kept:
                self.warn(value, f"unknown key '{key}' in {where} front matter; ignored",
                          f"{where} keys are: {', '.join(allowed)}")
        return tuple(extra)

    def text(self, table: dict[str, Marked], key: str, required: bool = False) -> str:
        item = table.get(key)
        if item is None or item.value is None:
            if required:
                self.problems.append(Problem(self.path, 1, 1, "error", f"missing '{key}'",
                                             f"add a line '{key}: ...' to the front matter"))
            return ""
        if isinstance(item.value, (list, dict, bool)):
            self.error(item, f"'{key}' must be text, got {_type_name(item.value)}",
                       f"write {key}: some text")
            return ""
        return str(item.value).strip()

    def words(self, table: dict[str, Marked], key: str) -> tuple[str, ...]:
        item = table.get(key)
        if item is None or item.value is None:
            return ()
        values = item.value if isinstance(item.value, list) else [item]
        result: list[str] = []
        for entry in values:
            if isinstance(entry.value, (list, dict)) or entry.value is None:
                self.error(entry, f"'{key}' must be a list of text, got {_type_name(entry.value)}",
                           f"write {key}: [first, second]")
            else:
                result.append(str(entry.value).strip())
        return tuple(dict.fromkeys(r for r in result if r))

    def date(self, table: dict[str, Marked], key: str, required: bool
             ) -> tuple[str, str, str]:
        """``(value, end, mod)``; empty strings when absent or wrong."""
        item = table.get(key)
        if item is None or item.value in (None, ""):
            if required:
                self.problems.append(Problem(self.path, 1, 1, "error", f"missing '{key}'",
                                             f"add '{key}: YYYY-MM-DD' to the front matter"))
            return "", "", ""
        if isinstance(item.value, (list, dict, bool, float)):
            self.error(item, f"'{key}' must be a date, got {_type_name(item.value)}", dates.HINT)
            return "", "", ""
        try:  # as written: YAML reads "0100" as the number 64
            return dates.parse_editor_date(item.text or str(item.value))
        except dates.DateError as exc:
            self.error(item, f"'{key}' {exc}", exc.hint)
            return "", "", ""


def _type_name(value: Any) -> str:
    return {list: "a list", dict: "a mapping", bool: "true/false", type(None): "nothing",
            int: "a number", float: "a number"}.get(type(value), "text")


@dataclass(frozen=True)
class ArticleMeta:
    title: str
    published: str
    publisher: str
    url: str
    author: str
    tags: tuple[str, ...]
    source_id: str
    extra: tuple[tuple[str, Any], ...] = ()


def read_article(check: Checker, table: dict[str, Marked]) -> ArticleMeta:
    extra = check.unknown_keys(table, ARTICLE_KEYS, "article", FOREIGN_KEYS)
    value, end, _mod = check.date(table, "date", required=True)
    if value and (end or dates.precision(value) != "day"):
        check.error(table["date"], f"an article's 'date' must be one day (got {value})",
                    "write the publication date as YYYY-MM-DD")
        value = ""
    source_id = check.text(table, "source_id")
    if source_id and not _ID.match(source_id):
        check.error(table["source_id"], f"'source_id' must be lower-case letters, digits and '-' "
                    f"(got {source_id})", "e.g. source_id: ap-2018-12-04-bolton")
        source_id = ""
    url = check.text(table, "url")
    if url.startswith("/"):  # Hugo's (and Pelican's) url: the page's own address, not the story's
        check.warn(table["url"], f"'url' {url} is a page address, not the story's web address; "
                   "kept as page.extra.url", "give the story's address as https://..., or leave "
                   "'url' out")
        extra, url = (*extra, ("url", url)), ""
    _check_url(check, table, "url", url)
    return ArticleMeta(check.text(table, "title", required=True), value,
                       check.text(table, "publisher"), url, check.text(table, "author"),
                       check.words(table, "tags"), source_id, extra)


def is_draft(check: Checker, table: dict[str, Marked]) -> bool:
    """``draft: true`` (Hugo, Dateline) or ``published: false`` (Jekyll): not to be built."""
    published = table.get("published")
    return _flag(check, table, "draft") or (published is not None and published.value is False)


def _check_url(check: Checker, table: dict[str, Marked], key: str, url: str) -> None:
    if url and not re.match(r"^https?://[^\s]+$", url, re.IGNORECASE):
        check.error(table[key], f"'{key}' must be an http(s) address (got {url})",
                    "copy the address from the browser, starting with https://")


def read_note(check: Checker, table: dict[str, Marked], body: str
              ) -> tuple[str, tuple[NoteEvent, ...], tuple[tuple[str, Any], ...]]:
    """A note's own title, its declared events (one, or an ``events:`` list) and the keys that
    are not Dateline's.  Notes are Dateline's own format: no key of another generator is spared
    the typo check ("titel" is taken for "title"; "source" is a key of notes: who acts)."""
    extra = check.unknown_keys(table, NOTE_KEYS, "note")
    entries = table.get("events")
    if entries is None and "era" in table and not table.keys() & {"date", "corrects"}:
        return check.text(table, "title"), (), extra  # a note of an era alone
    if entries is None:
        event = _note_event(check, table, body, whole_note=True)
        title = event.title if event else check.text(table, "title")
        return title, (event,) if event else (), extra
    if not isinstance(entries.value, list) or not entries.value:
        check.error(entries, "'events' must be a list of events",
                    "write each event as a '- date: ...' entry under 'events:'")
        return check.text(table, "title"), (), extra
    stray = [k for k in table if k in EVENT_KEYS and k not in ("title", "tags", "sources")]
    for key in stray:
        check.error(table[key], f"'{key}' belongs inside an entry of 'events'",
                    "move it under the '- date:' entry it describes")
    events = []
    inherited = (check.words(table, "tags"), check.words(table, "sources"),
                 positions(table, ("sources",)))
    for entry in entries.value:
        if not isinstance(entry.value, dict):
            check.error(entry, "each entry of 'events' must be a mapping",
                        "start each entry with '- date: ...'")
            continue
        check.unknown_keys(entry.value, EVENT_KEYS, "event", kept=False)
        event = _note_event(check, entry.value, "", whole_note=False, at=entry, inherit=inherited)
        if event:
            events.append(event)
    return check.text(table, "title"), tuple(events), extra


def _note_event(check: Checker, table: dict[str, Marked], body: str, whole_note: bool,
                at: Marked | None = None,
                inherit: Inherited = ((), (), ())) -> NoteEvent | None:
    corrects = check.text(table, "corrects")
    suppress = _flag(check, table, "suppress")
    value, end, mod = check.date(table, "date", required=not corrects)
    title = check.text(table, "title", required=not corrects)
    status = check.text(table, "status")
    if status and status not in STATUSES:
        check.error(table["status"], f"'status' must be one of {', '.join(STATUSES)} "
                    f"(got {status})", "leave it out for something that happened")
        status = ""
    event_id = check.text(table, "id")
    if event_id and not _ID.match(event_id):
        check.error(table["id"], "'id' must be lower-case letters, digits and '-' "
                    f"(got {event_id})", "e.g. id: singapore-summit")
        event_id = ""
    if not corrects and not (value and title):
        return None
    mark = at or _first_mark(table)
    sources = check.words(table, "sources")
    roles = ("actors", "source", "target", "tags")
    written = positions(table, (*roles, "sources") if sources else roles)
    description = check.text(table, "description") or (body.strip() if whole_note else "")
    why = check.text(table, "why")
    return NoteEvent(line=mark.line, col=mark.col, id=event_id, date=value, end=end, mod=mod,
                     title=title, actors=check.words(table, "actors"),
                     source=_actor_codes(check, table, "source"),
                     target=_actor_codes(check, table, "target"),
                     tags=check.words(table, "tags") or inherit[0],
                     sources=sources or inherit[1],
                     type=check.text(table, "type"), status=status, description=description,
                     why=why, corrects=corrects, suppress=suppress,
                     positions=written if sources else written + inherit[2])


def read_era(check: Checker, table: dict[str, Marked], body: str) -> Era | None:
    """A note's ``era:`` (``title``, ``start``, ``end``), the note's body its introduction.

    Only a note of its own or one with an ``events:`` list may declare one: a single-event
    note's body is its event's description.  Every problem is reported, not just the first.
    """
    at = table.get("era")
    if at is None:
        return None
    if not isinstance(at.value, dict):
        check.error(at, f"'era' must be a mapping with 'title', 'start' and 'end', got "
                    f"{_type_name(at.value)}", ERA_HINT)
        return None
    if "events" not in table and table.keys() & {"date", "corrects"}:
        check.error(at, "'era' cannot share a note with a single event",
                    "the note's text is the era's introduction: put the event in a note "
                    "of its own, or under 'events:'")
        return None
    fields: dict[str, Marked] = at.value
    check.unknown_keys(fields, ERA_KEYS, "era", kept=False)
    title = check.text(fields, "title")
    if not title:
        check.error(at, "'era' has no 'title'", "add 'title: ...' under 'era:', e.g. "
                    "title: The 2018 summits")
    start, end = (_era_date(check, at, fields, key) for key in ("start", "end"))
    if start and end and _last_day(end) < _first_day(start):
        check.error(fields["end"], f"era ends before it starts ({start} to {end})",
                    "put the earlier date under 'start'")
        return None
    if not (title and start and end):
        return None
    if not body.strip():
        check.warn(at, f"era '{title}' has no introduction",
                   "write a paragraph about the era below the front matter")
    return Era(title, start, end, body.strip(), check.path, at.line, at.col)


def _first_day(value: str) -> str:
    span = dates.bounds(value)
    return span[0].isoformat() if span else ""


def _last_day(value: str) -> str:
    span = dates.bounds(value)
    return span[1].isoformat() if span else ""


def _era_date(check: Checker, at: Marked, fields: dict[str, Marked], key: str) -> str:
    """An era's ``start`` or ``end``: one date at any precision, not a range or an "early"."""
    item = fields.get(key)
    if item is None or item.value in (None, ""):
        check.error(at, f"'era' has no '{key}'", f"add '{key}: YYYY-MM' under 'era:'")
        return ""
    if isinstance(item.value, (list, dict, bool, float)):
        check.error(item, f"era '{key}' must be a date, got {_type_name(item.value)}",
                    ERA_DATE_HINT)
        return ""
    written = item.text or str(item.value)
    try:
        value, end, mod = dates.parse_editor_date(written)
    except dates.DateError as exc:
        check.error(item, f"era '{key}' {exc}", ERA_DATE_HINT)
        return ""
    if end or mod:
        check.error(item, f"era '{key}' must be one date, not a range or an approximate one "
                    f"(got {written.strip()})", ERA_DATE_HINT)
        return ""
    return value


def _actor_codes(check: Checker, table: dict[str, Marked], key: str) -> tuple[str, ...]:
    """``source:`` or ``target:``: actor codes.  A web address or a content file there was
    meant for ``sources:`` (the key once read as its typo) and is an error."""
    codes = check.words(table, key)
    for _key, value, line, col in positions(table, (key,)):
        if "://" in value or value.lower().endswith((".md", ".markdown")):
            check.problems.append(Problem(
                check.path, line, col, "error",
                f"'{key}' names who acts or at whom (actor codes), not a report: {value}",
                "list web addresses and articles under 'sources'"))
    return tuple(c for c in codes if "://" not in c and not c.lower().endswith((".md",
                                                                               ".markdown")))


Position = tuple[str, str, int, int]
Inherited = tuple[tuple[str, ...], tuple[str, ...], tuple[Position, ...]]


def positions(table: dict[str, Marked], keys: tuple[str, ...]) -> tuple[Position, ...]:
    """``(key, value, line, col)`` of every text item of the list fields ``keys``."""
    found = []
    for key in keys:
        item = table.get(key)
        if item is None or item.value is None:
            continue
        for entry in item.value if isinstance(item.value, list) else [item]:
            if entry.value is not None and not isinstance(entry.value, (list, dict)):
                found.append((key, str(entry.value).strip(), entry.line, entry.col))
    return tuple(found)


def _first_mark(table: dict[str, Marked]) -> Marked:
    """Where a whole-note event starts: its first key (line 2 of a usual note)."""
    marks = sorted((m.line, m.col) for m in table.values())
    return Marked(None, *(marks[0] if marks else (1, 1)))


def _flag(check: Checker, table: dict[str, Marked], key: str) -> bool:
    item = table.get(key)
    if item is None:
        return False
    if not isinstance(item.value, bool):
        check.error(item, f"'{key}' must be true or false (got {item.value!r})",
                    f"write {key}: true")
        return False
    return item.value

