"""Paths shared by the tests (no fixtures here, so helpers' conftests never collide)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SEED = EXAMPLES / "otan-ukraine-fr.txt"
ENGLISH = EXAMPLES / "wikinews-en-02-ozone-warming-crops.txt"
SHARED_ARTICLES = ROOT.parent / "shared" / "articles"
