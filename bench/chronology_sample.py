"""Draw the chronology development set of issue 17 from te3-silver, and write the stories out for
the annotators (who see these texts and ../shared/guides/chronology-style.md, never our output).

    .venv/bin/python bench/chronology_sample.py          # writes bench/data/chronology/
    .venv/bin/python bench/chronology_sample.py --extra  # adds extra.yaml (tuning stories only)
    .venv/bin/python bench/chronology_sample.py --blind  # adds blind.yaml (scored once, blind)

Two parts, both drawn with SEED, from the stories not in bench/data/events_eval.yaml (those were
read while the extractor was written):
- ``random``: RANDOM stories drawn uniformly, diplomatic or not (most wire news is not);
- ``clusters``: CLUSTERS groups of three stories that may report the same developments, for
  merge precision and recall. An anchor is drawn among stories whose title holds a diplomatic
  word (TITLE_WORDS); its two mates are the other stories published within a day of it whose
  title and first paragraph share the most capitalized words with the anchor's (Jaccard), at
  least MIN_OVERLAP. The selection uses words only, nothing Dateline extracts.
Each story, and each cluster as a whole, is put in the ``tune`` or the ``check`` half once, with
the same seed: rules may be tuned on the first; figures are reported on both, the check half
being the one the code has not been tuned on.

``--extra`` (later, with EXTRA_SEED) draws more stories for tuning only, from those in no earlier
draw: EXTRA_RANDOM uniformly and EXTRA_TITLED among stories whose title holds a diplomatic word, so
that the tuning data holds more developments. They go to ``extra.yaml``, all in the ``tune`` half;
the check half is never added to.

``--blind`` (later still, with BLIND_SEED) draws the same way (BLIND_RANDOM uniformly, BLIND_TITLED
titled) from the stories in no earlier draw, into ``blind.yaml``: annotated before any rule sees
them and scored as the ``blind`` half, a fresh measure of news the rules have never seen.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.common import Story, read_stories  # noqa: E402

SEED = 20261203
RANDOM = 64
CLUSTERS = 8
MIN_OVERLAP = 0.2
TITLE_WORDS = re.compile(r"\b(?:talks?|summit|visits?|minister|sanctions?|agreement|treaty|accord|"
                         r"envoy|president|premier|UN|U\.N\.|NATO|APEC|ASEAN|EU|WTO)\b")
OUT = REPO / "bench" / "data" / "chronology"
EXTRA_SEED = 20261204
EXTRA_RANDOM = 24
EXTRA_TITLED = 24
BLIND_SEED = 20261205
BLIND_RANDOM = 18
BLIND_TITLED = 18
_CAPITALIZED = re.compile(r"\b[A-Z][a-zA-Z-]{2,}\b")


def _words(story: Story) -> set[str]:
    first = story.paragraphs[0] if story.paragraphs else ""
    return set(_CAPITALIZED.findall(f"{story.title} {first}"))


def _mates(anchor: Story, pool: list[Story], taken: set[str]) -> list[Story]:
    day = dt.date.fromisoformat(anchor.date)
    near = [s for s in pool if s.doc_id != anchor.doc_id and s.doc_id not in taken
            and abs((dt.date.fromisoformat(s.date) - day).days) <= 1]
    words = _words(anchor)

    def overlap(story: Story) -> float:
        other = _words(story)
        return len(words & other) / len(words | other) if words | other else 0.0

    ranked = sorted(near, key=lambda s: (-overlap(s), s.doc_id))
    return [s for s in ranked[:2] if overlap(s) >= MIN_OVERLAP]


def draw(stories: list[Story], seen: set[str]) -> tuple[list[Story], list[list[Story]]]:
    rng = random.Random(SEED)
    pool = sorted((s for s in stories if s.doc_id not in seen), key=lambda s: s.doc_id)
    drawn = rng.sample(pool, RANDOM)
    taken = {s.doc_id for s in drawn}
    anchors = [s for s in pool if s.doc_id not in taken and TITLE_WORDS.search(s.title)]
    rng.shuffle(anchors)
    clusters: list[list[Story]] = []
    for anchor in anchors:
        if len(clusters) == CLUSTERS:
            break
        if anchor.doc_id in taken:
            continue
        mates = _mates(anchor, pool, taken)
        if len(mates) == 2:
            clusters.append([anchor, *mates])
            taken |= {s.doc_id for s in clusters[-1]}
    return drawn, clusters


def story_text(story: Story) -> str:
    day = dt.date.fromisoformat(story.date)
    return (f"Title: {story.title}\nPublished: {story.date} ({day.strftime('%A')})\n"
            f"Source: {story.publisher} ({story.doc_id})\n\n" + "\n\n".join(story.paragraphs)
            + "\n")


def draw_extra(stories: list[Story], seen: set[str], seed: int = EXTRA_SEED,
               uniform: int = EXTRA_RANDOM, titled: int = EXTRA_TITLED) -> list[Story]:
    rng = random.Random(seed)
    pool = sorted((s for s in stories if s.doc_id not in seen), key=lambda s: s.doc_id)
    drawn = rng.sample(pool, uniform)
    taken = {s.doc_id for s in drawn}
    named = [s for s in pool if s.doc_id not in taken and TITLE_WORDS.search(s.title)]
    return drawn + rng.sample(named, titled)


def extra(stories: list[Story], seen: set[str], blind: bool = False) -> None:
    """More stories from those in no earlier draw: ``extra.yaml`` (tuning) or ``blind.yaml``."""
    sample = yaml.safe_load((OUT / "sample.yaml").read_text("utf-8"))
    seen |= {r["doc"] for r in sample["random"]}
    seen |= {doc for c in sample["clusters"] for doc in c["docs"]}
    if blind:
        extra_draw = yaml.safe_load((OUT / "extra.yaml").read_text("utf-8"))
        seen |= {r["doc"] for r in extra_draw["random"]}
    seed, name, half = (BLIND_SEED, "blind", "blind") if blind else (EXTRA_SEED, "extra", "tune")
    drawn = (draw_extra(stories, seen, BLIND_SEED, BLIND_RANDOM, BLIND_TITLED) if blind
             else draw_extra(stories, seen))
    for story in drawn:
        (OUT / "stories" / f"{story.doc_id}.txt").write_text(story_text(story), "utf-8")
    (OUT / f"{name}.yaml").write_text(
        f"# Drawn by bench/chronology_sample.py --{name} (see its docstring); "
        "do not edit by hand.\n"
        + yaml.safe_dump({"seed": seed,
                          "random": [{"doc": s.doc_id, "half": half} for s in drawn]},
                         sort_keys=False), "utf-8")
    print(f"{len(drawn)} {name} stories written to {OUT}")


def main() -> None:
    seen = {doc["doc"] for doc in yaml.safe_load(
        (REPO / "bench" / "data" / "events_eval.yaml").read_text("utf-8"))["stories"]}
    if "--extra" in sys.argv[1:] or "--blind" in sys.argv[1:]:
        extra(read_stories(), seen, blind="--blind" in sys.argv[1:])
        return
    drawn, clusters = draw(read_stories(), seen)
    rng = random.Random(SEED + 1)
    halves = {s.doc_id: rng.choice(["tune", "check"]) for s in drawn}
    for cluster in clusters:
        half = rng.choice(["tune", "check"])
        halves |= {s.doc_id: half for s in cluster}
    (OUT / "stories").mkdir(parents=True, exist_ok=True)
    for story in [*drawn, *(s for c in clusters for s in c)]:
        (OUT / "stories" / f"{story.doc_id}.txt").write_text(story_text(story), "utf-8")
    sample = {
        "seed": SEED,
        "random": [{"doc": s.doc_id, "half": halves[s.doc_id]} for s in drawn],
        "clusters": [{"cluster": f"c{n}", "half": halves[c[0].doc_id],
                      "docs": [s.doc_id for s in c]} for n, c in enumerate(clusters, 1)],
    }
    (OUT / "sample.yaml").write_text(
        "# Drawn by bench/chronology_sample.py (see its docstring); do not edit by hand.\n"
        + yaml.safe_dump(sample, sort_keys=False), "utf-8")
    print(f"{len(drawn)} random stories and {len(clusters)} clusters of 3 written to {OUT}")


if __name__ == "__main__":
    main()
