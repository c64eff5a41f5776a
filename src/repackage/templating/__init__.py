"""Templates designers own: loading, validation, brand, registry.

A template is a folder ``templates/<name>/`` holding ``template.toml`` and its
artwork; the brand file ``assets/brand/brand.toml`` is shared by all. See
``templates/README.md`` for the format and ``templates/template.schema.json``
for its JSON Schema.
"""

from __future__ import annotations

from .brand import load_brand
from .files import Problem
from .loader import load_template
from .model import (
    Audio, Background, Box, Brand, ClipSettings, Gradient, ImageLayer, KenBurns, Layer,
    LogoLayer, Motion, ProgressBar, RectLayer, Scene, Scrim, Size, Template, TemplateInfo,
    TextLayer, TextSpec, Timing, Transition, Variant, format_size, parse_size, REFERENCE_WIDTH,
)
from .registry import check_templates, list_templates, safe_zone_warnings, template_names
from .schema import SLOTS, json_schema

__all__ = [
    "Audio", "Background", "Box", "Brand", "ClipSettings", "Gradient", "ImageLayer", "KenBurns",
    "Layer", "LogoLayer", "Motion", "Problem", "ProgressBar", "REFERENCE_WIDTH", "RectLayer",
    "SLOTS", "Scene", "Scrim", "Size", "Template", "TemplateInfo", "TextLayer", "TextSpec",
    "Timing", "Transition", "Variant", "check_templates", "format_size", "json_schema",
    "list_templates", "load_brand", "load_template", "parse_size", "safe_zone_warnings",
    "template_names",
]
