"""``repackage batch`` and ``repackage watch``: many articles, for scheduled runs.

Thin, like the rest of the CLI: options are parsed here, the work is
``repackage.batch.run_batch`` / ``repackage.batch.watch.watch``. Progress
(a bar on a terminal, one line per article) goes to stderr; the summary
table to stdout; ``--json REPORT`` writes the machine-readable report.
Exit codes: 0 every article made (or unchanged), 1 some failed, 2 bad
input or usage (including another run holding the output folder).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from repackage.cli.app import _config_from, _fail, render_options
from repackage.cli.options import setting_option
from repackage.errors import RepackageError

OUT = setting_option("out", "-o", "--out", type=click.Path(path_type=Path, file_okay=False),
                     extra="The ledger goes to OUT/ledger.sqlite.")
WORKERS = click.option("--workers", type=click.IntRange(0, 256),
                       help="Local worker processes (0: everything in this process, one task at a time).  [default: the number of cores]")
SCHEDULER = click.option("--scheduler", metavar="ADDRESS",
                         help="Run the render jobs on a Dask cluster (tcp://host:8786) instead of local processes; "
                              "OUT must be on storage every worker reaches at the same path. Needs the cluster extra.")
LEDGER = click.option("--ledger", type=click.Path(path_type=Path, dir_okay=False),
                      help="Ledger file.  [default: OUT/ledger.sqlite]")


class _Console:
    """Progress on stderr: a bar when stderr is a terminal, one line per article unless quiet."""

    def __init__(self, quiet: bool):
        from rich.console import Console

        self.quiet = quiet
        self.err = Console(stderr=True, highlight=False)
        self.bar = None
        self.task = None
        self.total = 0
        self.n = 0

    def __enter__(self) -> "_Console":
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()
            self.bar = None

    def message(self, text: str) -> None:
        if not self.quiet:
            self.err.print(f"repackage: {text}", markup=False, highlight=False, soft_wrap=True)

    def event(self, kind: str, data: Any) -> None:
        if kind == "start":
            to_render, total = data
            self.total, self.n = total, 0
            self.message(f"{total} article{'s' if total != 1 else ''}: {to_render} to render, "
                         f"{total - to_render} skipped (unchanged)")
            if not self.quiet and self.err.is_terminal and to_render:
                from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

                self.bar = Progress(TextColumn("repackage"), BarColumn(), MofNCompleteColumn(),
                                    TimeRemainingColumn(), console=self.err, transient=True)
                self.bar.start()
                self.task = self.bar.add_task("batch", total=total)
        elif kind == "article":
            self.n += 1
            a = data
            name = Path(a.out_dir).name if a.out_dir else a.source
            if a.status == "skipped":
                line = f"[{self.n}/{self.total}] skipped (unchanged) {name}"
            elif a.status == "failed":
                line = f"[{self.n}/{self.total}] FAILED {a.error}"
            else:
                note = f", supersedes earlier render ({a.superseded})" if a.superseded else ""
                bad = f"; failed: {'; '.join(a.failures)}" if a.failures else ""
                line = f"[{self.n}/{self.total}] {a.status} {name}: {a.outputs} files in {a.seconds:.1f} s{note}{bad}"
            if a.status == "failed" and self.quiet:
                self.err.print(f"repackage: {line}", markup=False, highlight=False, soft_wrap=True)
            else:
                self.message(line)
            if self.bar is not None:
                self.bar.update(self.task, completed=self.n)


def summary_table(report) -> Any:
    from rich.table import Table

    rate = report.count("rendered") / report.seconds * 60 if report.seconds > 0 else 0.0
    table = Table(title=None, caption=(
        f"{len(report.articles)} articles: {report.count('rendered')} rendered, {report.count('skipped')} skipped (unchanged), "
        f"{report.count('partial')} partly failed, {report.count('failed')} failed in {report.seconds:.1f} s "
        f"({rate:.1f} articles/min, {report.executor})"), caption_justify="left")
    for col, kw in (("status", {}), ("article", {"overflow": "fold"}), ("files", {"justify": "right"}),
                    ("seconds", {"justify": "right"}), ("note", {"overflow": "fold"})):
        table.add_column(col, **kw)
    for a in report.articles:
        name = Path(a.out_dir).name if a.out_dir else Path(a.source).name
        note = a.error or (f"supersedes: {a.superseded}" if a.superseded else "")
        table.add_row(a.status, name, str(a.outputs) if a.status != "failed" else "",
                      f"{a.seconds:.1f}" if a.status not in ("skipped",) else "", note)
    return table


def _print_summary(report, to_stderr: bool) -> None:
    from rich.console import Console

    Console(stderr=to_stderr, highlight=False, width=None if sys.stdout.isatty() else 120).print(summary_table(report))


def _write_report(report, dest: str) -> None:
    text = json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n"
    if dest == "-":
        click.echo(text, nl=False)
        return
    from repackage.fsutil import write_text

    try:
        write_text(dest, text)
    except OSError as exc:
        click.echo(f"repackage: error: {dest}: cannot write the report: {exc.strerror}", err=True)
        sys.exit(2)


def _no_voiceover(flags: dict[str, Any]) -> None:
    """A voice-over reads one article: it cannot time every clip of a batch."""
    if flags.get("voiceover"):
        raise click.UsageError("--voiceover reads one article: use `repackage ARTICLE --voiceover MEDIA`")


@click.command("batch")
@click.argument("sources", nargs=-1, required=True)
@OUT
@click.option("--json", "json_report", metavar="REPORT", help="Write the machine-readable report to REPORT (- for stdout).")
@click.option("--force", is_flag=True, help="Render every article again, even unchanged ones.")
@WORKERS
@SCHEDULER
@LEDGER
@render_options
def batch_cmd(sources: tuple[str, ...], config_path: Path | None, json_report: str | None, force: bool,
              workers: int | None, scheduler: str | None, ledger: Path | None, **flags: Any) -> None:
    """Render many articles: SOURCES are files, folders, globs ("in/*.txt"),
    RSS/Atom feeds (a file or an http(s) URL) and ninjs JSON files.

    A re-run skips every article whose content, templates and settings are
    unchanged (the ledger in OUT remembers); a changed article re-renders and
    replaces its earlier folder, and its manifest says what it superseded.
    One article's failure never stops the others. Exit code 0: all made or
    unchanged; 1: some failed; 2: bad input or usage (or another batch run is
    using OUT).
    """
    from repackage.batch import run_batch

    _no_voiceover(flags)
    cfg = _config_from(config_path, flags)
    with _Console(bool(cfg.quiet)) as console:
        try:
            report = run_batch(sources, cfg, workers=workers, scheduler=scheduler, force=force,
                               ledger_path=ledger, on_event=console.event)
        except RepackageError as exc:
            console.__exit__()
            _fail(exc)
            return
    if json_report:
        _write_report(report, json_report)
    _print_summary(report, to_stderr=json_report == "-")
    sys.exit(report.exit_code)


@click.command("watch")
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False))
@OUT
@click.option("--interval", type=click.FloatRange(0.1), default=5.0, show_default=True,
              help="Seconds between two looks at FOLDER.")
@click.option("--settle", type=click.FloatRange(0.0), default=2.0, show_default=True,
              help="A file is read once unchanged for this many seconds (so a file still being written is not read half-way).")
@click.option("--once", is_flag=True, help="Look twice (SETTLE apart), render what is ready, and exit.")
@WORKERS
@SCHEDULER
@LEDGER
@render_options
def watch_cmd(folder: Path, config_path: Path | None, interval: float, settle: float, once: bool,
              workers: int | None, scheduler: str | None, ledger: Path | None, **flags: Any) -> None:
    """Render new or changed articles as they arrive in FOLDER, until stopped
    (Ctrl-C or SIGTERM). Unchanged articles are skipped through the same
    ledger as `repackage batch`; hidden files (.name) are never read, so write
    an article under a hidden name and rename it into place."""
    from repackage.batch.watch import watch

    if ledger is not None:
        raise click.UsageError("--ledger is not supported by watch; it uses OUT/ledger.sqlite")
    _no_voiceover(flags)
    cfg = _config_from(config_path, flags)
    console = _Console(bool(cfg.quiet))

    def report(rep) -> None:
        if not cfg.quiet:
            _print_summary(rep, to_stderr=True)

    console.message(f"watching {folder} (every {interval:g} s, settle {settle:g} s); output in {cfg.out}")
    try:
        watch(folder, cfg, interval=settle if once else interval, settle=settle, workers=workers,
              scheduler=scheduler, on_event=console.event, on_report=report, on_message=console.message,
              rounds=2 if once else None)
    except RepackageError as exc:
        _fail(exc)
    except KeyboardInterrupt:
        console.message("stopped")
        sys.exit(130)
