"""Make ``docs/clip-strip.png``: frames of every shipped clip template for the seed.

Renders each clip template (``templates/clip-*``) for the bundled seed article
at full size, extracts one frame from the middle of each scene of the
encoded MP4, and lays them out, one row per template. Templates that show
photos get a generated photo-like picture (no real photo ships with the
project).

    .venv/bin/python scripts/clip_strip.py [--out docs/clip-strip.png]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
THUMB_W = 270
GAP = 12
LABEL_H = 56


def main() -> None:
    from repackage.article import read_article
    from repackage.clips import render_clips
    from repackage.editorial import build_story
    from repackage.render.fonts import resolve_chain
    from repackage.render.video import extract_frame
    from repackage.templating import list_templates, load_template
    from repackage.clipplan import plan_clip

    sys.path.insert(0, str(ROOT / "tests"))
    from _clip_story import make_photo

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "clip-strip.png")
    args = parser.parse_args()
    story = build_story(read_article(ROOT / "examples" / "otan-ukraine-fr.txt"))
    names = [t.name for t in list_templates() if t.kind == "clip"]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        photo = make_photo(Path(tmp) / "photo.jpg")
        for name in names:
            template = load_template(name)
            photos = [photo] if template.uses_photo() else []
            clip = render_clips(story, Path(tmp) / name, template=name, photos=photos)[0]
            plan = plan_clip(story, template, photos=photos)
            frames = []
            for cue in plan.cues:
                frame = Image.fromarray(extract_frame(Path(tmp) / name / clip.path, (cue.start + cue.end) / 2))
                frames.append(frame.resize((THUMB_W, round(frame.height * THUMB_W / frame.width)), Image.LANCZOS))
            label = f"{name}  ·  {clip.duration:.1f} s  ·  " + "  ".join(clip.extra["scenes"])
            if photos:
                label += "  ·  generated test photo"
            rows.append((label, frames))
    width = max(len(f) for _, f in rows) * (THUMB_W + GAP) + GAP
    height = sum(LABEL_H + f[0].height + GAP for _, f in rows) + GAP
    sheet = Image.new("RGB", (width, height), "#F4F4F2")
    draw = ImageDraw.Draw(sheet)
    font = ImageFont.truetype(resolve_chain("sans", "bold")[0].path, 22)
    y = GAP
    for label, frames in rows:
        draw.text((GAP, y + 16), label, font=font, fill="#14171A")
        y += LABEL_H
        for i, frame in enumerate(frames):
            sheet.paste(frame, (GAP + i * (THUMB_W + GAP), y))
        y += frames[0].height + GAP
    args.out.parent.mkdir(parents=True, exist_ok=True)
    sheet.save(args.out, optimize=True)
    print(f"wrote {args.out} ({sheet.width}x{sheet.height})")


if __name__ == "__main__":
    main()
