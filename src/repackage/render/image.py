"""Image cards with Pillow: backgrounds, photos, layers, legibility, files.

``compose_card(template, size, values, photo=..., lang=...)`` draws one card:
the background (colour, linear gradient, or a photo cropped to keep faces in
frame, blurred and darkened by a scrim as the template says), then each layer
in order. Before a text layer is drawn, the contrast of its colour against the
pixels actually behind its text is measured (WCAG 2 relative luminance, taking
the worst 5 % of those pixels); when it is below 4.5:1 (3:1 for large text) a
soft local scrim is darkened (or lightened) behind the text until it reaches
4.5:1.

A text that does not fit its box even at the template's smallest size makes
the card fail with ``CardNotRendered``: a quote is never cut. ``render_layer``
and ``render_background`` are shared with the clip renderer.

``save_card`` writes PNG or JPEG in sRGB with an embedded sRGB ICC profile,
XMP (alt text, description, credit, copyright) and EXIF (ASCII tags in ASCII,
the full text in UserComment and the Windows XP tags), atomically.
"""

from __future__ import annotations

import functools
import io
import math
import re
import unicodedata
import warnings
import weakref
from collections import OrderedDict
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Mapping
from xml.sax.saxutils import escape

import numpy as np
from PIL import ExifTags, Image, ImageCms, ImageDraw, ImageFilter, ImageOps, PngImagePlugin, TiffTags

from ..errors import FaultError, MediaError, RenderError
from ..fsutil import atomic_path
from ..templating.model import (
    REFERENCE_WIDTH, Background, ImageLayer, Layer, LogoLayer, RectLayer, Size, Template, TextLayer,
)
from ..templating.style import TextStyle, parse_color
from ..templating.typeset import TextLayout, fit_text, layer_text
from .text import render_layout

#: A phone shows a card about this many CSS pixels wide; WCAG's large text
#: (18 pt = 24 CSS px, or 14 pt bold = 18.67 CSS px) is scaled from there.
PHONE_CSS_WIDTH = 390
NORMAL_CONTRAST = 4.5
LARGE_CONTRAST = 3.0
#: When a shade has to be added anyway, it is made strong enough for 4.5:1 even
#: for large text: a photo varies under the box, the bare minimum reads poorly.
SHADE_TARGET = NORMAL_CONTRAST


class CardNotRendered(RenderError):
    """A card cannot be made as the template asks (a text too long, a required value missing)."""


@dataclass(frozen=True)
class PlacedLayer:
    """A layer drawn into its own RGBA image, to be composited at (x, y)."""

    layer: Layer
    image: Image.Image
    x: int
    y: int
    layout: TextLayout | None = None  # text layers only


@dataclass(frozen=True)
class Legibility:
    """Contrast reached by one text (or logo) layer against the pixels behind it."""

    ratio: float
    required: float
    scrim: float  # opacity of the local scrim added (0 = none needed)
    scrim_color: str | None = None
    variant: str | None = None  # logo layers: the logo variant drawn ("light" | "dark")


@dataclass(frozen=True)
class PhotoCrop:
    """Which part of the photo a card shows, in the photo's pixels."""

    box: tuple[int, int, int, int]
    faces: tuple[tuple[int, int, int, int], ...]
    method: str  # "faces" | "focal"


@dataclass(frozen=True)
class CardRender:
    image: Image.Image  # RGB
    layers: tuple[PlacedLayer, ...]
    layouts: Mapping[str, TextLayout]  # by layer key ("quote", "layers[3]")
    legibility: Mapping[str, Legibility] = field(default_factory=dict)
    photo_crop: PhotoCrop | None = None


def layer_key(layer: Layer) -> str:
    return layer.id or f"layers[{layer.index}]"


def scale_of(size: Size) -> float:
    """Template pixel values are for a 1080 px wide canvas."""
    return size[0] / REFERENCE_WIDTH


# ---------------------------------------------------------------- colour


_LINEAR = ((np.arange(256) / 255.0) / 12.92)
_LINEAR = np.where(np.arange(256) / 255.0 <= 0.04045, _LINEAR, ((np.arange(256) / 255.0 + 0.055) / 1.055) ** 2.4)


def luminance(rgb: np.ndarray) -> np.ndarray:
    """WCAG relative luminance of uint8 sRGB pixels (..., 3)."""
    lin = _LINEAR[rgb]
    return lin[..., 0] * 0.2126 + lin[..., 1] * 0.7152 + lin[..., 2] * 0.0722


def contrast_ratio(a: float, b: float) -> float:
    hi, lo = max(a, b), min(a, b)
    return (hi + 0.05) / (lo + 0.05)


def _rgba(color: str) -> tuple[int, int, int, int]:
    return parse_color(color)


# ---------------------------------------------------------------- backgrounds


def render_background(bg: Background, size: Size, photo: Image.Image | str | Path | None = None, *,
                      face_y: float | None = None, face_bottom: float | None = None) -> Image.Image:
    """The background as an RGB image of ``size``.

    Colour, then gradient over it, then the image (``bg.image`` or, when the
    template asks for the user's photo, ``photo``; without a photo the colour
    and gradient stand in), blur, then the scrim. ``face_y``/``face_bottom``:
    where detected faces go, as fractions of the height (see :func:`cover_box`).
    """
    return _render_background(bg, size, photo, face_y=face_y, face_bottom=face_bottom)[0]


def _render_background(bg: Background, size: Size, photo: Image.Image | str | Path | None, *,
                       face_y: float | None = None, face_bottom: float | None = None) -> tuple[Image.Image, PhotoCrop | None]:
    canvas = _flat(bg, size).copy()
    crop = None
    source = photo if bg.photo else bg.image
    if source is not None:
        picture = load_photo(source) if not isinstance(source, Image.Image) else source
        if bg.fit == "contain":
            fitted = ImageOps.contain(picture, size, Image.Resampling.LANCZOS)
            canvas.paste(fitted, ((size[0] - fitted.width) // 2, (size[1] - fitted.height) // 2))
        else:
            fitted, crop = cover(picture, size, bg.focal, faces=bg.photo, face_y=face_y, face_bottom=face_bottom)
            canvas = fitted
    if bg.blur > 0:
        canvas = canvas.filter(ImageFilter.GaussianBlur(bg.blur * scale_of(size)))
    if bg.scrim is not None and bg.scrim.opacity > 0:
        canvas = _apply_scrim(canvas, bg.scrim.color, bg.scrim.opacity, bg.scrim.gradient)
    return canvas, crop


@functools.lru_cache(maxsize=16)
def _flat(bg: Background, size: Size) -> Image.Image:
    """Colour + gradient, cached: cards of one template share it."""
    base = Image.new("RGB", size, _rgba(bg.color)[:3])
    if bg.gradient is None:
        return base
    g = bg.gradient
    return _linear_gradient(size, _rgba(g.start), _rgba(g.end), g.angle, base)


def _linear_gradient(size: Size, start: tuple, end: tuple, angle: float, base: Image.Image) -> Image.Image:
    """A CSS-style linear gradient (angle in degrees, 180 = top to bottom).

    Not dithered: steps of one level are invisible on brand-like gradients,
    and noise would make every PNG five times larger and slower to write.
    """
    w, h = size
    rad = math.radians(angle)
    dx, dy = math.sin(rad), -math.cos(rad)
    length = abs(w * dx) + abs(h * dy)
    xs = (np.arange(w, dtype=np.float32) - w / 2) * dx
    ys = (np.arange(h, dtype=np.float32) - h / 2) * dy
    t = np.clip((ys[:, None] + xs[None, :]) / length + 0.5, 0.0, 1.0)[..., None]
    a, b = np.array(start, np.float32), np.array(end, np.float32)
    rgba = a + (b - a) * t
    rgb = np.clip(rgba[..., :3] + 0.5, 0, 255).astype(np.uint8)
    layer = Image.fromarray(np.dstack([rgb, np.clip(rgba[..., 3], 0, 255).astype(np.uint8)]))
    out = base.convert("RGBA")
    out.alpha_composite(layer)
    return out.convert("RGB")


def _apply_scrim(canvas: Image.Image, color: str, opacity: float, gradient: str) -> Image.Image:
    """Darken (or tint) the canvas: evenly, or strongest at the top/bottom/both."""
    w, h = canvas.size
    t = np.linspace(0.0, 1.0, h, dtype=np.float32)
    ramp = {
        "none": np.ones_like(t),
        "bottom": _smoothstep(0.25, 1.0, t),
        "top": _smoothstep(0.25, 1.0, 1.0 - t),
        "both": np.maximum(_smoothstep(0.45, 1.0, t), _smoothstep(0.45, 1.0, 1.0 - t)),
    }[gradient]
    r, g, b, a = _rgba(color)
    alpha = np.clip(ramp * opacity * a, 0, 255).astype(np.uint8)
    mask = Image.fromarray(np.repeat(alpha[:, None], w, axis=1))
    return Image.composite(Image.new("RGB", canvas.size, (r, g, b)), canvas, mask)


def _smoothstep(lo: float, hi: float, t: np.ndarray) -> np.ndarray:
    x = np.clip((t - lo) / (hi - lo), 0.0, 1.0)
    return x * x * (3 - 2 * x)


# ---------------------------------------------------------------- photos


#: Photos are kept at most this long on their long side: the largest canvas
#: is 1920 px and Ken Burns zooms stay under 2x, so more is memory for nothing.
PHOTO_MAX_SIDE = 4096
#: Photos with more pixels than this are refused before decoding: a 100 MP
#: camera file is read downscaled, a decompression bomb (a small file that
#: claims gigapixels) never reaches memory.
PHOTO_MAX_PIXELS = 160_000_000


@functools.lru_cache(maxsize=8)
def _load_photo_cached(path: str, mtime: float) -> Image.Image:
    try:
        with warnings.catch_warnings():
            # Pillow warns above ~89 MP and refuses above ~179 MP; the size is
            # checked here instead, with a message that names the photo.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as im:
                w, h = im.size
                if w * h > PHOTO_MAX_PIXELS:
                    raise MediaError(f"photo is {w}×{h} pixels ({w * h / 1e6:.0f} MP); photos over "
                                     f"{PHOTO_MAX_PIXELS / 1e6:.0f} MP are refused", path)
                if max(w, h) > PHOTO_MAX_SIDE:
                    im.draft("RGB", _fit_within(im.size, PHOTO_MAX_SIDE))  # JPEG: decode at 1/2, 1/4 or 1/8
                im = ImageOps.exif_transpose(im)
                icc = im.info.get("icc_profile")
                if icc:
                    im = _to_srgb(im, icc)
                im = im.convert("RGB")
                if max(im.size) > PHOTO_MAX_SIDE:
                    im = im.resize(_fit_within(im.size, PHOTO_MAX_SIDE), Image.Resampling.BICUBIC)
                im.load()
                return im
    except FileNotFoundError:
        raise MediaError("photo not found", path) from None
    except Image.DecompressionBombError as exc:
        claimed = re.search(r"\((\d+) pixels\)", str(exc))
        size = f"{int(claimed.group(1)) / 1e6:.0f} MP" if claimed else "a huge size"
        raise MediaError(f"photo claims {size} (a decompression bomb?); photos over "
                         f"{PHOTO_MAX_PIXELS / 1e6:.0f} MP are refused", path) from None
    except (OSError, SyntaxError, ValueError) as exc:
        raise MediaError(f"not a readable image ({exc})", path) from None


def _fit_within(size: tuple[int, int], side: int) -> tuple[int, int]:
    w, h = size
    k = min(1.0, side / max(w, h))
    return max(1, round(w * k)), max(1, round(h * k))


def load_photo(path: str | Path) -> Image.Image:
    """The photo upright (EXIF orientation) in sRGB RGB; ``MediaError`` if unusable."""
    p = Path(path)
    try:
        mtime = p.stat().st_mtime
    except FileNotFoundError:
        raise MediaError("photo not found", str(p)) from None
    return _load_photo_cached(str(p.resolve()), mtime)


def _to_srgb(im: Image.Image, icc: bytes) -> Image.Image:
    try:
        src = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        if im.mode not in ("RGB", "RGBA"):
            return im
        return ImageCms.profileToProfile(im, src, ImageCms.createProfile("sRGB"), outputMode=im.mode)
    except (ImageCms.PyCMSError, OSError):
        return im


def detect_faces(image: Image.Image) -> tuple[tuple[int, int, int, int], ...]:
    """Frontal faces as (x, y, w, h) in ``image`` pixels; () when OpenCV is not installed.

    Uses the Haar cascade shipped inside the ``opencv-python-headless`` wheel
    (optional dependency: ``pip install repackage[faces]``).
    """
    cascade = _face_cascade()
    if cascade is None:
        return ()
    import cv2

    factor = min(1.0, 800 / max(image.size))
    small = image.convert("L").resize((max(1, round(image.width * factor)), max(1, round(image.height * factor))))
    gray = cv2.equalizeHist(np.asarray(small))
    min_side = max(24, round(min(small.size) * 0.05))
    found = cascade.detectMultiScale(gray, scaleFactor=1.1, minNeighbors=6, minSize=(min_side, min_side))
    return tuple(tuple(round(v / factor) for v in box) for box in (found if len(found) else []))


@functools.lru_cache(maxsize=1)
def _face_cascade():
    try:
        import cv2
    except ImportError:
        return None
    path = Path(cv2.data.haarcascades) / "haarcascade_frontalface_default.xml"
    cascade = cv2.CascadeClassifier(str(path))
    return None if cascade.empty() else cascade


#: How far ``cover_box`` may zoom into a photo to put faces at ``face_y``.
FACE_ZOOM = 1.5


def cover_box(src: Size, dst: Size, focal: tuple[float, float],
              faces: tuple[tuple[int, int, int, int], ...] = (), *,
              face_y: float | None = None, face_bottom: float | None = None) -> tuple[int, int, int, int]:
    """The largest window of ``src`` with ``dst``'s aspect ratio, placed to keep the subject.

    With faces: the window holds every face (with room above for the head)
    when it can, faces in the upper part of the frame; otherwise it centres
    the largest face. Without: it centres ``focal`` (fractions of ``src``).
    ``face_y`` (a fraction of the window's height) puts the faces' centre
    there instead, and their bottom (chin) no lower than ``face_bottom``
    (clips keep their text below), zooming in up to ``FACE_ZOOM`` when the
    picture has no room below to frame them that high.
    The window never leaves the picture.
    """
    sw, sh = src
    k = min(sw / dst[0], sh / dst[1])
    cw, ch = dst[0] * k, dst[1] * k
    if faces:
        left = min(x for x, _, _, _ in faces)
        top = min(y - 0.4 * h for _, y, _, h in faces)
        right = max(x + w for x, _, w, _ in faces)
        bottom = max(y + h * 1.2 for _, y, _, h in faces)
        if right - left > cw or bottom - top > ch:
            x, y, w, h = max(faces, key=lambda f: f[2] * f[3])
            left, top, right, bottom = x, y - 0.4 * h, x + w, y + 1.2 * h
        cx = (left + right) / 2
        cy = min((top + bottom) / 2 + ch * 0.12, top + ch / 2)  # faces sit a little above the middle
        if face_y is not None:
            cw, ch, cy = _face_window(sh, cw, ch, (left, top, right, bottom), face_y, face_bottom)
    else:
        cx, cy = focal[0] * sw, focal[1] * sh
    x0 = min(max(cx - cw / 2, 0.0), sw - cw)
    y0 = min(max(cy - ch / 2, 0.0), sh - ch)
    return round(x0), round(y0), round(x0 + cw), round(y0 + ch)


def _face_window(sh: float, cw: float, ch: float, faces: tuple[float, float, float, float], face_y: float,
                 face_bottom: float | None) -> tuple[float, float, float]:
    """(width, height, centre y) of a window that puts the faces' centre at
    ``face_y`` and their bottom no lower than ``face_bottom`` of its height."""
    left, top, right, bottom = faces
    low = 1.0 if face_bottom is None else face_bottom
    smallest = max(ch / FACE_ZOOM, (bottom - top) / low, (right - left) * ch / cw)

    def window_top(tall: float) -> float:
        return max((top + bottom) / 2 - face_y * tall, bottom - low * tall)

    tall = ch
    while tall > smallest and window_top(tall) + tall > sh:  # the picture ends first: zoom in a little
        tall = max(smallest, tall * 0.97)
    return cw * tall / ch, tall, window_top(tall) + tall / 2


_COVER_CACHE: "OrderedDict[tuple, tuple[weakref.ref, Image.Image, PhotoCrop]]" = OrderedDict()


def cover(picture: Image.Image, size: Size, focal: tuple[float, float], *, faces: bool = True,
          face_y: float | None = None, face_bottom: float | None = None) -> tuple[Image.Image, PhotoCrop]:
    """``picture`` cropped and scaled to fill ``size``, keeping faces (if asked) or ``focal``.

    Cached per picture object and size: the cards of one story share a photo.
    """
    key = (id(picture), picture.size, size, focal, faces, face_y, face_bottom)
    hit = _COVER_CACHE.get(key)
    if hit is not None and hit[0]() is picture:
        return hit[1].copy(), hit[2]
    found = detect_faces(picture) if faces else ()
    box = cover_box(picture.size, size, focal, found, face_y=face_y, face_bottom=face_bottom)
    out = picture.resize(size, Image.Resampling.LANCZOS, box=box, reducing_gap=3.0)
    crop = PhotoCrop(box, found, "faces" if found else "focal")
    _COVER_CACHE[key] = (weakref.ref(picture), out, crop)
    while len(_COVER_CACHE) > 16:
        _COVER_CACHE.popitem(last=False)
    return out.copy(), crop


# ---------------------------------------------------------------- layers


def text_style(layer: TextLayer, size: Size) -> TextStyle:
    """The layer's style with pixel sizes scaled to the canvas."""
    s = layer.style
    k = scale_of(size)
    return replace(s, min_size=max(1, round(s.min_size * k)), max_size=max(1, round(s.max_size * k)),
                   stroke_width=round(s.stroke_width * k))


def render_layer(layer: Layer, size: Size, values: Mapping[str, str], lang: str, *,
                 photo: Image.Image | str | Path | None = None) -> PlacedLayer | None:
    """One layer drawn into its own RGBA image; None when it shows nothing.

    Text layers are fitted to their box (check ``placed.layout.fits``: a
    layout that does not fit is returned, never cut); image layers with
    ``src = "photo"`` need ``photo``.
    """
    x, y, w, h = layer.box.pixels(size)
    if isinstance(layer, TextLayer):
        text = layer_text(layer, values, lang)
        if not text:
            return None
        layout = fit_text(text, w, h, text_style(layer, size), lang=lang)
        return PlacedLayer(layer, _with_opacity(render_layout(layout), layer.opacity), x, y, layout)
    if isinstance(layer, RectLayer):
        return PlacedLayer(layer, _with_opacity(_rect(w, h, layer.color, layer.radius * scale_of(size)), layer.opacity), x, y)
    if isinstance(layer, LogoLayer):
        return _logo(layer, x, y, w, h)
    return _image_layer(layer, x, y, w, h, photo, scale_of(size))


def _with_opacity(image: Image.Image, opacity: float) -> Image.Image:
    if opacity >= 1.0:
        return image
    alpha = image.getchannel("A").point(lambda v: round(v * opacity))
    image.putalpha(alpha)
    return image


def _rect(w: int, h: int, color: str, radius: float) -> Image.Image:
    im = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    ImageDraw.Draw(im).rounded_rectangle((0, 0, w - 1, h - 1), radius=round(radius), fill=_rgba(color))
    return im


@functools.lru_cache(maxsize=16)
def _logo_image(path: Path, w: int, h: int) -> Image.Image:
    with Image.open(path) as im:
        return ImageOps.contain(im.convert("RGBA"), (w, h), Image.Resampling.LANCZOS)


def _logo(layer: LogoLayer, x: int, y: int, w: int, h: int) -> PlacedLayer | None:
    if layer.path is None:
        return None
    logo = _with_opacity(_logo_image(layer.path, w, h).copy(), layer.opacity)
    dx = {"left": 0, "center": (w - logo.width) // 2, "right": w - logo.width}[layer.align]
    dy = {"top": 0, "middle": (h - logo.height) // 2, "bottom": h - logo.height}[layer.valign]
    return PlacedLayer(layer, logo, x + dx, y + dy)


def _image_layer(layer: ImageLayer, x: int, y: int, w: int, h: int,
                 photo: Image.Image | str | Path | None, k: float) -> PlacedLayer | None:
    source = photo if layer.photo else layer.src
    if source is None:
        return None
    picture = source if isinstance(source, Image.Image) else load_photo(source)
    if layer.fit == "contain":
        im = ImageOps.contain(picture, (w, h), Image.Resampling.LANCZOS).convert("RGBA")
        x, y = x + (w - im.width) // 2, y + (h - im.height) // 2
    else:
        im = cover(picture, (w, h), layer.focal, faces=layer.photo)[0].convert("RGBA")
    if layer.radius > 0:
        mask = Image.new("L", im.size, 0)
        ImageDraw.Draw(mask).rounded_rectangle((0, 0, im.width - 1, im.height - 1),
                                               radius=round(layer.radius * k), fill=255)
        im.putalpha(mask)
    return PlacedLayer(layer, _with_opacity(im, layer.opacity), x, y)


# ---------------------------------------------------------------- legibility


def required_contrast(layout: TextLayout, canvas_width: int) -> float:
    """4.5:1, or 3:1 for WCAG large text at the size a phone shows the card."""
    css_px = layout.size * PHONE_CSS_WIDTH / canvas_width
    bold = layout.style.weight in ("bold", "black", "bold-italic")
    large = css_px >= 24 or (bold and css_px >= 18.67)
    return LARGE_CONTRAST if large else NORMAL_CONTRAST


def _ink_region(placed: PlacedLayer, canvas: Size) -> tuple[int, int, int, int] | None:
    assert placed.layout is not None
    x0, y0, x1, y1 = placed.layout.bbox
    pad = round(placed.layout.size * 0.1)
    box = (max(0, placed.x + x0 - pad), max(0, placed.y + y0 - pad),
           min(canvas[0], placed.x + x1 + pad), min(canvas[1], placed.y + y1 + pad))
    return box if box[2] > box[0] and box[3] > box[1] else None


def _bars(placed: PlacedLayer, region: tuple[int, int, int, int]) -> np.ndarray | None:
    """The layer's highlight bars over ``region`` (float RGBA, 0..1 alpha), or None without bars.

    ``region`` (canvas pixels) may reach past the layer's box on any side
    (the ink region is padded), so the bars are pasted at their offset in it,
    clipped, rather than cropped out of the layer image.
    """
    assert placed.layout is not None
    if not placed.layout.style.highlight:
        return None
    over = Image.new("RGBA", (region[2] - region[0], region[3] - region[1]), (0, 0, 0, 0))
    over.paste(render_layout(placed.layout, color="#00000000"), (placed.x - region[0], placed.y - region[1]))
    rgba = np.asarray(over).astype(np.float32)
    rgba[..., 3] /= 255.0
    return rgba


def _under(pixels: np.ndarray, bars: np.ndarray | None) -> np.ndarray:
    """``pixels`` (uint8 RGB) with ``bars`` composited over them."""
    if bars is None:
        return pixels
    alpha = bars[..., 3:4]
    mixed = bars[..., :3] * alpha + pixels.astype(np.float32) * (1 - alpha)
    return np.clip(mixed + 0.5, 0, 255).astype(np.uint8)


def _behind(canvas: Image.Image, placed: PlacedLayer, region: tuple[int, int, int, int]) -> np.ndarray:
    """Pixels behind the glyphs: the canvas plus the layer's highlight bars, if any."""
    return _under(np.asarray(canvas.crop(region)), _bars(placed, region))


def _worst_luminance(pixels: np.ndarray, lighter: bool) -> float:
    """Luminance of the worst 5 % of ``pixels`` for text lighter (or darker) than them."""
    return float(np.percentile(luminance(pixels).ravel(), 95 if lighter else 5))


def ensure_legible(canvas: Image.Image, placed: PlacedLayer) -> Legibility | None:
    """Darken or lighten behind ``placed``'s text on ``canvas`` (in place) until it passes WCAG.

    The worst 5 % of the pixels behind the text count, so a bright patch in a
    photo is not averaged away. The shade goes the way that needs the least
    opacity (darker behind light text, lighter behind dark text; the other way
    when that cannot reach the ratio). Returns the contrast reached, or None
    for an empty layout.
    """
    assert placed.layout is not None
    region = _ink_region(placed, canvas.size)
    if region is None:
        return None
    r, g, b, _ = _rgba(placed.layout.style.color)
    text_lum = float(luminance(np.array([r, g, b], np.uint8)))
    need = required_contrast(placed.layout, canvas.width)
    bars = _bars(placed, region)
    canvas_pixels = np.asarray(canvas.crop(region))
    pixels = _under(canvas_pixels, bars)
    lighter = text_lum >= float(np.median(luminance(pixels)))
    ratio = contrast_ratio(text_lum, _worst_luminance(pixels, lighter))
    if ratio >= need:
        return Legibility(round(ratio, 2), need, 0.0)
    aim = max(need, SHADE_TARGET)
    # the shade goes under the highlight bars, which are drawn with the text
    options = [_scrim_alpha(canvas_pixels, shade, text_lum, aim, bars) for shade in ((0, 0, 0), (255, 255, 255))]
    passing = [o for o in options if o[1] >= aim]
    shade, _, alpha = min(passing, key=lambda o: o[2]) if passing else max(options, key=lambda o: o[1])
    _local_scrim(canvas, region, shade, alpha, pad=round(placed.layout.size * 0.45))
    after = _behind(canvas, placed, region)
    reached = contrast_ratio(text_lum, _worst_luminance(after, text_lum >= float(np.median(luminance(after)))))
    return Legibility(round(reached, 2), need, round(alpha, 3), "#000000" if shade == (0, 0, 0) else "#FFFFFF")


def _scrim_alpha(pixels: np.ndarray, shade: tuple[int, int, int], text_lum: float,
                 need: float, bars: np.ndarray | None = None) -> tuple[tuple[int, int, int], float, float]:
    """(shade, contrast reached, opacity): the least opacity of ``shade`` giving ``need``.

    ``bars`` (highlight bars, see ``_bars``) are drawn over the shade.
    """
    base = pixels[::2, ::2].astype(np.float32)  # every other pixel is plenty for a percentile
    over = bars[::2, ::2] if bars is not None else None
    target = np.array(shade, np.float32)

    def reached(alpha: float) -> float:
        mixed = np.clip(base * (1 - alpha) + target * alpha + 0.5, 0, 255).astype(np.uint8)
        lum = luminance(_under(mixed, over))
        lighter = text_lum >= float(np.median(lum))
        return contrast_ratio(text_lum, float(np.percentile(lum, 95 if lighter else 5)))

    if reached(1.0) < need:
        return shade, reached(1.0), 1.0
    lo, hi = 0.0, 1.0
    for _ in range(12):
        mid = (lo + hi) / 2
        lo, hi = (lo, mid) if reached(mid) >= need else (mid, hi)
    alpha = min(1.0, hi + 0.02)  # a hair more, for the feathered edge and rounding
    return shade, reached(alpha), alpha


def _local_scrim(canvas: Image.Image, region: tuple[int, int, int, int], shade: tuple[int, int, int],
                 alpha: float, pad: int) -> None:
    """A soft-edged shade over ``region``: full strength inside it, fading over ``pad`` px."""
    mask = Image.new("L", canvas.size, 0)
    ImageDraw.Draw(mask).rounded_rectangle(region, radius=pad, fill=round(255 * alpha))
    grown = (max(0, region[0] - pad), max(0, region[1] - pad),
             min(canvas.width, region[2] + pad), min(canvas.height, region[3] + pad))
    feather = Image.new("L", canvas.size, 0)
    ImageDraw.Draw(feather).rounded_rectangle(grown, radius=pad, fill=round(255 * alpha))
    feather = feather.filter(ImageFilter.GaussianBlur(pad / 2))
    mask = Image.fromarray(np.maximum(np.asarray(mask), np.asarray(feather)))
    canvas.paste(Image.new("RGB", canvas.size, shade), (0, 0), mask)


#: A logo is a graphic: WCAG's non-text contrast (1.4.11) asks 3:1 of it.
LOGO_CONTRAST = 3.0


def _logo_ink(image: Image.Image, light: bool) -> float | None:
    """Luminance of a logo's wordmark: its lightest ink for a light logo, its darkest for a dark one."""
    rgba = np.asarray(image.convert("RGBA"))
    opaque = rgba[..., 3] >= 128
    if not opaque.any():
        return None
    lum = luminance(rgba[..., :3][opaque])
    return float(np.percentile(lum, 90 if light else 10))


def _opaque_region(placed: PlacedLayer, canvas: Size) -> tuple[int, int, int, int] | None:
    box = placed.image.getchannel("A").point(lambda v: 255 if v >= 128 else 0).getbbox()
    if box is None:
        return None
    region = (max(0, placed.x + box[0]), max(0, placed.y + box[1]),
              min(canvas[0], placed.x + box[2]), min(canvas[1], placed.y + box[3]))
    return region if region[2] > region[0] and region[3] > region[1] else None


def legible_logo(canvas: Image.Image, placed: PlacedLayer, size: Size) -> tuple[PlacedLayer, Legibility | None]:
    """The logo variant that reads on ``canvas`` behind ``placed`` (shading it, in place, if none does).

    The designer's variant is kept when its wordmark reaches 3:1 against the
    worst 5 % of the pixels behind it; otherwise the brand's other logo is
    used when it does (the dark logo on a bright photo); when neither does,
    the better one is drawn over a soft shade that brings it to 3:1.
    """
    layer = placed.layer
    assert isinstance(layer, LogoLayer)
    candidates = [(layer.variant, placed)]
    if layer.alternate is not None:
        other = "dark" if layer.variant == "light" else "light"
        x, y, w, h = layer.box.pixels(size)
        alt = _logo(replace(layer, path=layer.alternate, variant=other, alternate=layer.path), x, y, w, h)
        if alt is not None:
            candidates.append((other, alt))
    measured = []
    for variant, candidate in candidates:
        region = _opaque_region(candidate, canvas.size)
        ink = _logo_ink(candidate.image, variant == "light")
        if region is None or ink is None:
            continue
        pixels = np.asarray(canvas.crop(region))
        lighter = variant == "light"
        ratio = contrast_ratio(ink, _worst_luminance(pixels, lighter))
        measured.append((variant, candidate, region, ink, pixels, ratio))
    if not measured:
        return placed, None
    passing = [m for m in measured if m[5] >= LOGO_CONTRAST]
    if passing:
        variant, chosen, _, _, _, ratio = passing[0]  # the designer's variant first
        return chosen, Legibility(round(ratio, 2), LOGO_CONTRAST, 0.0, None, variant)
    variant, chosen, region, ink, pixels, _ = max(measured, key=lambda m: m[5])
    options = [_scrim_alpha(pixels, shade, ink, LOGO_CONTRAST) for shade in ((0, 0, 0), (255, 255, 255))]
    passing_shades = [o for o in options if o[1] >= LOGO_CONTRAST]
    shade, _, alpha = min(passing_shades, key=lambda o: o[2]) if passing_shades else max(options, key=lambda o: o[1])
    pad = max(2, round((region[3] - region[1]) * 0.35))
    _local_scrim(canvas, region, shade, alpha, pad=pad)
    after = np.asarray(canvas.crop(region))
    reached = contrast_ratio(ink, _worst_luminance(after, variant == "light"))
    return chosen, Legibility(round(reached, 2), LOGO_CONTRAST, round(alpha, 3),
                              "#000000" if shade == (0, 0, 0) else "#FFFFFF", variant)


# ---------------------------------------------------------------- cards


def compose_card(template: Template, size: Size | None, values: Mapping[str, str], *,
                 photo: Image.Image | str | Path | None = None, lang: str = "und") -> CardRender:
    """Draw one card of ``template`` at ``size`` with the Story ``values`` (slot -> text).

    Raises ``CardNotRendered`` when a required value is missing or a text does
    not fit its box at the template's smallest size.
    """
    variant = template.variant(size)
    where = f"{template.name} {variant.size[0]}x{variant.size[1]}"
    return compose_layers(variant.background, variant.layers, variant.size, values,
                          photo=photo, lang=lang, where=where)


def compose_scene(template: Template, scene: str, size: Size | None, values: Mapping[str, str], *,
                  photo: Image.Image | str | Path | None = None, lang: str = "und") -> CardRender:
    """A still of one clip scene (no motion): for previews and cover frames."""
    variant = template.variant(size)
    if scene not in variant.scenes:
        raise CardNotRendered(f"{template.name} has no scene {scene!r} (it has {', '.join(variant.scenes)})")
    s = variant.scenes[scene]
    where = f"{template.name} {scene} {variant.size[0]}x{variant.size[1]}"
    return compose_layers(s.background, s.layers, variant.size, values, photo=photo, lang=lang, where=where)


def compose_layers(background: Background, layers: tuple[Layer, ...], size: Size, values: Mapping[str, str], *,
                   photo: Image.Image | str | Path | None = None, lang: str = "und", where: str = "") -> CardRender:
    """Background, then each layer in order, each text made legible before it is drawn."""
    picture = load_photo(photo) if isinstance(photo, (str, Path)) else photo
    canvas, crop = _render_background(background, size, picture)
    placed_layers: list[PlacedLayer] = []
    layouts: dict[str, TextLayout] = {}
    legibility: dict[str, Legibility] = {}
    for layer in layers:
        placed = render_layer(layer, size, values, lang, photo=picture)
        if placed is None:
            _check_required(layer, where)
            continue
        if placed.layout is not None:
            key = layer_key(layer)
            _check_fits(placed, size, key, where)
            layouts[key] = placed.layout
            if isinstance(layer, TextLayer) and layer.contrast:
                result = ensure_legible(canvas, placed)
                if result is not None:
                    legibility[key] = result
        elif isinstance(layer, LogoLayer):
            placed, result = legible_logo(canvas, placed, size)
            if result is not None:
                legibility[layer_key(layer)] = result
        canvas.paste(placed.image, (placed.x, placed.y), placed.image)
        placed_layers.append(placed)
    return CardRender(canvas, tuple(placed_layers), layouts, legibility, crop)


def _check_required(layer: Layer, where: str) -> None:
    if isinstance(layer, TextLayer) and layer.required:
        what = " or ".join(layer.slots()) or "text"
        raise CardNotRendered(f"{where}: nothing to show for required {what!r}")


def _check_fits(placed: PlacedLayer, size: Size, key: str, where: str) -> None:
    layout = placed.layout
    assert layout is not None
    if not layout.fits:
        raise CardNotRendered(
            f"{where}: {key} does not fit its box even at "
            f"{layout.style.min_size} px in {layout.style.max_lines} line(s) "
            f"({len(layout.text)} characters); it is never cut: shorten it or use a template with more room"
        )
    x0, y0, x1, y1 = layout.bbox
    w, h = layout.box
    inside_box = 0 <= x0 and 0 <= y0 and x1 <= w and y1 <= h
    inside_canvas = placed.x >= 0 and placed.y >= 0 and placed.x + w <= size[0] and placed.y + h <= size[1]
    if not (inside_box and inside_canvas):
        raise RenderError(f"{where}: {key} text overflows (ink {layout.bbox} in box {w}x{h} at {placed.x},{placed.y})")


# ---------------------------------------------------------------- files


@dataclass(frozen=True)
class CardMeta:
    """What a card file says about itself (XMP + EXIF)."""

    alt_text: str
    title: str = ""
    credit: str = ""  # "Photo : Kenzo Tribouillard / AFP · Source : Le Devoir"
    creator: str = ""  # EXIF Artist / dc:creator
    copyright: str = ""
    source: str = ""


@functools.lru_cache(maxsize=1)
def srgb_profile() -> bytes:
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def xmp_packet(meta: CardMeta) -> bytes:
    """An XMP packet with Dublin Core, Photoshop and IPTC fields (alt text included)."""

    def alt(tag: str, value: str) -> str:
        return (f"<{tag}><rdf:Alt><rdf:li xml:lang=\"x-default\">{escape(value)}</rdf:li></rdf:Alt></{tag}>"
                if value else "")

    creator = (f"<dc:creator><rdf:Seq><rdf:li>{escape(meta.creator)}</rdf:li></rdf:Seq></dc:creator>"
               if meta.creator else "")
    simple = "".join(f"<{t}>{escape(v)}</{t}>" for t, v in (
        ("photoshop:Credit", meta.credit), ("photoshop:Source", meta.source)) if v)
    body = (
        alt("dc:title", meta.title) + alt("dc:description", meta.alt_text) + alt("dc:rights", meta.copyright)
        + creator + simple + alt("Iptc4xmpCore:AltTextAccessibility", meta.alt_text)
    )
    xml = (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"'
        ' xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/"'
        ' xmlns:Iptc4xmpCore="http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/">'
        f"{body}</rdf:Description></rdf:RDF></x:xmpmeta>"
        '<?xpacket end="w"?>'
    )
    return xml.encode("utf-8")


#: Characters NFKD does not take apart, spelled in ASCII for the EXIF ASCII tags.
_ASCII_SPELLING = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u02bc": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2039": "'", "\u203a": "'", "\u2013": "-", "\u2014": "-", "\u2012": "-", "\u2212": "-", "\u2010": "-",
    "\u2011": "-", "\u2026": "...", "\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2007": " ",
    "\u00a9": "(c)", "\u00ae": "(R)", "\u2122": "(TM)", "\u20ac": "EUR", "\u00a3": "GBP", "\u00b7": "-",
    "\u2022": "-", "\u00d7": "x", "\u00df": "ss", "\u00e6": "ae", "\u00c6": "AE", "\u0153": "oe",
    "\u0152": "OE", "\u00f8": "o", "\u00d8": "O", "\u0142": "l", "\u0141": "L", "\u0111": "d",
    "\u0110": "D", "\u00f0": "d", "\u00d0": "D", "\u00fe": "th", "\u00de": "Th", "\u0131": "i",
})


def ascii_text(text: str) -> str:
    """``text`` spelled in ASCII for EXIF's ASCII tags: ’ -> ', « » -> ", é -> e.

    Accents are dropped (NFKD, combining marks removed); characters with no
    ASCII spelling (Arabic, CJK ...) are left out. The full text is kept in
    the Unicode tags and in XMP.
    """
    text = re.sub(r"\s*»", "»", re.sub(r"«\s*", "«", text))  # French spacing inside « » goes with them
    decomposed = unicodedata.normalize("NFKD", text.translate(_ASCII_SPELLING)).translate(_ASCII_SPELLING)
    kept = "".join(ch for ch in decomposed if ord(ch) < 128 and (ch.isprintable() or ch == " "))
    return " ".join(kept.split())


def _xp(text: str) -> bytes:
    """A Windows XP* tag value: UTF-16LE, NUL-terminated."""
    return text.encode("utf-16-le") + b"\0\0"


# EXIF says UserComment is UNDEFINED (raw bytes); Pillow has no type for it
# and would write BYTE, which some readers show as a list of numbers.
TiffTags.TAGS_V2_GROUPS.setdefault(ExifTags.IFD.Exif, {}).setdefault(
    0x9286, TiffTags.TagInfo(0x9286, "UserComment", TiffTags.UNDEFINED, 0))


def _exif(meta: CardMeta) -> Image.Exif:
    """EXIF written little-endian: ASCII tags in ASCII, the full text in the Unicode tags.

    ImageDescription (alt text), Artist and Copyright are EXIF ASCII: they get
    an ASCII spelling (``ascii_text``), so no reader shows mojibake. The alt
    text in full goes into UserComment (``UNICODE\\0`` + UTF-16) and Windows'
    XPTitle and XPComment, the creator into XPAuthor; XMP holds everything in
    full as well.
    """
    exif = Image.Exif()
    exif.endian = "<"  # the UTF-16 of UserComment follows the file's byte order
    for tag, value in ((0x010E, meta.alt_text), (0x013B, meta.creator), (0x8298, meta.copyright)):
        spelled = ascii_text(value) if value else ""
        if spelled:
            exif[tag] = spelled
    exif[0x0131] = "repackage"  # Software
    if meta.alt_text:
        exif[0x9C9B] = _xp(meta.alt_text)  # XPTitle: what Windows shows as the title
        exif[0x9C9C] = _xp(meta.alt_text)  # XPComment
        exif.get_ifd(ExifTags.IFD.Exif)[0x9286] = b"UNICODE\0" + meta.alt_text.encode("utf-16-le")
    if meta.creator:
        exif[0x9C9D] = _xp(meta.creator)  # XPAuthor
    return exif


def read_exif_text(exif: Image.Exif) -> dict[str, str]:
    """The text tags ``save_card`` writes, decoded: for tests and for checking a file by hand."""
    out: dict[str, str] = {}
    for name, tag in (("ImageDescription", 0x010E), ("Artist", 0x013B), ("Copyright", 0x8298)):
        if tag in exif:
            value = exif[tag]
            out[name] = value.decode("ascii") if isinstance(value, bytes) else value
    for name, tag in (("XPTitle", 0x9C9B), ("XPComment", 0x9C9C), ("XPAuthor", 0x9C9D)):
        if tag in exif:
            out[name] = bytes(exif[tag]).decode("utf-16-le").rstrip("\0")
    comment = exif.get_ifd(ExifTags.IFD.Exif).get(0x9286)
    if isinstance(comment, bytes) and comment.startswith(b"UNICODE\0"):
        order = "utf-16-le" if getattr(exif, "endian", "<") == "<" else "utf-16-be"
        out["UserComment"] = comment[8:].decode(order)
    return out


def save_card(image: Image.Image, path: str | Path, meta: CardMeta, *, quality: int = 92) -> Path:
    """Write ``image`` as PNG or JPEG (by extension) with sRGB profile, XMP and EXIF, atomically."""
    path = Path(path)
    fmt = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG"}.get(path.suffix.lower())
    if fmt is None:
        raise RenderError(f"unsupported image format {path.suffix!r} (use .png or .jpg)", str(path))
    rgb = image.convert("RGB")
    xmp = xmp_packet(meta)
    try:
        with atomic_path(path) as tmp:
            if fmt == "PNG":
                info = PngImagePlugin.PngInfo()
                info.add_itxt("XML:com.adobe.xmp", xmp.decode("utf-8"))
                rgb.save(tmp, "PNG", pnginfo=info, icc_profile=srgb_profile(), exif=_exif(meta), optimize=False,
                         compress_level=6)
            else:
                rgb.save(tmp, "JPEG", quality=quality, subsampling=0, optimize=True, progressive=True,
                         icc_profile=srgb_profile(), exif=_exif(meta), xmp=xmp)
    except OSError as exc:  # the disk, not the card: the run stops and changes nothing
        raise FaultError(f"cannot write card {path.name}: {exc.strerror or exc}", str(path)) from exc
    return path
