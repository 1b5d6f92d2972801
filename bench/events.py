"""How close the timeline comes to a hand-kept chronology (issues 17 and 18).

    .venv/bin/python bench/events.py            # the development set, then all of te3-silver
    .venv/bin/python bench/events.py --show     # every gold development and what matched it
    .venv/bin/python bench/events.py --no-corpus
    .venv/bin/python bench/events.py --no-corpus --show-merges  # must-merge pairs apart

On the complete-annotation set of ``bench/data/chronology`` (see its README: 88 stories, gold
written before tuning, a ``tune`` and a ``check`` half), each story is extracted and all of them
are merged as a build does; then, per half (``all``: tune and check; ``blind``: the stories of
``blind.yaml``, drawn and annotated last, reported apart):
- **precision, recall, F1 of developments**: an event of a story matches a gold development of that
  story when its source sentence holds the development's evidence words (a sentence holding
  several: the pairs whose headline is closest to the evidence, then to the gold headline, first;
  failing that, when it has the development's date and one of its actors: the story's other
  sentence on it); each matches at most once, so a second event of one development is a false
  positive, as a chronology lists it once;
- **date accuracy**: matched events whose date (and end) is the gold value;
- **actor accuracy**: matched events whose states and organizations are the gold source and
  target's (people aside); **source accuracy** and **target accuracy**: matched events whose
  source (target) states and organizations are the gold source's (target's), a person standing
  for the state in brackets after the name, as the gold writes "Ri Yong Ho (PRK)";
- **merge precision and recall**: over pairs of gold developments of different stories in a
  cluster: pairs annotated the same that end in one event, and pairs the events of which were
  merged that are annotated the same (a merge with an event matching no gold counts against);
- stories the annotators found nothing in, and how many of them gave no event;
- **headlines** (``bench/headlines.py``): ROUGE-L F of matched events' headlines against the gold
  ones, and the shares of the half's headlines that are fragments, hold a relative time word, or
  run past 15 words.
On all 2,452 stories: events per story, the share with one source, with no actor, and dated
outside the span of publication dates by more than two years.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench import headlines  # noqa: E402
from bench.common import Story, read_stories  # noqa: E402
from dateline.events.merge import main_actors, merge_with_aliases  # noqa: E402
from dateline.models import Document, Event  # noqa: E402
from dateline.pipeline.extract import extract_document  # noqa: E402

DATA = REPO / "bench" / "data" / "chronology"
_SPACE = re.compile(r"\s+")


def document(story: Story) -> Document:
    """The story as Dateline reads an article: the text the annotators read, paragraph by
    paragraph, published on its DCT."""
    return Document(path=f"articles/{story.doc_id}.md", kind="article", title=story.title,
                    published=story.date, body="\n\n".join(story.paragraphs) + "\n",
                    body_line=1, digest=story.doc_id, publisher=story.publisher)


def timeline(stories: Sequence[Story], everything: bool = False) -> list[Event]:
    """The events a build of these stories shows: extracted, then merged across stories
    (``everything``: the candidates left off too, as before selection)."""
    extracted = []
    for story in stories:
        extraction = extract_document(document(story))
        extracted += extraction.events
        if everything:
            extracted += [c.event for c in extraction.left_off]
    return merge_with_aliases(extracted)[0]


@dataclass(frozen=True)
class Gold:
    doc: str
    id: str
    date: str
    status: str
    headline: str
    actors: frozenset[str]
    evidence: str
    source: frozenset[str] = frozenset()
    target: frozenset[str] = frozenset()

    @property
    def key(self) -> str:
        return f"{self.doc}#{self.id}"


def _code(actor: str) -> str:
    return actor.split("(")[-1].rstrip(")").strip() if "(" in actor else actor.strip()


def load_gold() -> tuple[dict[str, str], list[Gold], dict[str, bool], list[dict[str, Any]]]:
    """(doc → half, developments, doc → diplomatic, clusters with their merge judgments)."""
    sample = yaml.safe_load((DATA / "sample.yaml").read_text("utf-8"))
    halves = {r["doc"]: r["half"] for r in sample["random"]}
    extra = DATA / "extra.yaml"  # more tuning stories, drawn later (never the check half)
    if extra.is_file():
        halves |= {r["doc"]: "tune" for r in yaml.safe_load(extra.read_text("utf-8"))["random"]}
    blind = DATA / "blind.yaml"  # drawn last, scored once before any rule saw them
    if blind.is_file():
        halves |= {r["doc"]: "blind" for r in yaml.safe_load(blind.read_text("utf-8"))["random"]}
    for cluster in sample["clusters"]:
        halves |= {doc: cluster["half"] for doc in cluster["docs"]}
    developments: list[Gold] = []
    diplomatic: dict[str, bool] = {}
    for doc in halves:
        path = DATA / "gold" / f"{doc}.yaml"
        if not path.is_file():
            continue
        data = yaml.safe_load(path.read_text("utf-8"))
        diplomatic[doc] = bool(data.get("developments"))
        for d in data.get("developments") or []:
            source = frozenset(_code(a) for a in d.get("source") or [])
            target = frozenset(_code(a) for a in d.get("target") or [])
            developments.append(Gold(doc, str(d["id"]), str(d["date"]), str(d["status"]),
                                     str(d["headline"]), source | target, str(d["evidence"]),
                                     source, target))
    judged: dict[str, dict[str, Any]] = {}
    for path in sorted(DATA.glob("merges*.yaml")):
        for cluster in (yaml.safe_load(path.read_text("utf-8")) or {}).get("clusters") or []:
            judged[cluster["cluster"]] = cluster
    clusters = [{**c, **judged.get(c["cluster"], {})} for c in sample["clusters"]]
    return halves, developments, diplomatic, clusters


def _norm(text: str) -> str:
    return _SPACE.sub(" ", text.replace("’", "'").replace("“", '"').replace("”", '"')).lower()


def _of(event: Event, doc: str) -> bool:
    return any(s.path == f"articles/{doc}.md" for s in event.sources)


def match(gold: Sequence[Gold], events: Sequence[Event], doc: str,
          texts: dict[str, str]) -> dict[str, Event]:
    """Gold key → the event of ``doc`` that reports it; every event matches at most one
    development. An event matches a development whose evidence is in its sentence; when a
    sentence holds several developments (or events), the pairs whose headline is closest
    (ROUGE-L) to the development's evidence words, then to its gold headline, are taken first,
    then those with the right date: the event is the clause its headline is made from, not
    whichever development the annotators listed first."""
    mine = [e for e in events if _of(e, doc)]
    golds = [g for g in gold if g.doc == doc]
    pairs = [(g, e) for g in golds for e in mine if _norm(g.evidence) in _sentence(e, doc, texts)]
    pairs.sort(key=lambda p: (-headlines.rouge_l(p[1].summary, p[0].evidence),
                              -headlines.rouge_l(p[1].summary, p[0].headline),
                              p[1].date != p[0].date.split("/")[0], golds.index(p[0]), p[1].id))
    taken: set[int] = set()
    found: dict[str, Event] = {}
    for g, e in pairs:
        if g.key not in found and id(e) not in taken:
            found[g.key] = e
            taken.add(id(e))
    for g in (g for g in golds if g.key not in found):
        # the story's other sentence on it: the same date and a shared actor
        hits = [e for e in mine if id(e) not in taken and e.date == g.date.split("/")[0]
                and g.actors & set(e.actors)]
        hits.sort(key=lambda e: e.id)
        if hits:
            found[g.key] = hits[0]
            taken.add(id(hits[0]))
    return found


def _sentence(event: Event, doc: str, texts: dict[str, str]) -> str:
    """The event's sentence in ``doc`` (from its source's offsets: merged events keep each)."""
    for source in event.sources:
        if source.path == f"articles/{doc}.md":
            return _norm(texts[doc][source.start:source.end])
    return ""


@dataclass
class Tally:
    gold: int = 0
    events: int = 0
    matched: int = 0
    dated: int = 0
    actors: int = 0
    sources: int = 0  # matched events whose source is the gold's
    targets: int = 0
    quiet: int = 0  # stories with no development
    quiet_empty: int = 0  # ... that gave no event
    same_pairs: int = 0
    same_merged: int = 0
    merged_pairs: int = 0
    merged_right: int = 0
    misses: list[str] = field(default_factory=list)
    unmerged: list[str] = field(default_factory=list)  # must-merge pairs left apart


def _date_ok(event: Event, gold: Gold) -> bool:
    start, _, end = gold.date.partition("/")
    return event.date == start and (event.end or "") == end


def _actors_ok(event: Event, gold: Gold) -> bool:
    return set(main_actors(event)) == {a for a in gold.actors if " " not in a}


def _codes(actors: Iterable[str]) -> set[str]:
    """States and organizations (people aside), as ``main_actors`` counts them."""
    return {a for a in actors if not a.islower() and " " not in a}


def _roles_ok(event: Event, gold: Gold) -> tuple[bool, bool]:
    """Whether the event's source, and its target, are the gold's (codes only)."""
    return (_codes(event.source) == _codes(gold.source),
            _codes(event.target) == _codes(gold.target))


def _in_half(story_half: str, half: str) -> bool:
    """Whether a story of ``story_half`` counts in ``half`` ("all": tune and check, the issue's
    development set; the blind stories are reported apart)."""
    return story_half == half or (half == "all" and story_half != "blind")


def tally(half: str, halves: dict[str, str], gold: Sequence[Gold], diplomatic: dict[str, bool],
          events: Sequence[Event], texts: dict[str, str]) -> tuple[Tally, dict[str, Event]]:
    t = Tally()
    matched: dict[str, Event] = {}
    for doc in (d for d, h in halves.items() if _in_half(h, half) and d in diplomatic):
        found = match(gold, events, doc, texts)
        matched |= found
        mine = [e for e in events if _of(e, doc)]
        golds = [g for g in gold if g.doc == doc]
        t.gold += len(golds)
        t.events += len(mine)
        t.matched += len(found)
        t.dated += sum(_date_ok(found[g.key], g) for g in golds if g.key in found)
        t.actors += sum(_actors_ok(found[g.key], g) for g in golds if g.key in found)
        roles = [_roles_ok(found[g.key], g) for g in golds if g.key in found]
        t.sources += sum(source for source, _target in roles)
        t.targets += sum(target for _source, target in roles)
        t.misses += [f"{g.key} {g.date} {g.headline}" for g in golds if g.key not in found]
        if not diplomatic[doc]:
            t.quiet += 1
            t.quiet_empty += not mine
    return t, matched


def merges(t: Tally, clusters: Iterable[dict[str, Any]], half: str, matched: dict[str, Event],
           gold: Sequence[Gold]) -> None:
    """Pairwise merge recall and precision over the clusters of ``half``."""
    by_key = {g.key: g for g in gold}
    for cluster in clusters:
        if half not in (cluster["half"], "all"):
            continue
        same = [set(group) for group in cluster.get("same") or []]
        keys = [g.key for g in gold if g.doc in cluster["docs"]]
        for i, a in enumerate(keys):
            for b in keys[i + 1:]:
                if by_key[a].doc == by_key[b].doc:
                    continue
                annotated = any({a, b} <= group for group in same)
                together = a in matched and b in matched and matched[a] is matched[b]
                t.same_pairs += annotated
                t.same_merged += annotated and together
                t.merged_pairs += together
                t.merged_right += together and annotated
                if annotated and not together:
                    t.unmerged.append("\n".join(_described(k, matched) for k in (a, b)))


def _described(key: str, matched: dict[str, Event]) -> str:
    """One side of a pair left apart: its event's date, actors, roles and headline."""
    event = matched.get(key)
    if event is None:
        return f"    {key}: no event"
    return (f"    {key}: {event.date}{'/' + event.end if event.end else ''} {event.status} "
            f"type {event.type or '-'} actors {list(event.actors)} source {list(event.source)} "
            f"target {list(event.target)} | {event.summary}")


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.3f} ({a}/{b})" if b else "n/a"


def report(name: str, t: Tally) -> None:
    precision = t.matched / t.events if t.events else 0.0
    recall = t.matched / t.gold if t.gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    print(f"[{name}] developments: precision {_ratio(t.matched, t.events)}, recall "
          f"{_ratio(t.matched, t.gold)}, F1 {f1:.3f}")
    print(f"[{name}] date accuracy {_ratio(t.dated, t.matched)}, actor accuracy "
          f"{_ratio(t.actors, t.matched)}; stories with no development that gave no event "
          f"{_ratio(t.quiet_empty, t.quiet)}")
    print(f"[{name}] source accuracy {_ratio(t.sources, t.matched)}, target accuracy "
          f"{_ratio(t.targets, t.matched)}")
    print(f"[{name}] merge recall {_ratio(t.same_merged, t.same_pairs)}, merge precision "
          f"{_ratio(t.merged_right, t.merged_pairs)}")


def corpus_figures(stories: Sequence[Story], everything: bool) -> None:
    events = timeline(stories, everything)
    dates = sorted(s.date for s in stories)
    low, high = int(dates[0][:4]) - 2, int(dates[-1][:4]) + 2
    outside = sum(not (low <= int(e.date[:4]) <= high) for e in events if e.date[:4].isdigit())
    print(f"[te3-silver] {len(stories)} stories: {len(events)} events, "
          f"{len(events) / len(stories):.2f} per story; one source "
          f"{_ratio(sum(len(e.sources) == 1 for e in events), len(events))}; no actor "
          f"{_ratio(sum(not e.actors for e in events), len(events))}; dated outside "
          f"{low}-{high} {_ratio(outside, len(events))}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true",
                        help="list the developments missed and the dates wrong (tune half)")
    parser.add_argument("--show-half", default="tune", choices=["tune", "check", "blind"],
                        help="the half --show lists (check: to describe errors, never to tune)")
    parser.add_argument("--show-merges", action="store_true",
                        help="list the must-merge pairs left apart (the --show-half half)")
    parser.add_argument("--no-corpus", action="store_true", help="skip the all-corpus figures")
    parser.add_argument("--everything", action="store_true",
                        help="keep the candidates selection leaves off (the figures before it)")
    args = parser.parse_args()
    stories = read_stories()
    halves, gold, diplomatic, clusters = load_gold()
    chosen = [s for s in stories if s.doc_id in diplomatic]
    texts = {s.doc_id: document(s).body for s in chosen}
    events = timeline(chosen, args.everything)
    print(f"{len(chosen)} annotated stories, {len(gold)} gold developments, "
          f"{sum(not v for v in diplomatic.values())} stories with none")
    for half in ("tune", "check", "all", *(("blind",) if "blind" in halves.values() else ())):
        t, matched = tally(half, halves, gold, diplomatic, events, texts)
        merges(t, clusters, half, matched, gold)
        report(half, t)
        mine = [e for e in events if any(_of(e, d) for d, h in halves.items()
                                         if _in_half(h, half) and d in diplomatic)]
        print(*headlines.figures(mine, matched, {g.key: g.headline for g in gold}).lines(half))
        if args.show and half == args.show_half:
            print("\n".join(f"  missed {m}" for m in t.misses))
            found = {id(e) for e in matched.values()}
            print("\n".join(f"  kept, not gold: {e.date} {e.summary[:110]}"
                            for e in mine if id(e) not in found))
            print("\n".join(f"  dated {e.date}{'/' + e.end if e.end else ''}, gold {g.date}: "
                            f"{g.doc}#{g.id} {e.quote[:140]}"
                            for g in gold if g.key in matched and halves.get(g.doc) == half
                            for e in [matched[g.key]] if not _date_ok(e, g)))
            print("\n".join(f"  roles {sorted(_codes(e.source))}->{sorted(_codes(e.target))}, gold "
                            f"{sorted(_codes(g.source))}->{sorted(_codes(g.target))}: "
                            f"{g.doc}#{g.id} {e.quote[:120]}"
                            for g in gold if g.key in matched and halves.get(g.doc) == half
                            for e in [matched[g.key]] if _roles_ok(e, g) != (True, True)))
        if args.show_merges and half == args.show_half:
            print("\n".join(f"  not merged:\n{pair}" for pair in t.unmerged))
    if not args.no_corpus:
        corpus_figures(stories, args.everything)


if __name__ == "__main__":
    main()
