"""repackage: turn a news article into social assets (captions, post copy,
quote cards, vertical clips) with a manifest and a review page."""

from __future__ import annotations

import logging

__version__ = "0.1.0"

__all__ = ["__version__"]

# A library logs; the application decides where logs go. Without this,
# Python's last-resort handler printed every skipped card raw on stderr,
# twice beside the CLI's own progress line and even with --quiet.
logging.getLogger(__name__).addHandler(logging.NullHandler())
