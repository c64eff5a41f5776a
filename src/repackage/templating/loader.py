"""Load a template folder into a ``Template``, or report everything wrong with it.

Steps: parse TOML -> replace brand references -> check every key against
``schema.TEMPLATE`` -> checks the schema cannot express (name = folder, boxes
inside the canvas, paths inside the template folder or ``assets/``, slot
references, per-size overrides) -> merge defaults (built-in < brand <
template ``[defaults]`` < layer) and build one ``Variant`` per size.

Nothing in a template is executed; every problem is collected before raising
one ``TemplateError`` whose ``problems`` read ``file: key.path: expectation``.
"""

from __future__ import annotations

import copy
from dataclasses import fields as dc_fields
from pathlib import Path
from typing import Callable

from .. import resources
from ..errors import TemplateError
from .brand import brand_lookup, known_refs, load_brand
from .files import Problem, display_path, raise_if_errors, read_toml, resolve_file, substitute_brand_refs
from .model import (
    Audio, Background, Box, Brand, ClipSettings, Gradient, ImageLayer, KenBurns, Layer,
    LogoLayer, Motion, ProgressBar, RectLayer, Scene, Scrim, Size, Subtitles, Template, TextLayer,
    TextSpec, Timing, Transition, Variant, parse_size, text_slots,
)
from .fonts import FontFile, family_names, is_font_path
from .schema import ANCHORS, CARD_REQUIRED, CLIP_KEYS, CLIP_REQUIRED, LAYER_TABLES, SLOTS, TEMPLATE
from .spec import closest, did_you_mean, join_key

Report = Callable[[str, str], None]

FONT_SUFFIXES = (".ttf", ".otf", ".ttc")
_TEXT_STYLE_KEYS = {f.name for f in dc_fields(TextSpec)}


def template_file(name_or_path: str | Path, templates_dir: str | Path | None = None) -> Path:
    """The ``template.toml`` that ``name_or_path`` designates (a name, a folder or the file)."""
    candidate = Path(name_or_path)
    if candidate.suffix == ".toml":
        return candidate
    if (candidate / "template.toml").is_file() or len(candidate.parts) > 1:
        return candidate / "template.toml"
    base = Path(templates_dir) if templates_dir else resources.templates_dir()
    return base / str(name_or_path) / "template.toml"


def load_template(name_or_path: str | Path, *, templates_dir: str | Path | None = None,
                  assets_dir: str | Path | None = None, brand: Brand | str | Path | None = None) -> Template:
    """Load, validate and resolve one template.

    ``name_or_path`` is a template name looked up in ``templates_dir`` (the
    shipped ``templates/`` by default), a template folder or its
    ``template.toml``. ``brand`` is a loaded ``Brand``, a brand file path, or
    None for the shipped brand. Raises ``TemplateError`` with every problem.
    """
    path = template_file(name_or_path, templates_dir)
    if not path.exists():
        shown = display_path(path)
        hint = ""
        if path.parent.parent.is_dir():
            names = [p.name for p in path.parent.parent.iterdir() if (p / "template.toml").exists()]
            hint = did_you_mean(path.parent.name, names)
        message = f"no template {path.parent.name!r} (no file {shown}){hint}"
        raise TemplateError(message, None, [message])
    assets = Path(assets_dir) if assets_dir else resources.assets_dir()
    if not isinstance(brand, Brand):
        brand = load_brand(brand, assets_dir=assets)
    template, problems = _load(path, assets, brand)
    raise_if_errors(problems, path, "template")
    assert template is not None
    return template


def validate_template(path: Path, assets_dir: Path, brand: Brand) -> list[Problem]:
    """Every problem in the template at ``path`` (empty list when it loads)."""
    try:
        return _load(path, assets_dir, brand)[1]
    except TemplateError as exc:  # unreadable or TOML syntax error
        return [Problem(exc.path or display_path(path), "", p.split(": ", 1)[-1]) for p in exc.problems]


class _Loader:
    """State for one load: where problems go and how paths resolve."""

    def __init__(self, path: Path, assets: Path, brand: Brand):
        self.path = path
        self.folder = path.parent
        self.assets = assets
        self.brand = brand
        self.shown = display_path(path)
        self.problems: list[Problem] = []
        self.reported_keys: set[str] = set()  # keys the schema check already faulted

    def report(self, key: str, message: str) -> None:
        problem = Problem(self.shown, key, message)
        if problem not in self.problems:
            self.problems.append(problem)

    def file(self, value: str, key: str) -> Path | None:
        if key in self.reported_keys:  # e.g. a '..' path: said once, by the schema check
            return None
        return resolve_file(value, (self.folder, self.assets), key, self.report)


def _load(path: Path, assets: Path, brand: Brand) -> tuple[Template | None, list[Problem]]:
    raw = read_toml(path)
    ld = _Loader(path, assets, brand)
    data = substitute_brand_refs(raw, "", brand_lookup(brand), known_refs(brand), ld.report)
    structure = TEMPLATE.check(data, "")
    for key, message in structure:
        ld.report(key, message)
    ld.reported_keys = {key for key, _ in structure}
    # The checks below read only well-formed parts (what the schema check
    # faulted is skipped, not re-reported), so one run shows every problem.
    _check_template(data, ld)
    if ld.problems:
        return None, ld.problems
    template = _build(data, ld)
    return (template if not ld.problems else None), ld.problems


# ---------------------------------------------------------------- checks


def _table(value: object) -> dict:
    return value if isinstance(value, dict) else {}


def _items(value: object) -> list:
    return value if isinstance(value, list) else []


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _is_box(value: object) -> bool:
    return isinstance(value, list) and len(value) == 4 and all(_is_number(v) for v in value)


def _is_layer(layer: object) -> bool:
    return isinstance(layer, dict) and layer.get("type") in LAYER_TABLES


def _layer_id(layer: dict) -> str | None:
    lid = layer.get("id") or (layer.get("slot") if layer.get("type") == "text" else None)
    return lid if isinstance(lid, str) else None


def _check_template(data: dict, ld: _Loader) -> None:
    name = data.get("name")
    if isinstance(name, str) and name != ld.folder.name:
        ld.report("name", f"expected {ld.folder.name!r} (the folder name), got {name!r}")
    if data.get("kind") == "card":
        for key in CARD_REQUIRED:
            if key not in data:
                ld.report(key, "required key is missing (card templates need it)")
        for key in CLIP_KEYS:
            if key in data:
                ld.report(key, "only clip templates have this key")
    elif data.get("kind") == "clip":
        for key in CLIP_REQUIRED:
            if key not in data:
                ld.report(key, "required key is missing (clip templates need it)")
        if "role" in data:
            ld.report("role", "only card templates have this key")
    sizes = [s for s in _items(data.get("sizes")) if isinstance(s, str)]
    for i, s in enumerate(sizes):
        if s in sizes[:i]:
            ld.report(f"sizes[{i}]", f"{s!r} is listed twice")
    defaults = _table(data.get("defaults"))
    lists = _layer_lists(data)
    for prefix, layers in lists:
        _check_layers(layers, prefix, defaults, ld)
    ids = {i for prefix, layers in lists for i in _layer_ids(layers, prefix, ld)}
    for size, override in _table(data.get("sizes_override")).items():
        key = join_key("sizes_override", size)
        if sizes and size not in sizes:
            ld.report(key, f"size not listed in sizes ({', '.join(sizes)})")
        _check_override(_table(override), key, ids, data, ld)
    _check_override_boxes(data, ld)
    _check_backgrounds(data, ld)


def _layer_lists(data: dict) -> list[tuple[str, list]]:
    out = [("layers", _items(data.get("layers")))]
    for scene, table in _table(data.get("scenes")).items():
        out.append((f"scenes.{scene}.layers", _items(_table(table).get("layers"))))
    return out


def _layer_ids(layers: list, prefix: str, ld: _Loader) -> list[str]:
    """Ids of ``layers`` (explicit ``id`` or a text layer's slot); duplicate ids reported."""
    ids: list[str] = []
    for i, layer in enumerate(layers):
        if not _is_layer(layer):
            continue
        lid = _layer_id(layer)
        if lid is not None and "id" in layer and lid in ids:
            ld.report(f"{prefix}[{i}].id", f"another layer already has the id {lid!r}")
        if lid is not None:
            ids.append(lid)
    return ids


def _check_layers(layers: list, prefix: str, defaults: dict, ld: _Loader) -> None:
    for i, layer in enumerate(layers):
        if not _is_layer(layer):
            continue
        key = f"{prefix}[{i}]"
        anchor = layer.get("anchor", "top-left")
        if _is_box(layer.get("box")) and anchor in ANCHORS and f"{key}.box" not in ld.reported_keys:
            _check_box(layer["box"], anchor, f"{key}.box", ld)
        if layer["type"] == "text":
            text_defaults = {**ld.brand.text_defaults, **_table(defaults.get("text"))}
            _check_text_layer(layer, key, text_defaults, ld)
        elif layer["type"] == "image" and isinstance(layer.get("src"), str) and layer["src"] != "photo":
            ld.file(layer["src"], f"{key}.src")
        elif layer["type"] == "logo":
            variant = layer.get("variant") or _table(defaults.get("logo")).get("variant", "light")
            if isinstance(variant, str) and ld.brand.logo_for(variant) is None:
                ld.report(key, "the brand file names no logo (set 'logo' in brand.toml)")


def _check_box(box: list[float], anchor: str, key: str, ld: _Loader, *, inherited: bool = False) -> None:
    left, top = Box(*box, anchor=anchor).top_left()
    edges = (("left", left, "x"), ("top", top, "y"), ("right", left + box[2], "x + w"), ("bottom", top + box[3], "y + h"))
    for edge, value, formula in edges:
        limit = "≥ 0" if edge in ("left", "top") else "≤ 1"
        if -1e-9 <= value <= 1 + 1e-9:
            continue
        if anchor == "top-left":
            ld.report(key, f"the box runs past the {edge} edge of the canvas ({formula} = {value:.4g}, must be {limit})")
        else:
            whose = f"anchor {anchor!r}, kept from the layer," if inherited else f"anchor {anchor!r}"
            ld.report(key, f"the box runs past the {edge} edge of the canvas (with {whose} "
                           f"its {edge} edge is at {value:.4g}, must be {limit})")
    if box[2] <= 0 or box[3] <= 0:
        ld.report(key, "the box needs a width and a height above 0")


def _check_text_layer(layer: dict, key: str, defaults: dict, ld: _Loader) -> None:
    has_slot, has_text = "slot" in layer, "text" in layer
    if "fallback" in layer and not has_slot:
        ld.report(f"{key}.fallback", "only a layer with 'slot' can have a fallback slot")
    if has_slot == has_text:
        ld.report(key, "a text layer needs either 'slot' or 'text' (not both)" if has_slot
                  else "a text layer needs 'slot' or 'text'")
    text = layer.get("text")
    for name in text_slots(text if isinstance(text, str) else ""):
        if name not in SLOTS:
            hint = closest(name, tuple(SLOTS))
            ld.report(f"{key}.text", f"unknown slot '{{{name}}}'" + (f" (did you mean '{{{hint}}}'?)" if hint else ""))
    merged = {**defaults, **layer}
    lo, hi = merged.get("min_size", TextSpec.min_size), merged.get("max_size", TextSpec.max_size)
    sizes_ok = not {f"{key}.min_size", f"{key}.max_size"} & ld.reported_keys
    if _is_number(lo) and _is_number(hi) and lo > hi and sizes_ok:
        ld.report(f"{key}.min_size", f"{lo} is larger than max_size {hi}")
    font = merged.get("font")
    font_key = f"{key}.font" if "font" in layer else "defaults.text.font"
    if isinstance(font, str) and font.strip() and font_key not in ld.reported_keys:
        _check_font(font, font_key, ld)


def _check_font(font: str, key: str, ld: _Loader) -> None:
    """A family of assets/fonts/fonts.toml, or a font file in the template folder or assets/."""
    if is_font_path(font):
        if not font.lower().endswith(FONT_SUFFIXES):
            ld.report(key, f"expected a font file ending in .ttf, .otf or .ttc, got {font!r}")
        else:
            ld.file(font, key)
        return
    families = family_names()
    if font not in families:
        ld.report(key, f"unknown font family {font!r} (use one of {', '.join(families)}, "
                       f"or a .ttf/.otf file in the template folder){did_you_mean(font, families)}")


def _check_override(override: dict, key: str, ids: set[str], data: dict, ld: _Loader) -> None:
    for lid in _table(override.get("layers")):
        if lid not in ids:
            ld.report(join_key(f"{key}.layers", lid), f"no layer has this id{did_you_mean(lid, tuple(sorted(ids)))}")
    for scene, table in _table(override.get("scenes")).items():
        if scene not in _table(data.get("scenes")):
            ld.report(f"{key}.scenes.{scene}", "the template has no such scene")
        for lid in _table(_table(table).get("layers")):
            if lid not in ids:
                ld.report(join_key(f"{key}.scenes.{scene}.layers", lid), f"no layer has this id{did_you_mean(lid, tuple(sorted(ids)))}")


def _check_override_boxes(data: dict, ld: _Loader) -> None:
    """Each per-size box as the renderer places it: with the anchor the layer keeps.

    A layer's ``anchor`` applies to the boxes its overrides give (an override
    may set its own ``anchor``); the box is checked where it really lands.
    """
    for size, override in _table(data.get("sizes_override")).items():
        okey = join_key("sizes_override", size)
        override = _table(override)
        top_changes = _table(override.get("layers"))
        for prefix, layers in _layer_lists(data):
            scene = prefix.split(".")[1] if prefix.startswith("scenes.") else None
            scene_changes = _table(_table(_table(_table(override.get("scenes")).get(scene)).get("layers"))) if scene else {}
            for layer in layers:
                if not _is_layer(layer) or _layer_id(layer) is None:
                    continue
                lid = _layer_id(layer)
                steps = [(join_key(f"{okey}.layers", lid), _table(top_changes.get(lid)))]
                if scene:
                    steps.append((join_key(f"{okey}.scenes.{scene}.layers", lid), _table(scene_changes.get(lid))))
                steps = [(k, ch) for k, ch in steps if "box" in ch or "anchor" in ch]
                if not steps:
                    continue
                merged = dict(layer)
                for _, changes in steps:
                    merged.update(changes)
                where, last = steps[-1]
                box, anchor = merged.get("box"), merged.get("anchor", "top-left")
                if not (_is_box(box) and anchor in ANCHORS):
                    continue
                key = f"{where}.box" if "box" in last else f"{where}.anchor"
                if {key, f"{where}.box"} & ld.reported_keys:
                    continue
                inherited = "anchor" not in last and anchor != "top-left"
                _check_box(box, anchor, key, ld, inherited=inherited)


def _check_backgrounds(data: dict, ld: _Loader) -> None:
    tables = [("background", _table(data.get("background")))]
    tables += [(f"scenes.{s}.background", _table(_table(t).get("background")))
               for s, t in _table(data.get("scenes")).items()]
    tables += [(join_key("sizes_override", size) + ".background", _table(_table(o).get("background")))
               for size, o in _table(data.get("sizes_override")).items()]
    for key, bg in tables:
        image = bg.get("image")
        if isinstance(image, str) and image and image != "photo":
            ld.file(image, f"{key}.image")
    music = _table(data.get("audio")).get("music")
    if isinstance(music, str) and music:
        ld.file(music, "audio.music")


# ---------------------------------------------------------------- building


def _deep_merge(base: dict, changes: dict) -> dict:
    out = copy.deepcopy(base)
    for k, v in changes.items():
        out[k] = _deep_merge(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) else copy.deepcopy(v)
    return out


def _build(data: dict, ld: _Loader) -> Template:
    sizes = tuple(parse_size(s) for s in data["sizes"])
    variants = {size: _variant(data, size, ld) for size in sizes}
    return Template(
        name=data["name"],
        kind=data["kind"],
        version=data["version"],
        description=data.get("description", ""),
        role=data.get("role"),
        sizes=sizes,
        folder=ld.folder.resolve(),
        path=ld.path.resolve(),
        brand=ld.brand,
        variants=variants,
        clip=_clip_settings(data, ld) if data["kind"] == "clip" else None,
    )


def _variant(data: dict, size: Size, ld: _Loader) -> Variant:
    override = data.get("sizes_override", {}).get(f"{size[0]}x{size[1]}", {})
    defaults = data.get("defaults", {})
    bg_raw = _deep_merge(data.get("background", {}), override.get("background", {}))
    by_id = override.get("layers", {})
    top = tuple(_layer(x, i, defaults, ld) for i, x in enumerate(_apply(data.get("layers", []), by_id)))
    scenes = {}
    for name, table in data.get("scenes", {}).items():
        scene_over = override.get("scenes", {}).get(name, {})
        scene_bg = _deep_merge(_deep_merge(bg_raw, table.get("background", {})), scene_over.get("background", {}))
        raw_layers = _apply(_apply(table.get("layers", []), by_id), scene_over.get("layers", {}))
        layers = tuple(_layer(x, i, defaults, ld) for i, x in enumerate(raw_layers))
        scenes[name] = Scene(_background(scene_bg, ld), tuple(x for x in layers + top if x.visible))
    return Variant(size, _background(bg_raw, ld), tuple(x for x in top if x.visible), scenes)


def _apply(layers: list[dict], by_id: dict[str, dict]) -> list[dict]:
    """``layers`` with the per-size changes of ``by_id`` merged in."""
    out = []
    for layer in layers:
        lid = layer.get("id") or (layer.get("slot") if layer["type"] == "text" else None)
        out.append(_deep_merge(layer, by_id[lid]) if lid in by_id else layer)
    return out


def _background(raw: dict, ld: _Loader) -> Background:
    gradient = raw.get("gradient")
    scrim = raw.get("scrim")
    image = raw.get("image")
    return Background(
        color=raw.get("color", ld.brand.colors.get("background", "#000000")),
        gradient=Gradient(gradient["from"], gradient["to"], float(gradient.get("angle", 180))) if gradient else None,
        image=ld.file(image, "background.image") if image and image != "photo" else None,
        photo=image == "photo",
        fit=raw.get("fit", "cover"),
        focal=tuple(raw.get("focal", Background.focal)),
        blur=float(raw.get("blur", 0)),
        scrim=Scrim(**{k: v for k, v in scrim.items()}) if scrim else None,
    )


def _layer(raw: dict, index: int, defaults: dict, ld: _Loader) -> Layer:
    kind = raw["type"]
    common = dict(
        index=index,
        id=raw.get("id") or (raw.get("slot") if kind == "text" else None),
        box=Box(*raw["box"], anchor=raw.get("anchor", "top-left")),
        visible=raw.get("visible", True),
        opacity=float(raw.get("opacity", 1.0)),
    )
    if kind == "text":
        merged = {**ld.brand.text_defaults, **defaults.get("text", {}), **raw}
        if is_font_path(merged.get("font", "")):  # checked: a file in the template folder or assets/
            merged["font"] = FontFile(ld.file(merged["font"], f"layers[{index}].font"))
        style = TextSpec(**{k: v for k, v in merged.items() if k in _TEXT_STYLE_KEYS})
        return TextLayer(
            **common, slot=raw.get("slot"), fallback=raw.get("fallback"), text=raw.get("text"), style=style,
            prefix=merged.get("prefix", ""), suffix=merged.get("suffix", ""),
            quotes=merged.get("quotes", False), required=merged.get("required", False),
            contrast=merged.get("contrast", True),
        )
    if kind == "image":
        photo = raw["src"] == "photo"
        return ImageLayer(
            **common, src=None if photo else ld.file(raw["src"], f"layers[{index}].src"), photo=photo,
            fit=raw.get("fit", "cover"), focal=tuple(raw.get("focal", ImageLayer.focal)),
            radius=float(raw.get("radius", 0)),
        )
    if kind == "rect":
        merged = {**ld.brand.rect_defaults, **defaults.get("rect", {}), **raw}
        return RectLayer(**common, color=merged["color"], radius=float(merged.get("radius", 0)))
    merged = {**ld.brand.logo_defaults, **defaults.get("logo", {}), **raw}
    variant = merged.get("variant", "light")
    other = "dark" if variant == "light" else "light"
    path, alternate = ld.brand.logo_for(variant), ld.brand.logo_for(other)
    return LogoLayer(
        **common, path=path, variant=variant, alternate=alternate if alternate != path else None,
        align=merged.get("align", "left"), valign=merged.get("valign", "middle"),
    )


def _clip_settings(data: dict, ld: _Loader) -> ClipSettings:
    motion = data.get("motion", {})
    kb = motion.get("ken_burns")
    audio = dict(data.get("audio", {}))
    if "music" in audio:
        audio["music"] = ld.file(audio["music"], "audio.music")
    return ClipSettings(
        fps=data.get("fps", 30),
        timing=Timing(**data.get("timing", {})),
        transition=Transition(**data.get("transition", {})),
        motion=Motion(
            ken_burns=KenBurns(**{**kb, **({"pan": tuple(kb["pan"])} if "pan" in kb else {})}) if kb else None,
            **{k: v for k, v in motion.items() if k != "ken_burns"},
        ),
        progress_bar=ProgressBar(**data.get("progress_bar", {})),
        audio=Audio(**audio),
        subtitles=_subtitles(data, ld),
    )


def _subtitles(data: dict, ld: _Loader) -> Subtitles:
    """``[subtitles]``: the box and style a voice-over's words are drawn with
    (``sizes_override."WxH".subtitles`` changes them for one size)."""
    raw = data.get("subtitles", {})
    defaults = data.get("defaults", {})
    karaoke = {k: raw[k] for k in ("words", "highlight", "highlight_color") if k in raw}
    if "box" not in raw:
        return Subtitles(**karaoke)

    def layer(table: dict) -> TextLayer:
        style = {k: v for k, v in table.items() if k not in karaoke}
        return _layer({"type": "text", "id": "subtitles", "slot": "caption", "contrast": True, **style}, 0, defaults, ld)

    sizes = {}
    for key, override in data.get("sizes_override", {}).items():
        if override.get("subtitles"):
            sizes[parse_size(key)] = layer({**raw, **override["subtitles"]})
    return Subtitles(layer=layer(raw), sizes=sizes, **karaoke)
