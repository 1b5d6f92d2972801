"""Extraction on an existing Dask cluster (optional extra ``dateline[dask]``).

``distributed``'s client offers a ``concurrent.futures``-compatible executor, so the extract stage
uses it exactly like a local process pool.
"""

from __future__ import annotations

from concurrent.futures import Executor


class ExecutorError(RuntimeError):
    """The cluster could not be reached or the extra is not installed."""


def dask_executor(address: str) -> Executor:
    """An executor for ``dask://HOST:PORT`` (or ``tcp://HOST:PORT``)."""
    try:
        from distributed import Client
    except ImportError as exc:
        raise ExecutorError("the Dask executor needs the optional extra: "
                            "pip install 'dateline[dask]'") from exc
    target = address
    if address.startswith("dask://"):
        target = "tcp://" + address.removeprefix("dask://")
    try:
        client = Client(target, timeout="10s", set_as_default=False)  # type: ignore[no-untyped-call]
    except OSError as exc:
        raise ExecutorError(f"cannot reach the Dask scheduler at {target}: {exc}") from exc
    executor: Executor = client.get_executor()  # type: ignore[no-untyped-call]
    return executor
