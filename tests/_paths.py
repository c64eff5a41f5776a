"""Paths shared by the tests (no fixtures here, so helpers' conftests never collide)."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SEED = EXAMPLES / "otan-ukraine-fr.txt"
ENGLISH = EXAMPLES / "riverton-tidal-barrier-en.txt"
# Third-party development articles stay in the shared folder beside the
# checkout and are read in place (CI always has it; a user's own clone may not).
SHARED = ROOT.parent / "shared"
SHARED_ARTICLES = SHARED / "articles"
EVAL_DEV = SHARED / "eval-dev"
SHARED_REASON = "../shared/articles is not beside this checkout: the development articles are read in place"

needs_shared = pytest.mark.skipif(not SHARED_ARTICLES.is_dir(), reason=SHARED_REASON)


def shared_path(name: str) -> Path:
    """``../shared/articles/NAME``; the calling test is skipped when the folder is absent."""
    if not SHARED_ARTICLES.is_dir():
        pytest.skip(SHARED_REASON)
    return SHARED_ARTICLES / name
