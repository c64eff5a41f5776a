"""Where a batch run's tasks execute: a local process pool or a Dask cluster.

Both expose ``submit(fn, *args) -> future`` (futures with
``add_done_callback`` and ``result``), ``slots`` (how many tasks run at
once) and ``close()``. Nothing else of the executor leaks into the runner.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, Callable

from repackage.errors import ConfigError


def default_workers() -> int:
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


class InlineExecutor:
    """Every task run at once in the calling process (``workers=0``): for
    debugging and embedding; no parallelism, no process start-up."""

    name = "in-process"
    slots = 1

    def submit(self, fn: Callable[..., Any], *args: Any):
        fut: Future = Future()
        try:
            fut.set_result(fn(*args))
        except BaseException as exc:  # noqa: BLE001 - handed to the caller through the future
            fut.set_exception(exc)
        return fut

    def close(self) -> None:
        pass


class LocalExecutor:
    """A pool of ``workers`` processes on this machine."""

    def __init__(self, workers: int | None = None):
        self.workers = workers or default_workers()
        if self.workers < 1:
            raise ConfigError(f"--workers must be at least 1, got {self.workers}")
        # spawn: fresh interpreters, no inherited threads or locks from the coordinator.
        self._pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"))
        self.name = f"local, {self.workers} process{'es' if self.workers != 1 else ''}"

    @property
    def slots(self) -> int:
        return self.workers

    def submit(self, fn: Callable[..., Any], *args: Any):
        return self._pool.submit(fn, *args)

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


class DaskExecutor:
    """Tasks on a Dask distributed cluster (``dask scheduler`` / ``dask worker``).

    A worker that dies mid-task has its task rescheduled on another worker
    by the scheduler (up to ``distributed.scheduler.allowed-failures`` times).
    """

    def __init__(self, address: str, timeout: float = 20.0):
        try:
            from distributed import Client
        except ImportError:
            raise ConfigError("--scheduler needs Dask: pip install 'repackage[cluster]'") from None
        try:
            self._client = Client(address, timeout=timeout, set_as_default=False)
        except (OSError, TimeoutError) as exc:
            raise ConfigError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
        self.address = address
        self.name = f"dask {address}"

    @property
    def slots(self) -> int:
        threads = sum(self._client.nthreads().values())
        return max(1, threads)

    def submit(self, fn: Callable[..., Any], *args: Any):
        return self._client.submit(fn, *args, pure=False)

    def close(self) -> None:
        self._client.close()
