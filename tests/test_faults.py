"""Faults during a run: disk full, ffmpeg killed mid-encode, SIGTERM and
SIGINT. Each is reported in one line, exits 1, leaves no partial file and no
staging folder, leaves the previous good output exactly as it was, and the
next run succeeds. Rows of docs/reliability.md (tests/reliability.py).
"""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from PIL import Image

import reliability
from _paths import ROOT, SEED
from test_hostile_input import run_cli

CARDS = ["--formats", "cards,review", "--card-template", "headline", "--card-template", "quote-classic",
         "--size", "1080x1350", "--quiet"]
WITH_CLIP = ["--formats", "cards,clips,review", "--card-template", "headline", "--size", "1080x1350",
             "--preview", "--quiet"]


def snapshot(root: Path) -> dict[str, str]:
    """Every file and folder under ``root`` (hidden ones included) with its checksum."""
    out = {}
    for p in sorted(root.rglob("*")):
        rel = str(p.relative_to(root))
        out[rel] = hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "dir"
    return out


_GOOD: dict[tuple[str, ...], Path] = {}


def good_output(out: Path, args: list[str]) -> dict[str, str]:
    """A previous good run in ``out`` (made once per set of arguments, then copied)."""
    key = tuple(args)
    if key not in _GOOD:
        result, caught, _ = run_cli([str(SEED), "-o", str(out), *args])
        assert result.exit_code == 0 and caught == [], result.stderr
        _GOOD[key] = out.parent / "good"
        shutil.copytree(out, _GOOD[key])
    else:
        shutil.copytree(_GOOD[key], out)
    before = snapshot(out)
    assert any(k.endswith("manifest.json") for k in before)
    return before


def check_fault(case_id: str, result_code: int, stderr: str, out: Path, before: dict[str, str]) -> None:
    case = reliability.by_id(case_id)
    assert result_code == case.exit, stderr
    assert "Traceback" not in stderr and "Warning" not in stderr, stderr
    lines = [line for line in stderr.strip().splitlines() if line.startswith("repackage: error: ")]
    assert len(lines) == 1 and case.outcome in lines[0], stderr
    assert snapshot(out) == before  # previous output untouched, nothing half-written, no staging left


def rerun_succeeds(out: Path, args: list[str]) -> None:
    again = reliability.by_id("rerun-after-fault")
    result, caught, _ = run_cli([str(SEED), "-o", str(out), *args])
    assert result.exit_code == again.exit and caught == [], result.stderr
    names = [p.name for p in out.iterdir()]
    assert len(names) == 1 and not names[0].startswith("."), names


def _enospc(path) -> OSError:
    return OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))


def test_disk_full_while_a_card_is_written(tmp_path, monkeypatch):
    out = tmp_path / "out"
    before = good_output(out, CARDS)
    real_save = Image.Image.save
    calls = []

    def full_disk(self, fp, *args, **kwargs):
        calls.append(fp)
        if len(calls) == 2:  # the first card went through; the disk fills on the second
            Path(fp).write_bytes(b"\x89PNG\r\n\x1a\n half a card")
            raise _enospc(fp)
        return real_save(self, fp, *args, **kwargs)

    with monkeypatch.context() as m:
        m.setattr(Image.Image, "save", full_disk)
        result, caught, _ = run_cli([str(SEED), "-o", str(out), *CARDS])
    assert caught == [] and len(calls) == 2
    check_fault("disk-full", result.exit_code, result.stderr, out, before)
    assert "cannot write card" in result.stderr
    rerun_succeeds(out, CARDS)


def test_disk_full_while_the_manifest_is_written(tmp_path, monkeypatch):
    out = tmp_path / "out"
    before = good_output(out, CARDS)
    real_write = Path.write_text

    def full_disk(self, data, *args, **kwargs):
        if self.name.startswith(".tmp-manifest"):
            real_write(self, data[: len(data) // 2], *args, **kwargs)
            raise _enospc(self)
        return real_write(self, data, *args, **kwargs)

    with monkeypatch.context() as m:
        m.setattr(Path, "write_text", full_disk)
        result, caught, _ = run_cli([str(SEED), "-o", str(out), *CARDS])
    assert caught == []
    check_fault("disk-full-manifest", result.exit_code, result.stderr, out, before)
    rerun_succeeds(out, CARDS)


def _children_running(pattern: str) -> list[int]:
    """Processes whose command line holds ``pattern`` (ffmpeg encoders of this test)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                cmd = (entry / "cmdline").read_bytes().replace(b"\x00", b" ").decode(errors="replace")
            except OSError:
                continue
            if pattern in cmd and "ffmpeg" in cmd.split(" ", 1)[0]:
                found.append(int(entry.name))
    return found


@pytest.mark.slow
def test_ffmpeg_killed_mid_encode(tmp_path):
    out = tmp_path / "out"
    before = good_output(out, WITH_CLIP)
    killed: list[int] = []
    stop = threading.Event()

    def killer() -> None:
        while not stop.is_set():
            for pid in _children_running(str(out)):
                if pid not in killed:
                    # an encoder reading frames from the pipe, once it has some
                    cmd = Path(f"/proc/{pid}/cmdline").read_bytes()
                    if b"pipe:0" in cmd:
                        time.sleep(0.3)
                        os.kill(pid, signal.SIGKILL)
                        killed.append(pid)
                        return
            time.sleep(0.02)

    watcher = threading.Thread(target=killer, daemon=True)
    watcher.start()
    try:
        result, caught, _ = run_cli([str(SEED), "-o", str(out), *WITH_CLIP])
    finally:
        stop.set()
        watcher.join(5)
    assert killed, "the encoder was never seen"
    assert caught == []
    check_fault("ffmpeg-killed", result.exit_code, result.stderr, out, before)
    assert _children_running(str(out)) == []
    rerun_succeeds(out, WITH_CLIP)


def _run_and_signal(out: Path, sig: int) -> tuple[int, str]:
    """Start `repackage` in a process, send ``sig`` once its staging folder holds a card."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    # An ignored SIGINT is inherited through exec (a shell's background job, or
    # a library earlier in this test session that set SIG_IGN): the child
    # would then, rightly, not be interruptible. Start it as a terminal would.
    proc = subprocess.Popen([sys.executable, "-m", "repackage", str(SEED), "-o", str(out), *WITH_CLIP],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            if any(p.is_file() for p in out.glob(".tmp-*/cards/*.png")):
                break
            time.sleep(0.05)
        assert proc.poll() is None, "the run ended before it could be interrupted"
        proc.send_signal(sig)
        _, stderr = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    return proc.returncode, stderr


@pytest.mark.slow
@pytest.mark.parametrize("case_id, sig", [("sigterm", signal.SIGTERM), ("sigint", signal.SIGINT)])
def test_interrupted_run_changes_nothing(tmp_path, case_id, sig):
    out = tmp_path / "out"
    before = good_output(out, WITH_CLIP)
    code, stderr = _run_and_signal(out, sig)
    check_fault(case_id, code, stderr, out, before)
    time.sleep(0.2)
    assert _children_running(str(out)) == []  # no ffmpeg left behind
    rerun_succeeds(out, WITH_CLIP)
