"""Text for cards and clips, measured: fitting, balanced wrapping, shaping, fallback.

:func:`fit_text` finds the largest font size at which a text wraps into a box
(never cutting or hyphenating a word), with balanced line breaks; the result
is a :class:`TextLayout`, plain data that :func:`repackage.render.text.render_layout`
and :func:`repackage.render.text.draw_layout` turn into pixels. Each line is
split into runs, one per font of the fallback chain
(:mod:`repackage.templating.fonts`) and bidi level, ordered for display and
shaped with libraqm, so Arabic and Hebrew read right to left and emoji come
out in colour.

This module measures with Pillow and draws nothing, so planning can fit text
without depending on the renderer. Measurements are in pixels. Everything that
costs (fonts, shaping) is cached, so a 1080x1350 card fits in milliseconds
once the fonts are loaded.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Mapping

from repackage.errors import RenderError
from repackage.templating import fonts
from repackage.templating.fonts import FontFace
from repackage.templating.model import TextLayer
from repackage.templating.style import TextStyle, parse_color

__all__ = [
    "TextStyle",
    "TextRun",
    "LaidLine",
    "TextLayout",
    "fit_text",
    "layer_text",
    "missing_glyphs",
    "font_chain",
    "raqm_available",
    "parse_color",
]

#: Opening and closing quotation marks per language (text inside, spaces included).
QUOTE_MARKS: dict[str, tuple[str, str]] = {
    "fr": ("«\u00a0", "\u00a0»"),
    "en": ("“", "”"),
    "de": ("„", "“"),
    "es": ("«", "»"),
    "it": ("«", "»"),
    "pt": ("«", "»"),
    "nl": ("“", "”"),
    "ru": ("«", "»"),
    "ar": ("«", "»"),
    "he": ("”", "”"),
}
DEFAULT_QUOTE_MARKS = ("“", "”")

_RTL_LANGS = frozenset({"ar", "he", "fa", "ur", "yi", "ps", "sd", "ug", "dv", "ku"})

# Break opportunities: ordinary spaces only. U+00A0, U+2007 and U+202F are
# glue: French « Rien », « exclu » and « guerre ? » never split there.
_BREAKING_SPACE = re.compile(r"[ \t\r\f\v\u1680\u2000-\u2006\u2008-\u200a\u205f\u3000]+")


@dataclass(frozen=True)
class TextRun:
    """A piece of a line drawn with one font in one direction.

    ``x`` is the pen position relative to the box's left edge; runs are in
    visual (left-to-right display) order.
    """

    text: str
    x: float
    font: str
    rtl: bool
    emoji: bool = False
    font_index: int = 0


@dataclass(frozen=True)
class LaidLine:
    """One line: ``x, y, width, height`` is its ink box (stroke included),
    relative to the box's top-left. ``baseline`` is the baseline's y,
    ``pen_x``/``advance`` the line's typographic start and width."""

    text: str
    x: int
    y: int
    width: int
    height: int
    rtl: bool
    baseline: int = 0
    pen_x: float = 0.0
    advance: float = 0.0
    runs: tuple[TextRun, ...] = field(default=(), repr=False)


@dataclass(frozen=True)
class TextLayout:
    """A text fitted into a box: what :func:`render_layout` draws.

    ``bbox`` is the union of everything drawn (ink, stroke, shadow, highlight
    bars) relative to the box; it lies inside ``(0, 0, *box)`` when ``fits``.
    ``fits`` is False only when even ``min_size`` with ``max_lines`` could not
    hold the text: the layout is then at ``min_size`` and overflows, and the
    caller decides (words are never cut).
    """

    text: str
    size: int
    lines: tuple[LaidLine, ...]
    box: tuple[int, int]
    bbox: tuple[int, int, int, int]
    fits: bool
    style: TextStyle
    lang: str | None


# --- public helpers ----------------------------------------------------------


def raqm_available() -> bool:
    """True when Pillow has libraqm (needed for Arabic, Hebrew and other complex scripts)."""
    return fonts.raqm_available()


def font_chain(style: TextStyle) -> list[str]:
    """Font files tried, in order, for the style's family and weight."""
    return [face.path for face in fonts.resolve_chain(style.font, style.weight)]


def missing_glyphs(text: str, style: TextStyle) -> set[str]:
    """Characters of ``text`` that no font of the chain (nor a system font) covers."""
    return fonts.uncovered(text, fonts.resolve_chain(style.font, style.weight))


# --- case --------------------------------------------------------------------


def _primary_lang(lang: str | None) -> str:
    return (lang or "").replace("_", "-").split("-")[0].lower()


def _apply_case(text: str, case: str, lang: str | None) -> str:
    primary = _primary_lang(lang)
    if case == "upper":
        if primary in ("tr", "az"):
            text = text.replace("i", "İ")
        upper = text.upper()
        if primary == "el":  # Greek capitals drop the tonos
            upper = unicodedata.normalize("NFC", unicodedata.normalize("NFD", upper).replace("\u0301", ""))
        return upper
    if case == "lower":
        if primary in ("tr", "az"):
            text = text.replace("I", "ı").replace("İ", "i")
        return text.lower()
    if case == "title":
        return re.sub(r"(^|(?<=\s))(\W*)(\w)", lambda m: m.group(1) + m.group(2) + m.group(3).upper(), text)
    return text


# --- bidi ----------------------------------------------------------------------


def _first_strong_rtl(text: str) -> bool | None:
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind == "L":
            return False
        if kind in ("R", "AL"):
            return True
    return None


def _has_rtl(text: str) -> bool:
    return any(unicodedata.bidirectional(ch) in ("R", "AL", "AN") for ch in text)


def _bidi_levels(text: str, base: int) -> list[int]:
    """Embedding levels per character: the Unicode bidi algorithm's weak and
    neutral rules (W1-W7, N1-N2, I1-I2), without explicit embeddings."""
    sos = "R" if base % 2 else "L"
    types = [unicodedata.bidirectional(ch) or "L" for ch in text]
    prev = sos
    for i, kind in enumerate(types):  # W1
        if kind == "NSM":
            types[i] = prev
        prev = types[i]
    strong = sos
    for i, kind in enumerate(types):  # W2, W3
        if kind in ("L", "R", "AL"):
            strong = kind
        elif kind == "EN" and strong == "AL":
            types[i] = "AN"
    types = ["R" if kind == "AL" else kind for kind in types]
    for i in range(1, len(types) - 1):  # W4
        left, mid, right = types[i - 1], types[i], types[i + 1]
        if left == right and left in ("EN", "AN") and (mid == "CS" or (mid == "ES" and left == "EN")):
            types[i] = left
    for i, kind in enumerate(types):  # W5
        if kind == "ET":
            j = i
            while j < len(types) and types[j] == "ET":
                j += 1
            if (i > 0 and types[i - 1] == "EN") or (j < len(types) and types[j] == "EN"):
                types[i:j] = ["EN"] * (j - i)
    types = ["ON" if kind in ("ES", "ET", "CS") else kind for kind in types]  # W6
    strong = sos
    for i, kind in enumerate(types):  # W7
        if kind in ("L", "R"):
            strong = kind
        elif kind == "EN" and strong == "L":
            types[i] = "L"
    resolved = [_strength(kind) for kind in types]
    i = 0
    while i < len(resolved):  # N1, N2
        if resolved[i] is not None:
            i += 1
            continue
        j = i
        while j < len(resolved) and resolved[j] is None:
            j += 1
        before = resolved[i - 1] if i > 0 else sos
        after = resolved[j] if j < len(resolved) else sos
        fill = before if before == after else sos
        resolved[i:j] = [fill] * (j - i)
        i = j
    levels = []
    for kind, strength in zip(types, resolved, strict=True):  # I1, I2
        if base % 2 == 0:
            levels.append(base + (2 if kind in ("EN", "AN") else 1 if strength == "R" else 0))
        else:
            levels.append(base + (1 if kind in ("L", "EN", "AN") else 0))
    return levels


def _strength(kind: str) -> str | None:
    if kind == "L":
        return "L"
    if kind in ("R", "EN", "AN"):
        return "R"
    return None


def _visual_order(levels: list[int]) -> list[int]:
    """Indices of items in display order (rule L2)."""
    order = list(range(len(levels)))
    if not levels:
        return order
    lowest_odd = min(level for level in levels if level % 2) if any(level % 2 for level in levels) else None
    if lowest_odd is None:
        return order
    for level in range(max(levels), lowest_odd - 1, -1):
        i = 0
        while i < len(order):
            if levels[order[i]] >= level:
                j = i
                while j < len(order) and levels[order[j]] >= level:
                    j += 1
                order[i:j] = reversed(order[i:j])
                i = j
            else:
                i += 1
    return order


# --- shaping and measuring ----------------------------------------------------


@dataclass(frozen=True)
class _Item:
    text: str
    face: FontFace
    rtl: bool


def _shape_options(item: _Item, lang: str | None) -> dict:
    if not fonts.raqm_available():
        if item.rtl or _has_rtl(item.text):
            raise RenderError(
                "right-to-left text needs Pillow with libraqm and libfribidi "
                "(Debian/Ubuntu: apt-get install libraqm0 libfribidi0; then reinstall pillow)"
            )
        return {}
    options = {"direction": "rtl" if item.rtl else "ltr"}
    if lang:
        options["language"] = lang
    return options


@functools.lru_cache(maxsize=65536)
def _item_pieces(item: _Item, size: int, lang: str | None, spacing: float) -> tuple[float, tuple[tuple[str, float], ...]]:
    """(advance, pieces) of one item. ``pieces`` lists (text, x offset): the
    whole item, or one piece per cluster when letter spacing applies."""
    font = fonts.load_font(item.face, size)
    k = fonts.scale(item.face, size)
    options = _shape_options(item, lang)
    if not spacing or item.rtl or not _trackable(item.text):
        return font.getlength(item.text, **options) * k, ((item.text, 0.0),)
    parts = fonts.clusters(item.text)
    offsets, pen, consumed = [], 0.0, 0
    for index, part in enumerate(parts):
        offsets.append(pen + index * spacing)
        consumed += len(part)
        pen = font.getlength(item.text[:consumed], **options) * k
    return pen + (len(parts) - 1) * spacing, tuple(zip(parts, offsets, strict=True))


@functools.lru_cache(maxsize=16384)
def _item_ink(item: _Item, size: int, lang: str | None, spacing: float) -> tuple[float, float, float, float] | None:
    """Ink box of an item relative to its pen start on the baseline (None if blank)."""
    font = fonts.load_font(item.face, size)
    k = fonts.scale(item.face, size)
    options = _shape_options(item, lang)
    ink = None
    for text, dx in _item_pieces(item, size, lang, spacing)[1]:
        if not text.strip():
            continue
        left, top, right, bottom = font.getbbox(text, anchor="ls", **options)
        box = (dx + left * k, top * k, dx + right * k, bottom * k)
        ink = box if ink is None else _union(ink, box)
    return ink


def _trackable(text: str) -> bool:
    """True if letter spacing may split ``text`` into clusters: Latin, Greek,
    Cyrillic, symbols and emoji, not cursive or conjunct-forming scripts."""
    return all(ord(ch) < 0x0590 or 0x1E00 <= ord(ch) < 0x2E80 or ord(ch) >= 0x1F000 for ch in text)


def _union(a: tuple, b: tuple) -> tuple:
    return (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))


def _items(text: str, chain: tuple[FontFace, ...], base_rtl: bool) -> list[_Item]:
    """Items of a line in display order: one per (font, bidi level) run."""
    runs = [(part, face or chain[0]) for part, face in fonts.itemize(text, chain)]
    if len(runs) == 1 or not (base_rtl or _has_rtl(text)):
        if len(runs) == 1:  # libraqm orders a single-font line itself
            return [_Item(text, runs[0][1], base_rtl)]
        return [_Item(part, face, False) for part, face in runs]
    levels = _bidi_levels(text, 1 if base_rtl else 0)
    pieces: list[tuple[str, FontFace, int]] = []
    pos = 0
    for part, face in runs:
        for offset, ch in enumerate(part):
            level = levels[pos + offset]
            if pieces and pieces[-1][1] == face and pieces[-1][2] == level and offset:
                pieces[-1] = (pieces[-1][0] + ch, face, level)
            else:
                pieces.append((ch, face, level))
        pos += len(part)
    order = _visual_order([level for _, _, level in pieces])
    return [_Item(pieces[i][0], pieces[i][1], pieces[i][2] % 2 == 1) for i in order]


@dataclass(frozen=True)
class _ShapedLine:
    text: str
    rtl: bool
    advance: float
    ink: tuple[float, float, float, float]  # relative to pen start and baseline
    runs: tuple[tuple[_Item, float, tuple[tuple[str, float], ...]], ...]


@functools.lru_cache(maxsize=8192)
def _shape_line(
    text: str, chain: tuple[FontFace, ...], rtl: bool, size: int, lang: str | None, spacing: float, measure_ink: bool = True
) -> _ShapedLine:
    pen = 0.0
    ink = None
    runs = []
    items = _items(text, chain, rtl)
    for index, item in enumerate(items):
        advance, pieces = _item_pieces(item, size, lang, spacing)
        runs.append((item, pen, pieces))
        box = _item_ink(item, size, lang, spacing) if measure_ink else None
        if box is not None:
            shifted = (pen + box[0], box[1], pen + box[2], box[3])
            ink = shifted if ink is None else _union(ink, shifted)
        pen += advance + (spacing if index < len(items) - 1 and not item.rtl else 0.0)
    if ink is not None:  # antialiasing at a fractional pen position may touch one more pixel
        ink = (ink[0] - 1, ink[1] - 1, ink[2] + 1, ink[3] + 1)
    return _ShapedLine(text, rtl, pen, ink or (0.0, 0.0, 0.0, 0.0), tuple(runs))


@functools.lru_cache(maxsize=65536)
def _word_width(word: str, chain: tuple[FontFace, ...], size: int, lang: str | None, spacing: float) -> float:
    rtl = bool(_first_strong_rtl(word))
    return _shape_line(word, chain, rtl, size, lang, spacing, measure_ink=False).advance


@functools.lru_cache(maxsize=1024)
def _reference_metrics(face: FontFace, size: int) -> tuple[float, float, float]:
    """(cap top above baseline, descent below baseline, space advance) of a face."""
    font = fonts.load_font(face, size)
    _, top, _, bottom = font.getbbox("HÉg", anchor="ls")
    return -top, bottom, font.getlength(" ")


# --- line breaking --------------------------------------------------------------


def _greedy_count(widths: list[float], space: float, avail: float) -> int:
    lines, current = 0, None
    for width in widths:
        if current is not None and current + space + width <= avail:
            current += space + width
        else:
            lines += 1
            current = width
    return lines


def _balanced_breaks(words: list[str], widths: list[float], space: float, avail: float, lines: int) -> list[list[str]]:
    """Split words into exactly ``lines`` lines no wider than ``avail`` that
    minimise the sum of squared slack (so line widths are even and the last
    line is not a lone short word), avoiding a one-letter word ("à", "a", "y")
    at a line end; falls back to greedy lines when no such split exists."""
    n = len(words)
    starts = [0.0]  # starts[i] - starts[j] - space = width of words j..i-1 on one line
    for width in widths:
        starts.append(starts[-1] + width + space)
    dangling = [0.0] + [
        (0.2 * avail) ** 2 if end < n and len(words[end - 1]) == 1 and words[end - 1].isalpha() else 0.0
        for end in range(1, n + 1)
    ]
    inf = float("inf")
    cost = [[inf] * (n + 1) for _ in range(lines + 1)]
    back = [[0] * (n + 1) for _ in range(lines + 1)]
    cost[0][0] = 0.0
    for used in range(1, lines + 1):
        previous, current, links = cost[used - 1], cost[used], back[used]
        for end in range(used, n + 1):
            best, link = inf, 0
            limit = starts[end] - space - avail  # a line from `start` fits if starts[start] >= limit
            start = end - 1
            while start >= used - 1 and (start == end - 1 or starts[start] >= limit):
                if previous[start] < inf:
                    slack = avail - (starts[end] - starts[start] - space)
                    candidate = previous[start] + slack * slack
                    if candidate < best:
                        best, link = candidate, start
                start -= 1
            current[end], links[end] = best + dangling[end], link
    if cost[lines][n] == inf:
        return _greedy_lines(words, widths, space, avail)
    out, end = [], n
    for used in range(lines, 0, -1):
        start = back[used][end]
        out.append(words[start:end])
        end = start
    return out[::-1]


def _greedy_lines(words: list[str], widths: list[float], space: float, avail: float) -> list[list[str]]:
    out: list[list[str]] = []
    current = None
    for word, width in zip(words, widths, strict=True):
        if out and current + space + width <= avail:
            out[-1].append(word)
            current += space + width
        else:
            out.append([word])
            current = width
    return out


# --- fitting ----------------------------------------------------------------------


@dataclass(frozen=True)
class _Geometry:
    """Size-dependent extents of decorations, in px."""

    pitch: float
    pad: float
    stroke: int
    shadow_offset: int
    shadow_blur: int

    @classmethod
    def of(cls, style: TextStyle, size: int) -> _Geometry:
        has_shadow = style.shadow is not None
        return cls(
            pitch=style.line_height * size,
            pad=style.highlight_padding * size if style.highlight else 0.0,
            stroke=style.stroke_width,
            shadow_offset=max(1, round(size * 0.04)) if has_shadow else 0,
            shadow_blur=max(1, round(size * 0.04)) if has_shadow else 0,
        )

    @property
    def shadow_box(self) -> tuple[int, int, int, int]:
        """How far the blurred shadow reaches past the glyphs (left, top, right, bottom)."""
        if not self.shadow_offset:
            return 0, 0, 0, 0
        spread = 3 * self.shadow_blur  # where Pillow's Gaussian blur fades to nothing
        return spread - self.shadow_offset, spread - self.shadow_offset, self.shadow_offset + spread, self.shadow_offset + spread

    @property
    def margins(self) -> tuple[float, float]:
        """Room kept left and right of a line's advance for bars, stroke and shadow."""
        left, _, right, _ = self.shadow_box
        return max(self.pad, self.stroke + max(0, left)), max(self.pad, self.stroke + right)


def _paragraphs(text: str) -> list[list[str]]:
    return [words for words in (_BREAKING_SPACE.split(p.strip()) for p in text.split("\n")) if words != [""]]


def _paragraph_rtl(words: list[str], lang: str | None) -> bool:
    found = _first_strong_rtl(" ".join(words))
    return found if found is not None else _primary_lang(lang) in _RTL_LANGS


@functools.lru_cache(maxsize=256)
def fit_text(text: str, box_w: int, box_h: int, style: TextStyle, *, lang: str | None = None) -> TextLayout:
    """Lay ``text`` out in a ``box_w`` x ``box_h`` box at the largest size that fits.

    The size is the largest integer in [min_size, max_size] at which the text
    wraps into at most ``max_lines`` lines, with every drawn pixel (ink,
    stroke, shadow, highlight bars) inside the box. Line breaks happen at
    spaces only (never at no-break spaces) and are balanced. Newlines in
    ``text`` force a break (blank lines are dropped). Results are cached:
    fitting the same text into the same box again costs nothing. Raises
    :class:`TemplateError` for an unknown font family and :class:`RenderError`
    when right-to-left text needs a missing library.
    """
    if box_w <= 0 or box_h <= 0:
        raise RenderError(f"text box must have a positive size (got {box_w}x{box_h})")
    chain = fonts.resolve_chain(style.font, style.weight)
    shown = _apply_case(text, style.case, lang)  # verbatim: no Unicode normalisation
    paragraphs = _paragraphs(shown)
    joined = "\n".join(" ".join(words) for words in paragraphs)

    def attempt(size: int, strict: bool) -> TextLayout | None:
        return _layout_at(joined, paragraphs, chain, size, (box_w, box_h), style, lang, strict)

    low, high = style.min_size, style.max_size
    best = attempt(high, True)
    if best is not None:
        return best
    best = attempt(low, True)
    if best is None:
        return attempt(low, False)
    while high - low > 1:
        mid = (low + high) // 2
        found = attempt(mid, True)
        if found is None:
            high = mid
        else:
            low, best = mid, found
    return best


def _layout_at(
    joined: str,
    paragraphs: list[list[str]],
    chain: tuple[FontFace, ...],
    size: int,
    box: tuple[int, int],
    style: TextStyle,
    lang: str | None,
    strict: bool,
) -> TextLayout | None:
    """The layout at ``size``, or None when ``strict`` and it does not fit.

    Lines are broken on advance widths; when a line's ink (overhanging
    glyphs, stroke, shadow) still ends up wider than the box, the text is
    broken again with that much less room.
    """
    box_w, box_h = box
    geo = _Geometry.of(style, size)
    cap, descent, _ = _reference_metrics(chain[0], size)
    avail = box_w - sum(geo.margins)
    for _attempt in range(3):
        broken = _break_lines(paragraphs, chain, size, style, lang, avail, strict)
        if broken is None:
            return None
        shaped = [_shape_line(text, chain, rtl, size, lang, style.letter_spacing * size) for text, rtl in broken]
        extents = [_line_extent(line, geo, cap, descent) for line in shaped]
        excess = max(extent[2] - extent[0] for extent in extents) - box_w if extents else 0.0
        if excess <= 0:
            break
        avail -= excess + 0.5
    lines, bbox = _place_lines(shaped, extents, geo, box, style)
    fits = bbox[0] >= 0 and bbox[1] >= 0 and bbox[2] <= box_w and bbox[3] <= box_h and len(lines) <= style.max_lines
    if strict and not fits:
        return None
    return TextLayout(joined, size, lines, box, bbox, fits, style, lang)


def _break_lines(
    paragraphs: list[list[str]],
    chain: tuple[FontFace, ...],
    size: int,
    style: TextStyle,
    lang: str | None,
    avail: float,
    strict: bool,
) -> list[tuple[str, bool]] | None:
    """(line text, paragraph is right-to-left) for every line, with the fewest
    lines and balanced breaks; None if ``strict`` and a word is wider than
    ``avail`` or there are more than ``max_lines`` lines."""
    spacing = style.letter_spacing * size
    space = _reference_metrics(chain[0], size)[2] + 2 * spacing
    broken: list[tuple[str, bool]] = []
    for words in paragraphs:
        widths = [_word_width(word, chain, size, lang, spacing) for word in words]
        if strict and max(widths) > avail:
            return None
        count = _greedy_count(widths, space, avail)
        if strict and len(broken) + count > style.max_lines:
            return None
        rtl = _paragraph_rtl(words, lang)
        broken += [(" ".join(line), rtl) for line in _balanced_breaks(words, widths, space, avail, count)]
    return broken


def _line_extent(line: _ShapedLine, geo: _Geometry, cap: float, descent: float) -> tuple[float, float, float, float]:
    """Everything a line draws, relative to its pen start and baseline."""
    ink = line.ink
    if ink[2] <= ink[0]:
        ink = (0.0, -cap, line.advance, descent)
    extent = (ink[0] - geo.stroke, ink[1] - geo.stroke, ink[2] + geo.stroke, ink[3] + geo.stroke)
    left, top, right, bottom = geo.shadow_box
    extent = _union(extent, (extent[0] - left, extent[1] - top, extent[2] + right, extent[3] + bottom))
    if geo.pad:
        extent = _union(extent, _bar(line, geo, cap, descent))
    return extent


def _bar(line: _ShapedLine, geo: _Geometry, cap: float, descent: float) -> tuple[float, float, float, float]:
    """The highlight bar behind a line, relative to its pen start and baseline."""
    ink = line.ink if line.ink[2] > line.ink[0] else (0.0, -cap, line.advance, descent)
    return (
        min(0.0, ink[0]) - geo.pad,
        min(-cap, ink[1]) - geo.pad,
        max(line.advance, ink[2]) + geo.pad,
        max(descent, ink[3]) + geo.pad,
    )


def _place_lines(
    shaped: list[_ShapedLine], extents: list[tuple[float, float, float, float]], geo: _Geometry,
    box: tuple[int, int], style: TextStyle,
) -> tuple[tuple[LaidLine, ...], tuple[int, int, int, int]]:
    """Position lines in the box (align, valign); returns the lines and the
    bbox of everything they draw."""
    box_w, box_h = box
    if not shaped:
        return (), (0, 0, 0, 0)
    top = min(extent[1] + i * geo.pitch for i, extent in enumerate(extents))
    bottom = max(extent[3] + i * geo.pitch for i, extent in enumerate(extents))
    free = box_h - (bottom - top)
    shift_y = {"top": 0.0, "middle": free / 2, "bottom": free}[style.valign] - top
    baselines = [round(shift_y + i * geo.pitch) for i in range(len(shaped))]
    ink_top = math.floor(min(b + e[1] for b, e in zip(baselines, extents, strict=True)))
    ink_bottom = math.ceil(max(b + e[3] for b, e in zip(baselines, extents, strict=True)))
    nudge = -ink_top if ink_top < 0 else min(0, box_h - ink_bottom)  # undo rounding past an edge
    lines, bbox = [], None
    for line, extent, baseline in zip(shaped, extents, baselines, strict=True):
        baseline += nudge
        pen_x = _pen_x(line, extent, geo, box_w, style.align)
        drawn = (pen_x + extent[0], baseline + extent[1], pen_x + extent[2], baseline + extent[3])
        bbox = drawn if bbox is None else _union(bbox, drawn)
        lines.append(_laid_line(line, pen_x, baseline, geo))
    return tuple(lines), _round_box(bbox)


def _pen_x(line: _ShapedLine, extent: tuple, geo: _Geometry, box_w: int, align: str) -> float:
    """Pen start for the line: aligned on its advance (within the margins kept
    for bars, stroke and shadow), then nudged so overhanging ink stays inside
    the box (a line wider than the box starts at its left edge)."""
    if line.rtl:
        align = {"left": "right", "right": "left"}.get(align, align)
    left, right = geo.margins
    pen = {
        "left": left,
        "center": left + (box_w - left - right - line.advance) / 2,
        "right": box_w - right - line.advance,
    }[align]
    pen += max(0.0, -(pen + extent[0]))  # ink overhanging the left edge
    pen -= max(0.0, pen + extent[2] - box_w)  # ... or the right edge
    return max(pen, -extent[0]) if extent[2] - extent[0] > box_w else pen


def _laid_line(line: _ShapedLine, pen_x: float, baseline: int, geo: _Geometry) -> LaidLine:
    ink = line.ink
    x0, y0 = pen_x + ink[0] - geo.stroke, baseline + ink[1] - geo.stroke
    x1, y1 = pen_x + ink[2] + geo.stroke, baseline + ink[3] + geo.stroke
    left, top, right, bottom = _round_box((x0, y0, x1, y1))
    runs = tuple(
        TextRun(piece, pen_x + x + dx, item.face.path, item.rtl, item.face.emoji, item.face.index)
        for item, x, pieces in line.runs
        for piece, dx in pieces
    )
    return LaidLine(line.text, left, top, right - left, bottom - top, line.rtl, baseline, pen_x, line.advance, runs)


def _round_box(box: tuple[float, float, float, float]) -> tuple[int, int, int, int]:
    return math.floor(box[0]), math.floor(box[1]), math.ceil(box[2]), math.ceil(box[3])


# --- what a text layer shows ---------------------------------------------------------


def layer_text(layer: TextLayer, values: Mapping[str, str], lang: str) -> str:
    """What a text layer shows: its slot or literal text, marks, prefix and suffix; '' if empty.

    A literal text referring to an empty slot (``"{caption_index}/{caption_count}"``
    without captions) is empty as a whole.
    """
    if layer.slot:
        value = values.get(layer.slot) or (values.get(layer.fallback) if layer.fallback else "") or ""
    else:
        names = layer.slots()
        if any(not (values.get(n) or "").strip() for n in names):
            return ""
        value = layer.text or ""
        for n in names:
            value = value.replace("{" + n + "}", values[n])
    if not value.strip():
        return ""
    if layer.quotes:
        opening, closing = QUOTE_MARKS.get((lang or "").split("-")[0], DEFAULT_QUOTE_MARKS)
        value = f"{opening}{value}{closing}"
    return f"{layer.prefix}{value}{layer.suffix}"
