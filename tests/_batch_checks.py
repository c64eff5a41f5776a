"""Checks shared by the batch tests: an output folder holds only whole articles."""

from __future__ import annotations

import json
from pathlib import Path

from repackage.fsutil import sha256_file

ALWAYS = {"manifest.json", "story.json", "copy.txt"}


def jobs_running(out: Path) -> bool:
    jobs = out / ".batch" / "jobs"
    return jobs.is_dir() and any(jobs.iterdir())


def check_complete(out: Path, *, finished: bool) -> int:
    """Every visible article folder is whole: its manifest lists exactly its files, checksums match."""
    n = 0
    for folder in (p for p in out.iterdir() if p.is_dir() and not p.name.startswith(".")):
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        listed = {a["path"] for a in manifest["assets"]}
        for a in manifest["assets"]:
            assert sha256_file(folder / a["path"]) == a["sha256"], (folder, a["path"])
        present = {str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()}
        assert present == listed | ALWAYS | ({"review.html"} if "review" in manifest else set()), folder
        n += 1
    if finished:
        leftovers = [p for p in out.rglob("*") if p.name.startswith((".tmp-", ".old-"))]
        assert not leftovers, leftovers
        assert not jobs_running(out)
    return n


