"""Test-only pause points: a build told to stop at one of its stages waits there to be killed.

``tests/robustness/test_robust_faults.py`` kills a build with ``kill -9`` at each stage and
checks that the site is then the old complete site or the new one, that nothing the user wrote
changed, and that the next build succeeds.  A kill after a random delay lands wherever it
happens to land; with ``DATELINE_TEST_PAUSE_AT=<point>`` in its environment, the build (or the
worker) that reaches ``<point>`` writes ``dateline: paused at <point>`` to stderr and sleeps, so
the kill lands exactly there.  Never set outside tests: unset, a pause point is one environment
look-up, and the points are per stage (or per worker), never per page.
"""

from __future__ import annotations

import os
import time

VARIABLE = "DATELINE_TEST_PAUSE_AT"
MESSAGE = "dateline: paused at"  # then the point and the process id, on stderr
SECONDS = 60.0  # long enough for any test to kill the build; then the build goes on
# Every point, in the order a full build with several jobs reaches them (``POINTS`` is what the
# test kills at: a point added in the code belongs here too).
POINTS = (
    "loaded",      # gather: every content file read, nothing extracted
    "extract",     # an extraction pool worker, before its first document (cold cache)
    "extracted",   # gather: every document extracted and cached, nothing assembled
    "forked",      # a forked worker (merge buckets, cards, pages) before its first piece
    "assembled",   # gather: the timeline made, no page planned
    "planned",     # full build: pages planned and checked, the new tree not yet made
    "writing",     # writer: a process filling the new tree has written its first file
    "indexing",    # search: Pagefind's index made beside the new tree's pages, not yet moved in
    "swapping",    # writer: the new tree complete and the site locked, just before the swap
    "swapped",     # writer: the new site in place, the old tree not yet removed
    "built",       # builds: the site written, the no-op record of the build not yet saved
)


def pause_at(point: str) -> None:
    """Wait here (``SECONDS``, for a test to kill the process) when the environment asks to."""
    if os.environ.get(VARIABLE) != point:
        return
    # os.write, not print: a forked worker's copy of sys.stderr may hold the parent's buffer.
    os.write(2, f"{MESSAGE} {point} (pid {os.getpid()})\n".encode())
    time.sleep(SECONDS)
