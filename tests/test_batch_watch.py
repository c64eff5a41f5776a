"""repackage watch: new and changed articles are rendered as they arrive; a file
still being written is not read half-way."""

from __future__ import annotations

import json
import os
import threading
import time
from pathlib import Path

from click.testing import CliRunner

from repackage.batch import Ledger
from repackage.batch.watch import Debouncer, watch
from repackage.cli import main
from repackage.config import Config

from _paths import ENGLISH, SEED


def test_debouncer_waits_for_a_file_to_settle(tmp_path):
    now = [0.0]
    d = Debouncer(settle=2.0, clock=lambda: now[0])
    f = tmp_path / "a.txt"
    f.write_text("Headline\n\nFirst")
    assert d.ready([f]) == []  # just seen
    now[0] = 1.0
    f.write_text("Headline\n\nFirst paragraph, longer now")
    assert d.ready([f]) == []  # changed: the clock starts again
    now[0] = 2.5
    assert d.ready([f]) == []  # 1.5 s unchanged: not yet
    now[0] = 3.1
    assert d.ready([f]) == [f]
    d.taken([f])
    now[0] = 10.0
    assert d.ready([f]) == []  # handed on already, unchanged since
    empty = tmp_path / "b.txt"
    empty.write_text("")
    d.ready([empty])
    now[0] = 20.0
    assert d.ready([empty]) == []  # an empty file is never ready


def _wait_for(pred, timeout=120.0):
    deadline = time.monotonic() + timeout
    while not pred():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


def test_watch_renders_arrivals_and_changes_not_half_written_files(tmp_path):
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    inbox.mkdir()
    cfg = Config(out=out, formats=("review",), quiet=True)
    stop = threading.Event()
    messages: list[str] = []
    thread = threading.Thread(target=watch, args=(inbox, cfg), kwargs=dict(
        interval=0.2, settle=1.0, workers=0, stop=stop, on_message=messages.append))
    thread.start()
    ledger_file = out / "ledger.sqlite"

    def row(path: Path):
        if not ledger_file.exists():
            return None
        with Ledger(ledger_file) as ledger:
            return ledger.get(str(path.resolve()))

    try:
        # A slow writer: the article arrives in pieces, 0.4 s apart (less than the settle time).
        slow = inbox / "seed.txt"
        text = SEED.read_text(encoding="utf-8")
        pieces = [text[i:i + len(text) // 4 + 1] for i in range(0, len(text), len(text) // 4 + 1)]
        with open(slow, "w", encoding="utf-8") as fh:
            for piece in pieces:
                fh.write(piece)
                fh.flush()
                time.sleep(0.4)
        _wait_for(lambda: row(slow) is not None)
        first = row(slow)
        assert first.status == "done" and first.renders == 1
        story = json.loads((Path(first.out_dir) / "story.json").read_text(encoding="utf-8"))
        assert story["article"]["paragraphs"][-1].startswith("« Les propos d’Emmanuel Macron")  # read whole
        assert story["article"]["cta"] == "Retrouvez l’actualité sur notre compte TikTok"
        # An article handed over the safe way: hidden name, then renamed into place.
        hidden = inbox / ".incoming.txt"
        hidden.write_text(ENGLISH.read_text(encoding="utf-8"), encoding="utf-8")
        time.sleep(1.5)
        assert row(inbox / ".incoming.txt") is None  # hidden files are never read
        os.replace(hidden, inbox / "english.txt")
        _wait_for(lambda: row(inbox / "english.txt") is not None)
        # A correction to the first article re-renders it.
        slow.write_text(text.rstrip() + "\n\nLe texte a été corrigé lundi.\n", encoding="utf-8")
        _wait_for(lambda: row(slow).renders == 2)
    finally:
        stop.set()
        thread.join(timeout=60)
    assert not thread.is_alive()
    with Ledger(ledger_file) as ledger:
        history = ledger.history(str(slow.resolve()))
    # Exactly one earlier render superseded: the whole first version, never a half-written one.
    assert len(history) == 1 and history[0]["content_sha"] == first.content_sha
    assert row(slow).status == "done"


def test_watch_once_from_the_cli(tmp_path):
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    inbox.mkdir()
    (inbox / "a.txt").write_text(ENGLISH.read_text(encoding="utf-8"), encoding="utf-8")
    res = CliRunner().invoke(main, ["watch", str(inbox), "-o", str(out), "--once", "--settle", "0.2",
                                    "--workers", "0", "--formats", "review"], catch_exceptions=False)
    assert res.exit_code == 0, res.output
    assert "watching" in res.stderr and "rendered" in res.stderr
    assert len([p for p in out.iterdir() if p.is_dir() and not p.name.startswith(".")]) == 1
