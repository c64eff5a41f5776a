#!/usr/bin/env python3
"""Contact sheet of every shipped card template, filled with the seed story.

    .venv/bin/python scripts/contact_sheet.py [--article FILE] [--photo FILE] [--out docs/contact-sheet.png]

The story comes from the real pipeline (reader + editorial). Templates that
show a photo are drawn with ``--photo`` when given, else with a picture this
script paints (a city at dusk: no downloaded image, nothing to license),
once over a bright painted sky (the logo switches to its dark variant there)
and once more without a photo, to show the brand-gradient fallback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from repackage.article import read_article  # noqa: E402
from repackage.editorial import build_story  # noqa: E402
from repackage.plan.cards import plan_cards  # noqa: E402
from repackage.render.image import compose_card  # noqa: E402
from repackage.templating import format_size, load_brand, load_template, template_names  # noqa: E402

THUMB_HEIGHT = 420
GAP = 24
LABEL = 34
MAX_BYTES = 2_000_000


def demo_photo(size: tuple[int, int] = (1800, 1200), seed: int = 7) -> Image.Image:
    """A painted stand-in for a news photo: dusk sky, sun glow, lit buildings, grain."""
    w, h = size
    rng = np.random.default_rng(seed)
    t = np.linspace(0, 1, h)[:, None, None]
    sky = np.array([38, 62, 112]) + (np.array([236, 150, 88]) - np.array([38, 62, 112])) * t ** 1.4
    sky = np.repeat(sky, w, axis=1)
    yy, xx = np.mgrid[0:h, 0:w]
    glow = np.exp(-(((xx - w * 0.68) / (w * 0.18)) ** 2 + ((yy - h * 0.62) / (h * 0.2)) ** 2))[..., None]
    im = Image.fromarray(np.clip(sky + glow * np.array([60, 50, 20]), 0, 255).astype(np.uint8))
    draw = ImageDraw.Draw(im)
    x = 0
    while x < w:
        bw, bh = int(rng.integers(w // 24, w // 9)), int(rng.integers(h // 6, h // 2))
        shade = int(rng.integers(18, 40))
        draw.rectangle((x, h - bh, x + bw, h), fill=(shade, shade + 4, shade + 14))
        for wy in range(h - bh + 14, h - 10, 22):
            for wx in range(x + 8, x + bw - 10, 18):
                if rng.random() < 0.35:
                    draw.rectangle((wx, wy, wx + 7, wy + 10), fill=(255, 214, 140))
        x += bw + int(rng.integers(0, 12))
    im = im.filter(ImageFilter.GaussianBlur(1.2))
    grain = rng.normal(0, 5, (h, w, 1))
    return Image.fromarray(np.clip(np.asarray(im) + grain, 0, 255).astype(np.uint8))


def bright_photo(size: tuple[int, int] = (1800, 1200), seed: int = 3) -> Image.Image:
    """A painted stand-in for a bright photo: pale summer sky over light sand, with grain."""
    w, h = size
    rng = np.random.default_rng(seed)
    t = np.linspace(0, 1, h)[:, None, None]
    sky = np.array([200, 222, 246]) * (1 - t) + np.array([250, 238, 212]) * t
    grain = rng.normal(0, 5, (h, w, 1))
    return Image.fromarray(np.clip(np.repeat(sky, w, axis=1) + grain, 0, 255).astype(np.uint8))


def cards_for_sheet(story, photo: Image.Image) -> list[tuple[str, list[tuple[str, Image.Image]]]]:
    """Rows of (label, card image): each template at its sizes, quotes and slides in turn."""
    brand = load_brand()
    bright = bright_photo()
    rows = []
    for name in template_names():
        template = load_template(name, brand=brand)
        if template.kind != "card":
            continue
        cells = []
        photo_modes = [("photo", photo), ("bright photo", bright), ("no photo", None)] \
            if template.uses_photo() else [("", None)]
        for mode, picture in photo_modes:
            plan = plan_cards(story, [template], brand, sizes=list(template.sizes),
                              photo="demo" if picture is not None else None)
            first_item = sorted({j.role for j in plan.cards if j.size == template.default_size})[0]
            for job in plan.cards:
                # every item at the default size, the first item at the other sizes;
                # over the bright photo, the first item at the default size only
                if job.size != template.default_size and job.role != first_item:
                    continue
                if mode == "bright photo" and (job.size != template.default_size or job.role != first_item):
                    continue
                render = compose_card(template, job.size, job.values, photo=picture if job.uses_photo else None,
                                      lang=job.lang)
                label = f"{job.role} {format_size(job.size)}" + (f" {mode}" if mode else "")
                cells.append((label, render.image))
        rows.append((f"{name} v{template.version}", cells))
    return rows


def sheet(rows: list[tuple[str, list[tuple[str, Image.Image]]]], columns: int = 8) -> Image.Image:
    font = ImageFont.truetype(str(ROOT / "assets" / "fonts" / "NotoSans-Regular.ttf"), 18)
    bold = ImageFont.truetype(str(ROOT / "assets" / "fonts" / "NotoSans-Bold.ttf"), 24)
    lines: list[tuple[str | None, list[tuple[str, Image.Image]]]] = []
    for title, cells in rows:
        for i in range(0, len(cells), columns):
            lines.append((title if i == 0 else None, cells[i:i + columns]))
    thumbs = [[(label, im.resize((round(im.width * THUMB_HEIGHT / im.height), THUMB_HEIGHT), Image.Resampling.LANCZOS))
               for label, im in cells] for _, cells in lines]
    width = max(sum(t.width + GAP for _, t in row) for row in thumbs) + GAP
    height = sum((LABEL + 10 if title else 0) + THUMB_HEIGHT + LABEL for title, _ in lines) + GAP * (len(lines) + 1)
    out = Image.new("RGB", (width, height), (236, 238, 241))
    draw = ImageDraw.Draw(out)
    y = GAP
    for (title, _), row in zip(lines, thumbs):
        if title:
            draw.text((GAP, y), title, font=bold, fill=(20, 23, 26))
            y += LABEL + 10
        x = GAP
        for label, thumb in row:
            out.paste(thumb, (x, y))
            draw.text((x, y + THUMB_HEIGHT + 6), label, font=font, fill=(74, 85, 97))
            x += thumb.width + GAP
        y += THUMB_HEIGHT + LABEL + GAP
    return out


def save_small(image: Image.Image, path: Path) -> None:
    """PNG under 2 MB: full colour if it fits, else 256 colours (dithered)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, optimize=True)
    if path.stat().st_size > MAX_BYTES:
        image.quantize(256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.FLOYDSTEINBERG).save(path, optimize=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--article", type=Path, default=ROOT / "examples" / "otan-ukraine-fr.txt")
    parser.add_argument("--photo", type=Path, help="photo for the templates that show one (default: painted)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "contact-sheet.png")
    args = parser.parse_args()
    story = build_story(read_article(args.article))
    photo = Image.open(args.photo).convert("RGB") if args.photo else demo_photo()
    save_small(sheet(cards_for_sheet(story, photo)), args.out)
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.2f} MB)")


if __name__ == "__main__":
    main()
