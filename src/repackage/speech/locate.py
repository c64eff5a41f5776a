"""Where speech model files are looked for (nothing is ever downloaded).

``--asr-model`` is a name (``base``, ``small``, ...) or a path. A path is used
as it is: a folder holding a CTranslate2 ``model.bin`` for faster-whisper, a
``.pt`` checkpoint for openai-whisper. A name is looked up, in this order, in

1. ``$REPACKAGE_ASR_MODEL_DIR/<engine>/`` when that variable is set,
2. ``$XDG_CACHE_HOME/repackage/asr/<engine>/`` (``~/.cache/repackage/asr/<engine>/``),

as ``faster-whisper/<name>/model.bin`` or ``openai-whisper/<name>.pt``;
openai-whisper's own cache ``~/.cache/whisper/<name>.pt`` is read too (the
files ``whisper`` downloads on a connected machine). ``scripts/prepare-asr-model``
fills the cache with Whisper base for both engines.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import SpeechError

ENGINES = ("faster-whisper", "openai-whisper")
DEFAULT_ENGINE = "faster-whisper"
DEFAULT_MODEL = "base"
ENV_MODEL_DIR = "REPACKAGE_ASR_MODEL_DIR"


def cache_root() -> Path:
    """``$XDG_CACHE_HOME/repackage/asr`` (``~/.cache/repackage/asr`` by default)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "repackage" / "asr"


def model_roots() -> list[Path]:
    """The folders a model name is looked up in, first match wins."""
    roots = []
    env = os.environ.get(ENV_MODEL_DIR)
    if env:
        roots.append(Path(env).expanduser())
    roots.append(cache_root())
    return roots


def _candidates(engine: str, name: str) -> list[Path]:
    if engine == "faster-whisper":
        return [root / engine / name for root in model_roots()]
    out = [root / engine / f"{name}.pt" for root in model_roots()]
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    out.append(Path(base) / "whisper" / f"{name}.pt")
    return out


def _usable(engine: str, path: Path) -> bool:
    if engine == "faster-whisper":
        return (path / "model.bin").is_file() and (path / "config.json").is_file()
    return path.is_file()


def _looks_like_path(model: str) -> bool:
    return os.sep in model or "/" in model or model.startswith(".") or model.endswith(".pt") or model.startswith("~")


def check_engine(engine: str) -> None:
    if engine not in ENGINES:
        raise SpeechError(f"unknown speech engine {engine!r}; use one of: {', '.join(ENGINES)}")


def locate_model(engine: str, model: str | os.PathLike | None = None) -> Path:
    """The model files ``engine`` should load for ``model`` (a name or a path).

    SpeechError naming every place looked at, and how to fill them, when
    nothing usable is found.
    """
    check_engine(engine)
    model = str(model or DEFAULT_MODEL)
    if _looks_like_path(model) or Path(model).expanduser().exists():
        path = Path(model).expanduser()
        if _usable(engine, path):
            return path
        want = "a folder with model.bin and config.json (CTranslate2 Whisper)" if engine == "faster-whisper" \
            else "a .pt checkpoint file"
        raise SpeechError(f"not a {engine} model: {engine} needs {want}", str(path))
    for path in _candidates(engine, model):
        if _usable(engine, path):
            return path
    places = ", ".join(str(p) for p in _candidates(engine, model))
    hint = "run scripts/prepare-asr-model (Whisper base for both engines)" if model == "base" else \
        f"copy the {model!r} model there"
    raise SpeechError(f"no {engine} model {model!r} found (looked in {places}); {hint}, "
                      f"or pass --asr-model PATH (see README, 'Speech')")
