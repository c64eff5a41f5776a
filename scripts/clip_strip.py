"""Make ``docs/clip-strip.png``: frames of every shipped clip template for the seed.

Renders each clip template (``templates/clip-*``) for the bundled seed article
at full size, extracts one frame from the middle of each subtitle cue of the
encoded MP4 (and one from the middle of the first transition), and lays
them out, one row per template and size: clip-default also at 1080x1080 and
1920x1080. Templates that show photos get a generated photo-like picture (no
real photo ships with the project), and clip-photo also a painted portrait
face, to show faces framed above the text.

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
    from repackage.render.clips import render_clips
    from repackage.editorial import build_story
    from repackage.templating.fonts import resolve_chain
    from repackage.render.video import extract_frame
    from repackage.templating import list_templates, load_template
    from repackage.plan.clip import plan_clip

    sys.path.insert(0, str(ROOT / "tests"))
    from _clip_story import make_photo
    from test_cards import painted_face

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "clip-strip.png")
    args = parser.parse_args()
    story = build_story(read_article(ROOT / "examples" / "otan-ukraine-fr.txt"))
    names = [t.name for t in list_templates() if t.kind == "clip"]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        photo = make_photo(Path(tmp) / "photo.jpg")
        face = Path(tmp) / "portrait.jpg"
        painted_face(size=(1200, 2400), at=(600, 1150), r=150).save(face)
        runs = []  # (template, size, photos, what the photo is)
        for name in names:
            template = load_template(name)
            if template.uses_photo():
                runs.append((name, None, [photo], "generated test photo"))
            else:
                runs.append((name, None, [], ""))
            if name == "clip-photo":
                runs.append((name, None, [face], "painted test face: kept above the text"))
            if name == "clip-default":
                for size in template.sizes[1:]:
                    runs.append((name, size, [], ""))
        for i, (name, size, photos, what) in enumerate(runs):
            template = load_template(name)
            work = Path(tmp) / f"run{i}"
            clip = render_clips(story, work, template=name, size=size, photos=photos)[0]
            plan = plan_clip(story, template, size=size, photos=photos)
            times = [(c.start + c.end) / 2 for c in plan.cues]
            if len(plan.scenes) > 1 and plan.transition_frames:  # the middle of the first transition
                mid = (plan.scenes[1].start + plan.transition_frames / 2) / plan.fps
                times.insert(1, mid)
            frames = []
            thumb_h = round(THUMB_W * 16 / 9) if plan.size[1] > plan.size[0] else THUMB_W
            for t in times:
                frame = Image.fromarray(extract_frame(work / clip.path, t))
                frames.append(frame.resize((round(frame.width * thumb_h / frame.height), thumb_h), Image.LANCZOS))
            label = (f"{name} {plan.size[0]}x{plan.size[1]}  ·  {clip.duration:.1f} s  ·  "
                     + "  ".join(clip.extra["scenes"]) + "  (2nd frame: mid-transition)")
            if what:
                label += f"  ·  {what}"
            rows.append((label, frames))
    width = max(GAP + sum(f.width + GAP for f in frames) for _, frames in rows)
    height = sum(LABEL_H + f[0].height + GAP for _, f in rows) + GAP
    sheet = Image.new("RGB", (width, height), "#F4F4F2")
    draw = ImageDraw.Draw(sheet)
    font = ImageFont.truetype(resolve_chain("sans", "bold")[0].path, 22)
    y = GAP
    for label, frames in rows:
        draw.text((GAP, y + 16), label, font=font, fill="#14171A")
        y += LABEL_H
        x = GAP
        for frame in frames:
            sheet.paste(frame, (x, y))
            x += frame.width + GAP
        y += frames[0].height + GAP
    args.out.parent.mkdir(parents=True, exist_ok=True)
    sheet.save(args.out, optimize=True)
    print(f"wrote {args.out} ({sheet.width}x{sheet.height})")


if __name__ == "__main__":
    main()
