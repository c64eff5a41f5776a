#!/usr/bin/env python3
"""Time to draw one 1080x1350 quote card, fonts already loaded.

    taskset -c 0 .venv/bin/python benchmarks/bench_cards.py [-n 40] [--template quote-classic]

Each timed card has a different quote (the seed's quotes with their words
rotated), so no text layout comes from a cache: what is measured is fitting,
shaping and drawing every layer, the contrast checks and compositing. Writing
the file is timed separately (PNG and JPEG with sRGB profile, XMP, EXIF).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from repackage.article import read_article  # noqa: E402
from repackage.editorial import build_story  # noqa: E402
from repackage.plan.cards import plan_cards  # noqa: E402
from repackage.render.image import CardMeta, compose_card, save_card  # noqa: E402
from repackage.templating import load_brand, load_template  # noqa: E402


def quotes(story, n: int) -> list[str]:
    """``n`` distinct quote texts of realistic lengths, from the story's own quotes."""
    words = [q.text.split() for q in story.card_quotes]
    out = []
    for i in range(n):
        w = words[i % len(words)]
        k = (i // len(words)) % len(w)
        out.append(" ".join(w[k:] + w[:k]))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=40, help="cards to time")
    parser.add_argument("--template", default="quote-classic")
    args = parser.parse_args()

    story = build_story(read_article(ROOT / "examples" / "otan-ukraine-fr.txt"))
    brand = load_brand()
    template = load_template(args.template, brand=brand)
    job = plan_cards(story, [template], brand, sizes=[(1080, 1350)]).cards[0]
    compose_card(template, job.size, job.values, lang=job.lang)  # loads fonts, warms caches

    compose, png, jpeg = [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        for i, text in enumerate(quotes(story, args.n)):
            values = {**job.values, "quote": text}
            t0 = time.perf_counter()
            card = compose_card(template, job.size, values, lang=job.lang)
            t1 = time.perf_counter()
            save_card(card.image, Path(tmp) / f"{i}.png", CardMeta(alt_text=text))
            t2 = time.perf_counter()
            save_card(card.image, Path(tmp) / f"{i}.jpg", CardMeta(alt_text=text))
            t3 = time.perf_counter()
            compose.append(t1 - t0)
            png.append(t2 - t1)
            jpeg.append(t3 - t2)

    def ms(xs: list[float]) -> str:
        q = statistics.quantiles(xs, n=10)
        return f"median {statistics.median(xs) * 1000:6.1f} ms   p10 {q[0] * 1000:6.1f}   p90 {q[-1] * 1000:6.1f}"

    print(f"{args.template} 1080x1350, {args.n} cards, distinct quotes of {min(map(len, quotes(story, 3)))}"
          f"-{max(map(len, quotes(story, 3)))} characters")
    print(f"  draw card (fit, shape, contrast, composite): {ms(compose)}")
    print(f"  write PNG  (sRGB ICC, XMP, EXIF):            {ms(png)}")
    print(f"  write JPEG (q92, 4:4:4, progressive):        {ms(jpeg)}")


if __name__ == "__main__":
    main()
