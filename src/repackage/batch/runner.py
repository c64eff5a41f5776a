"""The coordinating process of a batch run: ``run_batch(sources, config)``.

1. Take the output folder's lock (a second run on the same folder stops with
   ``BatchLockedError``), clear what a crashed run left (hidden staging and
   job folders), check templates and media once.
2. Expand the sources; for each article compare its content hash and the
   render key with the ledger: unchanged and done means skipped.
3. For the others: build the Story once (a task), then one render task per
   kind of output (cards, clip), which may run on different workers; when all
   of an article's tasks are back, gather their folders into a staging folder,
   write story.json, copy.txt, manifest.json and review.html, rename it into
   place (superseding the article's earlier folder) and record it in the
   ledger. Only this process writes the ledger and publishes folders.

One article's failure (unreadable, no story, a render that crashed) is
recorded and reported; the others go on.
"""

from __future__ import annotations

import hashlib
import json
import os
import queue
import re
import shutil
import time
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable

from repackage import __version__
from repackage.batch.jobs import JobOutcome, StoryOutcome, build_story, run_render_job
from repackage.batch.ledger import LEDGER_NAME, BatchLock, Ledger, LedgerRow, now
from repackage.batch.sources import SourceItem, collect_sources
from repackage.config import Config
from repackage.errors import ArticleError, RepackageError
from repackage.fsutil import sha256_file
from repackage.pipeline import Failure, JobResult, check_request, make_stage, publish, render_jobs
from repackage.models import Story

BATCH_DIR = ".batch"  # OUT/.batch/jobs (render tasks' folders), OUT/.batch/feeds (feed entries)
REPORT_SCHEMA = "repackage.batch-report"
REPORT_VERSION = 1

# Settings that change what is drawn; everything else (out, quiet, source) does not.
_RENDER_FIELDS = ("lang", "formats", "captions", "caption_chars", "hook_chars", "hashtags", "card_templates",
                  "sizes", "image_format", "clip_template", "clip_size", "photo_credit", "preview")


@dataclass(frozen=True)
class ArticleReport:
    key: str
    source: str
    status: str  # rendered | partial | failed | skipped
    out_dir: str | None = None
    outputs: int = 0
    error: str | None = None
    seconds: float = 0.0
    superseded: str | None = None  # why an earlier render was replaced ("content changed", ...)
    failures: tuple[str, ...] = ()
    timings: dict[str, float] = field(default_factory=dict)
    workers: tuple[str, ...] = ()


@dataclass(frozen=True)
class BatchReport:
    run_id: str
    out: str
    executor: str
    ledger: str
    articles: tuple[ArticleReport, ...]
    seconds: float
    started: str

    def count(self, status: str) -> int:
        return sum(1 for a in self.articles if a.status == status)

    @property
    def exit_code(self) -> int:
        """0 every article rendered or unchanged; 1 some failed (or lost an output)."""
        return 1 if any(a.status in ("failed", "partial") for a in self.articles) else 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": REPORT_SCHEMA,
            "version": REPORT_VERSION,
            "tool": {"name": "repackage", "version": __version__},
            "run": self.run_id,
            "started": self.started,
            "seconds": round(self.seconds, 3),
            "out": self.out,
            "ledger": self.ledger,
            "executor": self.executor,
            "exit_code": self.exit_code,
            "counts": {s: self.count(s) for s in ("rendered", "skipped", "partial", "failed")},
            "articles": [
                {k: v for k, v in asdict(a).items() if v not in (None, (), {})} | {"seconds": round(a.seconds, 3)}
                for a in self.articles
            ],
        }


Event = Callable[[str, Any], None]  # ("start", (to_render, total)) then ("article", ArticleReport) per article


def templates_fingerprint(config: Config) -> str:
    """SHA-256 over every file of the templates folder and the brand's folder."""
    from repackage.resources import assets_dir, templates_dir

    h = hashlib.sha256()
    roots = [Path(config.templates_dir) if config.templates_dir else templates_dir(),
             Path(config.brand).parent if config.brand else assets_dir() / "brand"]
    for root in roots:
        h.update(str(root).encode())
        if not root.is_dir():
            continue
        for path in sorted(p for p in root.rglob("*") if p.is_file() and not p.name.startswith(".")):
            h.update(str(path.relative_to(root)).encode() + b"\0" + sha256_file(path).encode())
    return h.hexdigest()


def render_key(config: Config, templates_sha: str) -> str:
    """What, besides the article, decides its outputs: tool version, templates, settings, media."""
    settings = {name: getattr(config, name) for name in _RENDER_FIELDS}
    settings["brand"] = str(config.brand) if config.brand else None
    settings["photos"] = [sha256_file(p) for p in config.photos]
    settings["music"] = sha256_file(config.music) if config.music else None
    blob = json.dumps({"tool": __version__, "templates": templates_sha, "settings": settings},
                      sort_keys=True, default=str)
    return hashlib.sha256(blob.encode()).hexdigest()


def clean_leftovers(out: Path) -> list[Path]:
    """Remove what a killed run left in ``out``: staging folders, half-swapped
    folders and render-task folders. Call only while holding the batch lock."""
    removed = []
    if out.is_dir():
        for p in out.iterdir():
            if p.name.startswith((".tmp-", ".old-")):
                shutil.rmtree(p, ignore_errors=True) if p.is_dir() else p.unlink(missing_ok=True)
                removed.append(p)
    jobs = out / BATCH_DIR / "jobs"
    if jobs.is_dir():
        for p in jobs.iterdir():
            shutil.rmtree(p, ignore_errors=True)
            removed.append(p)
    return removed


@dataclass
class _Pending:
    item: SourceItem
    content_sha: str
    previous: LedgerRow | None
    reason: str | None  # why it is rendered again
    started: float = 0.0
    started_at: str = ""
    story: Story | None = None
    kinds: tuple[str, ...] = ()
    outcomes: dict[str, JobOutcome] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)


def run_batch(
    sources: list[str] | tuple[str, ...],
    config: Config = Config(),
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    force: bool = False,
    ledger_path: str | os.PathLike | None = None,
    on_event: Event | None = None,
) -> BatchReport:
    """Render every article of ``sources`` into ``config.out``; see the module doc.

    ``workers``: local processes (default: one per core; 0 runs every task in
    this process, one after the other); ``scheduler``: a
    Dask scheduler address instead (outputs must be on storage every worker
    reaches at the same path). Raises ``RepackageError`` on bad input or
    usage (no sources, a missing file, broken templates, another run holding
    the folder); an article's own failure is in the report, not raised.
    """
    emit = on_event or (lambda _kind, _data: None)
    out = Path(config.out).resolve()
    # Absolute paths: workers may run in another folder (or on another machine, on shared storage).
    config = config.with_overrides(
        out=out,
        templates_dir=Path(config.templates_dir).resolve() if config.templates_dir else None,
        brand=Path(config.brand).resolve() if config.brand else None,
        photos=tuple(Path(p).resolve() for p in config.photos) or None,
        music=Path(config.music).resolve() if config.music else None,
    )
    t0 = time.perf_counter()
    started = now()
    run_id = time.strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]
    if not sources:
        raise ArticleError("no sources given")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise RepackageError(f"cannot create output folder: {exc.strerror}", path=str(out)) from None
    with BatchLock(out):
        clean_leftovers(out)
        check_request(config)
        items = collect_sources(list(sources), out / BATCH_DIR / "feeds", exclude=out)
        templates_sha = templates_fingerprint(config)
        rkey = render_key(config, templates_sha)
        ledger_file = Path(ledger_path) if ledger_path else out / LEDGER_NAME
        with Ledger(ledger_file) as ledger:
            reports: dict[str, ArticleReport] = {}
            todo: list[_Pending] = []
            for item in items:
                try:
                    sha = sha256_file(item.path)
                except OSError as exc:
                    reports[item.key] = ArticleReport(item.key, str(item.path), "failed",
                                                      error=f"{item.path}: cannot read: {exc.strerror}")
                    continue
                prev = ledger.get(item.key)
                reason = _why_render(prev, sha, rkey, force)
                if reason is None:
                    reports[item.key] = ArticleReport(item.key, str(item.path), "skipped", out_dir=prev.out_dir,
                                                      outputs=len(prev.outputs))
                else:
                    todo.append(_Pending(item, sha, prev, reason))
            if todo:
                todo = _adopt_published(todo, out, rkey, run_id, templates_sha, ledger, reports)
            executor = _executor(workers, scheduler) if todo else None
            ledger.begin_run(run_id, executor.name if executor else "none")
            emit("start", (len(todo), len(items)))
            for key, rep in reports.items():
                emit("article", rep)
            try:
                if executor is not None:
                    _Coordinator(executor, ledger, config, out, run_id, templates_sha, rkey, emit).run(todo, reports)
            finally:
                if executor is not None:
                    executor.close()
                shutil.rmtree(out / BATCH_DIR / "jobs", ignore_errors=True)
            ordered = tuple(reports[i.key] for i in items if i.key in reports)
            seconds = time.perf_counter() - t0
            ledger.end_run(run_id, articles=len(items), rendered=sum(a.status == "rendered" for a in ordered),
                           skipped=sum(a.status == "skipped" for a in ordered),
                           failed=sum(a.status in ("failed", "partial") for a in ordered), seconds=seconds)
    return BatchReport(run_id, str(out), executor.name if executor else "none", str(ledger_file), ordered,
                       seconds, started)


def _why_render(prev: LedgerRow | None, sha: str, rkey: str, force: bool) -> str | None:
    if prev is None:
        return "new"
    if prev.content_sha != sha:
        return "content changed"
    if force:
        return "forced"
    if prev.status != "done":
        return f"retry after {prev.status}"
    if prev.render_key != rkey:
        return "templates, settings or tool version changed"
    if not prev.out_dir or not (Path(prev.out_dir) / "manifest.json").is_file():
        return "output folder missing"
    return None


def _adopt_published(todo: list[_Pending], out: Path, rkey: str, run_id: str, templates_sha: str, ledger: Ledger,
                     reports: dict[str, ArticleReport]) -> list[_Pending]:
    """Record folders a killed run published but had no time to enter in the
    ledger (the moment between the rename and the ledger write): their
    manifest names the article, its hash and the render key, and says
    nothing failed. Returns the articles still to render."""
    published: dict[str, tuple[Path, dict]] = {}
    for manifest_path in out.glob("*/manifest.json"):
        try:
            manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
            key = manifest["batch"]["source_key"]
        except (OSError, ValueError, KeyError, TypeError):
            continue
        published[key] = (manifest_path.parent, manifest)
    left = []
    for p in todo:
        folder, manifest = published.get(p.item.key, (None, {}))
        if (folder is None or p.reason == "forced" or manifest.get("failures")
                or manifest.get("article", {}).get("sha256") != p.content_sha
                or manifest.get("batch", {}).get("render_key") != rkey):
            left.append(p)
            continue
        outputs = tuple(a["path"] for a in manifest.get("assets", []))
        ledger.record(LedgerRow(p.item.key, str(p.item.path), p.content_sha, rkey, templates_sha, __version__, "done",
                                str(folder), outputs, None, now(), now(), 0.0, {}, run_id, 0),
                      supersede_reason=p.reason if p.previous is not None else None)
        reports[p.item.key] = ArticleReport(p.item.key, str(p.item.path), "skipped", out_dir=str(folder),
                                            outputs=len(outputs))
    return left


def _executor(workers: int | None, scheduler: str | None):
    from repackage.batch.executors import DaskExecutor, InlineExecutor, LocalExecutor

    if scheduler:
        return DaskExecutor(scheduler)
    if workers == 0:
        return InlineExecutor()
    return LocalExecutor(workers)


class _Coordinator:
    """Feeds tasks to the executor, a few articles ahead, and publishes each article."""

    def __init__(self, executor, ledger: Ledger, config: Config, out: Path, run_id: str, templates_sha: str,
                 rkey: str, emit: Event):
        self.executor, self.ledger, self.config, self.out = executor, ledger, config, out
        self.run_id, self.templates_sha, self.rkey, self.emit = run_id, templates_sha, rkey, emit
        self.jobs_root = str(out / BATCH_DIR / "jobs")
        self.kinds = render_jobs(config)
        self.done: queue.Queue = queue.Queue()

    def _submit(self, tag: tuple, fn, *args) -> None:
        try:
            fut = self.executor.submit(fn, *args)
        except Exception as exc:  # the pool is broken (a worker process died): fail this task, go on
            self.done.put((tag, _Lost(exc)))
            return
        fut.add_done_callback(lambda f, tag=tag: self.done.put((tag, f)))

    def run(self, todo: list[_Pending], reports: dict[str, ArticleReport]) -> None:
        waiting = list(reversed(todo))
        active: dict[str, _Pending] = {}
        window = max(2, self.executor.slots + 1)  # articles in flight: keeps every worker busy

        def start_more() -> None:
            while waiting and len(active) < window:
                p = waiting.pop()
                p.started, p.started_at = time.perf_counter(), now()
                active[p.item.key] = p
                self._submit(("story", p.item.key), build_story, str(p.item.path), self.config)

        start_more()
        while active:
            (what, key, *rest), fut = self.done.get()
            p = active[key]
            try:
                value = fut.result()
            except Exception as exc:  # the task itself was lost (worker pool broken, cluster gone)
                value = None
                error = f"{p.item.path}: {what} task lost: {type(exc).__name__}: {exc}"
            else:
                error = None
            finished = False
            if what == "story":
                outcome: StoryOutcome | None = value
                if outcome is not None:
                    p.timings["story"] = round(outcome.seconds, 3)
                if outcome is None or outcome.story is None:
                    reports[key] = self._fail(p, error or outcome.error)
                    finished = True
                else:
                    p.story = outcome.story
                    p.kinds = self.kinds
                    for kind in self.kinds:
                        self._submit(("job", key, kind), run_render_job, p.story, kind, self.config, self.jobs_root)
                    finished = not self.kinds
            else:
                kind = rest[0]
                p.outcomes[kind] = value if value is not None else JobOutcome(kind, None, None, 0.0, "?", error)
                finished = len(p.outcomes) == len(p.kinds)
            if finished:
                if p.story is not None:
                    reports[key] = self._publish(p)
                del active[key]
                self.emit("article", reports[key])
                start_more()

    def _fail(self, p: _Pending, error: str | None, status: str = "failed") -> ArticleReport:
        seconds = time.perf_counter() - p.started
        # An earlier render stays in place (and in the row) until one succeeds.
        prev_dir = p.previous.out_dir if p.previous is not None else None
        self.ledger.record(self._row(p, status, prev_dir, (), error, seconds))
        return ArticleReport(p.item.key, str(p.item.path), status, error=error, seconds=seconds, timings=p.timings)

    def _row(self, p: _Pending, status: str, out_dir: str | None, outputs, error: str | None,
             seconds: float) -> LedgerRow:
        return LedgerRow(p.item.key, str(p.item.path), p.content_sha, self.rkey, self.templates_sha, __version__,
                         status, out_dir, tuple(outputs), error, p.started_at, now(), round(seconds, 3),
                         dict(p.timings), self.run_id, 0)

    def _publish(self, p: _Pending) -> ArticleReport:
        story = p.story
        assert story is not None
        t0 = time.perf_counter()
        results = []
        for kind in p.kinds:  # a job that crashed is a failed output, as in a single run
            o = p.outcomes[kind]
            p.timings[kind] = round(o.seconds, 3)
            results.append(o.result or JobResult(kind, failures=(Failure(kind, o.error or "failed"),)))
        prev = p.previous
        prev_dir = Path(prev.out_dir) if prev is not None and prev.out_dir else None
        final_dir = None
        if prev_dir is not None and prev_dir.parent == self.out and _same_slug(prev_dir.name, story.slug):
            final_dir = prev_dir  # a correction replaces its own folder
        extra: dict[str, Any] = {"batch": {"run": self.run_id, "source_key": p.item.key, "render_key": self.rkey,
                                           "ledger": LEDGER_NAME}}
        if prev_dir is not None and prev_dir.is_dir():
            extra["supersedes"] = {
                "reason": p.reason,
                "at": now(),
                "previous_sha256": prev.content_sha,
                "previous_rendered": prev.finished,
                "previous_folder": prev_dir.name,
                "renders": prev.renders + 1,
                "changes": what_changed(prev_dir, story, [a.path for r in results for a in r.assets]),
            }
        stage = None
        try:
            stage = make_stage(self.out, story.slug)
            for o in p.outcomes.values():
                if o.job_dir:
                    for child in Path(o.job_dir).iterdir():
                        os.replace(child, stage / child.name)
                    shutil.rmtree(o.job_dir, ignore_errors=True)
            result = publish(story, stage, results, self.config, source_path=p.item.path, final_dir=final_dir,
                             manifest_extra=extra)
        except RepackageError as exc:
            if stage is not None:
                shutil.rmtree(stage, ignore_errors=True)
            return self._fail(p, str(exc))
        except Exception as exc:
            if stage is not None:
                shutil.rmtree(stage, ignore_errors=True)
            return self._fail(p, f"{p.item.path}: publishing failed: {type(exc).__name__}: {exc}")
        if prev_dir is not None and prev_dir != result.out_dir and prev_dir.parent == self.out and prev_dir.is_dir():
            shutil.rmtree(prev_dir, ignore_errors=True)  # the headline changed: the old folder is superseded
        p.timings["publish"] = round(time.perf_counter() - t0, 3)
        seconds = time.perf_counter() - p.started
        status = "partial" if result.failures else "done"
        outputs = [a.path for a in result.assets]
        error = "; ".join(f"{f.stage}: {f.message}" for f in result.failures) or None
        self.ledger.record(self._row(p, status, str(result.out_dir), outputs, error, seconds),
                           supersede_reason=p.reason if prev is not None else None)
        return ArticleReport(
            p.item.key, str(p.item.path), "rendered" if status == "done" else "partial", out_dir=str(result.out_dir),
            outputs=len(outputs), error=error, seconds=seconds,
            superseded=p.reason if "supersedes" in extra else None,
            failures=tuple(f"{f.stage}: {f.message}" for f in result.failures), timings=dict(p.timings),
            workers=tuple(sorted({o.worker for o in p.outcomes.values()})),
        )


def what_changed(prev_dir: Path, story: Story, outputs: list[str]) -> dict[str, Any]:
    """What a new render changes against the folder it supersedes, for the manifest:
    headline, paragraphs (changed, added, removed), quotes and output files."""
    import difflib

    changes: dict[str, Any] = {}
    try:
        old_story = json.loads((prev_dir / "story.json").read_text(encoding="utf-8"))
        old_manifest = json.loads((prev_dir / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return changes
    old_art = old_story.get("article", {})
    if old_art.get("headline") != story.article.headline:
        changes["headline"] = {"from": old_art.get("headline"), "to": story.article.headline}
    old_paras, new_paras = list(old_art.get("paragraphs", [])), list(story.article.paragraphs)
    counts = {"changed": 0, "added": 0, "removed": 0}
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old_paras, b=new_paras, autojunk=False).get_opcodes():
        if op == "replace":
            common = min(i2 - i1, j2 - j1)
            counts["changed"] += common
            counts["removed"] += (i2 - i1) - common
            counts["added"] += (j2 - j1) - common
        elif op == "delete":
            counts["removed"] += i2 - i1
        elif op == "insert":
            counts["added"] += j2 - j1
    if any(counts.values()):
        changes["paragraphs"] = counts
    old_quotes = [q.get("text") for q in old_story.get("quotes", [])]
    new_quotes = [q.text for q in story.quotes]
    added = [q for q in new_quotes if q not in old_quotes]
    removed = [q for q in old_quotes if q not in new_quotes]
    if added or removed:
        changes["quotes"] = {"added": added, "removed": removed}
    old_files = {a.get("path") for a in old_manifest.get("assets", [])}
    new_files = set(outputs)
    if old_files != new_files:
        changes["outputs"] = {"added": sorted(new_files - old_files), "removed": sorted(old_files - new_files)}
    return changes


class _Lost:
    """A task that could not even be submitted; ``result()`` raises why."""

    def __init__(self, exc: Exception):
        self.exc = exc

    def result(self):
        raise self.exc


def _same_slug(folder: str, slug: str) -> bool:
    return folder == slug or re.fullmatch(re.escape(slug) + r"-\d+", folder) is not None
