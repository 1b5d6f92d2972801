"""Benchmark the temporal tagger on the TimeBank gold documents.

    python bench/timebank.py [--gold DIR] [--errors FILE] [--pred FILE] [--no-peer]

Prints TempEval-3 metrics (strict/relaxed extent F1, value F1, type F1; overall
and per type) from the shared scorer for dateline.timex and, in the same run,
for dateparser (search_dates with the story date as RELATIVE_BASE, through the
shared adapter), then the tagger's throughput in MB of prose per second on one
core. With the default gold (TimeBank) it also scores the second development
set, te3-silver stories corrected by hand (bench/data/timex-dev, issue 19), on its
tune half and on its check half (rules may be tuned on the first only). Needs
../shared/tools/timex_eval (not part of the product).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from pathlib import Path
from typing import Any

SHARED = Path(__file__).resolve().parents[2] / "shared"
sys.path.insert(0, str(SHARED / "tools"))

from timex_eval.scorer import format_report, score  # noqa: E402
from timex_eval.timeml import read_dir  # noqa: E402

from dateline.timex import TAGGER_VERSION, grammar, tag  # noqa: E402


def _dct(doc: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(doc.dct[:10])
    except ValueError:
        return None


def run_tagger(docs: list[Any], rounds: int = 3
               ) -> tuple[dict[str, list[dict[str, Any]]], float, int]:
    """Predictions per doc, CPU seconds for one pass (best of ``rounds``: the
    machine is shared), bytes of prose tagged."""
    grammar()  # compile outside the timed loop
    preds: dict[str, list[dict[str, Any]]] = {}
    best = float("inf")
    for _ in range(rounds):
        t0 = time.process_time()
        found = [tag(doc.text, _dct(doc)) for doc in docs]
        best = min(best, time.process_time() - t0)
    for doc, items in zip(docs, found, strict=True):
        preds[doc.id] = [{"start": t.start, "end": t.end, "text": t.text, "type": t.type,
                          "value": t.value} for t in items]
    size = sum(len(doc.text.encode("utf-8")) for doc in docs)
    return preds, best, size


def run_dateparser(docs: list[Any]) -> dict[str, list[dict[str, Any]]]:
    """dateparser through the shared adapter (story date as RELATIVE_BASE)."""
    import logging

    from timex_eval.peers import Dateparser

    logging.getLogger("dateparser").setLevel(logging.ERROR)
    peer = Dateparser("default")
    preds: dict[str, list[dict[str, Any]]] = {}
    for doc in docs:
        base = dt.datetime.fromisoformat(doc.dct[:10])
        preds[doc.id] = peer(doc.text, base)
    return preds


DEFAULT_GOLD = str(SHARED / "corpora" / "timebank")
DEV = Path(__file__).resolve().parent / "data" / "timex-dev"


def dev_halves(no_peer: bool) -> None:
    """The tagger (and dateparser) on each half of the hand-corrected te3-silver set."""
    import yaml

    sample = yaml.safe_load((DEV / "sample.yaml").read_text("utf-8"))
    docs = {d.id: d for d in read_dir(str(DEV / "gold"))}
    for half in ("tune", "check"):
        chosen = [docs[s["doc"]] for s in sample["stories"] if s["half"] == half
                  and s["doc"] in docs]
        if not chosen:
            continue
        gold = {d.id: d.timexes for d in chosen}
        print()
        print(format_report(score(gold, run_tagger(chosen, rounds=1)[0]),
                            f"dateline.timex {TAGGER_VERSION} on the te3 {half} half "
                            f"({len(chosen)} docs, bench/data/timex-dev)"))
        if not no_peer:
            print(format_report(score(gold, run_dateparser(chosen)),
                                f"dateparser on the te3 {half} half"))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", default=DEFAULT_GOLD)
    ap.add_argument("--errors", help="write the scorer's FN/FP/mismatch records here")
    ap.add_argument("--pred", help="write the tagger's predictions (JSONL) here")
    ap.add_argument("--no-peer", action="store_true", help="skip dateparser (slow)")
    a = ap.parse_args(argv)
    docs = read_dir(a.gold)
    if not docs:
        print(f"no TimeML documents under {a.gold}", file=sys.stderr)
        return 2
    gold = {d.id: d.timexes for d in docs}
    preds, seconds, size = run_tagger(docs)
    errors: list[dict[str, Any]] | None = [] if a.errors else None
    title = f"dateline.timex {TAGGER_VERSION} on {len(docs)} docs ({a.gold})"
    print(format_report(score(gold, preds, errors), title))
    if a.errors and errors is not None:
        with open(a.errors, "w", encoding="utf-8") as f:
            f.writelines(json.dumps(e, ensure_ascii=False) + "\n" for e in errors)
    if a.pred:
        with open(a.pred, "w", encoding="utf-8") as f:
            for doc_id, items in preds.items():
                f.writelines(json.dumps({"doc": doc_id, **p}, ensure_ascii=False) + "\n"
                             for p in items)
    if not a.no_peer:
        print()
        print(format_report(score(gold, run_dateparser(docs)), "dateparser (RELATIVE_BASE=DCT)"))
    if a.gold == DEFAULT_GOLD:
        dev_halves(a.no_peer)
    print()
    print(f"throughput: {size / 1e6 / seconds:.2f} MB of prose per second "
          f"({size / 1e6:.2f} MB in {seconds:.2f} s CPU, one core, best of 3 passes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
