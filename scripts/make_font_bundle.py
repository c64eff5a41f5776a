"""Rebuild the bundled fonts from Debian's Noto packages.

    apt-get install fonts-noto-core fonts-noto-extra fonts-noto-mono
    python scripts/make_font_bundle.py

Outline fonts are copied with their TrueType hinting removed (``fpgm``,
``prep``, ``cvt``, device metrics and per-glyph instructions): outlines,
advances, kerning and shaping tables are untouched, text looks the same at
card sizes, and FreeType lays it out about eight times faster. The colour
emoji font (11 MB) is not bundled: repackage uses the system's copy
(``fonts-noto-color-emoji``, see fonts.toml). Needs ``fontTools``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools.ttLib import TTFont

SOURCE = Path("/usr/share/fonts/truetype/noto")
HERE = Path(__file__).resolve().parent.parent / "assets" / "fonts"

OUTLINE_FONTS = [
    "NotoSans-Regular", "NotoSans-Bold", "NotoSans-Black", "NotoSans-Light",
    "NotoSans-Italic", "NotoSans-BoldItalic",
    "NotoSerif-Regular", "NotoSerif-Bold", "NotoSerif-Italic", "NotoSerif-BoldItalic",
    "NotoSansDisplay-CondensedBold", "NotoSansDisplay-CondensedBlack",
    "NotoSansMono-Regular", "NotoSansMono-Bold",
    "NotoSansArabic-Regular", "NotoSansArabic-Bold",
    "NotoSansHebrew-Regular", "NotoSansHebrew-Bold",
    "NotoSansSymbols-Regular", "NotoSansSymbols-Bold", "NotoSansSymbols2-Regular",
]
HINTING_TABLES = ("fpgm", "prep", "cvt ", "hdmx", "LTSH", "VDMX")


def dehint(source: Path, dest: Path) -> None:
    font = TTFont(source)
    for tag in HINTING_TABLES:
        if tag in font:
            del font[tag]
    glyf = font["glyf"]
    for name in font.getGlyphOrder():
        glyf[name].removeHinting()
    font["maxp"].maxSizeOfInstructions = 0
    font.save(dest)


def main() -> int:
    for name in OUTLINE_FONTS:
        dehint(SOURCE / f"{name}.ttf", HERE / f"{name}.ttf")
    return 0


if __name__ == "__main__":
    sys.exit(main())
