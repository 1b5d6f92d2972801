"""Headlines as a reader sees them (issue 18): figures for bench/events.py, and a listing to
check by hand.

    .venv/bin/python bench/headlines.py                    # content/, then the tune half
    .venv/bin/python bench/headlines.py --sample 50        # 50 of the tune half, drawn
    .venv/bin/python bench/headlines.py --site-only        # the example site's only

Each line of the listing: a flag column (F fragment, T relative time word, L longer than
``max_words``), the date, the headline, and under it the source sentence. Figures (per half of
the chronology set, printed by bench/events.py): ROUGE-L F of each matched event's headline
against the gold development's (longest common subsequence of lowercased word tokens), and the
shares of headlines that are fragments (no subject or no finite verb, or a question:
``headline.fragment_reason``), that hold a relative time word, or that are longer than 15 words.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from dateline.events.headline import fragment_reason, has_relative_time, headline_rules  # noqa: E402
from dateline.models import Event  # noqa: E402

_TOKEN = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")
SAMPLE_SEED = 20261218


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


def rouge_l(candidate: str, reference: str) -> float:
    """ROUGE-L F1 over lowercased word tokens."""
    a, b = tokens(candidate), tokens(reference)
    if not a or not b:
        return 0.0
    row = [0] * (len(b) + 1)
    for x in a:
        diagonal = 0
        for j, y in enumerate(b, 1):
            diagonal, row[j] = row[j], diagonal + 1 if x == y else max(row[j], row[j - 1])
    lcs = row[-1]
    if not lcs:
        return 0.0
    precision, recall = lcs / len(a), lcs / len(b)
    return 2 * precision * recall / (precision + recall)


def flags(headline: str) -> str:
    """"F", "T", "L" for a fragment, a relative time word, a headline too long; "-" each not."""
    return ("F" if fragment_reason(headline) else "-") + \
        ("T" if has_relative_time(headline) else "-") + \
        ("L" if len(headline.split()) > headline_rules().max_words else "-")


@dataclass(frozen=True)
class HeadlineFigures:
    headlines: int
    fragments: int
    relative: int
    long: int
    rouge: float  # mean ROUGE-L F over the matched events
    matched: int

    def lines(self, name: str) -> list[str]:
        def share(n: int) -> str:
            return f"{n / self.headlines:.3f} ({n}/{self.headlines})" if self.headlines else "n/a"
        rouge = f"headline ROUGE-L F {self.rouge:.3f} (over {self.matched} matched); " \
            if self.matched else ""
        return [f"[{name}] {rouge}fragments {share(self.fragments)}, relative time word "
                f"{share(self.relative)}, longer than {headline_rules().max_words} words "
                f"{share(self.long)}"]


def figures(events: Sequence[Event], matched: Mapping[str, Event],
            gold_headlines: Mapping[str, str]) -> HeadlineFigures:
    """Headline figures of ``events``; ROUGE-L over ``matched`` (gold key → event)."""
    found = [flags(e.summary) for e in events]
    scores = [rouge_l(event.summary, gold_headlines[key]) for key, event in matched.items()]
    return HeadlineFigures(len(found), sum(f[0] == "F" for f in found),
                           sum(f[1] == "T" for f in found), sum(f[2] == "L" for f in found),
                           sum(scores) / len(scores) if scores else 0.0, len(scores))


def is_note(event: Event) -> bool:
    """An editor's note event: its title is the editor's, not a written headline."""
    return not event.quote and bool(event.sources) and event.sources[0].kind == "note"


def listing(events: Iterable[Event]) -> list[str]:
    out = []
    for event in events:
        reason = fragment_reason(event.summary)
        note = "   (an editor's title)" if is_note(event) else ""
        out.append(f"{flags(event.summary)} {event.date:<10} {event.summary}"
                   + (f"   [{reason}]" if reason else "") + note)
        if event.quote:
            out.append(f"{'':14}< {event.quote[:160]}")
    return out


def site_events() -> list[Event]:
    """The example site's events (``content/``), as a build shows them."""
    from dateline.config import load_settings
    from dateline.pipeline.builds import BuildOptions
    from dateline.pipeline.gather import gather

    settings, _problems = load_settings(REPO)
    gathered = gather(settings, BuildOptions(build_time="", use_cache=False))
    return list(gathered.timeline.events)


def set_events(half: str) -> list[Event]:
    from bench.common import read_stories
    from bench.events import load_gold, timeline

    halves, _gold, diplomatic, _clusters = load_gold()
    stories = [s for s in read_stories() if s.doc_id in diplomatic
               and half in (halves[s.doc_id], "all")]
    return timeline(stories)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--half", choices=("tune", "check", "all"), default="tune",
                        help="which half of the chronology set (default: tune; look at check "
                             "only to report)")
    parser.add_argument("--sample", type=int, default=0, help="draw this many of the set's")
    parser.add_argument("--site-only", action="store_true")
    args = parser.parse_args()
    site = site_events()
    written = [e for e in site if not is_note(e)]
    print(f"# example site: {len(site)} events, {len(written)} with written headlines")
    print(*figures(written, {}, {}).lines("site, written headlines"))
    print("\n".join(listing(site)))
    if args.site_only:
        return
    chosen = set_events(args.half)
    if args.sample:
        chosen = random.Random(SAMPLE_SEED).sample(chosen, min(args.sample, len(chosen)))
    print(f"\n# chronology set, {args.half} half: {len(chosen)} events")
    print("\n".join(listing(chosen)))


if __name__ == "__main__":
    main()
