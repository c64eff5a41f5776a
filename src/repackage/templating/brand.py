"""The brand file shared by every template: ``assets/brand/brand.toml``.

It names the outlet, its social handle, its logos, a colour palette and font
families that templates reference as ``{brand.colors.accent}`` or
``{brand.fonts.quote}``, default calls to action per language, and brand-wide
layer defaults (``[defaults.text]``) that templates build on.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from .. import resources
from .files import Problem, display_path, raise_if_errors, read_toml, resolve_file, substitute_brand_refs
from .model import Brand
from .schema import BRAND


def default_brand_path() -> Path:
    return resources.assets_dir() / "brand" / "brand.toml"


def brand_refs(raw: dict) -> dict[str, str]:
    """Every reference a template may use, 'colors.accent' -> '#F2B134'."""
    refs: dict[str, str] = {}
    for key in ("outlet", "handle"):
        if isinstance(raw.get(key), str):
            refs[key] = raw[key]
    for table in ("colors", "fonts", "cta"):
        for name, value in (raw.get(table) or {}).items():
            if isinstance(value, str):
                refs[f"{table}.{name}"] = value
    return refs


def brand_lookup(brand: Brand) -> Callable[[str], str | None]:
    """Resolve 'colors.accent' style references against a loaded brand."""
    refs = {"outlet": brand.outlet, **({"handle": brand.handle} if brand.handle else {})}
    refs.update({f"colors.{k}": v for k, v in brand.colors.items()})
    refs.update({f"fonts.{k}": v for k, v in brand.fonts.items()})
    refs.update({f"cta.{k}": v for k, v in brand.cta.items()})
    return refs.get


def known_refs(brand: Brand) -> tuple[str, ...]:
    lookup = brand_lookup(brand)
    names = ["outlet", "handle", *(f"colors.{k}" for k in brand.colors),
             *(f"fonts.{k}" for k in brand.fonts), *(f"cta.{k}" for k in brand.cta)]
    return tuple(n for n in names if lookup(n) is not None)


def load_brand(path: str | Path | None = None, *, assets_dir: str | Path | None = None) -> Brand:
    """Load and validate a brand file (default: the shipped ``assets/brand/brand.toml``).

    Raises ``TemplateError`` listing every problem (``file: key: expectation``).
    """
    path = Path(path) if path else default_brand_path()
    assets = Path(assets_dir) if assets_dir else resources.assets_dir()
    raw = read_toml(path)
    shown = display_path(path)
    problems: list[Problem] = []

    def report(key: str, message: str) -> None:
        problems.append(Problem(shown, key, message))

    for key, message in BRAND.check(raw, ""):
        report(key, message)
    raise_if_errors(problems, path, "brand file")

    refs = brand_refs(raw)
    for key in ("colors", "fonts", "cta"):
        for name, value in (raw.get(key) or {}).items():
            if "{brand." in value:
                report(f"{key}.{name}", "brand values cannot reference other brand values")
    defaults = substitute_brand_refs(raw.get("defaults", {}), "defaults", refs.get, tuple(refs), report)
    for key, message in BRAND.fields["defaults"].spec.check(defaults, "defaults"):
        report(key, message)

    roots = (path.parent, assets)
    logos = {k: resolve_file(raw[k], roots, k, report) if k in raw else None for k in ("logo", "logo_dark")}
    raise_if_errors(problems, path, "brand file")
    return Brand(
        outlet=raw["outlet"],
        handle=raw.get("handle") or None,
        logo=logos["logo"],
        logo_dark=logos["logo_dark"],
        colors=dict(raw.get("colors", {})),
        fonts=dict(raw.get("fonts", {})),
        cta=dict(raw.get("cta", {})),
        text_defaults=dict(defaults.get("text", {})),
        rect_defaults=dict(defaults.get("rect", {})),
        logo_defaults=dict(defaults.get("logo", {})),
        path=path.resolve(),
    )
