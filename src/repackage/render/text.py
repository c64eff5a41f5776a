"""Text drawn: a :class:`~repackage.templating.typeset.TextLayout` turned into pixels.

:func:`render_layout` makes an RGBA image of the layout's box, :func:`draw_layout`
draws it onto a card or frame. The measuring (fitting, wrapping, shaping) is in
:mod:`repackage.templating.typeset`, below planning; only the drawing is here.
"""

from __future__ import annotations

import functools

from PIL import Image, ImageChops, ImageDraw, ImageFilter

from repackage.errors import RenderError
from repackage.templating import fonts
from repackage.templating.fonts import FontFace
from repackage.templating.style import parse_color
from repackage.templating.typeset import (
    TextLayout,
    TextRun,
    _bar,
    _Geometry,
    _Item,
    _reference_metrics,
    _round_box,
    _shape_line,
    _shape_options,
)

__all__ = ["draw_layout", "render_layout"]


def _face_of(run: TextRun) -> FontFace:
    return FontFace(run.font, run.font_index, run.emoji)


@functools.lru_cache(maxsize=512)
def _emoji_image(face: FontFace, text: str, rtl: bool, size: int, lang: str | None) -> tuple[Image.Image, int, int] | None:
    """Colour glyphs of an emoji run scaled to ``size``, with the offset of the
    image's top-left from the pen on the baseline."""
    font = fonts.load_font(face, size)
    options = _shape_options(_Item(text, face, rtl), lang)
    left, top, right, bottom = font.getbbox(text, anchor="ls", **options)
    if right <= left or bottom <= top:
        return None
    strike = Image.new("RGBA", (right - left, bottom - top), (0, 0, 0, 0))
    ImageDraw.Draw(strike).text((-left, -top), text, font=font, anchor="ls", embedded_color=True, **options)
    k = fonts.scale(face, size)
    scaled = strike.resize((max(1, round(strike.width * k)), max(1, round(strike.height * k))), Image.Resampling.LANCZOS)
    return scaled, round(left * k), round(top * k)


def _colour_layer(mask: Image.Image, colour: tuple[int, int, int, int]) -> Image.Image:
    layer = Image.new("RGBA", mask.size, colour[:3] + (0,))
    alpha = mask if colour[3] == 255 else mask.point([v * colour[3] // 255 for v in range(256)])
    layer.putalpha(alpha)
    return layer


def render_layout(layout: TextLayout, *, color: str | None = None) -> Image.Image:
    """An RGBA image of the layout's box size, transparent where nothing is drawn.

    ``color`` overrides the style's text colour (for highlighting a word in a
    clip, say). Draw order: highlight bars, shadow, stroke, text, emoji.
    """
    style = layout.style
    geo = _Geometry.of(style, layout.size)
    size = layout.box
    canvas = Image.new("RGBA", size, (0, 0, 0, 0))
    text_mask = Image.new("L", size, 0)
    stroke_mask = Image.new("L", size, 0) if geo.stroke else None
    emoji = Image.new("RGBA", size, (0, 0, 0, 0))
    has_emoji = any(run.emoji for line in layout.lines for run in line.runs)
    _draw_glyphs(layout, text_mask, stroke_mask, emoji)
    if style.highlight:
        canvas.alpha_composite(_colour_layer(_bars_mask(layout, geo), parse_color(style.highlight)))
    if style.shadow:
        outline = text_mask if stroke_mask is None else stroke_mask
        canvas.alpha_composite(_shadow_layer(outline, emoji, geo, parse_color(style.shadow)))
    if stroke_mask is not None:
        canvas.alpha_composite(_colour_layer(stroke_mask, parse_color(style.stroke_color or "#000000")))
    canvas.alpha_composite(_colour_layer(text_mask, parse_color(color or style.color)))
    if has_emoji:
        canvas.alpha_composite(emoji)
    return canvas


def _draw_glyphs(layout: TextLayout, text_mask: Image.Image, stroke_mask: Image.Image | None, emoji: Image.Image) -> None:
    draw = ImageDraw.Draw(text_mask)
    stroke_draw = ImageDraw.Draw(stroke_mask) if stroke_mask is not None else None
    stroke = layout.style.stroke_width
    for line in layout.lines:
        for run in line.runs:
            face = _face_of(run)
            if run.emoji:
                _paste_emoji(emoji, run, line.baseline, layout)
                continue
            font = fonts.load_font(face, layout.size)
            options = _shape_options(_Item(run.text, face, run.rtl), layout.lang)
            draw.text((run.x, line.baseline), run.text, font=font, fill=255, anchor="ls", **options)
            if stroke_draw is not None:
                stroke_draw.text(
                    (run.x, line.baseline), run.text, font=font, fill=255, anchor="ls",
                    stroke_width=stroke, stroke_fill=255, **options,
                )


def _paste_emoji(target: Image.Image, run: TextRun, baseline: int, layout: TextLayout) -> None:
    found = _emoji_image(_face_of(run), run.text, run.rtl, layout.size, layout.lang)
    if found is None:
        return
    glyphs, dx, dy = found
    _composite_clipped(target, glyphs, (round(run.x) + dx, baseline + dy))


def _bars_mask(layout: TextLayout, geo: _Geometry) -> Image.Image:
    mask = Image.new("L", layout.box, 0)
    draw = ImageDraw.Draw(mask)
    chain = fonts.resolve_chain(layout.style.font, layout.style.weight)
    cap, descent, _ = _reference_metrics(chain[0], layout.size)
    radius = round(geo.pad * 0.5)
    for line in layout.lines:
        shaped = _shape_line(line.text, chain, line.rtl, layout.size, layout.lang, layout.style.letter_spacing * layout.size)
        x0, y0, x1, y1 = _bar(shaped, geo, cap, descent)
        left, top, right, bottom = _round_box((line.pen_x + x0, line.baseline + y0, line.pen_x + x1, line.baseline + y1))
        draw.rounded_rectangle((left, top, right - 1, bottom - 1), radius=radius, fill=255)  # inclusive corners
    return mask


def _shadow_layer(glyph_mask: Image.Image, emoji: Image.Image, geo: _Geometry, colour: tuple[int, int, int, int]) -> Image.Image:
    mask = ImageChops.lighter(glyph_mask, emoji.getchannel("A"))
    shifted = Image.new("L", mask.size, 0)
    shifted.paste(mask, (geo.shadow_offset, geo.shadow_offset))
    return _colour_layer(shifted.filter(ImageFilter.GaussianBlur(geo.shadow_blur)), colour)


def _composite_clipped(target: Image.Image, layer: Image.Image, origin: tuple[int, int]) -> None:
    """Alpha-composite ``layer`` onto RGBA ``target`` at ``origin``, clipping at the edges."""
    x, y = origin
    left, top = max(0, -x), max(0, -y)
    right, bottom = min(layer.width, target.width - x), min(layer.height, target.height - y)
    if right <= left or bottom <= top:
        return
    target.alpha_composite(layer, dest=(x + left, y + top), source=(left, top, right, bottom))


def draw_layout(image: Image.Image, layout: TextLayout, origin: tuple[int, int], *, color: str | None = None) -> None:
    """Draw ``layout`` onto an RGB or RGBA ``image`` with the box's top-left at ``origin``."""
    if image.mode not in ("RGB", "RGBA"):
        raise RenderError(f"can only draw text on RGB or RGBA images (got {image.mode})")
    layer = render_layout(layout, color=color)
    if image.mode == "RGBA":
        _composite_clipped(image, layer, origin)
    else:
        image.paste(layer, origin, layer)
