"""Where the shipped ``templates/`` and ``assets/`` folders are.

In a source checkout (editable install) they are the top-level folders of the
repository; in a wheel they ship inside the package as ``repackage/_data/``.
A newsroom points the tool at its own folders through ``repackage.toml`` or
command-line flags; these are only the defaults.
"""

from __future__ import annotations

from pathlib import Path

_PKG = Path(__file__).resolve().parent


def _find(name: str) -> Path:
    packaged = _PKG / "_data" / name
    if packaged.is_dir():
        return packaged
    checkout = _PKG.parent.parent / name  # src/repackage -> repo root
    if checkout.is_dir():
        return checkout
    return packaged  # may not exist; callers report it clearly


def templates_dir() -> Path:
    return _find("templates")


def assets_dir() -> Path:
    return _find("assets")


def examples_dir() -> Path:
    """The bundled example articles (the seed and an English article)."""
    return _find("examples")
