#!/usr/bin/env python3
"""Screenshot of the seed's review page, taken by the browser the tests use
(Debian's Chromium driven by Playwright; ``scripts/setup --dev`` installs both).

    .venv/bin/python scripts/review_screenshot.py [--article FILE] [--out docs/review-page.png]

Runs the real pipeline (cards and a preview clip) into a temporary folder,
opens its review.html from disk, clicks the first quote so its source
sentence is highlighted, and saves the top of the page (warnings first, post
copy, captions, quotes) at 1280 px wide.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))

from _browser import browser, open_page  # noqa: E402
from repackage.config import Config  # noqa: E402
from repackage.pipeline import repackage  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--article", type=Path, default=ROOT / "examples" / "otan-ukraine-fr.txt")
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "review-page.png")
    ap.add_argument("--height", type=int, default=2200, help="pixels of the page kept, from the top")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        result = repackage(args.article, Config(out=Path(tmp), preview=True, quiet=True))
        with browser() as b, open_page(b, result.out_dir / "review.html", viewport=(1280, 900)) as (page, log):
            if result.story.quotes:
                page.click("#q-0")
            page.evaluate("window.scrollTo(0, 0)")
            page.wait_for_timeout(300)
            height = min(args.height, page.evaluate("document.body.scrollHeight"))
            page.screenshot(path=str(args.out), clip={"x": 0, "y": 0, "width": 1280, "height": height}, full_page=True)
        if log.console_errors or log.network():
            print(f"review page: console errors {log.console_errors}, network {log.network()}", file=sys.stderr)
            return 1
    print(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
