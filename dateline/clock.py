"""The one clock a build reads: ``SOURCE_DATE_EPOCH``, else the newest content file's mtime."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from pathlib import Path


def build_time_from(epoch: str | None, content_dir: Path, timezone: str = "UTC") -> str:
    """The one clock: SOURCE_DATE_EPOCH, else the newest content file's modification time.

    Shown in the site's configured time zone, never the machine's, so output is the same
    whatever TZ the build runs under.
    """
    if epoch and epoch.strip().isdigit():
        stamp = int(epoch)
    else:
        files = content_dir.rglob("*.md") if content_dir.is_dir() else iter(())
        times = [p.stat().st_mtime for p in files]
        stamp = int(max(times)) if times else 0
    moment = dt.datetime.fromtimestamp(stamp, dt.UTC)
    if timezone != "UTC":
        moment = moment.astimezone(zoneinfo.ZoneInfo(timezone))
    return moment.isoformat().replace("+00:00", "Z")
