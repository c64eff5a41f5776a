"""The batch ledger (SQLite in the output folder) and the lock that keeps two
batch runs off one output folder.

The ledger has one row per article (by source key): the SHA-256 of its
content, the render key (tool version, templates, brand and settings that
shape the outputs), status, output folder and files, error, timings. A
re-run skips an article whose content and render key match a ``done`` row
whose folder is still there. When a changed article replaces an earlier
render, the earlier row is copied to ``history`` with when and why it was
superseded.

The ledger is written only by the coordinating process, after an article's
folder is in place, each write one transaction (WAL journal): a run killed
at any moment leaves either the old row or the new one.
"""

from __future__ import annotations

import datetime as _dt
import errno
import fcntl
import json
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from repackage.errors import RepackageError

LEDGER_NAME = "ledger.sqlite"
LOCK_NAME = ".batch.lock"
SCHEMA_VERSION = 1


class BatchLockedError(RepackageError):
    """Another batch run holds the output folder (exit 2)."""


def now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="milliseconds")


class BatchLock:
    """An exclusive ``fcntl.flock`` on ``OUT/.batch.lock`` for the whole run.

    The OS releases it when the process ends, however it ends (kill -9
    included), so a crashed run never leaves a stale lock behind.
    """

    def __init__(self, out: Path):
        self.path = Path(out) / LOCK_NAME
        self._fh = None

    def __enter__(self) -> "BatchLock":
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fh = open(self.path, "a+", encoding="utf-8")
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno not in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                fh.close()
                raise
            fh.seek(0)
            holder = fh.read().strip()
            fh.close()
            who = f" ({holder})" if holder else ""
            raise BatchLockedError(
                f"another batch run is using this output folder{who}; wait for it to finish or use another -o",
                path=str(self.path.parent),
            ) from None
        fh.seek(0)
        fh.truncate()
        fh.write(f"pid {os.getpid()}, started {now()}\n")
        fh.flush()
        self._fh = fh
        return self

    def __exit__(self, *exc: object) -> None:
        if self._fh is not None:
            fcntl.flock(self._fh.fileno(), fcntl.LOCK_UN)
            self._fh.close()
            self._fh = None


@dataclass(frozen=True)
class LedgerRow:
    key: str
    source: str
    content_sha: str
    render_key: str
    templates_sha: str
    tool_version: str
    status: str  # done | partial | failed
    out_dir: str | None
    outputs: tuple[str, ...]
    error: str | None
    started: str
    finished: str
    seconds: float
    timings: dict[str, float]
    run_id: str
    renders: int


_SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
  key TEXT PRIMARY KEY,
  source TEXT NOT NULL,
  content_sha TEXT NOT NULL,
  render_key TEXT NOT NULL,
  templates_sha TEXT NOT NULL,
  tool_version TEXT NOT NULL,
  status TEXT NOT NULL,
  out_dir TEXT,
  outputs TEXT NOT NULL DEFAULT '[]',
  error TEXT,
  started TEXT NOT NULL,
  finished TEXT NOT NULL,
  seconds REAL NOT NULL,
  timings TEXT NOT NULL DEFAULT '{}',
  run_id TEXT NOT NULL,
  renders INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE IF NOT EXISTS history (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  key TEXT NOT NULL,
  content_sha TEXT NOT NULL,
  render_key TEXT NOT NULL,
  status TEXT NOT NULL,
  out_dir TEXT,
  outputs TEXT NOT NULL,
  finished TEXT NOT NULL,
  superseded_at TEXT NOT NULL,
  superseded_by TEXT NOT NULL,
  reason TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS runs (
  run_id TEXT PRIMARY KEY,
  started TEXT NOT NULL,
  finished TEXT,
  executor TEXT NOT NULL,
  articles INTEGER,
  rendered INTEGER,
  skipped INTEGER,
  failed INTEGER,
  seconds REAL
);
"""


class Ledger:
    """The SQLite ledger. Use from one thread of the coordinating process."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=FULL")
            version = self.db.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise RepackageError(f"ledger schema {version} is newer than this tool understands ({SCHEMA_VERSION})",
                                     path=str(self.path))
            if version < SCHEMA_VERSION:
                # BEGIN IMMEDIATE takes the write lock first, so a busy
                # ledger is waited for (``timeout``). A deferred transaction
                # that reads and then writes gets "database is locked" at
                # once when another connection wrote in between: SQLite does
                # not wait on a read-to-write upgrade. An opened ledger at
                # the current schema writes nothing (readers never contend).
                self.db.executescript("BEGIN IMMEDIATE;" + _SCHEMA
                                      + f"PRAGMA user_version={SCHEMA_VERSION};COMMIT;")
        except sqlite3.DatabaseError as exc:
            raise RepackageError(f"cannot open the batch ledger: {exc}", path=str(self.path)) from None

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> "Ledger":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(self, key: str) -> LedgerRow | None:
        cur = self.db.execute("SELECT * FROM articles WHERE key = ?", (key,))
        row = cur.fetchone()
        if row is None:
            return None
        data = dict(zip([c[0] for c in cur.description], row))
        data["outputs"] = tuple(json.loads(data["outputs"]))
        data["timings"] = json.loads(data["timings"])
        return LedgerRow(**data)

    def rows(self) -> list[LedgerRow]:
        keys = [r[0] for r in self.db.execute("SELECT key FROM articles ORDER BY key")]
        return [r for r in (self.get(k) for k in keys) if r is not None]

    def history(self, key: str | None = None) -> list[dict[str, Any]]:
        sql = "SELECT * FROM history" + (" WHERE key = ?" if key else "") + " ORDER BY id"
        cur = self.db.execute(sql, (key,) if key else ())
        return [dict(zip([c[0] for c in cur.description], r)) for r in cur.fetchall()]

    def record(self, row: LedgerRow, *, supersede_reason: str | None = None) -> None:
        """Store ``row`` (one transaction), moving a superseded render to history."""
        previous = self.get(row.key)
        renders = (previous.renders + 1) if previous else 1
        with self.db:
            self.db.execute("BEGIN IMMEDIATE")
            if previous is not None and supersede_reason:
                self.db.execute(
                    "INSERT INTO history (key, content_sha, render_key, status, out_dir, outputs, finished,"
                    " superseded_at, superseded_by, reason) VALUES (?,?,?,?,?,?,?,?,?,?)",
                    (previous.key, previous.content_sha, previous.render_key, previous.status, previous.out_dir,
                     json.dumps(list(previous.outputs)), previous.finished, row.finished, row.content_sha,
                     supersede_reason),
                )
            self.db.execute(
                "INSERT OR REPLACE INTO articles (key, source, content_sha, render_key, templates_sha, tool_version,"
                " status, out_dir, outputs, error, started, finished, seconds, timings, run_id, renders)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (row.key, row.source, row.content_sha, row.render_key, row.templates_sha, row.tool_version,
                 row.status, row.out_dir, json.dumps(list(row.outputs)), row.error, row.started, row.finished,
                 row.seconds, json.dumps(row.timings), row.run_id, renders),
            )

    def begin_run(self, run_id: str, executor: str) -> None:
        with self.db:
            self.db.execute("INSERT INTO runs (run_id, started, executor) VALUES (?,?,?)", (run_id, now(), executor))

    def end_run(self, run_id: str, *, articles: int, rendered: int, skipped: int, failed: int, seconds: float) -> None:
        with self.db:
            self.db.execute(
                "UPDATE runs SET finished=?, articles=?, rendered=?, skipped=?, failed=?, seconds=? WHERE run_id=?",
                (now(), articles, rendered, skipped, failed, seconds, run_id),
            )
