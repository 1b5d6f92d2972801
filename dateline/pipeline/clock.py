"""The one clock a build reads: ``SOURCE_DATE_EPOCH``, else the newest content file's mtime."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from pathlib import Path

from dateline.content.contentfiles import newest_mtime


def build_time_from(epoch: str | None, content_dir: Path, timezone: str = "UTC") -> str:
    """The one clock: SOURCE_DATE_EPOCH, else the newest content file's modification time.

    Shown in the site's configured time zone, never the machine's, so output is the same
    whatever TZ the build runs under.  Only the files the loader reads count (``contentfiles``):
    a dangling link or a link loop has no time, and a FIFO's is not the content's.
    """
    fixed = epoch and epoch.strip().isdigit()
    stamp = int(epoch) if epoch and fixed else int(newest_mtime(content_dir) or 0)
    moment = dt.datetime.fromtimestamp(stamp, dt.UTC)
    if timezone != "UTC":
        moment = moment.astimezone(zoneinfo.ZoneInfo(timezone))
    return moment.isoformat().replace("+00:00", "Z")
