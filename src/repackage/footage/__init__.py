"""Footage: find where the Story's card quotes are spoken in source footage,
and plan one vertical clip per quote found (``plan_footage``).

``match`` scores a quote against a transcript, ``faces`` follows the
speaker's face for the 9:16 window, ``plan`` makes the clip jobs that
``repackage.render.footage`` draws.
"""

from .match import FOUND_SCORE, QuoteMatch, find_quote, words_of
from .plan import FootageClipJob, FootagePlan, FootageQuote, plan_footage

__all__ = ["FOUND_SCORE", "FootageClipJob", "FootagePlan", "FootageQuote", "QuoteMatch", "find_quote",
           "plan_footage", "words_of"]
