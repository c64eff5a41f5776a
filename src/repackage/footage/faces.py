"""Faces in footage, and the 9:16 window that follows them.

Detection uses the Haar cascade that ships inside the ``opencv-python-headless``
wheel (``cv2.data.haarcascades``): offline, no weights to download. Frames
come from ``repackage.render.video.sample_frames`` (the only module that runs
ffmpeg); this module only looks at pixels.

The window (:func:`track`) is decided once, at planning: a face is looked
for in frames sampled a few times a second; when one is seen in enough of
them the window's centre follows the face (misses filled from the
neighbouring samples, outliers removed with a running median, then smoothed
with a Gaussian over about a second, forwards and backwards so the window
neither lags nor jitters); otherwise there is no window and the renderer
shows the whole frame over a blurred copy of itself.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from ..errors import RenderError

#: Frames looked at per second of the cut.
SAMPLE_FPS = 4.0
#: The window follows a face only when one is seen in at least this share of the samples.
MIN_FACE_SHARE = 0.3
#: Gaussian smoothing of the face's path, in seconds (standard deviation).
SMOOTH_SECONDS = 0.5
#: Faces smaller than this share of the frame height are ignored (background people, false hits).
MIN_FACE_HEIGHT = 0.12
#: Frames are searched at this height (the smallest face kept is then ~29 px, above the cascade's 24):
#: the search costs about the square of the height.
DETECT_HEIGHT = 240

Box = tuple[int, int, int, int]  # x, y, w, h


@functools.lru_cache(maxsize=1)
def _cascade():
    try:
        import cv2
    except ImportError as exc:  # pragma: no cover - a core dependency
        raise RenderError(f"face detection needs OpenCV ({exc.name}): pip install opencv-python-headless") from None
    path = f"{cv2.data.haarcascades}haarcascade_frontalface_default.xml"
    cascade = cv2.CascadeClassifier(path)
    if cascade.empty():
        raise RenderError(f"OpenCV's face model is missing ({path}): reinstall opencv-python-headless")
    return cascade


def detect(frame: np.ndarray) -> tuple[Box, ...]:
    """Frontal faces in an RGB frame, as (x, y, w, h) in its pixels, largest first."""
    import cv2

    gray = cv2.cvtColor(frame, cv2.COLOR_RGB2GRAY)
    k = min(1.0, DETECT_HEIGHT / gray.shape[0])
    if k < 1.0:
        gray = cv2.resize(gray, (max(1, round(gray.shape[1] * k)), DETECT_HEIGHT), interpolation=cv2.INTER_AREA)
    gray = cv2.equalizeHist(gray)
    side = max(20, round(gray.shape[0] * MIN_FACE_HEIGHT))
    found = _cascade().detectMultiScale(gray, scaleFactor=1.1, minNeighbors=5, minSize=(side, side))
    boxes = [tuple(int(round(v / k)) for v in b) for b in (found if len(found) else [])]
    return tuple(sorted(boxes, key=lambda b: -b[2] * b[3]))


@dataclass(frozen=True)
class FaceTrack:
    """Where the face is at each sampled time: ``centres[k]`` is the face
    centre's x (source pixels) at ``times[k]`` (seconds into the cut), None
    when no face was seen there; ``boxes`` the face chosen at each sample."""

    times: tuple[float, ...]
    centres: tuple[float | None, ...]
    boxes: tuple[Box | None, ...]

    @property
    def share(self) -> float:
        return sum(c is not None for c in self.centres) / max(1, len(self.centres))


def follow(frames: Sequence[tuple[float, np.ndarray]]) -> FaceTrack:
    """The face to follow in ``(time, RGB frame)`` samples: the largest at first, then
    the one nearest where the face was (so a second person does not steal the window)."""
    times, centres, boxes = [], [], []
    last: float | None = None
    for t, frame in frames:
        faces = detect(frame)
        pick = None
        if faces:
            pick = faces[0] if last is None else min(faces, key=lambda b: abs(b[0] + b[2] / 2 - last))
            last = pick[0] + pick[2] / 2
        times.append(t)
        boxes.append(pick)
        centres.append(None if pick is None else pick[0] + pick[2] / 2)
    return FaceTrack(tuple(times), tuple(centres), tuple(boxes))


def smooth_path(track: FaceTrack, fps: float = SAMPLE_FPS, sigma: float = SMOOTH_SECONDS) -> np.ndarray:
    """The face centre at every sample: misses filled in, outliers dropped, smoothed."""
    xs = np.array([np.nan if c is None else c for c in track.centres], dtype=float)
    seen = ~np.isnan(xs)
    idx = np.arange(len(xs))
    xs = np.interp(idx, idx[seen], xs[seen])  # holds the first/last seen value at the ends
    if len(xs) >= 3:  # running median of 3: one wild detection does not swing the window
        padded = np.concatenate([xs[:1], xs, xs[-1:]])
        xs = np.median(np.stack([padded[:-2], padded[1:-1], padded[2:]]), axis=0)
    radius = max(1, int(round(3 * sigma * fps)))
    kernel = np.exp(-0.5 * (np.arange(-radius, radius + 1) / (sigma * fps)) ** 2)
    kernel /= kernel.sum()
    padded = np.pad(xs, radius, mode="edge")
    return np.convolve(padded, kernel, mode="valid")


def crop_lefts(track: FaceTrack, frame_width: int, crop_width: int) -> tuple[int, ...] | None:
    """The crop window's left edge at each sample time, or None when no face
    is seen often enough to follow (the renderer then uses the blurred fill)."""
    if not track.times or track.share < MIN_FACE_SHARE or crop_width >= frame_width:
        return None
    path = smooth_path(track)
    return tuple(int(min(max(0, round(x - crop_width / 2)), frame_width - crop_width)) for x in path)
