"""Paths shared by the tests (no fixtures here, so helpers' conftests never collide)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SEED = EXAMPLES / "otan-ukraine-fr.txt"
ENGLISH = EXAMPLES / "wikinews-en-02-ozone-warming-crops.txt"
# The development articles (the seed and 14 Wikinews articles, CC BY 2.5; see
# tests/data/corpus/SOURCES.md), carried in the repository so the suite runs
# from any checkout.
SHARED_ARTICLES = ROOT / "tests" / "data" / "corpus"
