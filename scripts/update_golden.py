"""Regenerate the golden Story and plan JSON files under tests/golden/.

Run after a deliberate change to the editorial code, then READ the diff as an
editor would (git diff tests/golden) before committing it: the golden files
are the hand-checked reference for the seed and the English example.

    .venv/bin/python scripts/update_golden.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from golden_util import GOLDEN, golden_json, golden_plan_json  # noqa: E402

for name, article in GOLDEN.items():
    out = ROOT / "tests" / "golden" / f"{name}.story.json"
    out.write_text(golden_json(article), encoding="utf-8")
    print(f"wrote {out.relative_to(ROOT)}")
    plan = ROOT / "tests" / "golden" / f"{name}.plan.json"
    plan.write_text(golden_plan_json(article), encoding="utf-8")
    print(f"wrote {plan.relative_to(ROOT)}")
