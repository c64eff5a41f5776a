"""Text fitting, decided in the plan: each text layer of a card or scene laid out once.

``fit_layers`` lays out every text layer of a card or clip scene with the
Story values it shows (``templating.typeset.fit_text``, the same code the
renderers draw with), and says why the card or scene cannot be made when it
cannot: a required value missing, or a text that does not fit its box even
at the template's smallest size (a quote is never cut). The renderers draw
the layouts the plan holds; they do not fit text again or retry.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Mapping, Sequence

from ..templating.model import REFERENCE_WIDTH, Layer, Size, TextLayer
from ..templating.style import TextStyle
from ..templating.typeset import TextLayout, fit_text, layer_text

#: Why a card or scene is left out (``Skip.reason``).
DOES_NOT_FIT = "does_not_fit"
REQUIRED_MISSING = "required_missing"
NO_SIZE = "size_not_offered"
NOTHING_TO_SHOW = "nothing_to_show"
TOO_LONG_TO_READ = "too_long_to_read"
CLIP_TOO_LONG = "clip_too_long"


@dataclass(frozen=True)
class Skip:
    """A card or clip scene left out on purpose, and why (a typed record, not a note)."""

    role: str  # "quote:0", "caption:2", "headline", ... (as on the jobs)
    reason: str  # DOES_NOT_FIT | REQUIRED_MISSING | NO_SIZE | NOTHING_TO_SHOW | TOO_LONG_TO_READ | CLIP_TOO_LONG
    message: str  # one line for the editor
    layer: str = ""  # the layer concerned, when one is

    def to_dict(self) -> dict:
        return {"role": self.role, "reason": self.reason, "layer": self.layer, "message": self.message}


def layer_key(layer: Layer) -> str:
    return layer.id or f"layers[{layer.index}]"


def scale_of(size: Size) -> float:
    """Template pixel values are for a 1080 px wide canvas."""
    return size[0] / REFERENCE_WIDTH


def text_style(layer: TextLayer, size: Size) -> TextStyle:
    """The layer's style with pixel sizes scaled to the canvas."""
    s = layer.style
    k = scale_of(size)
    return replace(s, min_size=max(1, round(s.min_size * k)), max_size=max(1, round(s.max_size * k)),
                   stroke_width=round(s.stroke_width * k))


def fit_layer(layer: TextLayer, size: Size, values: Mapping[str, str], lang: str) -> TextLayout | None:
    """The layer's text laid out in its box at ``size``; None when it shows nothing."""
    text = layer_text(layer, values, lang)
    if not text:
        return None
    _, _, w, h = layer.box.pixels(size)
    return fit_text(text, w, h, text_style(layer, size), lang=lang)


def fit_layers(layers: Sequence[Layer], size: Size, values: Mapping[str, str], lang: str, *,
               role: str, where: str) -> tuple[dict[str, TextLayout], Skip | None]:
    """(layer key -> layout of each text layer that shows something, why it cannot be made or None)."""
    layouts: dict[str, TextLayout] = {}
    for layer in layers:
        if not isinstance(layer, TextLayer):
            continue
        key = layer_key(layer)
        layout = fit_layer(layer, size, values, lang)
        if layout is None:
            if layer.required:
                what = " or ".join(layer.slots()) or "text"
                return layouts, Skip(role, REQUIRED_MISSING, f"{where}: nothing to show for required {what!r}", key)
            continue
        if not layout.fits:
            return layouts, Skip(role, DOES_NOT_FIT, (
                f"{where}: {key} does not fit its box even at {layout.style.min_size} px in "
                f"{layout.style.max_lines} line(s) ({len(layout.text)} characters); it is never cut: "
                "shorten it or use a template with more room"), key)
        layouts[key] = layout
    return layouts, None


def layouts_dict(layouts: Mapping[str, TextLayout]) -> dict:
    """The fitted texts as JSON-ready data: size in px and the lines as broken."""
    return {key: {"size": lay.size, "lines": [line.text for line in lay.lines]} for key, lay in layouts.items()}
