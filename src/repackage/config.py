"""Run settings: defaults < ``repackage.toml`` < command-line flags.

Every setting is one row of :data:`SETTINGS` (validator, help text, how its
default reads) over the defaults of :class:`Config`; ``repackage.toml`` is
checked with it and the command-line options and their ``--help`` are
generated from it, so the README, ``--help`` and the code cannot disagree. ``repackage.toml`` is
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
ASR_ENGINES = ("faster-whisper", "openai-whisper")


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


@dataclass(frozen=True)
class Setting:
    """One row of the settings table: a ``Config`` field, its ``repackage.toml``
    key, validator and help text. The default is the ``Config`` field's; the
    command-line options and their ``--help`` are generated from this row
    (``repackage.cli``), so no default or help text is written twice."""

    key: str  # Config field = repackage.toml key = the long flag without dashes ("_" -> "-")
    check: Callable[[Any], Any]
    help: str
    shown_default: str | None = None  # how the default reads in --help; None: the value itself; "": not shown
    toml: bool = True  # accepted in repackage.toml
    path: bool = False  # a path, resolved against the folder of the file that names it
    low: int | None = None  # whole numbers: the accepted range
    high: int | None = None
    choices: tuple[str, ...] = ()

    @property
    def default(self) -> Any:
        f = Config.__dataclass_fields__[self.key]
        return f.default

    def default_text(self) -> str:
        if self.shown_default is not None:
            return self.shown_default
        value = self.default
        if isinstance(value, bool):
            return "on" if value else "off"
        if isinstance(value, (tuple, list)):
            return ",".join(map(str, value))
        return str(value)

    def cli_help(self) -> str:
        """The option's help text in ``--help``: the help, then ``[default: ...]`` when there is one."""
        shown = self.default_text()
        return f"{self.help}  [default: {shown}]" if shown else self.help


def _ranged(low: int, high: int) -> dict[str, Any]:
    return {"check": _int_range(low, high), "low": low, "high": high}


SETTINGS: tuple[Setting, ...] = (
    Setting("out", _str, "Output folder; each article's files go to OUT/<slug>/.", path=True),
    Setting("lang", _lang, "Article language (fr, en, ...).", shown_default="detected"),
    Setting("formats", parse_formats,
            f"Which outputs to make, comma-separated: {', '.join(FORMATS)}, all or none. "
            "story.json, copy.txt and manifest.json are always written.", shown_default="all"),
    Setting("captions", help="Number of on-screen captions.", **_ranged(1, 12)),
    Setting("caption_chars", help="Longest caption, in characters.", toml=True, **_ranged(40, 300)),
    Setting("hook_chars", help="Longest hook (the clip's first words), in characters.", **_ranged(20, 200)),
    Setting("hashtags", help="Number of hashtags in the post copy.", **_ranged(0, 10)),
    Setting("templates_dir", _str, "Folder of templates to use instead of the shipped ones.",
            shown_default="the shipped templates", path=True),
    Setting("brand", _str, "Brand file (outlet, handle, colours, fonts, logo).",
            shown_default="the shipped brand file", path=True),
    Setting("card_templates", _names, "Card template to render (repeat).", shown_default="every card template"),
    Setting("sizes", _sizes, "Card size WxH (repeat).",
            shown_default="each template's first size, e.g. 1080x1350 for quote cards and 1080x1920 for the cover"),
    Setting("image_format", _choice(IMAGE_FORMATS), "Card file format.", choices=IMAGE_FORMATS),
    Setting("clip_template", _str, "Clip template."),
    Setting("clip_size", parse_size, "Clip size WxH (1080x1920, 1080x1080, 1920x1080 where the template allows).",
            shown_default="the template's first size"),
    Setting("photos", _str, "Photo for card and clip backgrounds (repeat for several).", shown_default="",
            toml=False),
    Setting("photo_credit", _str, "Credit printed for --photo.", shown_default="the article's photo credit line"),
    Setting("music", _str, "Music bed for the clip (looped or trimmed, faded, loudness-normalised).",
            shown_default="the template's music bed", path=True),
    Setting("voiceover", _str, "Narration (audio or video) that drives the clip: transcribed offline with Whisper, "
            "spelled as the article, the clip as long as the voice, words burned in as spoken, music ducked under it.",
            shown_default="", toml=False),
    Setting("asr_engine", _choice(ASR_ENGINES), "Speech engine for transcribing (transcribe, --voiceover, --footage).", choices=ASR_ENGINES),
    Setting("asr_model", _str, "Whisper model for transcribing (transcribe, --voiceover, --footage): a name looked up in "
            "$REPACKAGE_ASR_MODEL_DIR then ~/.cache/repackage/asr, or a path."),
    Setting("footage", _str, "Video with the people quoted: cut one vertical clip per card quote found spoken in it "
            "(transcribed with Whisper; see README, 'Footage').", shown_default="", toml=False),
    Setting("footage_credit", _str, "Who shot the footage, printed on its clips.", shown_default=""),
    Setting("preview", _bool, "Fast low-resolution draft of the clip.", shown_default=""),
    Setting("quiet", _bool, "No progress messages on stderr (errors are still printed).", shown_default=""),
)
SETTING: dict[str, Setting] = {s.key: s for s in SETTINGS}

# key in repackage.toml -> (Config field, validator). Paths resolve against the
# folder of the file that names them.
_KEYS: dict[str, tuple[str, Callable[[Any], Any]]] = {s.key: (s.key, s.check) for s in SETTINGS if s.toml}
_PATH_KEYS = {s.key for s in SETTINGS if s.path}


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


def _check_fields() -> None:  # keeps the table honest at import time
    names = {f.name for f in fields(Config)}
    for setting in SETTINGS:
        assert setting.key in names, setting.key


_check_fields()
