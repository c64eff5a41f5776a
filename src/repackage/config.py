"""Run settings: defaults < ``repackage.toml`` < command-line flags.

All defaults live in :data:`DEFAULTS`, one table with a validator per key, so
the README, ``--help`` and the code cannot disagree. ``repackage.toml`` is
looked up in the current folder (or given with ``--config``); every error in
it is reported with the file and key, and unknown keys get a "did you mean".
"""

from __future__ import annotations

import difflib
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any, Callable

from repackage.errors import ConfigError

FORMATS = ("cards", "clips", "review")
IMAGE_FORMATS = ("png", "jpeg", "both")


@dataclass(frozen=True)
class Config:
    """Everything one run needs besides the article itself."""

    out: Path = Path("out")
    lang: str | None = None  # None = detect
    formats: tuple[str, ...] = FORMATS
    captions: int = 5
    caption_chars: int = 110
    hook_chars: int = 60
    hashtags: int = 5
    templates_dir: Path | None = None  # None = shipped templates
    brand: Path | None = None  # None = shipped brand file
    card_templates: tuple[str, ...] | None = None  # None = every shipped card template
    sizes: tuple[str, ...] | None = None  # None = each template's first (default) size
    image_format: str = "png"
    clip_template: str = "clip-default"
    clip_size: str | None = None
    photos: tuple[Path, ...] = ()
    photo_credit: str | None = None  # None = the article's photo credit
    music: Path | None = None
    voiceover: Path | None = None  # a narration that times the clip (speech.voiceover)
    asr_engine: str = "faster-whisper"  # speech engine for --voiceover and --footage
    asr_model: str = "base"  # Whisper model name or path for --voiceover and --footage
    preview: bool = False
    quiet: bool = False
    footage: Path | None = None  # source footage to cut quote clips from (--footage)
    footage_credit: str | None = None  # who shot it, printed on the footage clips
    source: str | None = None  # where the values came from, for messages

    def with_overrides(self, **values: Any) -> "Config":
        """Apply flag values; ``None`` means "flag not given"."""
        given = {k: v for k, v in values.items() if v is not None}
        return replace(self, **given)


def _str(v: Any) -> str:
    if not isinstance(v, str) or not v.strip():
        raise ValueError(f"expected a non-empty string, got {v!r}")
    return v


def _int_range(lo: int, hi: int) -> Callable[[Any], int]:
    def check(v: Any) -> int:
        if isinstance(v, bool) or not isinstance(v, int):
            raise ValueError(f"expected a whole number, got {v!r}")
        if not lo <= v <= hi:
            raise ValueError(f"expected a number from {lo} to {hi}, got {v}")
        return v

    return check


def _bool(v: Any) -> bool:
    if not isinstance(v, bool):
        raise ValueError(f"expected true or false, got {v!r}")
    return v


def _choice(options: tuple[str, ...]) -> Callable[[Any], str]:
    def check(v: Any) -> str:
        if v not in options:
            raise ValueError(f"expected one of {', '.join(options)}, got {v!r}")
        return v

    return check


def parse_formats(v: Any) -> tuple[str, ...]:
    """``"cards,clips"``, a list, ``"all"`` or ``"none"`` -> tuple of formats."""
    items = v.split(",") if isinstance(v, str) else v
    if not isinstance(items, (list, tuple)):
        raise ValueError(f"expected a list of formats, got {v!r}")
    out: list[str] = []
    for item in (str(i).strip() for i in items):
        if item == "all":
            out.extend(FORMATS)
        elif item in ("none", ""):
            continue
        elif item in FORMATS:
            out.append(item)
        else:
            hint = difflib.get_close_matches(item, FORMATS + ("all", "none"), n=1)
            extra = f" (did you mean {hint[0]!r}?)" if hint else ""
            raise ValueError(f"unknown format {item!r}{extra}; expected {', '.join(FORMATS)}, all or none")
    return tuple(dict.fromkeys(out))


def parse_size(v: Any) -> str:
    if isinstance(v, str):
        parts = v.lower().split("x")
        if len(parts) == 2 and all(p.isdigit() and 16 <= int(p) <= 8192 for p in parts):
            return f"{int(parts[0])}x{int(parts[1])}"
    raise ValueError(f"expected a size like 1080x1920, got {v!r}")


def _sizes(v: Any) -> tuple[str, ...]:
    items = v.split(",") if isinstance(v, str) else v
    if not isinstance(items, (list, tuple)) or not items:
        raise ValueError(f"expected a list of sizes like [\"1080x1350\"], got {v!r}")
    return tuple(parse_size(i.strip() if isinstance(i, str) else i) for i in items)


def _names(v: Any) -> tuple[str, ...]:
    items = v.split(",") if isinstance(v, str) else v
    if not isinstance(items, (list, tuple)) or not all(isinstance(i, str) and i for i in items):
        raise ValueError(f"expected a list of template names, got {v!r}")
    return tuple(i.strip() for i in items)


def _lang(v: Any) -> str:
    if not isinstance(v, str) or not (2 <= len(v) <= 3) or not v.isalpha():
        raise ValueError(f"expected a language code like 'fr' or 'en', got {v!r}")
    return v.lower()


# key in repackage.toml -> (Config field, validator). Paths resolve against the
# folder of the file that names them.
_KEYS: dict[str, tuple[str, Callable[[Any], Any]]] = {
    "out": ("out", _str),
    "lang": ("lang", _lang),
    "formats": ("formats", parse_formats),
    "captions": ("captions", _int_range(1, 12)),
    "caption_chars": ("caption_chars", _int_range(40, 300)),
    "hook_chars": ("hook_chars", _int_range(20, 200)),
    "hashtags": ("hashtags", _int_range(0, 10)),
    "templates_dir": ("templates_dir", _str),
    "brand": ("brand", _str),
    "card_templates": ("card_templates", _names),
    "sizes": ("sizes", _sizes),
    "image_format": ("image_format", _choice(IMAGE_FORMATS)),
    "clip_template": ("clip_template", _str),
    "clip_size": ("clip_size", parse_size),
    "photo_credit": ("photo_credit", _str),
    "music": ("music", _str),
    "asr_engine": ("asr_engine", _choice(("faster-whisper", "openai-whisper"))),
    "asr_model": ("asr_model", _str),
    "preview": ("preview", _bool),
    "quiet": ("quiet", _bool),
    "footage_credit": ("footage_credit", _str),
}
_PATH_KEYS = {"out", "templates_dir", "brand", "music"}


def load_config(path: str | Path | None = None, *, cwd: Path | None = None) -> Config:
    """Read ``repackage.toml`` (given, or found in ``cwd``) over the defaults.

    A missing default file is fine; a missing file named explicitly is an
    error. Every problem in the file is collected and raised together.
    """
    explicit = path is not None
    cfg_path = Path(path) if explicit else (cwd or Path.cwd()) / "repackage.toml"
    if not cfg_path.exists():
        if explicit:
            raise ConfigError("no such config file", path=str(cfg_path))
        return Config()
    if cfg_path.is_dir():
        raise ConfigError("is a directory, expected a repackage.toml file", path=str(cfg_path))
    try:
        data = tomllib.loads(cfg_path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"invalid TOML: {exc}", path=str(cfg_path)) from None
    except UnicodeDecodeError:
        raise ConfigError("not UTF-8 text", path=str(cfg_path)) from None

    # Accept both a flat file and one with a [repackage] table.
    table = data.get("repackage", data) if isinstance(data.get("repackage"), dict) else data
    values: dict[str, Any] = {}
    problems: list[str] = []
    base = cfg_path.parent
    for key, raw in table.items():
        if key not in _KEYS:
            hint = difflib.get_close_matches(key, list(_KEYS), n=1)
            extra = f"; did you mean {hint[0]!r}?" if hint else ""
            problems.append(f"{cfg_path}: {key}: unknown setting{extra}")
            continue
        name, check = _KEYS[key]
        try:
            value = check(raw)
        except ValueError as exc:
            problems.append(f"{cfg_path}: {key}: {exc}")
            continue
        if key in _PATH_KEYS:
            value = (base / value).resolve()
        values[name] = value
    if problems:
        raise ConfigError("\n".join(problems), path=None)
    return replace(Config(), source=str(cfg_path), **values)


def config_keys() -> list[str]:
    """The settings ``repackage.toml`` accepts (for docs and tests)."""
    return list(_KEYS)


def _check_fields() -> None:  # keeps _KEYS honest at import time
    names = {f.name for f in fields(Config)}
    for name, _ in _KEYS.values():
        assert name in names, name


_check_fields()
