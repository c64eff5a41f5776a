"""Run ``../shared/eval-dev/score.py`` in this process, on the checkout's code.

The scorer runs ``repackage story --json`` and ``repackage plan`` as
subprocesses; here its ``run`` is replaced by the same two calls made in
process (one model load for all articles), and its thread pool by a serial
one. Everything else, the figures included, is the scorer's own code.

    .venv/bin/python tests/_evaldev.py [-v] [--lang fr|en]
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json
import sys
from pathlib import Path

EVAL_DEV = Path(__file__).resolve().parents[2] / "shared" / "eval-dev"  # read in place, never copied


class _Serial:
    def __init__(self, *_a, **_k):
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def map(self, fn, items):
        return [fn(x) for x in items]


def _run_in_process(_cmd, path):
    from repackage.config import Config
    from repackage.models import to_dict
    from repackage.pipeline import load_story, plan_outputs

    cfg = Config().with_overrides(formats=("cards",))
    story = load_story(path, cfg)
    return json.loads(json.dumps(to_dict(story), ensure_ascii=False)), plan_outputs(path, cfg)


def load_scorer():
    spec = importlib.util.spec_from_file_location("eval_dev_score", EVAL_DEV / "score.py")
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    score.run = _run_in_process
    score.ThreadPoolExecutor = _Serial
    return score


def figures(*args: str) -> tuple[dict, str]:
    """The scorer's figures (its last JSON line) and everything it printed."""
    score = load_scorer()
    out = io.StringIO()
    argv = sys.argv
    try:
        sys.argv = ["score.py", *args]
        with contextlib.redirect_stdout(out):
            score.main()
    finally:
        sys.argv = argv
    text = out.getvalue()
    return json.loads(text.strip().splitlines()[-1]), text


if __name__ == "__main__":
    _, printed = figures(*sys.argv[1:])
    print(printed, end="")
