"""Extraction on an existing Dask cluster (optional extra ``dateline[dask]``).

``distributed``'s client offers a ``concurrent.futures``-compatible executor, so the extract stage
uses it exactly like a local process pool.
"""

from __future__ import annotations

import re
from concurrent.futures import Executor

_ADDRESS = re.compile(r"^(?:dask|tcp)://[^\s/:]+:\d{1,5}$")


class ExecutorError(RuntimeError):
    """The cluster could not be reached or the extra is not installed."""


def dask_executor(address: str) -> Executor:
    """An executor for ``dask://HOST:PORT`` (or ``tcp://HOST:PORT``)."""
    try:
        from distributed import Client
    except ImportError as exc:
        raise ExecutorError("the Dask executor needs the optional extra: "
                            "pip install 'dateline[dask]'") from exc
    if not _ADDRESS.match(address):
        raise ExecutorError(f"'{address}' is not a scheduler address (expected dask://HOST:PORT "
                            "or tcp://HOST:PORT)")
    target = "tcp://" + address.split("://", 1)[1]
    try:
        client = Client(target, timeout="10s", set_as_default=False)  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError, ValueError) as exc:  # refused, unreachable, malformed
        raise ExecutorError(f"cannot reach the Dask scheduler at {target}: {exc}") from exc
    executor: Executor = client.get_executor()  # type: ignore[no-untyped-call]
    return executor
