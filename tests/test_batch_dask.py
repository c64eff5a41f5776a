"""Batch render jobs on a real Dask ``distributed.LocalCluster`` with two worker
processes: an article's cards and clip are separate tasks, and a worker killed
mid-job has its job retried elsewhere with nothing half-written."""

from __future__ import annotations

import json
import os
import signal
import threading
import time
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed")

from repackage.batch import Ledger, run_batch  # noqa: E402
from repackage.config import Config  # noqa: E402

from _batch_checks import check_complete, jobs_running  # noqa: E402
from _paths import ENGLISH, SEED  # noqa: E402

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=40) as c:
        with distributed.Client(c) as client:
            client.wait_for_workers(2, timeout=120)
            yield c, client


def test_cards_and_clip_are_separate_tasks_on_the_cluster(cluster, tmp_path):
    c, client = cluster
    out = tmp_path / "out"
    cfg = Config(out=out, formats=("cards", "clips", "review"), card_templates=("headline",), preview=True,
                 quiet=True)
    report = run_batch([str(SEED), str(ENGLISH)], cfg, scheduler=c.scheduler_address)
    assert report.exit_code == 0 and [a.status for a in report.articles] == ["rendered", "rendered"]
    assert report.executor == f"dask {c.scheduler_address}"
    for a in report.articles:
        manifest = json.loads((Path(a.out_dir) / "manifest.json").read_text())
        kinds = {x["kind"] for x in manifest["assets"]}
        assert {"card", "clip"} <= kinds, kinds
        assert {"story", "cards", "clips"} <= set(a.timings)
    # The render jobs ran in the cluster's worker processes, not in this one, and on both of them.
    used = {w for a in report.articles for w in a.workers}
    worker_pids = set(client.run(os.getpid).values())
    assert {int(w.rsplit(":", 1)[1]) for w in used} <= worker_pids and os.getpid() not in worker_pids
    assert len(used) == 2
    assert check_complete(out, finished=True) == 2
    # The ledger stays with the coordinating process, in OUT.
    with Ledger(out / "ledger.sqlite") as ledger:
        assert {r.status for r in ledger.rows()} == {"done"}


def test_worker_killed_mid_job_is_retried_and_nothing_half_written(cluster, tmp_path):
    c, client = cluster
    out = tmp_path / "out"
    cfg = Config(out=out, formats=("clips", "review"), preview=True, quiet=True)
    result: dict = {}

    def go() -> None:
        try:
            result["report"] = run_batch([str(SEED), str(ENGLISH)], cfg, scheduler=c.scheduler_address)
        except BaseException as exc:  # pragma: no cover - reported below
            result["error"] = exc

    thread = threading.Thread(target=go)
    thread.start()
    deadline = time.monotonic() + 300
    victim = None
    while victim is None:
        assert thread.is_alive() and time.monotonic() < deadline, result
        if jobs_running(out):  # a clip job has started drawing into its folder
            busy = [addr for addr, keys in client.processing().items()
                    if any(str(k).startswith("run_render_job") for k in keys)]
            if busy:
                victim = client.run(os.getpid, workers=[busy[0]])[busy[0]]
        time.sleep(0.05)
    os.kill(victim, signal.SIGKILL)
    thread.join(timeout=600)
    assert not thread.is_alive() and "error" not in result, result
    report = result["report"]
    assert report.exit_code == 0, report.articles
    assert [a.status for a in report.articles] == ["rendered", "rendered"]
    finished_on = {int(w.rsplit(":", 1)[1]) for a in report.articles for w in a.workers}
    assert victim not in finished_on  # the killed worker's job was done again elsewhere
    assert check_complete(out, finished=True) == 2
    client.wait_for_workers(2, timeout=120)  # the nanny brought the worker back for the next test
