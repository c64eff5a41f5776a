"""``watch(folder, config)``: render new or changed articles as they arrive.

Polls the folder (no inotify dependency) every ``interval`` seconds. A file
is taken only once its size and modification time have stayed the same for
``settle`` seconds, so a file still being copied or written is not read
half-way; then a batch run renders it, and the ledger skips every file whose
content has not changed. Hidden files (``.name``) and names ending in ``~``
are never read: writing to a hidden name and renaming into place is the
surest way to hand over an article.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Callable

from repackage.batch.ledger import BatchLockedError
from repackage.batch.runner import BatchReport, Event, run_batch
from repackage.batch.sources import scan_folder
from repackage.config import Config
from repackage.errors import ArticleError, RepackageError

Signature = tuple[int, int]  # (size, mtime_ns)


class Debouncer:
    """Which files have settled (unchanged for ``settle`` seconds) and not been handed on yet."""

    def __init__(self, settle: float, clock: Callable[[], float] = time.monotonic):
        self.settle = settle
        self.clock = clock
        self._seen: dict[Path, tuple[Signature, float]] = {}  # path -> (signature, since when)
        self._taken: dict[Path, Signature] = {}

    def ready(self, paths: list[Path]) -> list[Path]:
        t = self.clock()
        out = []
        current = set(paths)
        for gone in [p for p in self._seen if p not in current]:
            del self._seen[gone]
            self._taken.pop(gone, None)
        for p in paths:
            try:
                st = p.stat()
            except OSError:
                continue
            sig = (st.st_size, st.st_mtime_ns)
            before = self._seen.get(p)
            if before is None or before[0] != sig:
                self._seen[p] = (sig, t)
                continue
            if st.st_size > 0 and t - before[1] >= self.settle and self._taken.get(p) != sig:
                out.append(p)
        return out

    def taken(self, paths: list[Path]) -> None:
        for p in paths:
            if p in self._seen:
                self._taken[p] = self._seen[p][0]


def watch(
    folder: str | Path,
    config: Config = Config(),
    *,
    interval: float = 5.0,
    settle: float = 2.0,
    workers: int | None = None,
    scheduler: str | None = None,
    on_event: Event | None = None,
    on_report: Callable[[BatchReport], None] | None = None,
    on_message: Callable[[str], None] | None = None,
    stop: threading.Event | None = None,
    rounds: int | None = None,
) -> None:
    """Poll ``folder`` until ``stop`` is set (or ``rounds`` polls are done)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise ArticleError("no such folder", path=str(folder))
    say = on_message or (lambda _m: None)
    stop = stop or threading.Event()
    debounce = Debouncer(settle)
    out = Path(config.out)
    n = 0
    while not stop.is_set():
        files = scan_folder(folder, skip=out)
        ready = debounce.ready(files)
        if ready:
            try:
                report = run_batch([str(p) for p in ready], config, workers=workers, scheduler=scheduler,
                                   on_event=on_event)
            except BatchLockedError as exc:
                say(f"{exc}; trying again in {interval:g} s")
            except RepackageError as exc:  # a file gone since the scan, templates broken mid-watch...
                say(f"error: {exc}")
            else:
                debounce.taken(ready)
                if on_report is not None:
                    on_report(report)
        n += 1
        if rounds is not None and n >= rounds:
            break
        stop.wait(interval)
