"""The templates in a folder: listing them and checking them all.

``check_templates`` is what ``repackage templates check`` prints: every error
of every template (and of the brand file), plus warnings that do not stop a
render, such as text placed where TikTok or Reels cover a 9:16 video with
their own buttons and captions.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from .. import resources
from ..errors import TemplateError
from .brand import load_brand
from .files import Problem, display_path
from .loader import load_template, template_file, validate_template
from .model import Brand, Layer, LogoLayer, Size, Template, TemplateInfo, TextLayer, format_size


@dataclass(frozen=True)
class SafeZone:
    """Margins an app covers on a 9:16 canvas, in fractions of the canvas."""

    app: str
    top: float
    bottom: float
    left: float
    right: float
    what: str


SAFE_ZONES = (
    # TikTok on 1080x1920: top 250 px, bottom 420 px, right 170 px
    SafeZone("TikTok", 250 / 1920, 420 / 1920, 0.0, 170 / 1080, "the app's captions and buttons"),
    SafeZone("Reels", 0.14, 0.35, 0.06, 0.06, "the app's captions and buttons"),
)


def template_names(templates_dir: str | Path | None = None) -> list[str]:
    """Names of the template folders (those holding a template.toml), sorted."""
    base = Path(templates_dir) if templates_dir else resources.templates_dir()
    if not base.is_dir():
        return []
    return sorted(p.name for p in base.iterdir() if (p / "template.toml").is_file())


def templates_folder_problem(templates_dir: str | Path | None = None) -> str | None:
    """Why ``templates_dir`` cannot be used (missing, not a folder, no template in it), or None."""
    base = Path(templates_dir) if templates_dir else resources.templates_dir()
    if not base.exists():
        return "templates folder not found"
    if not base.is_dir():
        return "not a folder (expected a folder of templates)"
    if not template_names(base):
        return "no templates in this folder (each template is a folder holding a template.toml)"
    return None


def require_templates_folder(templates_dir: str | Path | None = None) -> Path:
    """``templates_dir`` (the shipped folder when None); ``TemplateError`` if it holds no templates."""
    base = Path(templates_dir) if templates_dir else resources.templates_dir()
    problem = templates_folder_problem(base)
    if problem:
        shown = display_path(base)
        raise TemplateError(problem, shown, [f"{shown}: {problem}"])
    return base


def list_templates(templates_dir: str | Path | None = None, *, assets_dir: str | Path | None = None,
                   brand: Brand | str | Path | None = None) -> list[TemplateInfo]:
    """One ``TemplateInfo`` per template folder; broken ones carry ``error``.

    Raises ``TemplateError`` when the folder is missing or holds no template.
    """
    base = require_templates_folder(templates_dir)
    if not isinstance(brand, Brand):
        brand = load_brand(brand, assets_dir=assets_dir)
    infos = []
    for name in template_names(base):
        try:
            t = load_template(name, templates_dir=base, assets_dir=assets_dir, brand=brand)
        except TemplateError as exc:
            problems = exc.problems or [str(exc)]
            infos.append(TemplateInfo(name, "?", "?", "", (), None, base / name / "template.toml",
                                      error=f"{len(problems)} problem(s); run 'repackage templates check {name}'"))
            continue
        infos.append(TemplateInfo(t.name, t.kind, t.version, t.description, t.sizes, t.role, t.path))
    return infos


def check_templates(names: Iterable[str] | None = None, *, templates_dir: str | Path | None = None,
                    assets_dir: str | Path | None = None, brand: str | Path | None = None) -> list[Problem]:
    """Every error and warning in the brand file and the named templates (all by default).

    A missing templates folder, or one without any template, is an error too.
    """
    base = Path(templates_dir) if templates_dir else resources.templates_dir()
    assets = Path(assets_dir) if assets_dir else resources.assets_dir()
    problems: list[Problem] = []
    folder_problem = templates_folder_problem(base)
    if folder_problem:
        problems.append(Problem(display_path(base), "", folder_problem))
    try:
        loaded_brand = load_brand(brand, assets_dir=assets)
    except TemplateError as exc:
        return problems + [_problem_from_line(line, exc.path) for line in (exc.problems or [str(exc)])]
    if folder_problem and not base.is_dir():
        return problems
    for name in (list(names) if names is not None else template_names(base)):
        path = template_file(name, base)
        if not path.exists():
            try:
                load_template(name, templates_dir=base, assets_dir=assets, brand=loaded_brand)
            except TemplateError as exc:
                problems.append(Problem(display_path(path), "", exc.message))
            continue
        found = validate_template(path, assets, loaded_brand)
        problems += found
        if not found:
            template = load_template(path, assets_dir=assets, brand=loaded_brand)
            problems += safe_zone_warnings(template)
    return problems


def _problem_from_line(line: str, path: str | None) -> Problem:
    file, _, rest = line.partition(": ")
    key, sep, message = rest.partition(": ")
    if not sep:
        key, message = "", rest
    return Problem(file or path or "", key, message)


def _vertical_sizes(template: Template) -> list[Size]:
    return [s for s in template.sizes if abs(s[0] / s[1] - 9 / 16) < 0.01]


def _content_layers(template: Template, size: Size) -> list[tuple[str, Layer]]:
    """(key, layer) of the text and logo layers drawn at ``size``."""
    variant = template.variant(size)
    out = [(f"layers[{x.index}]", x) for x in variant.layers]
    for scene, s in variant.scenes.items():
        top = {id(x) for x in variant.layers}
        out += [(f"scenes.{scene}.layers[{x.index}]", x) for x in s.layers if id(x) not in top]
    return [(k, x) for k, x in out if isinstance(x, (TextLayer, LogoLayer))]


def safe_zone_warnings(template: Template) -> list[Problem]:
    """Warnings for text and logos that TikTok or Reels would cover on 9:16 sizes."""
    shown = display_path(template.path)
    warnings = []
    for size in _vertical_sizes(template):
        for key, layer in _content_layers(template, size):
            for zone in SAFE_ZONES:
                for side in _sides_covered(layer, size, zone):
                    warnings.append(Problem(shown, f"{key}.box", f"at {format_size(size)} the box enters "
                                            f"the {side} that {zone.app} covers with {zone.what}",
                                            severity="warning"))
    return warnings


def _sides_covered(layer: Layer, size: Size, zone: SafeZone) -> list[str]:
    w, h = size
    left, top, bw, bh = layer.box.pixels(size)
    margins = {
        "top": (zone.top * h, top < zone.top * h - 0.5),
        "bottom": (zone.bottom * h, top + bh > h - zone.bottom * h + 0.5),
        "left": (zone.left * w, left < zone.left * w - 0.5),
        "right": (zone.right * w, left + bw > w - zone.right * w + 0.5),
    }
    return [f"{side} {round(px)} px" for side, (px, hit) in margins.items() if px > 0 and hit]
