"""Article -> Story: sentences, quotes and speakers, captions and hook,
entities and hashtags, post copy and alt text, display typography, and the
faithfulness check that guards them all.

The front door is ``build_story(article)``; the other names are exported for
renderers (``typeset``, ``plain``, ``display_caption``, ``display_quote``) and
reports (``findings``).
"""

from __future__ import annotations

from repackage.editorial.faithfulness import check_faithfulness, findings
from repackage.editorial.story import build_story, slugify
from repackage.editorial.typography import display_caption, display_quote, plain, typeset

__all__ = [
    "build_story",
    "check_faithfulness",
    "display_caption",
    "display_quote",
    "findings",
    "plain",
    "slugify",
    "typeset",
]
