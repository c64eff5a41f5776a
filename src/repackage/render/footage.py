"""Draw one footage clip job (``repackage.footage.plan.FootageClipJob``).

No decision is taken here: the cut, the window, the captions and their times
all come from the job. Per frame: the source frame is reframed to 9:16 —
the planned window (following the face) scaled to the clip size, or, with no
window, the whole frame scaled to fit over a blurred copy of itself scaled to
fill — then the burned-in caption of the moment, the lower third (speaker's
name and role, at the start) and the credits are blended over it; the
frames go to x264 with the source's own sound (``render.video``, the only
module that runs ffmpeg). Text is set with the cards' engine
(``render.text``) in the brand's fonts and colours.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

import cv2
import numpy as np
from PIL import Image

from .. import subtitles
from ..fsutil import write_text
from ..models import Asset
from ..templating.style import TextStyle
from ..templating.typeset import fit_text
from . import video
from .text import render_layout

MessageFn = Callable[[str], None]

#: Boxes as fractions of the 9:16 canvas (left, top, width, height), all inside
#: the area TikTok's and Reels' interfaces leave free (see plan.clip.safe_zone).
CREDITS_BOX = (0.07, 0.145, 0.76, 0.028)
NAME_BOX = (0.07, 0.405, 0.76, 0.05)
ROLE_BOX = (0.07, 0.458, 0.76, 0.034)
CAPTION_BOX = (0.07, 0.505, 0.76, 0.14)
#: The fill behind a fitted frame: blurred at this fraction of the clip size, darkened.
FILL_SCALE = 1 / 8
FILL_DARKEN = 0.55
FADE = 0.3  # s, the lower third's fade in and out
PREVIEW_SCALE = 0.5


@dataclass(frozen=True, eq=False)
class Overlay:
    """Pre-rendered text, premultiplied, cropped to its ink, shown from ``start`` to ``end`` s."""

    x: int
    y: int
    prem: np.ndarray  # (h, w, 3) float32, colour * alpha
    alpha: np.ndarray  # (h, w, 1) float32
    start: float
    end: float
    fade: float = 0.0

    @classmethod
    def of(cls, image: Image.Image, x: int, y: int, start: float, end: float, fade: float = 0.0) -> "Overlay | None":
        bbox = image.getchannel("A").getbbox()
        if bbox is None:
            return None
        arr = np.asarray(image.crop(bbox), dtype=np.float32) / 255.0
        alpha = arr[..., 3:4]
        return cls(x + bbox[0], y + bbox[1], arr[..., :3] * alpha * 255.0, alpha, start, end, fade)

    def strength(self, t: float) -> float:
        if t < self.start or t >= self.end:
            return 0.0
        if self.fade <= 0:
            return 1.0
        return max(0.0, min(1.0, (t - self.start) / self.fade, (self.end - t) / self.fade))

    def draw(self, frame: np.ndarray, t: float) -> None:
        o = self.strength(t)
        if o <= 0:
            return
        h, w = self.alpha.shape[:2]
        H, W = frame.shape[:2]
        x0, y0, x1, y1 = max(0, self.x), max(0, self.y), min(W, self.x + w), min(H, self.y + h)
        if x0 >= x1 or y0 >= y1:
            return
        sx, sy = x0 - self.x, y0 - self.y
        a = self.alpha[sy:sy + y1 - y0, sx:sx + x1 - x0] * o
        p = self.prem[sy:sy + y1 - y0, sx:sx + x1 - x0] * o
        region = frame[y0:y1, x0:x1].astype(np.float32)
        frame[y0:y1, x0:x1] = np.clip(region * (1 - a) + p + 0.5, 0, 255).astype(np.uint8)


def _box(frac: tuple[float, float, float, float], size: tuple[int, int]) -> tuple[int, int, int, int]:
    w, h = size
    return round(frac[0] * w), round(frac[1] * h), round(frac[2] * w), round(frac[3] * h)


def _text(text: str, frac, size, style: TextStyle, lang: str, start: float, end: float,
          fade: float = 0.0) -> Overlay | None:
    if not text:
        return None
    x, y, w, h = _box(frac, size)
    layout = fit_text(text, w, h, style, lang=lang)
    return Overlay.of(render_layout(layout), x, y, start, end, fade)


def overlays(job, size: tuple[int, int]) -> list[Overlay]:
    """Every text the clip shows, drawn once, with its time on screen."""
    from ..templating import load_brand

    brand = load_brand(job.brand)
    colors, fonts = brand.colors, brand.fonts
    scale = size[1] / 1920
    body, headline = fonts.get("body", "sans"), fonts.get("headline", fonts.get("body", "sans"))
    text_color = colors.get("text", "#FFFFFF")
    dark = colors.get("background", "#000000")

    def px(n: int) -> int:
        return max(8, round(n * scale))

    caption_style = TextStyle(font=body, weight="bold", color=text_color, min_size=px(40), max_size=px(64),
                              max_lines=3, align="center", valign="bottom", line_height=1.2,
                              highlight=f"{dark}E0", highlight_padding=0.3)
    name_style = TextStyle(font=headline, weight="bold", color=colors.get("ink", "#14171A"), min_size=px(36),
                           max_size=px(56), max_lines=1, highlight=colors.get("accent", "#F2B134"),
                           highlight_padding=0.25)
    role_style = TextStyle(font=body, weight="regular", color=text_color, min_size=px(26), max_size=px(36),
                           max_lines=1, highlight=f"{dark}E0", highlight_padding=0.3)
    credit_style = TextStyle(font=body, weight="regular", color=colors.get("muted", "#DDDDDD"), min_size=px(22),
                             max_size=px(28), max_lines=1, highlight=f"{dark}B0", highlight_padding=0.3)
    duration = job.duration
    from ..footage.plan import LOWER_THIRD_IN, LOWER_THIRD_OUT

    third_out = min(duration, LOWER_THIRD_OUT)
    items = [
        _text(job.credits, CREDITS_BOX, size, credit_style, job.lang, 0.0, duration + 1),
        _text(job.speaker, NAME_BOX, size, name_style, job.lang, LOWER_THIRD_IN, third_out, FADE),
        _text(job.speaker_role, ROLE_BOX, size, role_style, job.lang, LOWER_THIRD_IN, third_out, FADE),
    ]
    items += [_text(c.text, CAPTION_BOX, size, caption_style, job.lang, c.start, c.end) for c in job.cues]
    return [o for o in items if o is not None]


def reframe(frame: np.ndarray, size: tuple[int, int], left: int | None, crop_width: int) -> np.ndarray:
    """The source ``frame`` as a ``size`` picture: the window at ``left`` (source
    pixels, ``crop_width`` wide, full height) scaled up, or with ``left`` None the
    whole frame fitted over a blurred, darkened copy of itself scaled to fill."""
    w, h = size
    src_h, src_w = frame.shape[:2]
    if left is not None:
        window = frame[:, left:left + crop_width]
        return cv2.resize(window, (w, h), interpolation=cv2.INTER_LINEAR)
    # fill: scaled to cover, cut to the canvas, blurred small and scaled back
    sw, sh = max(2, round(w * FILL_SCALE)), max(2, round(h * FILL_SCALE))
    cover = max(sw / src_w, sh / src_h)
    cw, ch = max(sw, round(src_w * cover)), max(sh, round(src_h * cover))
    small = cv2.resize(frame, (cw, ch), interpolation=cv2.INTER_AREA)
    x0, y0 = (cw - sw) // 2, (ch - sh) // 2
    small = cv2.GaussianBlur(small[y0:y0 + sh, x0:x0 + sw], (0, 0), sigmaX=max(1.0, sw / 40))
    out = cv2.resize(small, (w, h), interpolation=cv2.INTER_LINEAR)
    cv2.convertScaleAbs(out, dst=out, alpha=FILL_DARKEN)
    fit = min(w / src_w, h / src_h)
    fw, fh = min(w, round(src_w * fit)), min(h, round(src_h * fit))
    fx, fy = (w - fw) // 2, (h - fh) // 2
    out[fy:fy + fh, fx:fx + fw] = cv2.resize(frame, (fw, fh), interpolation=cv2.INTER_AREA)
    return out


def frames(job, size: tuple[int, int]) -> Iterator[np.ndarray]:
    """Every frame of the clip, composed (RGB, ``size``)."""
    texts = overlays(job, size)
    source = video.read_frames(job.source, job.start, job.duration, job.fps, job.frames)
    for k, frame in enumerate(source):
        t = k / job.fps
        left = job.crop_left_at(t) if job.mode == "face" else None
        out = reframe(frame, size, left, job.crop_width)
        for o in texts:
            o.draw(out, t)
        yield out


def render_footage_clip(job, out_dir: str | Path, *, preview: bool = False,
                        progress: MessageFn | None = None) -> list[Asset]:
    """Render ``job`` into ``out_dir/clips/<name>.mp4`` with its .srt and .vtt; return their assets."""
    say = progress or (lambda _msg: None)
    scale = PREVIEW_SCALE if preview else 1.0
    size = (2 * round(job.size[0] * scale / 2), 2 * round(job.size[1] * scale / 2))
    out = Path(out_dir) / "clips"
    mp4 = out / f"{job.name}.mp4"
    say(f"footage clip {job.name}: {job.frames} frames, {job.duration:.1f} s from {job.start:.2f} s")
    settings = video.EncodeSettings.draft() if preview else video.EncodeSettings()

    def report(done: int, total: int) -> None:
        if done == total or done % max(1, total // 4) == 0:
            say(f"footage clip {job.name}: {done}/{total} frames")

    with cv2_threads(1):
        video.encode_footage_clip(frames(job, size), size, job.fps, job.frames, mp4,
                                  audio=(job.source, job.start, job.duration), settings=settings, progress=report)
    cues = [subtitles.Cue(c.start, c.end, c.text) for c in job.cues]
    write_text(out / f"{job.name}.srt", subtitles.to_srt(cues))
    write_text(out / f"{job.name}.vtt", subtitles.to_vtt(cues, lang=job.lang))
    info = video.probe(mp4)
    v = info["video"]
    role = f"footage:quote:{job.quote_index}"
    extra = {"source": Path(job.source).name, "start": job.start, "end": job.end, "mode": job.mode,
             "fps": v["fps"], "profile": v["profile"], "pix_fmt": v["pix_fmt"], "audio": info["audio"],
             "cues": len(cues), "speaker": job.speaker}
    rel = f"clips/{job.name}"
    alt = f"{job.speaker}: « {job.quote} »" if job.lang.startswith("fr") else f"{job.speaker}: “{job.quote}”"
    return [
        Asset(kind="clip", path=f"{rel}.mp4", mime="video/mp4", width=v["width"], height=v["height"],
              alt_text=alt, duration=info["duration"], codec=v["codec"], role=role, extra=extra),
        Asset(kind="subtitles", path=f"{rel}.srt", mime="application/x-subrip", role=role, extra={"cues": len(cues)}),
        Asset(kind="subtitles", path=f"{rel}.vtt", mime="text/vtt", role=role, extra={"cues": len(cues)}),
    ]


class cv2_threads:
    """OpenCV on ``n`` threads while x264 keeps the cores busy."""

    def __init__(self, n: int):
        self.n = n

    def __enter__(self):
        self.before = cv2.getNumThreads()
        cv2.setNumThreads(self.n)

    def __exit__(self, *exc):
        cv2.setNumThreads(self.before)
        return False
