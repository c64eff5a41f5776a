"""How a template's text box looks: :class:`TextStyle` and colour parsing.

Part of the template schema; :mod:`repackage.templating.typeset` measures text
in a style and :mod:`repackage.render.text` draws it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from repackage.errors import TemplateError
from repackage.templating import fonts

__all__ = ["TextStyle", "parse_color"]

_ALIGNS = ("left", "center", "right")
_VALIGNS = ("top", "middle", "bottom")
_CASES = ("none", "upper", "lower", "title")
_HEX_COLOR = re.compile(r"#([0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})")


def parse_color(value: str) -> tuple[int, int, int, int]:
    """``#RGB``, ``#RGBA``, ``#RRGGBB`` or ``#RRGGBBAA`` -> (r, g, b, a)."""
    match = _HEX_COLOR.fullmatch(value.strip()) if isinstance(value, str) else None
    if match is None:
        raise TemplateError(f"invalid colour {value!r} (use #RRGGBB or #RRGGBBAA)")
    digits = match.group(1)
    if len(digits) <= 4:
        digits = "".join(c * 2 for c in digits)
    if len(digits) == 6:
        digits += "ff"
    r, g, b, a = (int(digits[i : i + 2], 16) for i in range(0, 8, 2))
    return r, g, b, a


@dataclass(frozen=True)
class TextStyle:
    """How a text box looks and how its text is fitted.

    ``font`` is a family key of ``assets/fonts/fonts.toml`` or a path to a font
    file; ``weight`` falls back to the nearest weight the family has. For
    right-to-left paragraphs ``align`` is mirrored ("left" means "start").
    ``letter_spacing`` and ``highlight_padding`` are in em; letter spacing
    applies to Latin, Greek, Cyrillic, symbols and emoji only (Arabic and
    other cursive or conjunct-forming scripts must not be tracked).
    ``highlight`` draws a bar of that colour behind each line; ``shadow`` a soft
    drop shadow of that colour (with alpha, e.g. ``"#00000080"``), offset and
    blurred by 0.04 em; ``stroke_width`` (px) outlines the glyphs in
    ``stroke_color`` (black when not given). Colours: ``#RGB``, ``#RRGGBB`` or
    ``#RRGGBBAA``. Invalid values raise :class:`TemplateError` naming the field.
    """

    font: str = "sans"
    weight: str = "regular"
    color: str = "#FFFFFF"
    min_size: int = 28
    max_size: int = 96
    max_lines: int = 6
    align: str = "left"
    valign: str = "top"
    line_height: float = 1.15
    letter_spacing: float = 0.0
    case: str = "none"
    highlight: str | None = None
    highlight_padding: float = 0.25
    stroke_width: int = 0
    stroke_color: str | None = None
    shadow: str | None = None

    def __post_init__(self) -> None:
        problems = [p for p in self._problems() if p]
        if problems:
            raise TemplateError("invalid text style: " + "; ".join(problems), problems=problems)

    def _problems(self) -> list[str]:
        def choice(name: str, allowed: tuple[str, ...]) -> str:
            value = getattr(self, name)
            return "" if value in allowed else f"{name} must be one of {', '.join(allowed)} (got {value!r})"

        out = [
            choice("weight", fonts.WEIGHTS),
            choice("align", _ALIGNS),
            choice("valign", _VALIGNS),
            choice("case", _CASES),
            "" if isinstance(self.font, str) and self.font.strip() else "font must be a family name or a font file",
            ""
            if 1 <= self.min_size <= self.max_size
            else f"need 1 <= min_size <= max_size (got {self.min_size}, {self.max_size})",
            "" if self.max_lines >= 1 else f"max_lines must be >= 1 (got {self.max_lines})",
            "" if self.line_height > 0 else f"line_height must be > 0 (got {self.line_height})",
            "" if self.highlight_padding >= 0 else "highlight_padding must be >= 0",
            "" if self.stroke_width >= 0 else "stroke_width must be >= 0",
        ]
        for name in ("color", "highlight", "stroke_color", "shadow"):
            value = getattr(self, name)
            if value is not None:
                try:
                    parse_color(value)
                except TemplateError as exc:
                    out.append(f"{name}: {exc.message}")
        return out
