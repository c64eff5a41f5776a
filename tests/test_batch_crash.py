"""A batch run killed with SIGKILL at any moment, then started again, finishes
without redoing completed work and leaves no half-written file (real
subprocesses, real kill -9 of the whole process group)."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from _batch_checks import check_complete as _check_complete, jobs_running
from _paths import SHARED_ARTICLES

ARTICLES = sorted(SHARED_ARTICLES.glob("wikinews-*.txt"))[:6]


def _cmd(out: Path, report: Path) -> list[str]:
    return [sys.executable, "-m", "repackage", "batch", *map(str, ARTICLES), "-o", str(out), "--json", str(report),
            "--formats", "cards,review", "--card-template", "headline", "--card-template", "quote-classic",
            "--workers", "2", "--quiet"]


def _done_rows(out: Path) -> set[str]:
    try:
        db = sqlite3.connect(f"file:{out / 'ledger.sqlite'}?mode=ro", uri=True, timeout=5)
        try:
            return {r[0] for r in db.execute("SELECT key FROM articles WHERE status = 'done'")}
        finally:
            db.close()
    except sqlite3.Error:
        return set()



@pytest.mark.slow
@pytest.mark.parametrize("moment", ["mid-render", "after-first-article"])
def test_kill_9_then_rerun_finishes_without_redoing_work(tmp_path, moment):
    out, report = tmp_path / "out", tmp_path / "report.json"
    proc = subprocess.Popen(_cmd(out, report), start_new_session=True, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    deadline = time.monotonic() + 240
    ready = jobs_running if moment == "mid-render" else (lambda o: len(_done_rows(o)) >= 1)
    while not ready(out):
        assert proc.poll() is None, proc.stderr.read().decode()
        assert time.monotonic() < deadline, "the batch never got going"
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)  # the coordinator and its worker processes, as an OOM kill or power cut
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    done_before = _done_rows(out)
    if moment == "mid-render":
        assert jobs_running(out)  # the dead run's half-drawn job folder is there for the re-run to clear
    assert len(done_before) < len(ARTICLES), "killed too late to test anything"
    # Even before the re-run, no folder a reader can see is half-written.
    assert _check_complete(out, finished=False) >= len(done_before)

    rerun = subprocess.run(_cmd(out, report), capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    data = json.loads(report.read_text(encoding="utf-8"))
    skipped = {a["key"] for a in data["articles"] if a["status"] == "skipped"}
    rendered = {a["key"] for a in data["articles"] if a["status"] == "rendered"}
    assert skipped == done_before  # completed work is not redone
    assert len(skipped) + len(rendered) == len(ARTICLES)
    assert _check_complete(out, finished=True) == len(ARTICLES)
