"""Draw the tagger's second development set (issue 19) from te3-silver and lay out the silver
files the annotators correct by hand.

    .venv/bin/python bench/timex_sample.py      # writes bench/data/timex-dev/

SIZE stories are drawn with SEED from the stories of te3-silver that are not in the chronology
set (bench/data/chronology) nor in bench/data/events_eval.yaml, and put in the ``tune`` or the
``check`` half once (half each, the same seed). Each story's silver TimeML is copied to
``silver/<doc>.tml`` (not committed: it is ../shared's); annotators write ``gold/<doc>.tml``:
the same document with its TIMEX3 tags corrected by the TimeML guidelines (the silver is a
starting point, not the truth), never looking at Dateline's output. ``bench/timebank.py``
scores the tagger on both halves.
"""

from __future__ import annotations

import random
import shutil
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.common import CORPUS  # noqa: E402

SEED = 20261219
SIZE = 64
OUT = REPO / "bench" / "data" / "timex-dev"


def seen() -> set[str]:
    """Stories other development sets already hold."""
    chronology = yaml.safe_load((REPO / "bench" / "data" / "chronology" / "sample.yaml")
                                .read_text("utf-8"))
    taken = {r["doc"] for r in chronology["random"]}
    taken |= {doc for c in chronology["clusters"] for doc in c["docs"]}
    events = yaml.safe_load((REPO / "bench" / "data" / "events_eval.yaml").read_text("utf-8"))
    return taken | {s["doc"] for s in events["stories"]}


def main() -> None:
    pool = sorted(p.stem for p in CORPUS.glob("*.tml") if p.stem not in seen())
    rng = random.Random(SEED)
    drawn = sorted(rng.sample(pool, SIZE))
    order = drawn[:]
    rng.shuffle(order)
    halves = {doc: ("tune" if i < SIZE // 2 else "check") for i, doc in enumerate(order)}
    (OUT / "silver").mkdir(parents=True, exist_ok=True)
    for doc in drawn:
        shutil.copyfile(CORPUS / f"{doc}.tml", OUT / "silver" / f"{doc}.tml")
    (OUT / "sample.yaml").write_text(
        "# Drawn by bench/timex_sample.py (see its docstring); do not edit by hand.\n"
        + yaml.safe_dump({"seed": SEED, "stories": [{"doc": d, "half": halves[d]}
                                                    for d in drawn]}, sort_keys=False), "utf-8")
    print(f"{SIZE} stories written to {OUT}")


if __name__ == "__main__":
    main()
