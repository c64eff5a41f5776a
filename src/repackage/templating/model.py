"""What a loaded template is: frozen, fully resolved values.

By the time these exist, defaults are merged (built-in < brand < template
``[defaults]`` < layer), brand references are replaced by their values, paths
are absolute files checked to lie inside the template folder or ``assets/``,
and per-size overrides are applied (``Template.variant(size)``).

Pixel quantities (font sizes, radii, blur, stroke) are given for a canvas
1080 px wide; the renderer multiplies them by ``width / 1080``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Mapping, Union

from repackage.templating.style import TextStyle

Size = tuple[int, int]

REFERENCE_WIDTH = 1080

_ANCHOR_FRACTIONS = {
    "top-left": (0.0, 0.0), "top-center": (0.5, 0.0), "top-right": (1.0, 0.0),
    "middle-left": (0.0, 0.5), "center": (0.5, 0.5), "middle-right": (1.0, 0.5),
    "bottom-left": (0.0, 1.0), "bottom-center": (0.5, 1.0), "bottom-right": (1.0, 1.0),
}


SLOT_REF_RE = re.compile(r"\{([a-z_]+)\}")


def text_slots(text: str) -> tuple[str, ...]:
    """Slot names referenced as ``{slot}`` in literal layer text."""
    return tuple(SLOT_REF_RE.findall(text))


def parse_size(text: str) -> Size:
    """'1080x1350' -> (1080, 1350)."""
    w, _, h = text.lower().partition("x")
    return int(w), int(h)


def format_size(size: Size) -> str:
    return f"{size[0]}x{size[1]}"


@dataclass(frozen=True)
class Box:
    """A rectangle in canvas fractions; ``anchor`` says which of its points (x, y) is."""

    x: float
    y: float
    w: float
    h: float
    anchor: str = "top-left"

    def top_left(self) -> tuple[float, float]:
        ax, ay = _ANCHOR_FRACTIONS[self.anchor]
        return self.x - ax * self.w, self.y - ay * self.h

    def pixels(self, size: Size) -> tuple[int, int, int, int]:
        """(left, top, width, height) in whole pixels on a canvas of ``size``."""
        fx, fy = self.top_left()
        left, top = round(fx * size[0]), round(fy * size[1])
        right, bottom = round((fx + self.w) * size[0]), round((fy + self.h) * size[1])
        return left, top, max(1, right - left), max(1, bottom - top)


@dataclass(frozen=True)
class Gradient:
    start: str
    end: str
    angle: float = 180.0  # CSS convention: 180 = top to bottom


@dataclass(frozen=True)
class Scrim:
    color: str = "#000000"
    opacity: float = 0.45
    gradient: str = "none"  # none | top | bottom | both


@dataclass(frozen=True)
class Background:
    color: str = "#000000"
    gradient: Gradient | None = None
    image: Path | None = None  # a file, when not the user's photo
    photo: bool = False  # image = "photo": the user's photo when given, else colour/gradient
    fit: str = "cover"
    focal: tuple[float, float] = (0.5, 0.4)
    blur: float = 0.0
    scrim: Scrim | None = None


#: Text styling as the template states it (pixel sizes for the 1080-wide
#: reference canvas, unscaled): the renderer's own style class, so the two
#: cannot drift apart. ``render.image.text_style`` scales it to a canvas.
TextSpec = TextStyle


@dataclass(frozen=True)
class LayerBase:
    index: int  # position in the template's layers list (for messages)
    id: str | None
    box: Box
    visible: bool
    opacity: float


@dataclass(frozen=True)
class TextLayer(LayerBase):
    slot: str | None  # the Story value shown, or None for literal ``text``
    fallback: str | None  # slot shown when ``slot`` is empty
    text: str | None  # literal text with {slot} references (brand references resolved)
    style: TextSpec
    prefix: str = ""
    suffix: str = ""
    quotes: bool = False
    required: bool = False
    contrast: bool = True
    type: str = "text"

    def slots(self) -> tuple[str, ...]:
        """Story values this layer needs."""
        if self.slot:
            return (self.slot,) + ((self.fallback,) if self.fallback else ())
        return text_slots(self.text or "")


@dataclass(frozen=True)
class ImageLayer(LayerBase):
    src: Path | None  # file, or None when ``photo``
    photo: bool
    fit: str = "cover"
    focal: tuple[float, float] = (0.5, 0.4)
    radius: float = 0.0
    type: str = "image"


@dataclass(frozen=True)
class RectLayer(LayerBase):
    color: str
    radius: float = 0.0
    type: str = "rect"


@dataclass(frozen=True)
class LogoLayer(LayerBase):
    """The brand logo. ``variant`` is the designer's choice; cards switch to
    ``alternate`` (the brand's other logo) when the background behind the
    logo is too light (or too dark) for it, and shade behind it when neither reads."""

    path: Path | None  # the brand logo for ``variant``; None when the brand has none
    variant: str = "light"
    align: str = "left"
    valign: str = "middle"
    alternate: Path | None = None  # the brand's logo for the other variant, when it has both
    type: str = "logo"


Layer = Union[TextLayer, ImageLayer, RectLayer, LogoLayer]


@dataclass(frozen=True)
class Scene:
    """One clip scene: its background and layers (template-wide layers appended)."""

    background: Background
    layers: tuple[Layer, ...]


@dataclass(frozen=True)
class Variant:
    """A template laid out for one canvas size (overrides applied)."""

    size: Size
    background: Background
    layers: tuple[Layer, ...]
    scenes: Mapping[str, Scene] = field(default_factory=dict)


@dataclass(frozen=True)
class Timing:
    chars_per_second: float = 14.0
    min_scene: float = 2.5
    max_scene: float = 7.0
    target_min: float = 15.0
    target_max: float = 40.0
    hook_scene: float = 2.5
    outro_scene: float = 2.5
    quote_max_scene: float = 17.5  # longest a quote scene may last (a quote is never cut)


@dataclass(frozen=True)
class Transition:
    type: str = "crossfade"
    duration: float = 0.4


@dataclass(frozen=True)
class KenBurns:
    zoom_from: float = 1.0
    zoom_to: float = 1.08
    pan: tuple[float, float] = (0.0, -0.02)


@dataclass(frozen=True)
class Motion:
    ken_burns: KenBurns | None = None
    text: str = "fade"
    text_duration: float = 0.35


@dataclass(frozen=True)
class ProgressBar:
    enabled: bool = False
    color: str = "#FFFFFF"
    height: float = 0.006
    position: str = "top"


@dataclass(frozen=True)
class Audio:
    music: Path | None = None
    volume: float = 0.6
    fade_in: float = 0.5
    fade_out: float = 1.0
    loudness: float = -14.0
    duck: float = -12.0  # dB the music drops by while a voice-over speaks
    duck_ramp: float = 0.25  # s the music takes to go down and back up


@dataclass(frozen=True)
class Subtitles:
    """Words of a voice-over burned into the clip (``[subtitles]``).

    ``layer`` is the text box and style the spoken words are drawn with
    (None: the template burns no subtitles; the .srt/.vtt sidecars are still
    written); ``words`` the most words on screen at once; ``highlight``
    ``"word"`` draws the word being spoken in ``highlight_color`` (karaoke).
    """

    layer: "TextLayer | None" = None
    words: int = 4
    highlight: str = "none"  # none | word
    highlight_color: str = "#FFD400"
    sizes: Mapping[Size, "TextLayer"] = field(default_factory=dict)  # per-size box and style (sizes_override)

    def for_size(self, size: Size) -> "Subtitles":
        """These subtitles as drawn on a canvas of ``size``."""
        if self.layer is None or size not in self.sizes:
            return self
        return replace(self, layer=self.sizes[size])


@dataclass(frozen=True)
class ClipSettings:
    fps: int = 30
    timing: Timing = field(default_factory=Timing)
    transition: Transition = field(default_factory=Transition)
    motion: Motion = field(default_factory=Motion)
    progress_bar: ProgressBar = field(default_factory=ProgressBar)
    audio: Audio = field(default_factory=Audio)
    subtitles: Subtitles = field(default_factory=Subtitles)


@dataclass(frozen=True)
class Brand:
    outlet: str
    handle: str | None = None
    logo: Path | None = None  # for dark backgrounds
    logo_dark: Path | None = None  # for light backgrounds
    colors: Mapping[str, str] = field(default_factory=dict)
    fonts: Mapping[str, str] = field(default_factory=dict)
    cta: Mapping[str, str] = field(default_factory=dict)
    text_defaults: Mapping[str, object] = field(default_factory=dict)  # brand [defaults.text], resolved
    rect_defaults: Mapping[str, object] = field(default_factory=dict)
    logo_defaults: Mapping[str, object] = field(default_factory=dict)
    path: Path | None = None

    def cta_for(self, lang: str) -> str | None:
        """The default call to action in ``lang`` (or the brand's 'default')."""
        return self.cta.get(lang) or self.cta.get("default")

    def logo_for(self, variant: str) -> Path | None:
        if variant == "dark":
            return self.logo_dark or self.logo
        return self.logo or self.logo_dark


@dataclass(frozen=True)
class Template:
    name: str
    kind: str  # card | clip
    version: str
    description: str
    role: str | None  # cards: quote | headline | caption | cover
    sizes: tuple[Size, ...]  # first = default
    folder: Path
    path: Path  # the template.toml
    brand: Brand
    variants: Mapping[Size, Variant]
    clip: ClipSettings | None = None

    @property
    def default_size(self) -> Size:
        return self.sizes[0]

    def variant(self, size: Size | None = None) -> Variant:
        """The layout for ``size`` (default size when None); KeyError if unsupported."""
        return self.variants[size or self.default_size]

    def uses_photo(self) -> bool:
        """True when some size shows the user's photo (background or image layer)."""
        for v in self.variants.values():
            backgrounds = [v.background, *(s.background for s in v.scenes.values())]
            layers = [*v.layers, *(layer for s in v.scenes.values() for layer in s.layers)]
            if any(b.photo for b in backgrounds) or any(getattr(x, "photo", False) for x in layers):
                return True
        return False


@dataclass(frozen=True)
class TemplateInfo:
    """One line of ``templates list``."""

    name: str
    kind: str
    version: str
    description: str
    sizes: tuple[Size, ...]
    role: str | None
    path: Path
    error: str | None = None  # set when the template does not load
