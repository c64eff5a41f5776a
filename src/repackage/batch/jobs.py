"""The tasks a batch run hands to worker processes (local or Dask).

Two kinds, both plain top-level functions so they pickle: ``build_story``
reads one article and builds its Story (once per article), and
``run_render_job`` draws one kind of output (cards or the clip) for a Story
into a fresh folder of its own under ``OUT/.batch/jobs/``. A job retried after
its worker died draws into a new folder, so it never finds or leaves a
half-drawn file where the coordinator looks; the coordinator removes what a
dead attempt left when the run ends (or when the next run starts).

Errors come back as values (``error``), not exceptions, so every failure is
reported with its article and no exception has to survive pickling.
"""

from __future__ import annotations

import os
import shutil
import socket
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from repackage.config import Config
from repackage.errors import RepackageError
from repackage.models import Story
from repackage.pipeline import JobResult, load_story, render_job


@dataclass(frozen=True)
class StoryOutcome:
    story: Story | None
    seconds: float
    error: str | None = None


@dataclass(frozen=True)
class JobOutcome:
    kind: str
    job_dir: str | None
    result: JobResult | None
    seconds: float
    worker: str
    error: str | None = None


def _where() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def build_story(path: str, config: Config) -> StoryOutcome:
    t0 = time.perf_counter()
    try:
        story = load_story(path, config)
    except RepackageError as exc:
        return StoryOutcome(None, time.perf_counter() - t0, str(exc))
    except Exception as exc:  # a bug must not stop the other articles
        return StoryOutcome(None, time.perf_counter() - t0, f"{path}: internal error: {type(exc).__name__}: {exc}")
    return StoryOutcome(story, time.perf_counter() - t0)


def run_render_job(story: Story, kind: str, config: Config, jobs_root: str) -> JobOutcome:
    t0 = time.perf_counter()
    root = Path(jobs_root)
    root.mkdir(parents=True, exist_ok=True)
    job_dir = Path(tempfile.mkdtemp(prefix=f"{story.slug[:40]}-{kind}-", dir=root))
    try:
        result = render_job(story, kind, job_dir, config)
    except RepackageError as exc:
        shutil.rmtree(job_dir, ignore_errors=True)
        return JobOutcome(kind, None, None, time.perf_counter() - t0, _where(), str(exc))
    except Exception as exc:
        shutil.rmtree(job_dir, ignore_errors=True)
        return JobOutcome(kind, None, None, time.perf_counter() - t0, _where(),
                          f"{kind}: internal error: {type(exc).__name__}: {exc}")
    return JobOutcome(kind, str(job_dir), result, time.perf_counter() - t0, _where())
