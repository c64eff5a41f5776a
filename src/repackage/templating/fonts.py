"""Bundled fonts: the family registry, font loading and per-character fallback.

Templates name a *family* ("sans", "serif", "display", "mono") and a *weight*;
``assets/fonts/fonts.toml`` maps them to files. A text is drawn with a *chain*
of faces: the family's own face, then the fallback faces (Arabic, Hebrew,
symbols, colour emoji; the emoji font is the system's, see ``_fallback_face``).
Each grapheme cluster goes to the first face of the
chain whose character map covers it, so nothing renders as an empty box.
Characters no bundled face covers (CJK, Indic scripts ...) are looked up among
the system's fonts through fontconfig (``fc-match``) when it is installed;
otherwise :func:`repackage.templating.typeset.missing_glyphs` reports them.

Everything expensive is cached per process: parsed registry, character maps,
``ImageFont.FreeTypeFont`` objects per (file, size).
"""

from __future__ import annotations

import difflib
import functools
import shutil
import subprocess
import tomllib
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from PIL import ImageFont, features

from repackage.errors import RenderError, TemplateError
from repackage.resources import assets_dir

WEIGHTS = ("regular", "bold", "black", "light", "italic", "bold-italic")

# Weight asked -> weights tried, nearest first.
_NEAREST_WEIGHT = {
    "regular": ("regular", "light", "bold", "black"),
    "bold": ("bold", "black", "regular"),
    "black": ("black", "bold", "regular"),
    "light": ("light", "regular"),
    "italic": ("italic", "regular"),
    "bold-italic": ("bold-italic", "bold", "italic", "regular"),
}

EMOJI_STRIKE = 109
"""Noto Color Emoji is a bitmap (CBDT) font with one 109 px strike: it is
loaded at that size only and its glyph images are scaled to the text size."""

_FONT_SUFFIXES = (".ttf", ".otf", ".ttc")
_ZWJ = 0x200D


@dataclass(frozen=True)
class FontFace:
    """One font file (``index`` selects a face inside a .ttc collection)."""

    path: str
    index: int = 0
    emoji: bool = False


@dataclass(frozen=True)
class _Registry:
    folder: Path
    families: dict[str, dict[str, str]]
    fallbacks: tuple[dict[str, str], ...]
    emoji_files: frozenset[str]
    system_names: dict[str, str]  # file -> fontconfig family, for faces taken from the system


def fonts_dir() -> Path:
    """The folder holding the bundled fonts and ``fonts.toml``."""
    return assets_dir() / "fonts"


@functools.lru_cache(maxsize=4)
def _registry(folder: Path) -> _Registry:
    table_path = folder / "fonts.toml"
    try:
        table = tomllib.loads(table_path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise RenderError("font registry not found (the assets folder is incomplete)", str(table_path)) from exc
    except tomllib.TOMLDecodeError as exc:
        raise TemplateError(f"invalid TOML: {exc}", str(table_path)) from exc
    families = {name: dict(weights) for name, weights in table.get("families", {}).items()}
    fallbacks = []
    emoji_files = set()
    system_names: dict[str, str] = {}
    for entry in table.get("fallback", []):
        entry = dict(entry)
        emoji = entry.pop("emoji", False)
        system = entry.pop("system", None)
        if emoji:
            emoji_files.update(entry.values())
        if system:
            system_names.update({file: system for file in entry.values()})
        fallbacks.append(entry)
    return _Registry(folder, families, tuple(fallbacks), frozenset(emoji_files), system_names)


def family_names() -> list[str]:
    """Family keys templates may use in ``font = "..."``."""
    return sorted(_registry(fonts_dir()).families)


def _nearest(weights: dict[str, str], weight: str) -> str | None:
    for candidate in _NEAREST_WEIGHT[weight]:
        if candidate in weights:
            return weights[candidate]
    return next(iter(weights.values()), None)


def _is_font_path(font: str) -> bool:
    return font.lower().endswith(_FONT_SUFFIXES) or "/" in font or "\\" in font


def is_font_path(font: str) -> bool:
    """True when ``font`` names a file rather than a family of ``fonts.toml``."""
    return _is_font_path(font)


class FontFile(str):
    """A font file path the template loader has already resolved and checked.

    The loader looks a template's ``font = "MyFont.ttf"`` up in the template's
    folder, then in ``assets/``, refusing absolute paths, ``..`` and symbolic
    links leading elsewhere (like every other template path), and hands the
    absolute path on as a ``FontFile``. A plain string naming a file must lie
    in ``assets/fonts/`` or ``assets/`` (it is looked up there when relative).
    """

    __slots__ = ()


def _resolve_file(font: str, reg: _Registry) -> Path:
    """A font file inside ``assets/fonts/`` or ``assets/`` (never the working directory).

    A relative path is looked up in those two folders; an absolute one is
    accepted only when it lies inside them. ``..`` and symbolic links leading
    elsewhere are refused, as for every template path.
    """
    rel = Path(font)
    roots = (reg.folder, assets_dir())
    if ".." in rel.parts or font.startswith("~"):
        raise TemplateError(f"font file {font!r} must be a path inside the template folder or assets/ "
                            "(no absolute paths, no '..')")
    if rel.is_absolute() or rel.drive or font.startswith(("/", "\\")):
        candidates = [rel]
    else:
        candidates = [base / rel for base in roots]
    for candidate in candidates:
        if not candidate.is_file():
            continue
        real = candidate.resolve()
        if not any(real.is_relative_to(r.resolve()) for r in roots):
            if candidate.is_absolute() and candidate is rel:
                raise TemplateError(f"font file {font!r} must be a path inside the template folder or assets/ "
                                    "(no absolute paths, no '..')")
            raise TemplateError(f"font file {font!r} leads outside assets/ (symbolic link to {real})")
        return real
    raise TemplateError(f"font file not found: {font} (looked in {reg.folder}/ and {assets_dir()}/)")


def _face(path: Path, reg: _Registry) -> FontFace:
    if not path.is_file():
        raise RenderError("bundled font file is missing (the assets folder is incomplete)", str(path))
    return FontFace(str(path), 0, path.name in reg.emoji_files)


def resolve_chain(font: str, weight: str) -> tuple[FontFace, ...]:
    """The faces tried, in order, for ``font`` (family key or file) at ``weight``.

    ``font`` is a family of ``fonts.toml``, a :class:`FontFile` resolved by the
    template loader, or a path inside ``assets/fonts/`` or ``assets/``
    (relative paths are looked up there). Raises :class:`TemplateError` for an unknown family or
    weight (naming the valid ones) and for a font path that is absolute,
    climbs out with ``..`` or names no file.
    """
    return _resolve_chain(str(font), weight, isinstance(font, FontFile))


@functools.lru_cache(maxsize=64)
def _resolve_chain(font: str, weight: str, checked_file: bool) -> tuple[FontFace, ...]:
    if weight not in _NEAREST_WEIGHT:
        raise TemplateError(f"unknown font weight {weight!r} (use one of: {', '.join(WEIGHTS)})")
    reg = _registry(fonts_dir())
    if checked_file:
        if not Path(font).is_file():
            raise TemplateError(f"font file not found: {font}")
        primary = FontFace(font)
    elif font in reg.families:
        primary = _face(reg.folder / _nearest(reg.families[font], weight), reg)
    elif _is_font_path(font):
        primary = FontFace(str(_resolve_file(font, reg)))
    else:
        hint = difflib.get_close_matches(font, list(reg.families), n=1)
        did_you_mean = f"; did you mean {hint[0]!r}?" if hint else ""
        raise TemplateError(
            f"unknown font family {font!r} (known: {', '.join(sorted(reg.families))}, "
            f"or a .ttf/.otf file in the template folder){did_you_mean}"
        )
    chain = [primary]
    for entry in reg.fallbacks:
        file = _nearest(entry, weight)
        if file is None:
            continue
        face = _fallback_face(file, reg)
        if face is not None and face.path not in {f.path for f in chain}:
            chain.append(face)
    return tuple(chain)


def _fallback_face(file: str, reg: _Registry) -> FontFace | None:
    """A fallback face: the file in ``assets/fonts/``, or, for a face that
    ``fonts.toml`` marks ``system = "Family"`` (the 11 MB colour emoji font,
    which is not bundled), the system's copy found through fontconfig. None
    when a system face is not installed: its characters are then reported by
    ``missing_glyphs`` instead of being drawn."""
    path = reg.folder / file
    if path.is_file() or file not in reg.system_names:
        return _face(path, reg)
    found = system_font_file(reg.system_names[file])
    return FontFace(str(found), 0, file in reg.emoji_files) if found else None


@functools.lru_cache(maxsize=16)
def system_font_file(family: str) -> Path | None:
    """The installed font file of ``family`` (exact family name), or None."""
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        return None
    try:
        found = subprocess.run(
            [fc_match, "--format=%{file}|%{family}", family],
            capture_output=True, text=True, timeout=10, check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    path, _, families = found.partition("|")
    if family not in families.split(",") or not Path(path).is_file():
        return None  # fontconfig substituted another family: not the one asked for
    return Path(path)


@functools.lru_cache(maxsize=128)
def coverage(face: FontFace) -> frozenset[int]:
    """Code points the face's character map covers."""
    from fontTools.ttLib import TTFont  # imported lazily: only needed once per face

    try:
        with TTFont(face.path, fontNumber=face.index, lazy=True) as font:
            cmap = font.getBestCmap() or {}
    except Exception as exc:  # fontTools raises many kinds on a broken file
        raise RenderError(f"cannot read font: {exc}", face.path) from exc
    return frozenset(cmap)


@functools.lru_cache(maxsize=1)
def raqm_available() -> bool:
    """True when Pillow can shape complex scripts and right-to-left text
    (libraqm, with libfribidi loaded at run time)."""
    return bool(features.check("raqm")) and bool(features.check("fribidi"))


@functools.lru_cache(maxsize=512)
def load_font(face: FontFace, size: int) -> ImageFont.FreeTypeFont:
    """The Pillow font for ``face`` at ``size`` px (emoji faces: at their only strike)."""
    engine = ImageFont.Layout.RAQM if raqm_available() else ImageFont.Layout.BASIC
    px = EMOJI_STRIKE if face.emoji else size
    try:
        return ImageFont.truetype(face.path, px, index=face.index, layout_engine=engine)
    except OSError as exc:
        raise RenderError(f"cannot load font at {px} px: {exc}", face.path) from exc


def scale(face: FontFace, size: int) -> float:
    """Factor from the loaded font's pixels to ``size`` (1 except for emoji)."""
    return size / EMOJI_STRIKE if face.emoji else 1.0


# --- grapheme clusters -------------------------------------------------------


def _is_regional_indicator(cp: int) -> bool:
    return 0x1F1E6 <= cp <= 0x1F1FF


def _extends_cluster(ch: str) -> bool:
    """Marks that belong to the preceding character (never start a cluster)."""
    cp = ord(ch)
    return (
        unicodedata.category(ch) in ("Mn", "Me", "Mc")
        or 0xFE00 <= cp <= 0xFE0F  # variation selectors (emoji / text presentation)
        or 0x1F3FB <= cp <= 0x1F3FF  # skin-tone modifiers
        or 0xE0020 <= cp <= 0xE007F  # tag sequences (subdivision flags)
        or cp == 0x20E3  # combining enclosing keycap
    )


def clusters(text: str) -> list[str]:
    """Split ``text`` into user-perceived characters (simplified UAX #29):
    base + combining marks, emoji ZWJ sequences, modifiers, flags."""
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        j = i + 1
        if _is_regional_indicator(ord(text[i])) and j < n and _is_regional_indicator(ord(text[j])):
            j += 1
        while j < n:
            if ord(text[j]) == _ZWJ:
                j = min(n, j + 2)  # the joiner glues the next character on
            elif _extends_cluster(text[j]):
                j += 1
            else:
                break
        out.append(text[i:j])
        i = j
    return out


def is_ignorable(cp: int) -> bool:
    """Default-ignorable code points: shapers draw nothing for them, so no
    font needs to cover them (joiners, variation selectors, bidi marks)."""
    return (
        0x200B <= cp <= 0x200F
        or 0x202A <= cp <= 0x202E
        or 0x2060 <= cp <= 0x206F
        or 0xFE00 <= cp <= 0xFE0F
        or 0xE0000 <= cp <= 0xE0FFF
        or cp in (0x00AD, 0xFEFF, 0x034F)
    )


def _is_emoji_cluster(cluster: str) -> bool:
    cps = [ord(c) for c in cluster]
    return cps[0] >= 0x1F000 or 0xFE0F in cps or 0x20E3 in cps or _ZWJ in cps


def _needed(cluster: str) -> list[int]:
    return [ord(c) for c in cluster if not is_ignorable(ord(c))]


def _covers(face: FontFace, cps: list[int]) -> bool:
    cmap = coverage(face)
    return all(cp in cmap for cp in cps)


_system_faces: list[FontFace] = []  # system fonts found so far, tried before asking fontconfig again


@functools.lru_cache(maxsize=4096)
def system_face(cp: int) -> FontFace | None:
    """A system font covering ``cp`` (found with fontconfig's ``fc-match``), or None."""
    for face in _system_faces:
        if cp in coverage(face):
            return face
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        return None
    try:
        found = subprocess.run(
            [fc_match, "--format=%{file}|%{index}", f":charset={cp:x}"],
            capture_output=True, text=True, timeout=10, check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    path, _, index = found.partition("|")
    if not path.lower().endswith(_FONT_SUFFIXES) or not Path(path).is_file():
        return None
    face = FontFace(path, int(index or 0))
    try:
        if cp not in coverage(face):
            return None
    except RenderError:
        return None
    _system_faces.append(face)
    return face


def face_for(cluster: str, chain: tuple[FontFace, ...], previous: FontFace | None) -> FontFace | None:
    """The face that draws ``cluster``, or None when no font covers it.

    ``previous`` is the text face of the cluster before: spaces, digits and
    punctuation stay in it when it covers them, so a run of Arabic words keeps
    one face (and one shaping call) across its spaces and commas.
    """
    needed = _needed(cluster)
    if not needed:
        return previous or chain[0]
    if unicodedata.category(cluster[0]) == "Zs":
        return previous or chain[0]  # the shaper substitutes a space glyph if needed
    if _is_emoji_cluster(cluster):
        for face in chain:
            if face.emoji and _covers(face, needed):
                return face
    weak = unicodedata.bidirectional(cluster[0]) not in ("L", "R", "AL")
    if weak and previous is not None and _covers(previous, needed):
        return previous
    for face in chain:
        if _covers(face, needed):
            return face
    for face in chain:  # base character covered: the marks may still shape
        if needed[0] in coverage(face):
            return face
    return system_face(needed[0])


@functools.lru_cache(maxsize=16384)
def itemize(text: str, chain: tuple[FontFace, ...]) -> tuple[tuple[str, FontFace | None], ...]:
    """Split ``text`` into maximal runs drawn with one face each (logical order)."""
    runs: list[tuple[str, FontFace | None]] = []
    previous: FontFace | None = None
    for cluster in clusters(text):
        face = face_for(cluster, chain, previous)
        if face is not None and not face.emoji:
            previous = face
        if runs and runs[-1][1] == face:
            runs[-1] = (runs[-1][0] + cluster, face)
        else:
            runs.append((cluster, face))
    return tuple(runs)


def uncovered(text: str, chain: tuple[FontFace, ...]) -> set[str]:
    """Characters of ``text`` that no face of ``chain`` nor any system font covers."""
    missing: set[str] = set()
    for cluster in clusters(text):
        for cp in _needed(cluster):
            if unicodedata.category(chr(cp)) in ("Zs", "Cc"):
                continue
            if not any(cp in coverage(face) for face in chain) and system_face(cp) is None:
                missing.add(chr(cp))
    return missing
