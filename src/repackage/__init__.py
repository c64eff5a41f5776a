"""repackage: turn a news article into social assets (captions, post copy,
quote cards, vertical clips) with a manifest and a review page."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
