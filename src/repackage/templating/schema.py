"""The template and brand formats, declared once.

``TEMPLATE`` and ``BRAND`` validate parsed TOML (see ``spec.py``) and
generate the JSON Schema shipped beside the templates::

    repackage templates schema > templates/template.schema.json

A test fails when the shipped schema and these tables differ.
"""

from __future__ import annotations

import json

from .spec import (
    ArrayOf, Bool, Color, Field, Named, Num, PathStr, SizeStr, Str, Table, Tagged, Vec,
)

#: Story values a text layer can show (``slot = "quote"``) or interpolate
#: (``text = "{caption_index}/{caption_count}"``). Filled by ``repackage.plan.cards``.
SLOTS: dict[str, str] = {
    "quote": "the quote, verbatim (card quotes are attributed quotes only)",
    "speaker": "who said it, as the article names them",
    "speaker_role": "the speaker's role as the article gives it",
    "credits": "photo credit (when the card shows a photo) and source, one line",
    "photo_credit": "photographer / agency, only when the card shows a photo",
    "source": "the outlet the story comes from",
    "headline": "the article headline",
    "dek": "the standfirst",
    "caption": "one caption (caption slides, clip caption scenes)",
    "caption_index": "1-based number of this caption",
    "caption_count": "how many captions there are",
    "hook": "the short hook line (a shortened headline: not for under the headline)",
    "handle": "the brand's social handle",
    "outlet": "the brand's outlet name",
    "date": "the article date, written out in its language",
    "cta": "call to action: the article's, else the brand's default for the language",
    "hashtags": "up to three hashtags from the post copy",
}

CARD_ROLES = ("quote", "headline", "caption", "cover")
SCENES = ("hook", "caption", "quote", "outro")
ANCHORS = (
    "top-left", "top-center", "top-right",
    "middle-left", "center", "middle-right",
    "bottom-left", "bottom-center", "bottom-right",
)
WEIGHTS = ("regular", "bold", "black", "light", "italic", "bold-italic")
#: keys only clip templates may have, and keys only card templates need
CLIP_KEYS = ("fps", "timing", "transition", "motion", "progress_bar", "audio", "subtitles", "scenes")
CARD_REQUIRED = ("role", "layers")
CLIP_REQUIRED = ("scenes",)

_BOX = Vec(length=4, minimum=0.0, maximum=1.0, example="[0.08, 0.16, 0.84, 0.5]",
           description="x, y, width, height as fractions (0..1) of the canvas")
_FOCAL = Vec(length=2, minimum=0.0, maximum=1.0, example="[0.5, 0.35]",
             description="point of the picture to keep in view, as fractions of its width and height")
_PX = "pixels on a 1080 px wide canvas (scaled with the canvas width)"
_OPACITY = Num(minimum=0.0, maximum=1.0, description="0 transparent .. 1 opaque")

_COMMON = {
    "type": Field(Str(choices=("text", "image", "rect", "logo")), required=True),
    "id": Field(Str(non_empty=True, description="name used by sizes_override (text layers default to their slot)")),
    "box": Field(_BOX, required=True),
    "anchor": Field(Str(choices=ANCHORS, description="which point of the box x, y places (default top-left); "
                                                  "applies to this layer's sizes_override boxes too")),
    "visible": Field(Bool(description="false hides the layer (useful in sizes_override)")),
    "opacity": Field(_OPACITY),
}

_TEXT_STYLE = {
    "font": Field(Str(non_empty=True, description="font family (sans, serif, display, mono), a brand reference, "
                                                "or a .ttf/.otf/.ttc file in the template folder or assets/")),
    "weight": Field(Str(choices=WEIGHTS)),
    "color": Field(Color()),
    "min_size": Field(Num(minimum=4, maximum=1000, integer=True, description=_PX)),
    "max_size": Field(Num(minimum=4, maximum=1000, integer=True, description=_PX)),
    "max_lines": Field(Num(minimum=1, maximum=50, integer=True)),
    "align": Field(Str(choices=("left", "center", "right"))),
    "valign": Field(Str(choices=("top", "middle", "bottom"))),
    "line_height": Field(Num(minimum=0.5, maximum=3.0, description="multiple of the font size")),
    "letter_spacing": Field(Num(minimum=-0.5, maximum=2.0, description="em")),
    "case": Field(Str(choices=("none", "upper", "lower", "title"))),
    "highlight": Field(Color(description="colour of a bar drawn behind each line")),
    "highlight_padding": Field(Num(minimum=0.0, maximum=2.0, description="em")),
    "stroke_width": Field(Num(minimum=0, maximum=50, integer=True, description=_PX)),
    "stroke_color": Field(Color()),
    "shadow": Field(Color(description="colour of a soft drop shadow, offset and blurred by 0.04 em "
                                     "(alpha last: '#00000066')")),
    "prefix": Field(Str(description="literal text put before the value (not printed when the value is empty)")),
    "suffix": Field(Str(description="literal text put after the value (not printed when the value is empty)")),
    "quotes": Field(Bool(description="wrap the value in the language's quotation marks (« » in French)")),
    "required": Field(Bool(description="a card whose required slot is empty is not rendered")),
    "contrast": Field(Bool(description="darken or lighten behind the text until it is legible (default true)")),
}

TEXT_LAYER = Table(fields={
    **_COMMON,
    "slot": Field(Str(choices=tuple(SLOTS), description="the Story value shown")),
    "fallback": Field(Str(choices=tuple(SLOTS), description="slot shown when 'slot' is empty")),
    "text": Field(Str(description="literal text; may use {slot} and {brand.*} references")),
    **_TEXT_STYLE,
})

IMAGE_LAYER = Table(fields={
    **_COMMON,
    "src": Field(PathStr(extra=("photo",), description="'photo' (the user's photo) or a file in the template folder or assets/"), required=True),
    "fit": Field(Str(choices=("cover", "contain"))),
    "focal": Field(_FOCAL),
    "radius": Field(Num(minimum=0, description=f"corner radius, {_PX}")),
})

RECT_LAYER = Table(fields={
    **_COMMON,
    "color": Field(Color(), required=True),
    "radius": Field(Num(minimum=0, description=f"corner radius, {_PX}")),
})

LOGO_LAYER = Table(fields={
    **_COMMON,
    "variant": Field(Str(choices=("light", "dark"), description="light logo for dark backgrounds, dark for light "
                                                              "ones; cards switch to the other when it reads better")),
    "align": Field(Str(choices=("left", "center", "right"))),
    "valign": Field(Str(choices=("top", "middle", "bottom"))),
})

LAYER_TABLES: dict[str, Table] = {
    "text": TEXT_LAYER, "image": IMAGE_LAYER, "rect": RECT_LAYER, "logo": LOGO_LAYER,
}
LAYER = Named(name="layer", spec=Tagged(tag="type", variants=LAYER_TABLES))
#: what sizes_override may change in a layer: any layer key but its type
LAYER_OVERRIDE = Named(name="layer_override", spec=Table(fields={
    name: f for t in LAYER_TABLES.values() for name, f in t.partial().fields.items() if name != "type"
}))

GRADIENT = Table(fields={
    "from": Field(Color(), required=True),
    "to": Field(Color(), required=True),
    "angle": Field(Num(description="degrees, CSS convention: 180 runs top to bottom")),
})

SCRIM = Table(fields={
    "color": Field(Color()),
    "opacity": Field(_OPACITY),
    "gradient": Field(Str(choices=("none", "top", "bottom", "both"), description="where the scrim is strongest; none = even")),
})

_BACKGROUND = Table(fields={
    "color": Field(Color()),
    "gradient": Field(GRADIENT),
    "image": Field(PathStr(extra=("photo",), description="'photo' (the user's photo, else colour/gradient) or a file")),
    "fit": Field(Str(choices=("cover", "contain"))),
    "focal": Field(_FOCAL),
    "blur": Field(Num(minimum=0, maximum=200, description=_PX)),
    "scrim": Field(SCRIM),
})
BACKGROUND = Named(name="background", spec=_BACKGROUND)
BACKGROUND_OVERRIDE = Named(name="background_override", spec=_BACKGROUND.partial())

DEFAULTS = Named(name="defaults", spec=Table(fields={name: Field(t.partial()) for name, t in (
    ("text", Table(fields={k: v for k, v in TEXT_LAYER.fields.items() if k in _TEXT_STYLE})),
    ("rect", Table(fields={"color": RECT_LAYER.fields["color"], "radius": RECT_LAYER.fields["radius"]})),
    ("logo", Table(fields={k: LOGO_LAYER.fields[k] for k in ("variant", "align", "valign")})),
)}))

SCENE = Table(fields={
    "background": Field(BACKGROUND),
    "layers": Field(ArrayOf(item=LAYER)),
})

SCENE_OVERRIDE = Table(fields={
    "background": Field(BACKGROUND_OVERRIDE),
    "layers": Field(Table(values=LAYER_OVERRIDE, description="layer id -> keys to change")),
})

SUBTITLES = Table(fields={
    "box": Field(_BOX),
    "words": Field(Num(minimum=1, maximum=12, integer=True, description="most words on screen at once")),
    **{k: v for k, v in _TEXT_STYLE.items()
       if k not in ("prefix", "suffix", "quotes", "required", "highlight", "highlight_padding")},
    "highlight": Field(Str(choices=("none", "word"), description="'word': the word being spoken is drawn "
                                                                  "in highlight_color (karaoke)")),
    "highlight_color": Field(Color(description="colour of the word being spoken")),
}, description="a voice-over's words burned into the clip, in sync")

SIZE_OVERRIDE = Table(fields={
    "background": Field(BACKGROUND_OVERRIDE),
    "layers": Field(Table(values=LAYER_OVERRIDE, description="layer id -> keys to change")),
    "scenes": Field(Table(fields={s: Field(SCENE_OVERRIDE) for s in SCENES})),
    "subtitles": Field(SUBTITLES.partial()),
})

_SECONDS = Num(minimum=0.0, maximum=600.0, description="seconds")

CLIP_TABLES = {
    "fps": Field(Num(minimum=1, maximum=120, integer=True)),
    "timing": Field(Table(fields={
        "chars_per_second": Field(Num(minimum=1.0, maximum=100.0)),
        "min_scene": Field(_SECONDS), "max_scene": Field(_SECONDS),
        "target_min": Field(_SECONDS), "target_max": Field(_SECONDS),
        "hook_scene": Field(_SECONDS), "outro_scene": Field(_SECONDS),
        "quote_max_scene": Field(_SECONDS),
    })),
    "transition": Field(Table(fields={
        "type": Field(Str(choices=("cut", "crossfade", "slide"))),
        "duration": Field(Num(minimum=0.0, maximum=5.0, description="seconds")),
    })),
    "motion": Field(Table(fields={
        "ken_burns": Field(Table(fields={
            "zoom_from": Field(Num(minimum=0.5, maximum=3.0)),
            "zoom_to": Field(Num(minimum=0.5, maximum=3.0)),
            "pan": Field(Vec(length=2, minimum=-0.5, maximum=0.5, example="[0.0, -0.02]")),
        })),
        "text": Field(Str(choices=("none", "fade", "slide", "words"))),
        "text_duration": Field(Num(minimum=0.0, maximum=5.0, description="seconds")),
    })),
    "progress_bar": Field(Table(fields={
        "enabled": Field(Bool()),
        "color": Field(Color()),
        "height": Field(Num(minimum=0.0, maximum=0.1, description="fraction of the canvas height")),
        "position": Field(Str(choices=("top", "bottom"))),
    })),
    "audio": Field(Table(fields={
        "music": Field(PathStr(description="music bed in the template folder or assets/")),
        "volume": Field(Num(minimum=0.0, maximum=2.0)),
        "fade_in": Field(_SECONDS), "fade_out": Field(_SECONDS),
        "loudness": Field(Num(minimum=-40.0, maximum=0.0, description="integrated LUFS")),
        "duck": Field(Num(minimum=-60.0, maximum=0.0, description="dB the music drops by while a voice-over speaks")),
        "duck_ramp": Field(Num(minimum=0.0, maximum=2.0, description="seconds the music takes to duck and come back")),
    })),
    "subtitles": Field(SUBTITLES),
    "scenes": Field(Table(fields={s: Field(SCENE) for s in SCENES})),
}

TEMPLATE = Table(fields={
    "name": Field(Str(non_empty=True, description="must equal the folder name"), required=True),
    "kind": Field(Str(choices=("card", "clip")), required=True),
    "version": Field(Str(non_empty=True, description="bump when the look changes; recorded in the manifest"), required=True),
    "description": Field(Str()),
    "role": Field(Str(choices=CARD_ROLES, description="what a card shows (cards only)")),
    "sizes": Field(ArrayOf(item=SizeStr(), min_items=1, description="supported canvas sizes; the first is the default"), required=True),
    "defaults": Field(DEFAULTS),
    "background": Field(BACKGROUND),
    "layers": Field(ArrayOf(item=LAYER, description="drawn in order, first at the back")),
    "sizes_override": Field(Table(values=SIZE_OVERRIDE, key_spec=SizeStr(), description="per-size changes, keyed 'WxH'")),
    **CLIP_TABLES,
})

BRAND = Table(fields={
    "outlet": Field(Str(non_empty=True, description="the outlet name printed on cards"), required=True),
    "handle": Field(Str(description="social handle, e.g. '@ledevoir'")),
    "logo": Field(PathStr(description="logo for dark backgrounds, relative to assets/")),
    "logo_dark": Field(PathStr(description="logo for light backgrounds, relative to assets/")),
    "colors": Field(Table(values=Color(), description="named colours: {brand.colors.NAME}")),
    "fonts": Field(Table(values=Str(non_empty=True), description="named font families: {brand.fonts.NAME}")),
    "cta": Field(Table(values=Str(non_empty=True), description="default call to action per language code; 'default' for others")),
    "defaults": Field(DEFAULTS),
}, description="repackage brand file (assets/brand/brand.toml)")


def json_schema() -> dict:
    """JSON Schema (draft 2020-12) of a template.toml, from ``TEMPLATE``."""
    defs: dict = {}
    out = TEMPLATE.schema(defs)
    out = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://repackage.invalid/template.schema.json",
        "title": "repackage template (templates/<name>/template.toml)",
        **out,
    }
    out["allOf"] = [
        {"if": {"properties": {"kind": {"const": "card"}}},
         "then": {"required": list(CARD_REQUIRED), "not": {"anyOf": [{"required": [k]} for k in CLIP_KEYS]}}},
        {"if": {"properties": {"kind": {"const": "clip"}}},
         "then": {"required": list(CLIP_REQUIRED), "not": {"required": ["role"]}}},
    ]
    out["$defs"] = dict(sorted(defs.items()))
    return out


def json_schema_text() -> str:
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"

